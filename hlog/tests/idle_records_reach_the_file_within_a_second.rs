//! A file sink's buffered records reach the file within a second when nothing more is logged:
//! the sink's background thread writes the buffer out (no later record, no `complete()`).
//! This test waits for that timer, so it sleeps (1.5 s).

use std::time::{Duration, Instant};

use hlog::sink::FileSink;

#[test]
fn a_quiet_programs_records_reach_the_file() {
    let dir = std::env::temp_dir().join(format!("hlog-idle-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let logger = hlog::Logger::new();
    logger.add(FileSink::new(dir.join("app.log"))).format("{message}").install().unwrap();
    for i in 0..200 {
        hlog::info!(logger, "record {i}");
    }
    let logged = Instant::now();
    let read = || std::fs::read_to_string(dir.join("app.log")).unwrap();
    // Watch it arrive, and say when.
    while read().lines().count() < 200 && logged.elapsed() < Duration::from_millis(1500) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let elapsed = logged.elapsed();
    let expected: Vec<String> = (0..200).map(|i| format!("record {i}")).collect();
    assert_eq!(read().lines().collect::<Vec<_>>(), expected, "all there after {elapsed:?}");
    let stats = logger.stats();
    assert_eq!((stats[0].written, stats[0].lost, stats[0].errors), (200, 0, 0));
    drop(logger);
    let _ = std::fs::remove_dir_all(&dir);
}
