// The left side of a named argument must be a plain name.
fn main() {
    let a = (1,);
    hlog::info!("{}", a.0 = 1);
}
