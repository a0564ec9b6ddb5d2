// The ticklog row (included into main.rs: see the note there).

/// ticklog: its `info!` checks the level, copies the format string's address, the call site and
/// the arguments in binary into the calling thread's 1 MiB ring, and returns; its drain thread
/// (spinning with a capped back-off, never sleeping) formats and writes. `Backpressure::Block`
/// (its default drops records when a ring is full), its `FileSink` (a 64 KiB buffer, flushed
/// when the drain goes idle) and the pattern closest to loguru's that its fields allow: no
/// module or function, `{file}:{line}`, and its only time, RFC 3339 in UTC with nanoseconds.
/// Positional arguments only (`{}`). Dropping the guard drains every ring, flushes the file and
/// joins the drain thread.
fn ticklog_row(dir: &std::path::Path, threads: usize) -> measure::Outcome {
    use measure::{IP, MS, USER};
    use std::hint::black_box;
    let guard = ticklog::configure! {
        sink: ticklog::FileSink::truncate(dir.join("ticklog.log")).unwrap(),
        max_level: ticklog::Level::Info,
        backpressure: ticklog::Backpressure::Block,
        format: "{timestamp} | {level:<8} | {file}:{line} - {message}",
    }
    .unwrap();
    let user = USER;
    measure::drive_threads(
        threads,
        |i| {
            ticklog::info!(
                "User {} logged in from {} (id={}, ms={})",
                user,
                black_box(IP),
                i,
                black_box(MS)
            )
        },
        move || drop(guard),
    )
}
