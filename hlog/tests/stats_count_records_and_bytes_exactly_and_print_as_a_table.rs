//! `stats()` gives, per handler id, its level, its sink, and exact counts of records written
//! and bytes after N calls, and prints as a table with one row per handler.

use hlog::sink::Capture;
use hlog::{Level, Logger};

#[test]
fn counts_are_exact_after_n_calls() {
    let logger = Logger::new();
    let all = logger.add(Capture::new()).format("{message}").install().unwrap();
    let warnings = logger
        .add(Capture::new())
        .format("[{level}] {message}")
        .level("WARNING")
        .install()
        .unwrap();
    const N: u64 = 1000;
    for i in 0..N {
        if i % 10 == 0 {
            hlog::warning!(logger, "w{}", i % 10);
        } else {
            hlog::info!(logger, "i{}", i % 10);
        }
    }
    let stats = logger.stats();
    assert_eq!(stats.len(), 2);
    let (a, w) = (&stats[0], &stats[1]);
    assert_eq!((a.id, a.level, a.sink.as_str()), (all, Level::TRACE.no(), "capture"));
    assert_eq!((a.written, a.lost, a.errors, a.dropped), (N, 0, 0, 0));
    assert_eq!(a.bytes, N * 3, "\"i7\\n\": three bytes a record");
    assert_eq!((w.id, w.level), (warnings, Level::WARNING.no()));
    assert_eq!(w.written, N / 10);
    assert_eq!(w.bytes, N / 10 * "[WARNING] w0\n".len() as u64);
}

#[test]
fn the_table_has_a_row_per_handler() {
    let logger = Logger::new();
    logger.add(Capture::new()).format("{message}").level("INFO").install().unwrap();
    logger.add(Capture::new()).format("{message}").level("OFF").install().unwrap();
    hlog::error!(logger, "twelve bytes");
    let table = logger.stats().to_string();
    assert_eq!(
        table,
        "id  level  sink     written  lost  errors  dropped  bytes\n\
         0   INFO   capture  1        0     0       0        13\n\
         1   OFF    capture  0        0     0       0        0\n"
    );
    assert_eq!(Logger::new().stats().to_string().lines().count(), 1, "the heads alone");
}
