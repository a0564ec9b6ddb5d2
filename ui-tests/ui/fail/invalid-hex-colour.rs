// `#FF57` is neither `#RRGGBB` nor `#RGB`.
fn main() {
    hlog::info!("<fg #FF57>alert</>");
}
