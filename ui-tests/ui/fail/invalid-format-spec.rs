// `{x:.2f}`: `f` is Python's float type, which Rust does not need.
fn main() {
    let x = 1.5;
    hlog::info!("{x:.2f}");
}
