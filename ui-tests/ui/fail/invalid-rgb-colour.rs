// Each of `R,G,B` is 0–255.
fn main() {
    hlog::info!("<fg 255,87,300>alert</>");
}
