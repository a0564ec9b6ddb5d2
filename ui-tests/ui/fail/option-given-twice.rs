// Each call option (`raw`, `caller`) is given once.
fn main() {
    hlog::info!(raw, raw, "twice");
}
