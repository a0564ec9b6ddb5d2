//! A file sink without rotation compresses its file when it is removed. When that compression
//! really fails (here a file size limit, which binds root too, refuses the archive's bytes),
//! `remove()` says so: it returns the failure with the handler's final counts, the failure is
//! reported once on stderr, and the log file stays as it was.
//!
//! The limit is process-wide, so the sink runs in a child process (this test binary run again,
//! its role chosen by an environment variable), whose stderr the test reads.

#![cfg(target_os = "linux")]

mod common;

use std::process::Command;

use common::{Clock, TempDir};
use hlog::RemoveError;
use hlog::sink::FileSink;

const CHILD: &str = "HLOG_TEST_REMOVE_COMPRESSION_DIR";
const TEST: &str = "remove_returns_the_compression_failure_and_stderr_has_it_once";

#[test]
fn remove_returns_the_compression_failure_and_stderr_has_it_once() {
    if let Some(dir) = std::env::var_os(CHILD) {
        child(std::path::Path::new(&dir));
        return;
    }
    let dir = TempDir::new("remove-compression");
    let output = Command::new(std::env::current_exe().unwrap())
        .args([TEST, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stdout.contains("1 passed"),
        "child: {}\n{stdout}\n{stderr}",
        output.status
    );
    let reports: Vec<&str> = stderr.lines().filter(|line| line.starts_with("hlog: ")).collect();
    let log = dir.join("app.log");
    let expected = format!(
        "hlog: handler 0 (file {}) failed: close: compressing {}: writing ",
        log.display(),
        log.display()
    );
    assert_eq!(reports.len(), 1, "one report: {stderr}");
    assert!(reports[0].starts_with(&expected), "{}", reports[0]);
    assert!(
        reports[0].ends_with("File too large (os error 27); the handler is removed all the same"),
        "{}",
        reports[0]
    );
    assert_eq!(dir.names(), ["app.log"], "no archive, no temporary file left");
    assert_eq!(std::fs::read_to_string(&log).unwrap(), "one\ntwo\n", "the log file is intact");
}

/// In the child: log two records, forbid files larger than 16 bytes, remove the handler.
fn child(dir: &std::path::Path) {
    let logger = Clock::at(1_774_535_400).logger();
    let sink = FileSink::new(dir.join("app.log")).compression("gz").buffer_size(0);
    let id = logger.add(sink).format("{message}").install().unwrap();
    hlog::info!(logger, "one");
    hlog::info!(logger, "two");
    // A gzip archive's header alone is longer than 16 bytes; the log file is written already.
    let limit = libc::rlimit { rlim_cur: 16, rlim_max: 16 };
    // SAFETY: plain system calls on a valid struct; this child process runs only this test.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        assert_eq!(libc::setrlimit(libc::RLIMIT_FSIZE, &limit), 0);
    }
    match logger.remove(id) {
        Err(RemoveError::CloseFailed { stats, source }) => {
            assert_eq!((stats.id, stats.written, stats.lost, stats.errors), (id, 2, 0, 1));
            assert_eq!(source.kind(), std::io::ErrorKind::FileTooLarge, "{source}");
            let error = RemoveError::CloseFailed { stats, source };
            assert!(error.to_string().starts_with("handler 0 (file "), "{error}");
            assert!(std::error::Error::source(&error).is_some());
        }
        other => panic!("expected the compression failure, got {other:?}"),
    }
    assert!(logger.stats().is_empty(), "the handler is gone all the same");
    // Dropping the logger tries nothing a second time.
    drop(logger);
}
