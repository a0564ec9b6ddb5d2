//! `fork` while four threads log through queued handlers (`enqueue(true)`: a file sink and a
//! capture sink, written by the logger's writer thread): the child drops the parent's queued
//! records (the parent writes them), starts its own writer thread, logs its records, which
//! reach the file, and ends within a second. Twenty times; then every record of the parent's
//! threads and of the children is in the file exactly once.

#![cfg(unix)]

mod common;

#[test]
fn a_child_forked_while_threads_queue_records_writes_only_its_own() {
    common::fork::fork_while_threads_log(true);
}
