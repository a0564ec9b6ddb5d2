// The same name given twice: ONE error, "duplicate argument named `n`", at the second `n`
// (no "never used" at the first).
fn main() {
    hlog::info!("{n} items", n = 3, n = 4);
}
