//! Each record reaches the SDK's exporter as one `LogRecord`: its time as timestamp and
//! observed timestamp, its level as severity number and text, its module path as target, its
//! message as the body, its fields as attributes, then where the call was made and on which
//! thread.

use std::time::{Duration, UNIX_EPOCH};

use hlog_otel_tests::{Otel, attributes, pairs};
use opentelemetry::logs::{AnyValue, Severity};

#[test]
fn a_record_becomes_one_log_record() {
    let otel = Otel::new();
    let before = std::time::SystemTime::now();
    let user = "alice";
    hlog::info!(otel.logger, "User {user} logged in", attempts = 3);
    let line = line!() - 1;
    let after = std::time::SystemTime::now();

    let record = otel.record();
    let time = record.timestamp().expect("a timestamp");
    assert!(before <= time && time <= after, "{time:?}");
    assert_eq!(record.observed_timestamp(), Some(time));
    assert_eq!(record.severity_number(), Some(Severity::Info));
    assert_eq!(record.severity_text(), Some("INFO"));
    assert_eq!(record.target().map(|t| t.as_ref()), Some(module_path!()));
    assert_eq!(record.body(), Some(&AnyValue::from("User alice logged in")));
    assert_eq!(record.trace_context(), None);
    let thread = std::thread::current();
    let thread_id = format!("{:?}", thread.id());
    let thread_id: i64 =
        thread_id.trim_start_matches("ThreadId(").trim_end_matches(')').parse().unwrap();
    assert_eq!(
        attributes(&record),
        pairs([
            ("user", AnyValue::from("alice")),
            ("attempts", AnyValue::Int(3)),
            ("code.file.path", AnyValue::from(file!())),
            ("code.line.number", AnyValue::Int(line.into())),
            (
                "code.function.name",
                AnyValue::from(concat!(module_path!(), "::a_record_becomes_one_log_record")),
            ),
            ("thread.name", AnyValue::from(thread.name().unwrap().to_owned())),
            ("thread.id", AnyValue::Int(thread_id)),
        ])
    );
    let logs = otel.exporter.get_emitted_logs().unwrap();
    assert_eq!(logs[0].instrumentation.name(), "hlog");
    // The scope's version is hlog's: the workspace's version (this crate's own is 0.0.0).
    let workspace = include_str!("../../../Cargo.toml");
    let version = workspace.lines().find_map(|line| line.strip_prefix("version = ")).unwrap();
    assert_eq!(logs[0].instrumentation.version(), Some(version.trim_matches('"')));
}

hlog::levels! {
    NOTICE = 22, "<green>";
    ALERT = 55, "<red>";
    FINE = 1, "<dim>";
}

#[test]
fn levels_map_to_severities() {
    let otel = Otel::with(hlog::Logger::new(), |handler| handler.level(0));
    hlog::trace!(otel.logger, "t");
    hlog::debug!(otel.logger, "d");
    hlog::info!(otel.logger, "i");
    hlog::success!(otel.logger, "s");
    hlog::warning!(otel.logger, "w");
    hlog::error!(otel.logger, "e");
    hlog::critical!(otel.logger, "c");
    notice!(otel.logger, "n");
    alert!(otel.logger, "a");
    fine!(otel.logger, "f");

    let seen: Vec<_> = otel
        .records()
        .iter()
        .map(|r| (r.severity_number().unwrap(), r.severity_text().unwrap(), r.body().cloned()))
        .collect();
    let expected = [
        (Severity::Trace, "TRACE", "t"),
        (Severity::Debug, "DEBUG", "d"),
        (Severity::Info, "INFO", "i"),
        (Severity::Info4, "SUCCESS", "s"),
        (Severity::Warn, "WARNING", "w"),
        (Severity::Error, "ERROR", "e"),
        (Severity::Fatal, "CRITICAL", "c"),
        (Severity::Info3, "NOTICE", "n"),
        (Severity::Fatal4, "ALERT", "a"),
        (Severity::Trace, "FINE", "f"),
    ];
    let expected: Vec<_> = expected
        .into_iter()
        .map(|(number, text, body)| (number, text, Some(AnyValue::from(body))))
        .collect();
    assert_eq!(seen, expected);
}

#[test]
fn the_body_is_the_message_with_its_values_as_they_are() {
    let otel = Otel::new();
    let text = "two\nlines \x1b[31m";
    hlog::info!(otel.logger, "<red>got</red> {text:?} and {text}");
    hlog::info!(otel.logger, raw, "raw {n}\n", n = 1);
    let bodies: Vec<_> = otel.records().iter().map(|r| r.body().cloned()).collect();
    assert_eq!(
        bodies,
        [
            Some(AnyValue::from("got \"two\\nlines \\u{1b}[31m\" and two\nlines \x1b[31m")),
            Some(AnyValue::from("raw 1\n")),
        ]
    );
}

#[test]
fn the_time_is_the_records_own() {
    let clock = || hlog::time::Timestamp::from_unix(1_700_000_000, 123_456_789);
    let otel = Otel::with(hlog::Logger::new().with_clock(clock), |handler| handler);
    hlog::info!(otel.logger, "fixed");
    let time = UNIX_EPOCH + Duration::new(1_700_000_000, 123_456_789);
    let record = otel.record();
    assert_eq!(record.timestamp(), Some(time));
    assert_eq!(record.observed_timestamp(), Some(time));
}
