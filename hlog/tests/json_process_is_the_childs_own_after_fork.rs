//! The process id in a JSON line (and `{process.id}`) is read once per process, not per record,
//! and a child forked after that writes its own id, not its parent's.

#![cfg(unix)]

mod common;

use std::time::Duration;

use hlog::sink::{FileSink, JsonSink};

use common::{TempDir, in_child, wait_for_child};

#[test]
fn a_child_writes_its_own_process_id() {
    let dir = TempDir::new("json-fork-pid");
    let path = dir.path().join("app.jsonl");
    let logger = hlog::Logger::new();
    logger.add(JsonSink::file(FileSink::new(&path).buffer_size(0))).install().unwrap();
    let text = hlog::sink::Capture::new();
    logger.add(text.clone()).format("{process.id}").install().unwrap();
    hlog::info!(logger, "parent");
    // SAFETY: the child only logs through hlog and exits.
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0, "fork: {}", std::io::Error::last_os_error());
    if pid == 0 {
        in_child(|| {
            hlog::info!(logger, "child");
            logger.complete();
            let own = std::process::id().to_string();
            assert!(text.text().ends_with(&format!("\n{own}\n")), "{}", text.text());
        });
    }
    let (status, _) = wait_for_child(pid, Duration::from_secs(10)).expect("the child ends");
    assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "{status}");
    hlog::info!(logger, "parent again");
    logger.complete();
    let parent = u64::from(std::process::id());
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let ids: Vec<_> = lines
        .iter()
        .map(|l| (l["message"].as_str().unwrap(), l["process"].as_u64().unwrap()))
        .collect();
    assert_eq!(ids, [("parent", parent), ("child", pid as u64), ("parent again", parent)]);
    assert_eq!(text.text(), format!("{parent}\n{parent}\n"));
}
