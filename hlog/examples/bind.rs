//! Bound fields (loguru's `logger.bind(...)`): `cargo run --example bind`. A child logger
//! carries `request_id` and `user` into every line it logs; the root logs without them.

use hlog::Logger;

/// What the example logs, through `logger` (the global one when run; a test passes its own).
pub(crate) fn run(logger: &Logger) {
    let user = "alice";
    let request = hlog::bind!(logger; request_id = "abc-123", user);
    hlog::info!(request, "Request started");
    let attempt = hlog::bind!(request; attempt = 2);
    hlog::warning!(attempt, "Retrying the payment");
    hlog::info!(logger, "The root logger has no bound field");
}

fn main() {
    hlog::remove_all();
    hlog::add(hlog::sink::Console::stdout())
        .format("{level: <8} | {message} {extra}")
        .install()
        .unwrap();
    run(hlog::logger());
}
