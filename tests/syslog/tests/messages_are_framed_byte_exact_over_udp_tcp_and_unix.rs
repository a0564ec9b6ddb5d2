//! What the syslog sink sends, byte for byte, read by plain listeners of the standard library:
//! one UDP or Unix datagram per record, TCP frames counted in octets (RFC 6587) so that a line
//! break cannot split a record, and the defaults of the header (the machine's hostname, the
//! program's name, the process id, facility user, format `{message}`).

use std::io::Read;
use std::net::{TcpListener, UdpSocket};
use std::os::unix::net::UnixDatagram;

use hlog::Logger;
use hlog::sink::SyslogSink;
use hlog::sink::syslog::Facility;
use hlog::time::{Timestamp, Zone};

/// 2026-03-26 13:30:00.123456789 UTC.
const TIME: Timestamp = Timestamp::from_unix(1_774_531_800, 123_456_789);

fn logger(sink: SyslogSink) -> Logger {
    let logger = Logger::new().with_clock(|| TIME);
    let sink = sink.app_name("app").hostname("host").procid("7").zone(Zone::utc());
    logger.add(sink.facility(Facility::Local7)).install().unwrap();
    logger
}

fn log_records(logger: &Logger) {
    hlog::info!(logger, "one", k = "v");
    hlog::warning!(logger, "two\nlines");
}

#[test]
fn tcp_frames_are_octet_counted() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let logger = logger(SyslogSink::tcp(listener.local_addr().unwrap().to_string()));
    log_records(&logger);
    drop(logger);
    let (mut stream, _) = listener.accept().unwrap();
    let mut received = String::new();
    stream.read_to_string(&mut received).unwrap();
    assert_eq!(
        received,
        "72 <190>1 2026-03-26T13:30:00.123456Z host app 7 - [fields@32473 k=\"v\"] one\
         59 <188>1 2026-03-26T13:30:00.123456Z host app 7 - - two\nlines"
    );
}

#[test]
fn udp_sends_a_datagram_per_record() {
    let server = UdpSocket::bind("127.0.0.1:0").unwrap();
    let logger = logger(SyslogSink::udp(server.local_addr().unwrap().to_string()));
    log_records(&logger);
    let mut datagram = [0; 512];
    let mut received = Vec::new();
    for _ in 0..2 {
        let n = server.recv(&mut datagram).unwrap();
        received.push(String::from_utf8(datagram[..n].to_vec()).unwrap());
    }
    assert_eq!(
        received,
        [
            "<190>1 2026-03-26T13:30:00.123456Z host app 7 - [fields@32473 k=\"v\"] one",
            "<188>1 2026-03-26T13:30:00.123456Z host app 7 - - two\nlines",
        ]
    );
}

#[test]
fn unix_datagrams_are_rfc3164_without_hostname() {
    let dir = std::env::temp_dir().join(format!("hlog-syslog-framing-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("log.sock");
    let _ = std::fs::remove_file(&path);
    let server = UnixDatagram::bind(&path).unwrap();
    let logger = logger(SyslogSink::unix(&path));
    log_records(&logger);
    let mut datagram = [0; 512];
    let mut received = Vec::new();
    for _ in 0..2 {
        let n = server.recv(&mut datagram).unwrap();
        received.push(String::from_utf8(datagram[..n].to_vec()).unwrap());
    }
    assert_eq!(
        received,
        ["<190>Mar 26 13:30:00 app[7]: one", "<188>Mar 26 13:30:00 app[7]: two\\nlines"]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_header_defaults_to_this_machine_and_process() {
    let server = UdpSocket::bind("127.0.0.1:0").unwrap();
    let logger = Logger::new().with_clock(|| TIME);
    let sink = SyslogSink::udp(server.local_addr().unwrap().to_string()).zone(Zone::utc());
    logger.add(sink).install().unwrap();
    hlog::info!(logger, "hi");
    let mut datagram = [0; 512];
    let n = server.recv(&mut datagram).unwrap();
    let hostname = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap();
    let program = std::env::current_exe().unwrap();
    let program = program.file_name().unwrap().to_str().unwrap();
    // An APP-NAME is at most 48 characters.
    let program = &program[..program.len().min(48)];
    assert_eq!(
        String::from_utf8(datagram[..n].to_vec()).unwrap(),
        format!(
            "<14>1 2026-03-26T13:30:00.123456Z {} {program} {} - - hi",
            hostname.trim(),
            std::process::id()
        )
    );
}
