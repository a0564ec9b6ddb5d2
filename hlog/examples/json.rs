//! Records as JSON lines: `cargo run --example json`.
//!
//! loguru's `serialize=True` is `.serialize(true)` on any handler; `JsonSink` is a sink that
//! writes JSON lines by default; `JsonFormat` is the schema, yours to choose: which members, in
//! what order, under which keys, the fields nested under `extra` or at the top level.

use hlog::sink::{Capture, JsonSink};
use hlog::time::{Timestamp, Zone};
use hlog::{JsonField, JsonFormat, Logger};

fn demo(logger: &Logger, out: &Capture) {
    // 1. Any handler, serialized: one compact JSON object a line, every record member.
    logger.add(out.clone()).serialize(true).level("ERROR").install().unwrap();

    // 2. A JSON sink (here over a capture; `JsonSink::new("app.jsonl")` for a file), ASCII only.
    logger.add(JsonSink::to(out.clone()).ensure_ascii(true)).level("WARNING").install().unwrap();

    // 3. A schema of our own: four members, two renamed, the fields at the top level, and the
    //    template as written (one stable key per call site, to group events by).
    let schema = JsonFormat::new()
        .fields([JsonField::Time, JsonField::Level, JsonField::Message, JsonField::Extra])
        .rename(JsonField::Time, "@timestamp")
        .rename(JsonField::Message, "msg")
        .time_offset(false)
        .flatten_extra(true)
        .field(JsonField::Template);
    logger.add(out.clone()).format(schema).install().unwrap();

    let user = "zoë";
    hlog::info!(logger, "User {user} logged in", attempt = 2, admin = false);
    hlog::warning!(logger, "Disk {pct:.1}% full", pct = 91.25);
    let e = std::io::Error::other("connection reset");
    hlog::error!(logger, err = e, "Upload failed", bytes = 1_048_576);
}

fn main() {
    // A fixed clock and zone, so the lines below are the same on every run.
    let logger = Logger::new()
        .with_clock(|| Timestamp::from_unix(1_774_531_800, 123_456_000))
        .with_zone(Zone::fixed(3600));
    let out = Capture::new();
    demo(&logger, &out);
    print!("{}", out.text());
    // Each line reads back with a JSON parser.
    for line in out.lines() {
        let _: serde_json::Value = serde_json::from_str(&line).expect("valid JSON");
    }
}

#[test]
fn writes_each_schema() {
    let logger = Logger::new()
        .with_clock(|| Timestamp::from_unix(1_774_531_800, 123_456_000))
        .with_zone(Zone::fixed(3600));
    let out = Capture::new();
    demo(&logger, &out);
    let lines = out.lines();
    assert_eq!(lines.len(), 6, "{lines:?}");
    assert_eq!(
        lines[0],
        r#"{"@timestamp":"2026-03-26T14:30:00.123456","level":"INFO","msg":"User zoë logged in","user":"zoë","attempt":2,"admin":false,"template":"User {user} logged in"}"#
    );
    let json = |line: &str| serde_json::from_str::<serde_json::Value>(line).unwrap();
    let ascii = json(&lines[1]);
    assert!(lines[1].contains(r#""message":"Disk 91.2% full""#), "{}", lines[1]);
    assert_eq!(ascii["time"], "2026-03-26T14:30:00.123456+01:00");
    assert_eq!(ascii["extra"]["pct"], 91.25);
    assert!(lines[1].is_ascii());
    let serialized = json(&lines[3]);
    assert_eq!(serialized["exception"], "Error: connection reset");
    assert_eq!(serialized["extra"]["bytes"], 1_048_576);
    assert_eq!(serialized, json(&lines[4]), "serialize(true) and JsonSink write the same");
}
