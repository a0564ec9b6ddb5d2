//! With `hlog::flush_on_signals()`, SIGTERM flushes every sink before the process ends, and
//! the process still ends by SIGTERM (its parent sees the same status). The test runs itself as
//! a child process that logs buffered records and signals itself.

#![cfg(unix)]

use std::os::unix::process::ExitStatusExt;
use std::process::Command;
use std::time::{Duration, Instant};

const CHILD: &str = "HLOG_SIGTERM_TEST_DIR";

#[test]
fn sigterm_flushes_then_ends_the_process() {
    if let Ok(dir) = std::env::var(CHILD) {
        hlog::flush_on_signals().unwrap();
        let logger = hlog::Logger::new();
        let path = std::path::Path::new(&dir).join("app.log");
        logger.add(hlog::sink::FileSink::new(path)).format("{message}").install().unwrap();
        for i in 0..100 {
            hlog::info!(logger, "record {i}");
        }
        // SAFETY: signalling this process; no memory is involved.
        unsafe { libc::kill(libc::getpid(), libc::SIGTERM) };
        std::thread::sleep(Duration::from_secs(10)); // the signal ends the process first
        std::process::exit(3);
    }
    let dir = std::env::temp_dir().join(format!("hlog-sigterm-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "sigterm_flushes_then_ends_the_process"])
        .env(CHILD, &dir)
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("the child did not end");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.signal(), Some(libc::SIGTERM), "{status:?}");
    let text = std::fs::read_to_string(dir.join("app.log")).unwrap();
    let expected: Vec<String> = (0..100).map(|i| format!("record {i}")).collect();
    assert_eq!(text.lines().collect::<Vec<_>>(), expected);
    let _ = std::fs::remove_dir_all(&dir);
}
