//! A child forked after `flush_on_signals()` does not share the parent's signal handling: the
//! flushing thread and its pipe are the parent's (before, a SIGTERM to the child made the
//! *parent* flush and end). The child starts with the default action of SIGTERM and SIGINT,
//! and may call `flush_on_signals()` again: then a SIGTERM flushes the child's records and ends
//! the child (by that signal), within a second; the parent goes on.

#![cfg(unix)]

mod common;

use std::time::Duration;

use hlog::Logger;
use hlog::sink::FileSink;

use common::{TempDir, in_child, wait_for_child};

#[test]
fn a_child_gets_its_own_signal_handling() {
    let dir = TempDir::new("fork-signals");
    let path = dir.join("app.log");
    let logger = Logger::new();
    logger.add(FileSink::new(&path)).format("{message}").install().unwrap();
    hlog::flush_on_signals().unwrap();
    hlog::info!(logger, "parent before");

    let mut ready = [-1; 2];
    // SAFETY: `ready` has room for the two descriptors.
    assert_eq!(unsafe { libc::pipe(ready.as_mut_ptr()) }, 0);
    // SAFETY: the child only logs through hlog, writes to the pipe and waits to be killed.
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0, "fork: {}", std::io::Error::last_os_error());
    if pid == 0 {
        in_child(|| {
            // SAFETY: querying the current action into a valid `sigaction`.
            let mut action: libc::sigaction = unsafe { std::mem::zeroed() };
            unsafe { libc::sigaction(libc::SIGTERM, std::ptr::null(), &mut action) };
            assert_eq!(action.sa_sigaction, libc::SIG_DFL, "the default action in the child");
            hlog::flush_on_signals().unwrap();
            for j in 0..5 {
                hlog::info!(logger, "child {j}");
            }
            // SAFETY: one byte from this frame into the pipe.
            unsafe { libc::write(ready[1], [1u8].as_ptr().cast(), 1) };
            loop {
                std::thread::sleep(Duration::from_secs(1));
            }
        });
    }
    let mut byte = 0u8;
    // SAFETY: this process's copy of the write end is closed first, so the read ends (with 0)
    // if the child dies without writing.
    let n = unsafe {
        libc::close(ready[1]);
        let n = libc::read(ready[0], (&raw mut byte).cast(), 1);
        libc::close(ready[0]);
        n
    };
    assert_eq!(n, 1, "the child got ready");
    // SAFETY: signalling this process's child.
    unsafe { libc::kill(pid, libc::SIGTERM) };
    let Some((status, took)) = wait_for_child(pid, Duration::from_secs(5)) else {
        panic!("the child did not end on SIGTERM (killed after 5 s)");
    };
    assert!(libc::WIFSIGNALED(status) && libc::WTERMSIG(status) == libc::SIGTERM, "{status}");
    assert!(took < Duration::from_secs(1), "the child took {took:?}");

    hlog::info!(logger, "parent after");
    logger.complete();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text, "parent before\nchild 0\nchild 1\nchild 2\nchild 3\nchild 4\nparent after\n");
}
