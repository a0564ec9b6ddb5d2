// `{x:>w$}`: width arguments are not supported. ONE error: nothing about `w` (which the spec
// meant to use) being unused or being a near miss of `{x}`.
fn main() {
    let x = 1;
    hlog::info!("{x:>w$}", w = 3);
    let _ = x;
}
