// The argument before the template of `info!` must be a `Logger`.
fn main() {
    hlog::info!(42, "x");
}
