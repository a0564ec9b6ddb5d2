//! A file sink creates its folders, appends by default, truncates when asked, creates the file
//! on the first record with `delay`, flushes on `complete()` and at once for ERROR, applies the
//! permissions it is given, refuses a symlink, and a failed `add()` creates nothing.

mod common;

use common::{Clock, TempDir};
use hlog::sink::FileSink;

#[test]
fn creates_folders_and_appends() {
    let dir = TempDir::new("append");
    let path = dir.join("a/b/app.log");
    std::fs::create_dir_all(dir.join("a/b")).unwrap();
    std::fs::write(&path, "old\n").unwrap();
    let logger = Clock::at(1_774_535_400).logger();
    logger.add(FileSink::new(&path)).format("{message}").install().unwrap();
    hlog::info!(logger, "new");
    logger.complete();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old\nnew\n");

    let fresh = dir.join("x/y/z/new.log");
    let logger = Clock::at(1_774_535_400).logger();
    logger.add(fresh.as_path()).format("{message}").install().unwrap();
    hlog::info!(logger, "first");
    logger.complete();
    assert_eq!(std::fs::read_to_string(&fresh).unwrap(), "first\n");
}

#[test]
fn truncates_when_asked() {
    let dir = TempDir::new("truncate");
    let path = dir.join("app.log");
    std::fs::write(&path, "old\n").unwrap();
    let logger = Clock::at(1_774_535_400).logger();
    logger.add(FileSink::new(&path).truncate(true)).format("{message}").install().unwrap();
    hlog::info!(logger, "new");
    logger.complete();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "new\n");
}

#[test]
fn delay_creates_the_file_with_the_first_record() {
    let dir = TempDir::new("delay");
    let path = dir.join("app.log");
    let logger = Clock::at(1_774_535_400).logger();
    logger.add(FileSink::new(&path).delay(true)).format("{message}").install().unwrap();
    assert!(!path.exists());
    hlog::info!(logger, "now");
    logger.complete();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "now\n");
}

#[test]
fn buffered_until_complete_but_errors_reach_the_disk_at_once() {
    let dir = TempDir::new("flush");
    let path = dir.join("app.log");
    let logger = Clock::at(1_774_535_400).logger();
    logger.add(FileSink::new(&path)).format("{message}").install().unwrap();
    hlog::info!(logger, "buffered");
    // Buffered: not written by the call (the worker's idle flush may write it half a second
    // later, should the machine stall between these two lines).
    let early = std::fs::read_to_string(&path).unwrap();
    assert!(early.is_empty() || early == "buffered\n", "{early:?}");
    hlog::error!(logger, "urgent");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "buffered\nurgent\n");
    hlog::info!(logger, "later");
    logger.complete();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "buffered\nurgent\nlater\n");
}

#[test]
fn flush_on_a_lower_level_and_unbuffered() {
    let dir = TempDir::new("flush-on");
    let (a, b) = (dir.join("a.log"), dir.join("b.log"));
    let logger = Clock::at(1_774_535_400).logger();
    logger
        .add(FileSink::new(&a).flush_on(hlog::Level::INFO))
        .format("{message}")
        .install()
        .unwrap();
    logger.add(FileSink::new(&b).buffer_size(0)).format("{message}").install().unwrap();
    hlog::debug!(logger, "kept back");
    hlog::info!(logger, "info");
    assert_eq!(std::fs::read_to_string(&a).unwrap(), "kept back\ninfo\n");
    assert_eq!(std::fs::read_to_string(&b).unwrap(), "kept back\ninfo\n");
}

#[test]
fn buffer_is_written_once_a_second() {
    let dir = TempDir::new("second");
    let path = dir.join("app.log");
    let clock = Clock::at(1_774_535_400);
    let logger = clock.logger();
    logger.add(FileSink::new(&path)).format("{message}").install().unwrap();
    hlog::info!(logger, "one");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "");
    clock.advance(1.0);
    hlog::info!(logger, "two");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "one\ntwo\n");
}

#[cfg(unix)]
#[test]
fn permissions_are_applied() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new("mode");
    let path = dir.join("secret.log");
    let logger = Clock::at(1_774_535_400).logger();
    logger.add(FileSink::new(&path).permissions(0o600)).install().unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[cfg(unix)]
#[test]
fn a_symlink_at_the_path_is_refused_unless_allowed() {
    let dir = TempDir::new("symlink");
    let target = dir.join("elsewhere.log");
    std::fs::write(&target, "").unwrap();
    let link = dir.join("app.log");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let logger = Clock::at(1_774_535_400).logger();
    let error = logger.add(FileSink::new(&link)).install().unwrap_err().to_string();
    assert!(error.contains("symlink") && error.contains("follow_symlinks"), "{error}");
    logger
        .add(FileSink::new(&link).follow_symlinks(true).buffer_size(0))
        .format("{message}")
        .install()
        .unwrap();
    hlog::info!(logger, "through the link");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "through the link\n");
}

#[test]
fn a_failed_add_creates_nothing() {
    let dir = TempDir::new("failed-add");
    let logger = Clock::at(1_774_535_400).logger();
    let bad = [
        FileSink::new(dir.join("a/app.log")).rotation("10 MBs"),
        FileSink::new(dir.join("b/app.log")).retention("-1"),
        FileSink::new(dir.join("c/app.log")).compression("rar"),
    ];
    for sink in bad {
        assert!(logger.add(sink).install().is_err());
    }
    let error = logger.add(dir.join("d/app.log")).format("{nope}").install().unwrap_err();
    assert!(error.to_string().contains("{nope}"));
    assert_eq!(dir.names(), Vec::<String>::new(), "nothing was created");
    assert!(logger.stats().is_empty());
}
