//! `watch` (on by default) reopens the file when something moved or deleted it; `reopen()`
//! does it on demand (logrotate with SIGHUP).

mod common;

use common::{Clock, TempDir};
use hlog::sink::FileSink;

#[test]
fn a_moved_file_is_recreated_by_the_next_record() {
    let dir = TempDir::new("watch");
    let clock = Clock::at(1_774_535_400);
    let logger = clock.logger();
    logger
        .add(FileSink::new(dir.join("app.log")).buffer_size(0))
        .format("{message}")
        .install()
        .unwrap();
    hlog::info!(logger, "before");
    std::fs::rename(dir.join("app.log"), dir.join("app.log.1")).unwrap();
    clock.advance(1.0);
    hlog::info!(logger, "after");
    assert_eq!(std::fs::read_to_string(dir.join("app.log.1")).unwrap(), "before\n");
    assert_eq!(std::fs::read_to_string(dir.join("app.log")).unwrap(), "after\n");
}

#[test]
fn a_deleted_file_is_recreated() {
    let dir = TempDir::new("deleted");
    let clock = Clock::at(1_774_535_400);
    let logger = clock.logger();
    logger
        .add(FileSink::new(dir.join("app.log")).buffer_size(0))
        .format("{message}")
        .install()
        .unwrap();
    hlog::info!(logger, "gone");
    std::fs::remove_file(dir.join("app.log")).unwrap();
    clock.advance(1.0);
    hlog::info!(logger, "back");
    assert_eq!(std::fs::read_to_string(dir.join("app.log")).unwrap(), "back\n");
}

#[test]
fn without_watch_reopen_does_it_on_demand() {
    let dir = TempDir::new("reopen");
    let clock = Clock::at(1_774_535_400);
    let logger = clock.logger();
    logger
        .add(FileSink::new(dir.join("app.log")).buffer_size(0).watch(false))
        .format("{message}")
        .install()
        .unwrap();
    hlog::info!(logger, "one");
    std::fs::rename(dir.join("app.log"), dir.join("app.log.1")).unwrap();
    clock.advance(5.0);
    hlog::info!(logger, "two");
    assert!(!dir.join("app.log").exists(), "not watched: still the moved file");
    logger.reopen();
    hlog::info!(logger, "three");
    assert_eq!(std::fs::read_to_string(dir.join("app.log.1")).unwrap(), "one\ntwo\n");
    assert_eq!(std::fs::read_to_string(dir.join("app.log")).unwrap(), "three\n");
}
