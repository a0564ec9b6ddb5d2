//! A server that accepts a TCP connection and closes it at once (rsyslog at its
//! `MaxSessions`, a proxy without a backend) is backed off like one that refuses: each close
//! the sink sees is a failure that doubles the wait before the next connection, so the sink
//! does not connect once per record, and the records logged while it waits are counted lost
//! rather than written into connections nobody reads.

use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use hlog::Logger;
use hlog::sink::SyslogSink;

#[test]
fn connections_back_off_and_records_are_counted_lost() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let accepted = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&accepted);
    // Accepts and closes at once, until the test ends (the thread is left blocked in accept).
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            counter.fetch_add(1, Ordering::SeqCst);
            drop(stream);
        }
    });
    let logger = Logger::new();
    logger.add(SyslogSink::tcp(addr)).install().unwrap();

    // 400 ms of records, one a millisecond or so. The backoff after each close is 50, 100,
    // 200 ms...: the connections open at about 0, 50, 150 and 350 ms.
    let start = Instant::now();
    let mut logged = 0u64;
    while start.elapsed() < Duration::from_millis(400) {
        hlog::info!(logger, "record {logged}");
        logged += 1;
        std::thread::sleep(Duration::from_millis(1));
    }
    let row = &logger.stats()[0];
    assert_eq!(row.written + row.lost, logged);
    assert_eq!(row.lost, row.errors);
    let connections = accepted.load(Ordering::SeqCst);
    // Before a peer close counted as a failure, every record (but the one that found the
    // close) connected again and was written into the closed connection: hundreds of
    // connections, nothing lost.
    assert!(connections <= 6, "{connections} connections for {logged} records");
    assert!(row.lost * 2 > logged, "{} of {logged} counted lost", row.lost);
    // Written: what went into a connection before the sink saw it closed (plain TCP syslog
    // has no acknowledgements: those records are lost uncounted).
    assert!(row.written >= 1, "{row:?}");
}
