// One call with two distinct mistakes, an invalid format spec and a positional index out of
// range: both are reported.
fn main() {
    let x = 1.5;
    hlog::info!("{x:.2f} and {3}");
}
