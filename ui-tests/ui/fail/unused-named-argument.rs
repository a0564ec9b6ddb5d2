// A named argument that no placeholder refers to.
fn main() {
    hlog::info!("{n} items", n = 3, total = 10);
}
