//! Contextual fields (loguru's `with logger.contextualize(...)`): `cargo run --example
//! contextualize`. Everything logged inside a scope carries its fields, through any logger;
//! async tasks carry theirs wherever they are polled.

use hlog::{FutureExt as _, Logger};

fn charge(logger: &Logger, cents: u64) {
    // This function knows nothing of the request; its line still carries the request's id.
    hlog::info!(logger, "Charging {cents} cents");
}

/// What the example logs, through `logger` (the global one when run; a test passes its own).
pub(crate) fn run(logger: &Logger) {
    {
        let _request = hlog::contextualize!(request_id = "r-1");
        hlog::info!(logger, "Request started");
        charge(logger, 1250);
    }
    hlog::with_context(hlog::fields!(job = "cleanup"), || hlog::info!(logger, "Job ran"));
    // A future carries its fields into whichever thread polls it (here, a trivial executor).
    let task = {
        let logger = logger.clone();
        async move { hlog::info!(logger, "Polled inside a task") }
            .in_context(hlog::fields!(task = 7))
    };
    let mut task = std::pin::pin!(task);
    let waker = std::task::Waker::noop();
    let _ = task.as_mut().poll(&mut std::task::Context::from_waker(waker));
    hlog::info!(logger, "Outside every scope");
}

fn main() {
    hlog::remove_all();
    hlog::add(hlog::sink::Console::stdout())
        .format("{level: <8} | {message} {extra}")
        .install()
        .unwrap();
    run(hlog::logger());
}
