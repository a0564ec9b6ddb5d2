//! What a record sent by the syslog sink costs, per record, to listeners on loopback in this
//! process (a UDP socket nobody reads, a TCP listener a thread drains), next to the same record
//! written to `io::sink()`: `cargo run --release -p hlog-syslog-tests --example syslog_cost`.
//! A rough measure (one thread, wall clock), not a benchmark of record: the system calls (a
//! send, and over TCP the check that the server has not closed the connection) are most of it.

use std::io::Read;
use std::net::{TcpListener, UdpSocket};
use std::time::Instant;

use hlog::sink::{IntoSink, SyslogSink};

/// Nanoseconds per record through a handler with `sink`, after a tenth as many of warm-up.
fn per_record(sink: impl IntoSink) -> f64 {
    let logger = hlog::Logger::new();
    logger.add(sink).format("{message}").install().unwrap();
    let n = 200_000;
    let log = |i: u64| hlog::info!(logger, "User {user} logged in", user = "alice", n = i);
    (0..n / 10).for_each(log);
    let start = Instant::now();
    (0..n).for_each(log);
    let per = start.elapsed().as_nanos() as f64 / n as f64;
    let row = &logger.stats()[0];
    assert_eq!((row.written, row.lost), (n + n / 10, 0));
    per
}

fn main() {
    let udp = UdpSocket::bind("127.0.0.1:0").unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let tcp = listener.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut buf = [0; 65536];
        while stream.read(&mut buf).unwrap() > 0 {}
    });
    let sink = per_record(hlog::sink::from_writer(std::io::sink()));
    let udp = per_record(SyslogSink::udp(udp.local_addr().unwrap().to_string()));
    let tcp = per_record(SyslogSink::tcp(tcp));
    println!("io::sink() {sink:.0} ns, syslog UDP {udp:.0} ns, syslog TCP {tcp:.0} ns per record");
}
