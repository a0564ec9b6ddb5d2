//! `fork` while another thread has been inside a sink's write for longer than a second: `fork`
//! waits for that sink at most a second, and the child, where the sink's lock stays taken for
//! good, leaves that handler out instead of hanging on it: the child's records reach the other
//! handlers, `stats()` lists only those, and stderr says so once. The parent is untouched.

#![cfg(unix)]

mod common;

use std::sync::mpsc;
use std::time::{Duration, Instant};

use hlog::Logger;
use hlog::sink::FileSink;

use common::{TempDir, in_child, wait_for_child};

#[test]
fn a_child_leaves_out_a_sink_another_thread_was_stuck_in() {
    let dir = TempDir::new("fork-stuck");
    let logger = Logger::new();
    let (inside, entered) = mpsc::channel::<()>();
    let inside = std::sync::Mutex::new(inside);
    let stuck = logger
        .add(hlog::sink::from_fn(move |line, _| {
            if line == "stuck\n" {
                let _ = inside.lock().unwrap().send(());
                std::thread::sleep(Duration::from_secs(3));
            }
        }))
        .format("{message}")
        .install()
        .unwrap();
    let path = dir.join("app.log");
    logger.add(FileSink::new(&path)).format("{message}").install().unwrap();
    let writer = {
        let logger = logger.clone();
        std::thread::spawn(move || hlog::info!(logger, "stuck"))
    };
    entered.recv_timeout(Duration::from_secs(10)).unwrap();

    let stderr = dir.join("child-stderr");
    let stderr_c = std::ffi::CString::new(stderr.to_str().unwrap()).unwrap();
    // The child reports as it starts (in the fork handler): its stderr is the file, so the
    // parent's is too around the fork.
    // SAFETY: a valid path; descriptor 2 is replaced by the file, and restored after the fork.
    let saved = unsafe {
        let saved = libc::dup(2);
        let fd = libc::open(stderr_c.as_ptr(), libc::O_WRONLY | libc::O_CREAT, 0o600);
        libc::dup2(fd, 2);
        libc::close(fd);
        saved
    };
    let forking = Instant::now();
    // SAFETY: the child only logs through hlog and ends the process.
    let pid = unsafe { libc::fork() };
    if pid == 0 {
        in_child(|| {
            for j in 0..5 {
                hlog::info!(logger, "child {j}");
            }
            let stats = logger.stats();
            assert_eq!(stats.len(), 1, "{stats:?}");
            assert!(stats[0].sink.starts_with("file "), "{stats:?}");
            std::process::exit(0);
        });
    }
    let waited = forking.elapsed();
    // SAFETY: `saved` is the parent's stderr, duplicated above.
    unsafe {
        libc::dup2(saved, 2);
        libc::close(saved);
    }
    assert!(pid >= 0, "fork: {}", std::io::Error::last_os_error());
    assert!(waited >= Duration::from_millis(900), "fork waited for the sink: {waited:?}");
    assert!(waited < Duration::from_secs(2), "at most a second: {waited:?}");
    let Some((status, took)) = wait_for_child(pid, Duration::from_secs(5)) else {
        panic!("the child hung (killed after 5 s)");
    };
    assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "status {status}");
    assert!(took < Duration::from_secs(1), "the child took {took:?}");

    let report = std::fs::read_to_string(&stderr).unwrap();
    let expected = format!(
        "hlog: handler {stuck} (fn) was busy in another thread for more than a second when \
         the process forked; the child process (pid {pid}) leaves it out\n"
    );
    assert_eq!(report, expected);
    writer.join().unwrap();
    logger.complete();
    let text = std::fs::read_to_string(&path).unwrap();
    // The parent's record reached the file handler once the stuck one let it go.
    assert_eq!(text, "child 0\nchild 1\nchild 2\nchild 3\nchild 4\nstuck\n");
    assert_eq!(logger.stats().len(), 2, "the parent keeps both handlers");
}
