//! A JSON lines schema chooses, orders and renames the members, drops `time`'s offset, writes
//! the fields at the top level, adds the template, and escapes keys once, when it is built.

use hlog::sink::{Capture, JsonSink};
use hlog::time::{Timestamp, Zone};
use hlog::{Format, JsonField, JsonFormat, Logger};

/// 2026-03-26 13:30:00.123456789 UTC.
const AT: Timestamp = Timestamp::from_unix(1_774_531_800, 123_456_789);

fn logger_with(format: impl hlog::IntoFormat) -> (Logger, Capture) {
    let capture = Capture::new();
    let logger = Logger::new().with_clock(|| AT).with_zone(Zone::fixed(3600));
    logger.add(capture.clone()).format(format).install().unwrap();
    (logger, capture)
}

#[test]
fn fields_choose_and_order_the_members() {
    let schema = JsonFormat::new().fields([
        JsonField::Message,
        JsonField::Level,
        JsonField::LevelNo,
        JsonField::Message,
        JsonField::Line,
    ]);
    let (logger, capture) = logger_with(schema);
    let line = line!() + 1;
    hlog::warning!(logger, "disk {pct}% full", pct = 91);
    assert_eq!(
        capture.text(),
        format!(
            "{{\"message\":\"disk 91% full\",\"level\":\"WARNING\",\"level_no\":30,\"line\":{line}}}\n"
        )
    );
}

#[test]
fn rename_without_and_time_offset() {
    let schema = JsonFormat::new()
        .fields([JsonField::Time, JsonField::Level, JsonField::Message, JsonField::Thread])
        .rename(JsonField::Time, "@timestamp")
        .rename(JsonField::Message, "msg")
        .rename(JsonField::LevelNo, "severity") // not there: added at the end
        .without(JsonField::Thread)
        .time_offset(false);
    let (logger, capture) = logger_with(schema);
    hlog::error!(logger, "boom");
    assert_eq!(
        capture.text(),
        "{\"@timestamp\":\"2026-03-26T14:30:00.123456\",\"level\":\"ERROR\",\"msg\":\"boom\",\"severity\":40}\n"
    );
}

#[test]
fn flatten_extra_writes_fields_at_the_top_level_where_extra_stood() {
    let schema = JsonFormat::new()
        .fields([JsonField::Level, JsonField::Extra, JsonField::Message])
        .flatten_extra(true);
    let (logger, capture) = logger_with(schema);
    hlog::info!(logger, "order {id} placed: {total}", id = 7_u64, total = 12.5);
    hlog::info!(logger, "no fields");
    assert_eq!(
        capture.text(),
        concat!(
            "{\"level\":\"INFO\",\"id\":7,\"total\":12.5,\"message\":\"order 7 placed: 12.5\"}\n",
            "{\"level\":\"INFO\",\"message\":\"no fields\"}\n",
        )
    );
}

/// A field named like a member of the schema neither replaces nor repeats it.
#[test]
fn a_flattened_field_never_takes_a_members_key() {
    let schema = JsonFormat::new()
        .fields([JsonField::Message, JsonField::Extra])
        .rename(JsonField::Message, "msg")
        .flatten_extra(true);
    let (logger, capture) = logger_with(schema);
    hlog::info!(logger, "{msg} {message} {extra}", msg = "a", message = "b", extra = "c");
    assert_eq!(
        capture.text(),
        "{\"msg\":\"a b c\",\"extra.msg\":\"a\",\"message\":\"b\",\"extra\":\"c\"}\n"
    );
    let value: serde_json::Value = serde_json::from_str(&capture.text()).unwrap();
    assert_eq!(value["msg"], "a b c");
}

/// The template as written: one key for every event of a call site, whatever its values.
#[test]
fn template_groups_events_by_call_site() {
    let schema = JsonFormat::new().fields([JsonField::Message]).field(JsonField::Template);
    let (logger, capture) = logger_with(schema);
    for user in ["alice", "bob"] {
        hlog::info!(logger, "User <b>{user}</b> logged in");
    }
    hlog::info!(logger, "say \"{}\"", "hi");
    assert_eq!(
        capture.text(),
        concat!(
            r#"{"message":"User alice logged in","template":"User <b>{user}</b> logged in"}"#,
            "\n",
            r#"{"message":"User bob logged in","template":"User <b>{user}</b> logged in"}"#,
            "\n",
            r#"{"message":"say \"hi\"","template":"say \"{}\""}"#,
            "\n",
        )
    );
}

