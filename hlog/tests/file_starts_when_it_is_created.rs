//! A file the sink creates starts when it is created: at `add()` by the logger's clock, or at
//! the first record with `delay`. That instant anchors interval rotation and names the file
//! when it is rotated (loguru's rule), not the file's first record.

mod common;

use common::{Clock, TempDir};
use hlog::sink::FileSink;
use hlog::time::Zone;

/// 2026-03-26 10:30:00 UTC.
const TEN_THIRTY: i64 = 1_774_521_000;
const MINUTE: f64 = 60.0;

fn read(dir: &TempDir, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

#[test]
fn an_interval_is_anchored_at_add_and_names_follow_the_starts() {
    let dir = TempDir::new("start-at-add");
    let clock = Clock::at(TEN_THIRTY);
    let logger = clock.logger();
    let sink =
        FileSink::new(dir.join("app.log")).rotation("1 hour").zone(Zone::utc()).buffer_size(0);
    logger.add(sink).format("{time:HH:mm} {message}").install().unwrap();
    // The first record comes later: the grid is still 11:30, 12:30, …
    clock.advance(15.0 * MINUTE); // 10:45
    hlog::info!(logger, "a");
    clock.advance(46.0 * MINUTE); // 11:31: past 11:30
    hlog::info!(logger, "b");
    clock.advance(58.0 * MINUTE); // 12:29: before 12:30
    hlog::info!(logger, "c");
    clock.advance(2.0 * MINUTE); // 12:31: past 12:30
    hlog::info!(logger, "d");
    logger.remove_all();
    assert_eq!(
        dir.names(),
        [
            // Started at add(), 10:30, not at its first record (10:45).
            "app.2026-03-26_10-30-00_000000.log",
            // Started by the rotation at 11:31.
            "app.2026-03-26_11-31-00_000000.log",
            "app.log",
        ]
    );
    assert_eq!(read(&dir, "app.2026-03-26_10-30-00_000000.log"), "10:45 a\n");
    assert_eq!(read(&dir, "app.2026-03-26_11-31-00_000000.log"), "11:31 b\n12:29 c\n");
    assert_eq!(read(&dir, "app.log"), "12:31 d\n");
}

#[test]
fn with_delay_the_file_starts_at_its_first_record() {
    let dir = TempDir::new("start-delay");
    let clock = Clock::at(TEN_THIRTY);
    let logger = clock.logger();
    let sink = FileSink::new(dir.join("app.log"))
        .rotation("1 hour")
        .delay(true)
        .zone(Zone::utc())
        .buffer_size(0);
    logger.add(sink).format("{time:HH:mm} {message}").install().unwrap();
    assert!(dir.names().is_empty(), "delay: nothing made at add()");
    clock.advance(15.0 * MINUTE); // 10:45: the file starts; the grid is 11:45, 12:45, …
    hlog::info!(logger, "a");
    clock.advance(46.0 * MINUTE); // 11:31: before 11:45
    hlog::info!(logger, "b");
    clock.advance(15.0 * MINUTE); // 11:46: past 11:45
    hlog::info!(logger, "c");
    logger.remove_all();
    assert_eq!(dir.names(), ["app.2026-03-26_10-45-00_000000.log", "app.log"]);
    assert_eq!(read(&dir, "app.2026-03-26_10-45-00_000000.log"), "10:45 a\n11:31 b\n");
    assert_eq!(read(&dir, "app.log"), "11:46 c\n");
}

#[test]
fn a_truncated_file_starts_at_add() {
    let dir = TempDir::new("start-truncate");
    std::fs::write(dir.join("app.log"), "an old run\n").unwrap();
    let clock = Clock::at(TEN_THIRTY);
    let logger = clock.logger();
    let sink = FileSink::new(dir.join("app.log"))
        .rotation("1 hour")
        .truncate(true)
        .zone(Zone::utc())
        .buffer_size(0);
    logger.add(sink).format("{time:HH:mm} {message}").install().unwrap();
    clock.advance(59.0 * MINUTE); // 11:29
    hlog::info!(logger, "a");
    clock.advance(2.0 * MINUTE); // 11:31
    hlog::info!(logger, "b");
    logger.remove_all();
    assert_eq!(dir.names(), ["app.2026-03-26_10-30-00_000000.log", "app.log"]);
    assert_eq!(read(&dir, "app.2026-03-26_10-30-00_000000.log"), "11:29 a\n");
    assert_eq!(read(&dir, "app.log"), "11:31 b\n");
}

#[test]
fn a_file_made_by_reopen_starts_at_the_reopen() {
    let dir = TempDir::new("start-reopen");
    let clock = Clock::at(TEN_THIRTY);
    let logger = clock.logger();
    let sink = FileSink::new(dir.join("app.log"))
        .rotation("1 hour")
        .watch(false)
        .zone(Zone::utc())
        .buffer_size(0);
    logger.add(sink).format("{time:HH:mm} {message}").install().unwrap();
    clock.advance(10.0 * MINUTE); // 10:40
    hlog::info!(logger, "a");
    std::fs::rename(dir.join("app.log"), dir.join("moved.txt")).unwrap();
    clock.advance(10.0 * MINUTE); // 10:50: a new file, started now
    logger.reopen();
    clock.advance(20.0 * MINUTE); // 11:10
    hlog::info!(logger, "b");
    clock.advance(21.0 * MINUTE); // 11:31: past 11:30, the grid of add()
    hlog::info!(logger, "c");
    logger.remove_all();
    assert_eq!(dir.names(), ["app.2026-03-26_10-50-00_000000.log", "app.log", "moved.txt"]);
    assert_eq!(read(&dir, "moved.txt"), "10:40 a\n");
    assert_eq!(read(&dir, "app.2026-03-26_10-50-00_000000.log"), "11:10 b\n");
    assert_eq!(read(&dir, "app.log"), "11:31 c\n");
}
