// A format names record fields; `{}` is not one.
fn main() {
    let _ = hlog::fmt!("{} {message}");
}
