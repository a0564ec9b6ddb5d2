//! `fork` while a file sink's background thread compresses a rotated file: that thread does not
//! exist in the child, which neither waits for it nor redoes its work. The child logs, calls
//! `hlog::complete()` and `std::process::exit(0)`, and ends within a second; its records are in
//! the live file; the parent's thread finishes the compression. A child that hangs is killed
//! after 5 s and fails the test.

#![cfg(unix)]

mod common;

use std::time::{Duration, Instant};

use hlog::sink::FileSink;

use common::{TempDir, in_child, wait_for_child};

/// Lines of noise (xorshift, in hex), so that gzip takes a while over the rotated file.
fn noise(state: &mut u64) -> String {
    (0..16)
        .map(|_| {
            *state ^= *state << 13;
            *state ^= *state >> 7;
            *state ^= *state << 17;
            format!("{:016x}", *state)
        })
        .collect()
}

#[test]
fn a_child_forked_during_compression_completes_and_exits_at_once() {
    let dir = TempDir::new("fork-gzip");
    hlog::remove_all();
    hlog::add(FileSink::new(dir.join("app.log")).rotation("4 MB").compression("gz"))
        .format("{message}")
        .install()
        .unwrap();
    let mut state = 0x9e37_79b9_7f4a_7c15;
    // A little over 4 MB: the last record rotates the file, and the worker compresses it.
    for i in 0..16_000 {
        let noise = noise(&mut state);
        hlog::info!("{i} {noise}");
    }
    let compressing = Instant::now();
    while !dir.names().iter().any(|name| name.starts_with(".hlog-compress-")) {
        assert!(compressing.elapsed() < Duration::from_secs(10), "no compression started");
        std::thread::sleep(Duration::from_millis(1));
    }

    // SAFETY: the child only logs through hlog and ends the process (`in_child`).
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0, "fork: {}", std::io::Error::last_os_error());
    if pid == 0 {
        in_child(|| {
            for j in 0..10 {
                hlog::info!("child {j}");
            }
            hlog::complete();
            std::process::exit(0);
        });
    }
    let Some((status, took)) = wait_for_child(pid, Duration::from_secs(5)) else {
        panic!("the child hung (killed after 5 s)");
    };
    assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0);
    assert!(took < Duration::from_secs(1), "the child took {took:?}");

    hlog::complete();
    let names = dir.names();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names[0].ends_with(".log.gz") && names[1] == "app.log", "{names:?}");
    let live = std::fs::read_to_string(dir.join("app.log")).unwrap();
    let expected: Vec<String> = (0..10).map(|j| format!("child {j}")).collect();
    let children: Vec<&str> = live.lines().filter(|line| line.starts_with("child ")).collect();
    assert_eq!(children, expected);
}
