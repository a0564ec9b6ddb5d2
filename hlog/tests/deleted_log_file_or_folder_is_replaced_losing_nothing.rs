//! A log file deleted while open (alone, or with its folder) is noticed before the sink next
//! writes to it: a new file is started at the path and the records buffered since go there.
//! Nothing is lost, nothing is counted twice, and the clock never moves (so the once-a-second
//! path check plays no part).

mod common;

use common::{Clock, TempDir};
use hlog::sink::FileSink;

fn lines(path: &std::path::Path) -> Vec<String> {
    std::fs::read_to_string(path).unwrap().lines().map(str::to_owned).collect()
}

fn records(range: std::ops::Range<usize>) -> Vec<String> {
    range.map(|i| format!("record {i}")).collect()
}

/// Log records `range`, then `complete()`.
fn log(logger: &hlog::Logger, range: std::ops::Range<usize>) {
    for i in range {
        hlog::info!(logger, "record {i}");
    }
}

#[test]
fn a_deleted_file_is_replaced_with_the_records_since() {
    let dir = TempDir::new("deleted-file");
    let path = dir.join("app.log");
    let logger = Clock::at(1_774_535_400).logger();
    logger.add(FileSink::new(&path)).format("{message}").install().unwrap();
    log(&logger, 0..5);
    logger.complete();
    assert_eq!(lines(&path), records(0..5));
    std::fs::remove_file(&path).unwrap();
    log(&logger, 5..10);
    logger.complete();
    assert_eq!(lines(&path), records(5..10));
    let stats = logger.stats();
    assert_eq!((stats[0].written, stats[0].lost, stats[0].errors), (10, 0, 0));
}

#[test]
fn records_buffered_before_the_deletion_go_to_the_new_file() {
    let dir = TempDir::new("deleted-buffered");
    let path = dir.join("app.log");
    let logger = Clock::at(1_774_535_400).logger();
    logger.add(FileSink::new(&path)).format("{message}").install().unwrap();
    log(&logger, 0..1);
    logger.complete();
    // Buffered (unless the sink's timer writes them out first: then they are in the deleted
    // file, which is where they were when it was deleted).
    log(&logger, 1..5);
    std::fs::remove_file(&path).unwrap();
    log(&logger, 5..10);
    logger.complete();
    let new = lines(&path);
    assert!(new == records(1..10) || new == records(5..10), "{new:?}");
    let stats = logger.stats();
    assert_eq!((stats[0].written, stats[0].lost, stats[0].errors), (10, 0, 0));
}

#[test]
fn a_deleted_folder_is_made_again() {
    let dir = TempDir::new("deleted-folder");
    let path = dir.join("logs/app.log");
    let logger = Clock::at(1_774_535_400).logger();
    logger.add(FileSink::new(&path)).format("{message}").install().unwrap();
    log(&logger, 0..5);
    logger.complete();
    std::fs::remove_dir_all(dir.join("logs")).unwrap();
    log(&logger, 5..10);
    logger.complete();
    assert_eq!(lines(&path), records(5..10));
    let stats = logger.stats();
    assert_eq!((stats[0].written, stats[0].lost, stats[0].errors), (10, 0, 0));
}

#[test]
fn unbuffered_records_after_the_deletion_go_to_the_new_file() {
    let dir = TempDir::new("deleted-unbuffered");
    let path = dir.join("app.log");
    let logger = Clock::at(1_774_535_400).logger();
    logger.add(FileSink::new(&path).buffer_size(0)).format("{message}").install().unwrap();
    log(&logger, 0..5);
    std::fs::remove_file(&path).unwrap();
    log(&logger, 5..10);
    assert_eq!(lines(&path), records(5..10));
    let stats = logger.stats();
    assert_eq!((stats[0].written, stats[0].lost, stats[0].errors), (10, 0, 0));
}
