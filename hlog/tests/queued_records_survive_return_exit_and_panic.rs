//! Records of a queued handler (`enqueue(true)`) are all written when the program ends, with no
//! `complete()` call: 4 threads log N numbered records each through small rings (so calls wait
//! for room), then the child process (a) returns from `main`, (b) calls `std::process::exit(0)`,
//! or (c) panics on one thread under a hook that aborts (no exit handlers run: hlog's panic hook
//! writes the queue first). The file holds all 4N records, each once, whole.

use std::collections::HashSet;
use std::process::Command;
use std::sync::{Arc, Barrier};

use hlog::sink::{FileSink, Queue};

const CHILD: &str = "HLOG_QUEUED_END_TEST";
const THREADS: usize = 4;
const PER_THREAD: usize = 20_000;

/// In the child: log from 4 threads, then end the way `how` says.
fn child(path: &str, how: &str) {
    if how == "panic" {
        // The program's own hook, installed before hlog's: it aborts, as `panic = "abort"`
        // would, so nothing after the panic writes anything.
        std::panic::set_hook(Box::new(|_| std::process::abort()));
    }
    hlog::remove_all();
    hlog::add(FileSink::new(path))
        .format("{message}")
        .queue(Queue::new(16 * 1024))
        .install()
        .unwrap();
    let barrier = Arc::new(Barrier::new(THREADS));
    let threads: Vec<_> = (0..THREADS)
        .map(|t| {
            let barrier = Arc::clone(&barrier);
            let how = how.to_owned();
            std::thread::spawn(move || {
                for i in 0..PER_THREAD {
                    hlog::info!("thread {t} record {i} padding-padding-padding-padding");
                }
                barrier.wait();
                if how == "panic" && t == 0 {
                    panic!("thread 0 gives up");
                }
            })
        })
        .collect();
    for thread in threads {
        let _ = thread.join();
    }
    if how == "exit" {
        std::process::exit(0);
    }
}

fn run(how: &str) {
    let test = format!("ends_by_{how}");
    if let Ok(path) = std::env::var(CHILD) {
        child(&path, how);
        return;
    }
    let dir = std::env::temp_dir().join(format!("hlog-queued-end-{how}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("app.log");
    let status = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", &test, "--nocapture", "--test-threads=1"])
        .env(CHILD, &path)
        .status()
        .unwrap();
    if how == "panic" {
        assert!(!status.success(), "the child was meant to abort");
    } else {
        assert!(status.success(), "{status}");
    }
    let text = std::fs::read_to_string(&path).unwrap();
    let mut seen = HashSet::new();
    for line in text.lines() {
        assert!(line.ends_with(" padding-padding-padding-padding"), "torn line {line:?}");
        assert!(seen.insert(line.to_owned()), "written twice: {line:?}");
    }
    for t in 0..THREADS {
        for i in 0..PER_THREAD {
            let line = format!("thread {t} record {i} padding-padding-padding-padding");
            assert!(seen.contains(&line), "{how}: missing {line:?} ({} lines)", seen.len());
        }
    }
    assert_eq!(seen.len(), THREADS * PER_THREAD);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ends_by_return() {
    run("return");
}

#[test]
fn ends_by_exit() {
    run("exit");
}

#[test]
fn ends_by_panic() {
    run("panic");
}
