// `info!` takes at most one argument (the logger) before the template.
fn main() {
    let logger = hlog::Logger::new();
    hlog::info!(logger, 1, "x");
}
