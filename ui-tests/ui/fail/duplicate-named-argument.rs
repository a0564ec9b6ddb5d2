// The same name given twice: should be ONE error, "duplicate argument named `n`" at the second
// `n`. BUG: a second error follows, "named argument `n` is never used in the template" at the
// first `n = 3`, which the template does use. (`info!("{a}", a, a = 2)` does the same with
// "argument never used" at the shorthand `a`.)
fn main() {
    hlog::info!("{n} items", n = 3, n = 4);
}
