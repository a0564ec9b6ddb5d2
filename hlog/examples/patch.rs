//! A patched logger (loguru's `logger.patch(...)`): `cargo run --example patch`. Its closure
//! adds `elapsed_ms`, the milliseconds since the start, to every record.

use hlog::Logger;

/// What the example logs, through `logger` (the global one when run; a test passes its own
/// with a clock that moves by itself).
pub(crate) fn run(logger: &Logger) {
    let start = logger.now();
    let timed = logger.patch(move |patch| {
        let time = patch.record().time();
        let ms = (time.secs() - start.secs()) * 1000
            + (i64::from(time.nanos()) - i64::from(start.nanos())) / 1_000_000;
        patch.set("elapsed_ms", ms.into());
    });
    hlog::info!(timed, "Loading the configuration");
    hlog::info!(timed, "Ready");
}

fn main() {
    hlog::remove_all();
    hlog::add(hlog::sink::Console::stdout())
        .format("{level: <8} | {message} (+{extra[elapsed_ms]} ms)")
        .install()
        .unwrap();
    run(hlog::logger());
}
