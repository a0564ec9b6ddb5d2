//! Records reach a real rsyslogd over UDP, TCP (octet counting) and Unix sockets, and rsyslog
//! stores exactly what was logged: the header fields, the severity of each level, the fields
//! as RFC 5424 structured data with `"`, `\` and `]` escaped, a line break in a value written
//! `\n` as on every sink (then `\\n` in structured data, its backslash escaped), a line break
//! of the template kept inside its record (rsyslog writes it `#012`), and unicode as it is.

use hlog::Logger;
use hlog::sink::SyslogSink;
use hlog::sink::syslog::Facility;
use hlog::time::{Timestamp, Zone};
use hlog_syslog_tests::{Input, Rsyslogd};

/// 2026-03-26 13:30:00.123456789 UTC.
const TIME: Timestamp = Timestamp::from_unix(1_774_531_800, 123_456_789);

fn log_records(logger: &Logger) {
    hlog::info!(logger, "User {user} logged in", user = "alice", n = 3);
    hlog::warning!(
        logger,
        "Odd values",
        quote = "say \"hi\"",
        path = r"C:\dir",
        bracket = "a]b",
        nl = "one\ntwo",
        uni = "café ✓ 日本"
    );
    hlog::error!(logger, "Value {v} in the message", v = "x\ny");
    hlog::success!(logger, "done");
    hlog::debug!(logger, "debug");
    hlog::critical!(logger, "multi\nline template");
}

/// A logger at the fixed time, its one handler sending to `sink`.
fn logger(sink: SyslogSink) -> Logger {
    let logger = Logger::new().with_clock(|| TIME);
    logger.add(sink).level("DEBUG").install().unwrap();
    logger
}

fn configured(sink: SyslogSink) -> SyslogSink {
    sink.facility(Facility::Local0)
        .app_name("shop")
        .hostname("web-1")
        .procid("42")
        .msgid("audit")
        .zone(Zone::utc())
}

/// What rsyslog received, the same over each transport that carries RFC 5424.
const RFC5424_RAW: [&str; 6] = [
    r#"<134>1 2026-03-26T13:30:00.123456Z web-1 shop 42 audit [fields@32473 user="alice" n="3"] User alice logged in"#,
    r#"<132>1 2026-03-26T13:30:00.123456Z web-1 shop 42 audit [fields@32473 quote="say \"hi\"" path="C:\\dir" bracket="a\]b" nl="one\\ntwo" uni="café ✓ 日本"] Odd values"#,
    r#"<131>1 2026-03-26T13:30:00.123456Z web-1 shop 42 audit [fields@32473 v="x\\ny"] Value x\ny in the message"#,
    "<133>1 2026-03-26T13:30:00.123456Z web-1 shop 42 audit - done",
    "<135>1 2026-03-26T13:30:00.123456Z web-1 shop 42 audit - debug",
    "<130>1 2026-03-26T13:30:00.123456Z web-1 shop 42 audit - multi#012line template",
];

/// The fields rsyslog parsed from them.
const RFC5424_FIELDS: [&str; 6] = [
    r#"134|2026-03-26T13:30:00.123456Z|web-1|shop|42|audit|[fields@32473 user="alice" n="3"]|User alice logged in"#,
    r#"132|2026-03-26T13:30:00.123456Z|web-1|shop|42|audit|[fields@32473 quote="say \"hi\"" path="C:\\dir" bracket="a\]b" nl="one\\ntwo" uni="café ✓ 日本"]|Odd values"#,
    r#"131|2026-03-26T13:30:00.123456Z|web-1|shop|42|audit|[fields@32473 v="x\\ny"]|Value x\ny in the message"#,
    "133|2026-03-26T13:30:00.123456Z|web-1|shop|42|audit|-|done",
    "135|2026-03-26T13:30:00.123456Z|web-1|shop|42|audit|-|debug",
    "130|2026-03-26T13:30:00.123456Z|web-1|shop|42|audit|-|multi#012line template",
];

#[test]
fn records_reach_rsyslogd_over_udp_tcp_and_unix_escaped() {
    let Some(server) = Rsyslogd::start() else { return };

    log_records(&logger(configured(SyslogSink::udp(&server.udp))));
    assert_eq!(server.raw(Input::Udp, 6), RFC5424_RAW);
    assert_eq!(server.fields(Input::Udp, 6), RFC5424_FIELDS);

    log_records(&logger(configured(SyslogSink::tcp(&server.tcp))));
    assert_eq!(server.raw(Input::Tcp, 6), RFC5424_RAW);
    assert_eq!(server.fields(Input::Tcp, 6), RFC5424_FIELDS);

    log_records(&logger(configured(SyslogSink::unix(&server.socket_5424).rfc5424())));
    assert_eq!(server.raw(Input::Unix5424, 6), RFC5424_RAW);
    assert_eq!(server.fields(Input::Unix5424, 6), RFC5424_FIELDS);

    // A Unix socket gets RFC 3164 as glibc writes it: no hostname, no structured data, line
    // breaks of the message written `\n`.
    log_records(&logger(configured(SyslogSink::unix(&server.socket))));
    assert_eq!(
        server.raw(Input::Unix, 6),
        [
            "<134>Mar 26 13:30:00 shop[42]: User alice logged in",
            "<132>Mar 26 13:30:00 shop[42]: Odd values",
            r"<131>Mar 26 13:30:00 shop[42]: Value x\ny in the message",
            "<133>Mar 26 13:30:00 shop[42]: done",
            "<135>Mar 26 13:30:00 shop[42]: debug",
            r"<130>Mar 26 13:30:00 shop[42]: multi\nline template",
        ]
    );
    // (The hostname is rsyslog's own, and the year its guess: left out.)
    let parsed: Vec<String> = server
        .fields(Input::Unix, 6)
        .iter()
        .map(|line| {
            let f: Vec<&str> = line.split('|').collect();
            [f[0], f[3], f[4], f[5], f[6], f[7]].join("|")
        })
        .collect();
    assert_eq!(
        parsed,
        [
            "134|shop|42|-|-| User alice logged in",
            "132|shop|42|-|-| Odd values",
            r"131|shop|42|-|-| Value x\ny in the message",
            "133|shop|42|-|-| done",
            "135|shop|42|-|-| debug",
            r"130|shop|42|-|-| multi\nline template",
        ]
    );

    // RFC 3164 over the network carries the hostname.
    let logger = logger(configured(SyslogSink::udp(&server.udp).rfc3164()));
    hlog::info!(logger, "bsd {n}", n = 1);
    assert_eq!(server.raw(Input::Udp, 7)[6], "<134>Mar 26 13:30:00 web-1 shop[42]: bsd 1");
    let fields = server.fields(Input::Udp, 7);
    let f: Vec<&str> = fields[6].split('|').collect();
    assert_eq!([f[0], f[2], f[3], f[4], f[7]], ["134", "web-1", "shop", "42", " bsd 1"]);
}
