//! Records to syslog: `cargo run --example syslog --features syslog`. Each record goes as an
//! RFC 5424 datagram to UDP 127.0.0.1:514 (nothing happens when no server listens there; a
//! refused datagram is counted and reported once on stderr), its fields as structured data.
//! To see them, run a server first, e.g. `nc -ulk 127.0.0.1 514` (as root for port 514).

use hlog::sink::SyslogSink;
use hlog::sink::syslog::Facility;

fn main() {
    // The console keeps its default handler; syslog gets INFO and above.
    hlog::add(SyslogSink::udp("127.0.0.1:514").facility(Facility::Local0).app_name("example"))
        .level("INFO")
        .install()
        .expect("the address is valid");
    // <134>1 2026-12-02T09:00:00.123456+01:00 myhost example 4242 - [fields@32473 user="alice" attempt="2"] User alice logged in
    hlog::info!("User {user} logged in", user = "alice", attempt = 2);
    // Escaped as RFC 5424 says: [fields@32473 query="a \"quoted\\\" value\]"]
    hlog::warning!("Odd query", query = "a \"quoted\\\" value]");
    hlog::debug!("below the handler's level: only on the console");
    hlog::complete();
    for row in hlog::stats().iter() {
        eprintln!("{}: {} written, {} lost", row.sink, row.written, row.lost);
    }
}
