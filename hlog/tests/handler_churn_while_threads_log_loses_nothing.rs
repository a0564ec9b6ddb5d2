//! While threads log without pause, file sinks are added and removed again and again. A handler
//! that stays gets every record exactly once; a removed file holds only whole lines, each one
//! a record that was logged, and is closed by the time `remove()` returns.

mod common;

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use common::TempDir;
use hlog::sink::{Capture, FileSink};

const THREADS: usize = 3;
const CHURN: usize = 40;

/// Whether this process has `path` open (Linux: a link in `/proc/self/fd`).
fn is_open(path: &std::path::Path) -> bool {
    let path = std::fs::canonicalize(path).unwrap();
    std::fs::read_dir("/proc/self/fd")
        .unwrap()
        .filter_map(|entry| std::fs::read_link(entry.ok()?.path()).ok())
        .any(|target| target == path)
}

#[test]
fn handlers_come_and_go_while_threads_log() {
    let dir = TempDir::new("handler-churn");
    let logger = hlog::Logger::new();
    let kept = Capture::new();
    logger.add(kept.clone()).format("{message}").install().unwrap();
    let stop = Arc::new(AtomicBool::new(false));

    let writers: Vec<_> = (0..THREADS)
        .map(|t| {
            let (logger, stop) = (logger.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut n = 0u64;
                while !stop.load(Ordering::Relaxed) {
                    hlog::info!(logger, "thread {t} line {n} value {v}", v = n as f64 * 0.5);
                    n += 1;
                }
                n
            })
        })
        .collect();

    let mut files = Vec::new();
    for round in 0..CHURN {
        let path = dir.join(&format!("churn-{round}.log"));
        let id = logger.add(FileSink::new(&path)).format("{message}").install().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(2));
        logger.remove(id).unwrap();
        if cfg!(target_os = "linux") {
            assert!(!is_open(&path), "round {round}: the removed file is still open");
        }
        files.push(path);
    }
    stop.store(true, Ordering::Relaxed);
    let counts: Vec<u64> = writers.into_iter().map(|w| w.join().unwrap()).collect();

    // The handler that stayed: every record, once.
    let lines = kept.lines();
    assert_eq!(lines.len() as u64, counts.iter().sum::<u64>());
    let seen: HashSet<&str> = lines.iter().map(String::as_str).collect();
    assert_eq!(seen.len(), lines.len(), "a record was written twice");
    for (t, &count) in counts.iter().enumerate() {
        for n in [0, count / 2, count - 1] {
            let line = format!("thread {t} line {n} value {}", n as f64 * 0.5);
            assert!(seen.contains(line.as_str()), "missing: {line}");
        }
    }

    // The removed files: whole lines only, each one a logged record.
    let mut in_files = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        assert!(text.is_empty() || text.ends_with('\n'), "{}: a torn last line", path.display());
        for line in text.lines() {
            assert!(seen.contains(line), "{}: {line:?} was never logged", path.display());
            in_files += 1;
        }
    }
    assert!(in_files > 0, "no file received any record");
}
