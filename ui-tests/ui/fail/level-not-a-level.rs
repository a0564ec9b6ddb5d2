// The level of `log!` must be a `Level` (or a level's name as a string literal).
fn main() {
    hlog::log!(42, "x");
}
