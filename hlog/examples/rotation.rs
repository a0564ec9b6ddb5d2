//! Rotation, retention and compression of log files: `cargo run --example rotation`.
//!
//! loguru's `logger.add("app.log", rotation="1 KB", retention=2, compression="gz")`. The
//! example drives the logger's clock itself (`Logger::with_clock`), so a day passes at once; it
//! writes into a temporary folder and removes it at the end.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use hlog::Logger;
use hlog::sink::FileSink;
use hlog::sink::file::{Retention, Rotation};
use hlog::time::{Timestamp, Zone};

/// 2026-03-26 14:30:00 UTC.
const START: i64 = 1_774_535_400;

/// The folder's file names, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn demo(dir: &Path) -> Vec<String> {
    let now = Arc::new(AtomicI64::new(START));
    let clock = now.clone();
    let logger = Logger::new()
        .with_clock(move || Timestamp::from_unix(clock.load(Ordering::Relaxed), 0))
        .with_zone(Zone::utc());

    // By size: a new file before a record that would pass 1 KB; keep the newest two rotated
    // files (`Retention::keep_last(2)`; or "7 days"), gzip them on a background thread.
    let by_size = FileSink::new(dir.join("app.log"))
        .rotation("1 KB") // or Rotation::size(1_000)
        .retention(Retention::keep_last(2))
        .compression("gz")
        .zone(Zone::utc());
    logger.add(by_size).format("{message}").install().unwrap();

    // By time: a new file each midnight (or "1 day", "monday at 12:00", Rotation::hourly()...).
    let daily =
        FileSink::new(dir.join("daily.log")).rotation(Rotation::daily_at(0, 0)).zone(Zone::utc());
    logger.add(daily).format("{time:YYYY-MM-DD HH:mm} {message}").install().unwrap();

    // 80 records of 50 bytes: four files' worth.
    for i in 0..80 {
        hlog::info!(logger, "record {i:02} {}", "x".repeat(39));
        now.fetch_add(60, Ordering::Relaxed); // a minute a record
    }
    now.store(START + 86_400, Ordering::Relaxed); // the next day
    hlog::info!(logger, "a new day");
    drop(logger); // closes the files, waiting for the compression
    names(dir)
}

fn main() {
    let dir = std::env::temp_dir().join(format!("hlog-example-rotation-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for name in demo(&dir) {
        let size = std::fs::metadata(dir.join(&name)).unwrap().len();
        println!("{name:<45} {size:>5} bytes");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn rotates_keeps_two_and_compresses() {
    let dir =
        std::env::temp_dir().join(format!("hlog-example-rotation-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let names = demo(&dir);
    let last = std::fs::read_to_string(dir.join("daily.log")).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(
        names,
        [
            "app.2026-03-26_15-10-00_000000.log.gz",
            "app.2026-03-26_15-30-00_000000.log.gz",
            "app.log",
            "daily.2026-03-26_14-30-00_000000.log",
            "daily.log",
        ]
    );
    assert_eq!(last, "2026-03-27 14:30 a new day\n");
}
