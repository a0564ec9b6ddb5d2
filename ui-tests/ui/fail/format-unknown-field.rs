// `{lvl}` is not a record field (`{level}` is).
fn main() {
    let _ = hlog::fmt!("{lvl} {message}");
}
