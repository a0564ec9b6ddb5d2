//! The fork scenario two tests share: `fork` twenty times while four threads log into a file
//! sink and a capture sink (written on the calling threads, or queued for the writer thread);
//! each child logs its records and ends; then every record of the parent's threads and of the
//! children is in the file exactly once. A child that hangs is killed after 5 s and fails the
//! test.

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use hlog::Logger;
use hlog::sink::{Capture, FileSink};

use super::{TempDir, in_child, wait_for_child};

const THREADS: usize = 4;
const ROUNDS: usize = 20;
const CHILD_RECORDS: usize = 10;

/// Run the scenario; `enqueue`: both handlers are queued (the child drops the parent's queued
/// records, which the parent writes, and starts its own writer thread).
pub(crate) fn fork_while_threads_log(enqueue: bool) {
    let dir = TempDir::new(if enqueue { "fork-queued" } else { "fork-threads" });
    let path = dir.join("app.log");
    let logger = Logger::new();
    logger.add(FileSink::new(&path)).format("{message}").enqueue(enqueue).install().unwrap();
    let capture = Capture::new();
    logger.add(capture.clone()).format("{message}").enqueue(enqueue).install().unwrap();

    let stop = Arc::new(AtomicBool::new(false));
    let threads: Vec<_> = (0..THREADS)
        .map(|t| {
            let (logger, stop) = (logger.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut i = 0;
                while !stop.load(Ordering::Relaxed) {
                    hlog::info!(logger, "parent {t} {i}");
                    i += 1;
                }
                i
            })
        })
        .collect();

    for round in 0..ROUNDS {
        std::thread::sleep(Duration::from_millis(5));
        // SAFETY: the child only logs through hlog and ends the process (`in_child`).
        let pid = unsafe { libc::fork() };
        assert!(pid >= 0, "fork: {}", std::io::Error::last_os_error());
        if pid == 0 {
            in_child(|| {
                for j in 0..CHILD_RECORDS {
                    hlog::info!(logger, "child {round} {j}");
                }
                if round % 2 == 0 {
                    std::process::exit(0); // the exit flush writes the records
                }
                logger.complete();
            });
        }
        let Some((status, took)) = wait_for_child(pid, Duration::from_secs(5)) else {
            panic!("round {round}: the child hung (killed after 5 s)");
        };
        assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "round {round}");
        assert!(took < Duration::from_secs(1), "round {round}: the child took {took:?}");
    }

    stop.store(true, Ordering::Relaxed);
    let counts: Vec<usize> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    logger.complete();

    let parent: Vec<String> =
        (0..THREADS).flat_map(|t| (0..counts[t]).map(move |i| format!("parent {t} {i}"))).collect();
    let children: Vec<String> = (0..ROUNDS)
        .flat_map(|r| (0..CHILD_RECORDS).map(move |j| format!("child {r} {j}")))
        .collect();
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let distinct: HashSet<&str> = lines.iter().copied().collect();
    assert_eq!(distinct.len(), lines.len(), "no record is written twice");
    let expected: HashSet<&str> = parent.iter().chain(&children).map(String::as_str).collect();
    assert_eq!(distinct, expected, "every record of both processes, nothing else");
    // The capture sink is the parent's memory: the children's records are not there.
    let captured = capture.text();
    assert_eq!(
        captured.lines().collect::<HashSet<_>>(),
        parent.iter().map(String::as_str).collect()
    );
    assert_eq!(captured.lines().count(), parent.len());
}
