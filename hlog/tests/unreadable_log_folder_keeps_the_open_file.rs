//! A log path that cannot be checked (its folder made unreadable, `chmod 000`: the `stat`
//! fails with EACCES, while the open file is still writable) is not a moved file: the sink
//! keeps writing to the file it has open, loses nothing, and counts no error. Only "not found"
//! or another file at the path starts a new file.
//!
//! Root ignores permissions, so the failing `stat` is made another way too: the folder is
//! moved aside (the open file with it) and a symlink loop takes its name (ELOOP).

#![cfg(unix)]

mod common;

use common::{Clock, TempDir};
use hlog::sink::FileSink;

fn records(range: std::ops::Range<usize>) -> String {
    range.map(|i| format!("record {i}\n")).collect()
}

fn log(logger: &hlog::Logger, range: std::ops::Range<usize>) {
    for i in range {
        hlog::info!(logger, "record {i}");
    }
}

const CHILD: &str = "HLOG_UNCHECKABLE_PATH_CHILD";

#[test]
fn a_path_that_cannot_be_checked_keeps_the_open_file() {
    let dir = TempDir::new("loop-folder");
    let clock = Clock::at(1_774_535_400);
    let logger = clock.logger();
    logger.add(FileSink::new(dir.join("logs/app.log"))).format("{message}").install().unwrap();
    log(&logger, 0..5);
    logger.complete();
    std::fs::rename(dir.join("logs"), dir.join("moved")).unwrap();
    std::os::unix::fs::symlink("logs", dir.join("logs")).unwrap();
    let error = std::fs::metadata(dir.join("logs/app.log")).unwrap_err();
    assert_eq!(error.raw_os_error(), Some(libc::ELOOP));
    // The path is checked at most once a second: three checks, all failing.
    for second in 0..3 {
        clock.advance(1.0);
        log(&logger, 5 + 5 * second..10 + 5 * second);
    }
    logger.complete();
    assert_eq!(std::fs::read_to_string(dir.join("moved/app.log")).unwrap(), records(0..20));
    let stats = logger.stats();
    assert_eq!((stats[0].written, stats[0].lost, stats[0].errors), (20, 0, 0));
}

/// The same, in a process of its own, for its stderr: one report, however many checks fail.
#[test]
fn an_uncheckable_path_is_reported_once() {
    if std::env::var_os(CHILD).is_some() {
        return a_path_that_cannot_be_checked_keeps_the_open_file();
    }
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "an_uncheckable_path_is_reported_once", "--nocapture"])
        .env(CHILD, "1")
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let reports: Vec<&str> = stderr.lines().filter(|l| l.starts_with("hlog: ")).collect();
    assert_eq!(reports.len(), 1, "{stderr}");
    let report = reports[0];
    assert!(report.contains("/logs/app.log: cannot check the path ("), "{report}");
    assert!(report.ends_with("); writing on to the open file"), "{report}");
}

#[test]
fn an_unreadable_folder_keeps_the_open_file() {
    use std::os::unix::fs::PermissionsExt;
    // SAFETY: geteuid has no preconditions and cannot fail.
    if unsafe { libc::geteuid() } == 0 {
        eprintln!("skipped: permissions do not apply to root (the symlink-loop test covers it)");
        return;
    }
    let dir = TempDir::new("unreadable-folder");
    let clock = Clock::at(1_774_535_400);
    let logger = clock.logger();
    logger.add(FileSink::new(dir.join("logs/app.log"))).format("{message}").install().unwrap();
    log(&logger, 0..5);
    logger.complete();
    let logs = dir.join("logs");
    std::fs::set_permissions(&logs, std::fs::Permissions::from_mode(0o000)).unwrap();
    clock.advance(1.0);
    log(&logger, 5..10);
    logger.complete();
    std::fs::set_permissions(&logs, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(std::fs::read_to_string(logs.join("app.log")).unwrap(), records(0..10));
    let stats = logger.stats();
    assert_eq!((stats[0].written, stats[0].lost, stats[0].errors), (10, 0, 0));
}
