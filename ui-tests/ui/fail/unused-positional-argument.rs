// A positional argument that no placeholder refers to.
fn main() {
    hlog::info!("{} items", 3, 4);
}
