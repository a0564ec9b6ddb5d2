//! A child forked from a process that logs to syslog over TCP sends its records with its own
//! process id as PROCID, on a connection of its own (two processes writing one stream would
//! mix their frames); the parent's connection carries on.

use std::io::Read;
use std::net::TcpListener;
use std::time::{Duration, Instant};

use hlog::sink::SyslogSink;

#[test]
fn a_forked_child_sends_its_own_procid_on_its_own_connection() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let logger = hlog::Logger::new();
    let sink = SyslogSink::tcp(listener.local_addr().unwrap().to_string()).hostname("h");
    logger.add(sink.app_name("app")).install().unwrap();
    hlog::info!(logger, "parent");
    // SAFETY: the child only logs through hlog and ends at once with `_exit`.
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0, "fork: {}", std::io::Error::last_os_error());
    if pid == 0 {
        hlog::info!(logger, "child");
        let row = &logger.stats()[0];
        let ok = (row.written, row.lost) == (2, 0);
        // SAFETY: `_exit` ends this process without running anything more.
        unsafe { libc::_exit(if ok { 0 } else { 1 }) }
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut status = 0;
    // SAFETY: `status` lives across the call; `pid` is this process's child.
    while unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) } == 0 {
        assert!(Instant::now() < deadline, "the child did not end");
        std::thread::sleep(Duration::from_millis(2));
    }
    assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "{status}");
    hlog::info!(logger, "parent again");
    drop(logger);

    // Each frame `LEN SP MSG`, as `PROCID MSG-text`.
    let received = || {
        let mut bytes = Vec::new();
        listener.accept().unwrap().0.read_to_end(&mut bytes).unwrap();
        let mut text = std::str::from_utf8(&bytes).unwrap();
        let mut frames = Vec::new();
        while let Some((len, rest)) = text.split_once(' ') {
            let (frame, after) = rest.split_at(len.parse().unwrap());
            let parts: Vec<&str> = frame.splitn(8, ' ').collect();
            frames.push(format!("{} {}", parts[4], parts[7]));
            text = after;
        }
        frames
    };
    let parent = std::process::id();
    assert_eq!(received(), [format!("{parent} parent"), format!("{parent} parent again")]);
    assert_eq!(received(), [format!("{pid} child")]);
}
