// A colour index is 0–255.
fn main() {
    hlog::info!("<bg 256>alert</>");
}
