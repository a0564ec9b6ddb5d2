//! Rotated files are compressed off the logging thread (`.gz` passes `gzip -t`), retention keeps
//! exactly the newest N of this sink's files and never touches a foreign file, and without
//! rotation the live file is compressed when the sink is removed.

mod common;

use std::io::Read;

use common::{Clock, TempDir};
use hlog::sink::FileSink;
use hlog::time::Zone;

const START: i64 = 1_774_535_400;

/// Log `n` records, one a second, each into a new file (rotation: 1 byte).
fn rotate_n(logger: &hlog::Logger, clock: &Clock, n: usize) {
    for i in 0..n {
        hlog::info!(logger, "record {i}");
        clock.advance(1.0);
    }
    logger.complete();
}

#[test]
fn gzip_compression_passes_gzip_t_and_keeps_the_content() {
    let dir = TempDir::new("gz");
    let clock = Clock::at(START);
    let logger = clock.logger();
    let sink =
        FileSink::new(dir.join("app.log")).rotation(1u64).compression("gz").zone(Zone::utc());
    logger.add(sink).format("{message}").install().unwrap();
    rotate_n(&logger, &clock, 3);
    let names = dir.names();
    assert_eq!(
        names,
        [
            "app.2026-03-26_14-30-00_000000.log.gz",
            "app.2026-03-26_14-30-01_000000.log.gz",
            "app.log"
        ]
    );
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(dir.join(&names[0])).unwrap())
        .read_to_string(&mut text)
        .unwrap();
    assert_eq!(text, "record 0\n");
    if let Ok(status) =
        std::process::Command::new("gzip").arg("-t").arg(dir.join(&names[1])).status()
    {
        assert!(status.success(), "gzip -t");
    }
}

#[test]
fn count_retention_keeps_the_newest_and_foreign_files() {
    let dir = TempDir::new("count");
    for foreign in ["app.notes.log", "app.log.bak", "app.error.log", "app.py"] {
        std::fs::write(dir.join(foreign), "mine\n").unwrap();
    }
    let clock = Clock::at(START);
    let logger = clock.logger();
    let sink = FileSink::new(dir.join("app.log")).rotation(1u64).retention(2).zone(Zone::utc());
    logger.add(sink).format("{message}").install().unwrap();
    rotate_n(&logger, &clock, 6);
    assert_eq!(
        dir.names(),
        [
            "app.2026-03-26_14-30-03_000000.log",
            "app.2026-03-26_14-30-04_000000.log",
            "app.error.log",
            "app.log",
            "app.log.bak",
            "app.notes.log",
            "app.py"
        ]
    );
    assert_eq!(std::fs::read_to_string(dir.join("app.log")).unwrap(), "record 5\n");
}

#[test]
fn age_retention_deletes_what_is_older() {
    let dir = TempDir::new("age");
    let old = dir.join("app.2020-01-01_00-00-00_000000.log");
    std::fs::write(&old, "ancient\n").unwrap();
    std::fs::write(dir.join("app.notes.log"), "foreign\n").unwrap();
    let clock = Clock::at(START);
    let logger = clock.logger();
    let sink =
        FileSink::new(dir.join("app.log")).rotation(1u64).retention("1 hour").zone(Zone::utc());
    logger.add(sink).format("{message}").install().unwrap();
    // The rotated files were written just now by the real clock; the test clock is in March
    // 2026, so only a file older than an hour *before March 2026* would go.
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    std::fs::File::options().write(true).open(&old).unwrap().set_modified(an_hour_ago).unwrap();
    clock.set(
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()
            as i64,
        0,
    );
    rotate_n(&logger, &clock, 2);
    let names = dir.names();
    assert!(!names.contains(&"app.2020-01-01_00-00-00_000000.log".to_owned()), "{names:?}");
    assert!(names.contains(&"app.notes.log".to_owned()));
    assert_eq!(names.len(), 3, "one rotated file, the live one and the foreign one: {names:?}");
}

#[test]
fn without_rotation_the_live_file_is_compressed_when_the_sink_goes() {
    let dir = TempDir::new("close");
    let logger = Clock::at(START).logger();
    let id = logger
        .add(FileSink::new(dir.join("app.log")).compression("gz"))
        .format("{message}")
        .install()
        .unwrap();
    hlog::info!(logger, "done");
    logger.remove(id).unwrap();
    drop(logger);
    // The background worker finishes its job before its thread ends.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while dir.names() != ["app.log.gz"] && std::time::Instant::now() < deadline {
        std::thread::yield_now();
    }
    assert_eq!(dir.names(), ["app.log.gz"]);
}