/// Keys are escaped when the schema is built (for JSON, and as ASCII under `ensure_ascii`).
#[test]
fn keys_are_escaped_json() {
    let schema = JsonFormat::new()
        .fields([JsonField::Level, JsonField::Message])
        .rename(JsonField::Level, "niveau \"é\"")
        .rename(JsonField::Message, "line\nbreak")
        .ensure_ascii(true);
    let (logger, capture) = logger_with(schema);
    hlog::info!(logger, "café");
    assert_eq!(
        capture.text(),
        "{\"niveau \\\"\\u00e9\\\"\":\"INFO\",\"line\\nbreak\":\"caf\\u00e9\"}\n"
    );
    let value: serde_json::Value = serde_json::from_str(&capture.text()).unwrap();
    assert_eq!(value["niveau \"é\""], "INFO");
    assert_eq!(value["line\nbreak"], "café");
}

#[test]
fn an_empty_schema_writes_an_empty_object() {
    let (logger, capture) = logger_with(JsonFormat::new().fields([]));
    hlog::info!(logger, "x");
    assert_eq!(capture.text(), "{}\n");
}

/// The members a schema lists, with their keys, and what `Format` says of it.
#[test]
fn a_schema_reads_back() {
    let schema = JsonFormat::new()
        .fields([JsonField::Time, JsonField::Message])
        .rename(JsonField::Message, "msg");
    let members: Vec<_> = schema.members().collect();
    assert_eq!(members, [(JsonField::Time, "time"), (JsonField::Message, "msg")]);
    let format = Format::from(schema.clone());
    assert_eq!(format.json_schema(), Some(&schema));
    assert_eq!(format.source(), "json: time, msg");
    assert_eq!(Format::json().json_schema(), Some(&JsonFormat::new()));
}

/// A `JsonSink` brings its schema; a format given to the builder replaces it, and
/// `serialize(false)` turns JSON back into the default text format.
#[test]
fn the_builder_overrides_what_the_sink_brings() {
    let capture = Capture::new();
    let logger = Logger::new().with_clock(|| AT).with_zone(Zone::utc());
    let schema = JsonFormat::new().fields([JsonField::Message]);
    logger.add(JsonSink::to(capture.clone()).schema(schema)).install().unwrap();
    logger.add(JsonSink::to(capture.clone())).format("text: {message}").install().unwrap();
    logger
        .add(JsonSink::to(capture.clone()).schema(JsonFormat::new().fields([JsonField::Level])))
        .serialize(true) // already JSON: the sink's schema stays
        .install()
        .unwrap();
    hlog::info!(logger, "hi");
    assert_eq!(capture.text(), "{\"message\":\"hi\"}\ntext: hi\n{\"level\":\"INFO\"}\n");

    let text = Capture::new();
    let logger = Logger::new().with_clock(|| AT).with_zone(Zone::utc());
    logger.add(JsonSink::to(text.clone())).serialize(false).install().unwrap();
    hlog::info!(logger, "hi");
    assert!(text.text().ends_with(" - hi\n"), "{}", text.text());
}

/// A format that failed to parse is reported by `install`, `serialize(true)` or not.
#[test]
fn serialize_keeps_a_format_error() {
    let logger = Logger::new();
    let result = logger.add(Capture::new()).format("{mesage}").serialize(true).install();
    assert!(result.is_err());
}

/// The attached error is the `exception` member, its `source()` chain included; a record
/// without one has no `exception` member.
#[test]
fn the_attached_error_is_the_exception_member() {
    #[derive(Debug)]
    struct Outer(std::io::Error);
    impl std::fmt::Display for Outer {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("could not load \"config\"")
        }
    }
    impl std::error::Error for Outer {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.0)
        }
    }
    let error = Outer(std::io::Error::other("permission denied"));
    let (logger, capture) =
        logger_with(JsonFormat::new().fields([JsonField::Message]).field(JsonField::Exception));
    static CALLSITE: hlog::__private::Callsite = hlog::__private::Callsite::new(
        "app",
        "src/main.rs",
        7,
        "failed",
        || "app::main::__hlog_here",
    );
    let record = hlog::Record::new(
        logger.now(),
        &hlog::Level::ERROR,
        &CALLSITE,
        hlog::Message::Static("failed"),
        &[],
    );
    logger.log(&record);
    logger.log(&record.with_error(&error));
    assert_eq!(
        capture.text(),
        concat!(
            "{\"message\":\"failed\"}\n",
            "{\"message\":\"failed\",\"exception\":\"Error: could not load \\\"config\\\"\\nCaused by: permission denied\"}\n",
        )
    );
}
