//! `fork` while four threads log into a file sink and a capture sink: the child process logs
//! its records, which reach the file, and ends within a second — through `std::process::exit`
//! (hlog's exit flush) or after `complete()`. Twenty times; then every record of the parent's
//! threads and of the children is in the file exactly once (the parent's buffer was written out
//! before each fork, so no child writes it again). A child that hangs is killed after 5 s and
//! fails the test.

#![cfg(unix)]

mod common;

#[test]
fn a_child_forked_while_threads_log_can_log_and_exit() {
    common::fork::fork_while_threads_log(false);
}
