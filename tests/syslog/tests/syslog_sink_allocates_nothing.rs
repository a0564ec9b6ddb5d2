//! A record sent by the syslog sink allocates nothing on the steady-state path: the message,
//! its header, timestamp and structured data are built in a buffer the sink reuses, and sent
//! over UDP, TCP and a Unix datagram socket, or refused while the server is down. Counted by
//! a global allocator that counts only the allocations of the thread under test.

#[path = "../../../hlog/tests/common/counting.rs"]
mod counting;

use std::io::Read;
use std::net::{TcpListener, UdpSocket};
use std::os::unix::net::UnixDatagram;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use hlog::Logger;
use hlog::sink::SyslogSink;

use counting::on_this_thread as allocations;

fn log(logger: &Logger, i: u64) {
    let user = "alice";
    hlog::info!(logger, "User {user} logged in", n = i, ms = 1.5 + i as f64, quote = "a\"b]");
    hlog::warning!(logger, "no fields");
}

/// Allocations of 1000 rounds of records once 10 have warmed up (connection, caches).
fn steady_state(sink: SyslogSink) -> usize {
    steady_state_paced(sink, |_| {})
}

/// As [`steady_state`], calling `pace` with the number of records sent after each round.
fn steady_state_paced(sink: SyslogSink, pace: impl Fn(usize)) -> usize {
    let logger = Logger::new();
    logger.add(sink).install().unwrap();
    for i in 0..10 {
        log(&logger, i);
        pace(2 + 2 * i as usize);
    }
    let counted = allocations(|| {
        for i in 0..1000 {
            log(&logger, i);
            pace(22 + 2 * i as usize);
        }
    });
    let row = &logger.stats()[0];
    assert_eq!((row.written, row.lost), (2020, 0));
    counted
}

#[test]
fn over_udp() {
    let server = UdpSocket::bind("127.0.0.1:0").unwrap();
    assert_eq!(steady_state(SyslogSink::udp(server.local_addr().unwrap().to_string())), 0);
}

#[test]
fn over_tcp() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let reader = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut buf = [0; 8192];
        while stream.read(&mut buf).unwrap() > 0 {}
    });
    assert_eq!(steady_state(SyslogSink::tcp(addr)), 0);
    reader.join().unwrap();
}

#[test]
fn over_a_unix_datagram_socket() {
    let dir = std::env::temp_dir().join(format!("hlog-syslog-alloc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("log.sock");
    let _ = std::fs::remove_file(&path);
    let server = UnixDatagram::bind(&path).unwrap();
    let received = Arc::new(AtomicUsize::new(0));
    let count = Arc::clone(&received);
    server.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let reader = std::thread::spawn(move || {
        let mut buf = [0; 8192];
        for _ in 0..2020 {
            server.recv(&mut buf).unwrap();
            count.fetch_add(1, Ordering::Relaxed);
        }
    });
    // The sink does not wait on a full queue (10 datagrams: it counts the record lost): the
    // test waits for the reader instead, keeping at most 4 in the queue, which allocates
    // nothing.
    let pace = |sent: usize| {
        let deadline = Instant::now() + Duration::from_secs(10);
        while received.load(Ordering::Relaxed) + 4 < sent {
            assert!(Instant::now() < deadline, "the reader is stuck");
            std::thread::yield_now();
        }
    };
    assert_eq!(steady_state_paced(SyslogSink::unix(&path), pace), 0);
    reader.join().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}

/// While the server is down, a record is refused at once (the sink waits out its backoff):
/// that costs no allocation either, nor does a connection attempt that is refused.
#[test]
fn while_the_tcp_server_is_down() {
    let addr = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().to_string();
    let logger = Logger::new();
    logger.add(SyslogSink::tcp(addr)).install().unwrap();
    // The first refusal is reported on stderr (which allocates, once).
    (0..10).for_each(|i| log(&logger, i));
    let counted = allocations(|| (0..1000).for_each(|i| log(&logger, i)));
    let row = &logger.stats()[0];
    assert_eq!((row.written, row.lost), (0, 2020));
    assert_eq!(counted, 0);
}
