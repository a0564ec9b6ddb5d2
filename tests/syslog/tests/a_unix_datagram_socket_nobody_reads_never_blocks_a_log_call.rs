//! A Unix datagram socket whose reader stopped reading (a stalled `/dev/log` daemon) does not
//! block the log call once its queue is full: the sink sends without waiting, counts each
//! refused record as lost, keeps its socket, and sends again once the reader drains the queue.

use std::os::unix::net::UnixDatagram;
use std::sync::mpsc;
use std::time::Duration;

use hlog::Logger;
use hlog::sink::SyslogSink;

#[test]
fn a_full_queue_counts_records_lost_without_blocking() {
    let dir = std::env::temp_dir().join(format!("hlog-syslog-full-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("log.sock");
    let _ = std::fs::remove_file(&path);
    let server = UnixDatagram::bind(&path).unwrap();
    let logger = Logger::new();
    logger.add(SyslogSink::unix(&path).app_name("full").procid("1")).install().unwrap();

    // On another thread, so that a blocked call fails the test instead of hanging it.
    let (done, finished) = mpsc::channel();
    let sender = logger.clone();
    std::thread::spawn(move || {
        for i in 0..1000 {
            hlog::info!(sender, "record {i}");
        }
        done.send(()).unwrap();
    });
    finished
        .recv_timeout(Duration::from_secs(10))
        .expect("a log call blocked on a Unix datagram socket nobody reads");
    let row = &logger.stats()[0];
    assert_eq!(row.written + row.lost, 1000);
    assert_eq!(row.lost, row.errors);
    // The queue holds a few (net.unix.max_dgram_qlen, 10 by default, within the receive
    // buffer): the rest were refused.
    assert!(row.written >= 1 && row.lost >= 500, "{row:?}");

    // Drain the queue: what it held is the first records, in order; then the socket (kept)
    // sends again.
    server.set_nonblocking(true).unwrap();
    let mut buf = [0; 1024];
    let mut received = Vec::new();
    while let Ok(n) = server.recv(&mut buf) {
        received.push(String::from_utf8_lossy(&buf[..n]).into_owned());
    }
    assert_eq!(received.len() as u64, row.written);
    for (i, message) in received.iter().enumerate() {
        assert!(message.ends_with(&format!(" full[1]: record {i}")), "{message}");
    }
    hlog::info!(logger, "after");
    let n = server.recv(&mut buf).unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).ends_with(" full[1]: after"));
    assert_eq!(logger.stats()[0].written, row.written + 1);
    std::fs::remove_dir_all(&dir).unwrap();
}
