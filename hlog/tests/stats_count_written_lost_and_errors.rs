//! `stats()` counts exactly: `written` the records that reached the sink and stayed, `lost`
//! the ones that did not (`written + lost` is every record the handler took), `errors` the
//! failures, whether or not they cost a record.

use std::io;
use std::path::Path;

use hlog::Record;
use hlog::sink::file::Compression;
use hlog::sink::{FileSink, Sink};

fn counts(logger: &hlog::Logger) -> (u64, u64, u64) {
    let stats = logger.stats();
    (stats[0].written, stats[0].lost, stats[0].errors)
}

/// A failing compression costs no record: the record whose write brought the failure back
/// counts as written (it was), each failure as one error.
#[test]
fn a_background_failure_is_an_error_not_a_lost_record() {
    let dir = std::env::temp_dir().join(format!("hlog-stats-bg-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let full = Compression::custom(|_: &Path| Err(io::Error::from(io::ErrorKind::StorageFull)));
    let sink = FileSink::new(dir.join("app.log")).rotation(16_u64).compression(full).buffer_size(0);
    let logger = hlog::Logger::new();
    logger.add(sink).format("{message}").install().unwrap();
    hlog::info!(logger, "the first line");
    hlog::info!(logger, "the second line"); // rotates: the compression fails in the background
    logger.complete(); // (the failure comes back here, or with the next write)
    assert_eq!(counts(&logger), (2, 0, 1));
    hlog::info!(logger, "the third line"); // rotates again, and fails again
    logger.complete();
    assert_eq!(counts(&logger), (3, 0, 2));
    let mut text = String::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        text += &std::fs::read_to_string(entry.unwrap().path()).unwrap();
    }
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort();
    assert_eq!(lines, ["the first line", "the second line", "the third line"]);
    drop(logger);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Refuses every other record.
struct EveryOther(u32);

impl Sink for EveryOther {
    fn write(&mut self, _: &[u8], _: &Record<'_>) -> io::Result<()> {
        self.0 += 1;
        if self.0 % 2 == 0 { Err(io::Error::other("refused")) } else { Ok(()) }
    }
}

#[test]
fn a_refused_record_is_lost_and_an_error() {
    let logger = hlog::Logger::new();
    logger.add(EveryOther(0)).install().unwrap();
    for i in 0..10 {
        hlog::info!(logger, "record {i}");
    }
    assert_eq!(counts(&logger), (5, 5, 5));
}

/// Keeps records and, on flush, reports that three of them were dropped.
struct DropsThree;

impl Sink for DropsThree {
    fn write(&mut self, _: &[u8], _: &Record<'_>) -> io::Result<()> {
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        Err(hlog::sink::Fault::lost(io::Error::from(io::ErrorKind::StorageFull), 3))
    }
}

#[test]
fn records_dropped_from_a_buffer_move_from_written_to_lost() {
    let logger = hlog::Logger::new();
    logger.add(DropsThree).install().unwrap();
    for i in 0..10 {
        hlog::info!(logger, "record {i}");
    }
    assert_eq!(counts(&logger), (10, 0, 0));
    logger.complete();
    assert_eq!(counts(&logger), (7, 3, 1));
}

/// A panicking filter drops its record: lost, and an error. (A panicking `Display` does not:
/// its record is written with a marker in place of the value.)
#[test]
fn a_record_whose_filter_panics_is_lost() {
    let capture = hlog::sink::Capture::new();
    let logger = hlog::Logger::new();
    logger
        .add(capture.clone())
        .format("{message}")
        .filter(|record| {
            assert!(record.message().to_string() != "boom", "filter boom");
            true
        })
        .install()
        .unwrap();
    hlog::info!(logger, "kept");
    hlog::info!(logger, "boom");
    assert_eq!(counts(&logger), (1, 1, 1));
    assert_eq!(capture.text(), "kept\n");
}
