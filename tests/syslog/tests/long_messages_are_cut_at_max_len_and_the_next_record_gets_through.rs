//! A message longer than `max_len` has its MSG cut at a UTF-8 character boundary, byte for
//! byte, and is sent; one whose header and structured data alone are longer is counted lost;
//! the next record gets through either way. Over UDP, where 65,507 bytes is the most a datagram
//! carries: a longer message is cut to fit rather than refused by the kernel.
//!
//! A template's arguments are fields too, which RFC 5424 sends as structured data (never cut):
//! the MSG is cut here with RFC 3164, which has none.

use std::net::UdpSocket;

use hlog::Logger;
use hlog::sink::SyslogSink;
use hlog::time::{Timestamp, Zone};

/// 2026-03-26 13:30:00.123456789 UTC.
const TIME: Timestamp = Timestamp::from_unix(1_774_531_800, 123_456_789);
/// RFC 3164's header.
const HEAD: &str = "<14>Mar 26 13:30:00 h app[1]: ";
const HEAD_5424: &str = "<14>1 2026-03-26T13:30:00.123456Z h app 1 - - ";

fn setup(max_len: Option<usize>, rfc3164: bool) -> (Logger, UdpSocket) {
    let server = UdpSocket::bind("127.0.0.1:0").unwrap();
    let mut sink = SyslogSink::udp(server.local_addr().unwrap().to_string())
        .app_name("app")
        .hostname("h")
        .procid("1")
        .zone(Zone::utc());
    if let Some(max_len) = max_len {
        sink = sink.max_len(max_len);
    }
    if rfc3164 {
        sink = sink.rfc3164();
    }
    let logger = Logger::new().with_clock(|| TIME);
    logger.add(sink).install().unwrap();
    server.set_read_timeout(Some(std::time::Duration::from_secs(5))).unwrap();
    (logger, server)
}

fn receive(server: &UdpSocket) -> String {
    let mut buf = vec![0; 70_000];
    let n = server.recv(&mut buf).unwrap();
    String::from_utf8(buf[..n].to_vec()).unwrap()
}

#[test]
fn the_msg_is_cut_at_a_character_boundary() {
    let (logger, server) = setup(Some(480), true);
    // 480 bytes leave 480 - 30 = 450 for the MSG: 449 `a` then `é` (2 bytes) does not fit.
    let room = 480 - HEAD.len();
    let text = format!("{}é and more", "a".repeat(room - 1));
    hlog::info!(logger, "{}", text);
    let cut = receive(&server);
    assert_eq!(cut, format!("{HEAD}{}", "a".repeat(room - 1)));
    // A field (the positional argument above is none) of 500 bytes: the header and structured
    // data are longer than max_len, and are never cut: counted lost, nothing sent.
    hlog::info!(logger, "next");
    assert_eq!(receive(&server), format!("{HEAD}next"));
    let row = &logger.stats()[0];
    assert_eq!((row.written, row.lost, row.errors), (2, 0, 0));
}

#[test]
fn structured_data_past_max_len_is_counted_lost() {
    let (logger, server) = setup(Some(480), false);
    let long = "v".repeat(500);
    hlog::info!(logger, "fields", long = long.as_str());
    hlog::info!(logger, "next");
    assert_eq!(receive(&server), format!("{HEAD_5424}next"));
    let row = &logger.stats()[0];
    assert_eq!((row.written, row.lost, row.errors), (1, 1, 1));
}

#[test]
fn the_default_is_8_kib() {
    let (logger, server) = setup(None, true);
    let text = "x".repeat(10_000);
    hlog::info!(logger, "{}", text);
    let cut = receive(&server);
    assert_eq!(cut.len(), 8192);
    assert!(cut == format!("{HEAD}{}", "x".repeat(8192 - HEAD.len())));
}

#[test]
fn a_message_past_the_largest_datagram_is_cut_to_fit() {
    let (logger, server) = setup(Some(65_507), true);
    let text = "y".repeat(70_000);
    hlog::info!(logger, "{}", text);
    hlog::info!(logger, "next");
    let cut = receive(&server);
    assert!(cut == format!("{HEAD}{}", "y".repeat(65_507 - HEAD.len())), "{}", cut.len());
    assert_eq!(receive(&server), format!("{HEAD}next"));
    let row = &logger.stats()[0];
    assert_eq!((row.written, row.lost), (2, 0));
}
