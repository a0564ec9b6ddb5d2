// A width taken from another placeholder is not supported.
fn main() {
    let x = 1;
    let w = 4;
    hlog::info!("{x:>{w}}");
}
