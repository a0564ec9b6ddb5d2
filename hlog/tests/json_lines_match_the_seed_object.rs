//! A JSON line has the seed's keys, in the seed's order, with the seed's types: the golden test
//! of `serialize(true)` and `JsonSink`. hlog's `time` adds the offset (the seed's has none, which
//! is ambiguous across zones), `module` is a Rust module path and `file` the `file!()` path.

use hlog::sink::{Capture, JsonSink};
use hlog::time::{Timestamp, Zone};
use hlog::{__private::Callsite, Level, Logger, Message, Record, Value};

/// The seed's example object (Python loguru's `serialize=True`, simplified by the spec).
const SEED: &str = r#"{"time": "2026-03-26T14:30:00.123456", "level": "INFO", "level_no": 20, "message": "User alice logged in", "module": "app.auth", "function": "login", "line": 42, "file": "auth.py", "thread": "MainThread", "process": 12345, "elapsed": 3.456789, "extra": {"user": "alice", "ip": "10.0.0.1"}}"#;

/// 2026-03-26 13:30:00.123456789 UTC.
const AT: Timestamp = Timestamp::from_unix(1_774_531_800, 123_456_789);

static LOGIN: Callsite = Callsite::new(
    "app::auth",
    "src/auth.rs",
    42,
    "User {user} logged in",
    || "app::auth::login::__hlog_here",
);

/// The seed's record, logged on a thread named as Python's main thread.
fn log_the_seed_record(logger: &Logger) {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("MainThread".into())
            .spawn_scoped(scope, || {
                let fields = [("user", Value::Str("alice")), ("ip", Value::Str("10.0.0.1"))];
                let message = Message::Text("User alice logged in");
                logger.log(&Record::new(logger.now(), &Level::INFO, &LOGIN, message, &fields));
            })
            .unwrap();
    });
}

/// The line with its two values that differ from run to run checked and replaced by the
/// seed's: the process id, and the seconds since logging started (a number with 6 decimals).
fn with_seed_process_and_elapsed(line: &str) -> String {
    let process = format!(r#""process":{},"elapsed":"#, std::process::id());
    let (head, rest) = line.split_once(&process).expect("the process id");
    let (elapsed, tail) = rest.split_once(',').unwrap();
    let (secs, micros) = elapsed.split_once('.').unwrap();
    assert!(secs.bytes().all(|b| b.is_ascii_digit()) && !secs.is_empty(), "{elapsed}");
    assert!(micros.len() == 6 && micros.bytes().all(|b| b.is_ascii_digit()), "{elapsed}");
    format!(r#"{head}"process":12345,"elapsed":3.456789,{tail}"#)
}

const EXPECTED: &str = concat!(
    r#"{"time":"2026-03-26T14:30:00.123456+01:00","level":"INFO","level_no":20,"#,
    r#""message":"User alice logged in","module":"app::auth","function":"login","line":42,"#,
    r#""file":"src/auth.rs","thread":"MainThread","process":12345,"elapsed":3.456789,"#,
    r#""extra":{"user":"alice","ip":"10.0.0.1"}}"#,
    "\n"
);

#[test]
fn serialize_writes_the_seed_object_byte_for_byte() {
    let capture = Capture::new();
    let logger = Logger::new().with_clock(|| AT).with_zone(Zone::fixed(3600));
    logger.add(capture.clone()).serialize(true).install().unwrap();
    log_the_seed_record(&logger);
    assert_eq!(with_seed_process_and_elapsed(&capture.text()), EXPECTED);
}

#[test]
fn json_sink_writes_the_same_line() {
    let capture = Capture::new();
    let logger = Logger::new().with_clock(|| AT).with_zone(Zone::fixed(3600));
    logger.add(JsonSink::to(capture.clone())).install().unwrap();
    log_the_seed_record(&logger);
    assert_eq!(with_seed_process_and_elapsed(&capture.text()), EXPECTED);
}

/// Same keys, same order, same JSON type for each value as the seed's object.
#[test]
fn keys_order_and_types_are_the_seeds() {
    let capture = Capture::new();
    let logger = Logger::new().with_clock(|| AT).with_zone(Zone::utc());
    logger.add(capture.clone()).serialize(true).install().unwrap();
    log_the_seed_record(&logger);
    let line = capture.text();
    let ours: serde_json::Value = serde_json::from_str(&line).unwrap();
    let seed: serde_json::Value = serde_json::from_str(SEED).unwrap();
    let kind = |v: &serde_json::Value| match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "bool",
        serde_json::Value::Number(n) if n.is_f64() => "float",
        serde_json::Value::Number(_) => "integer",
        serde_json::Value::String(_) => "string",
        serde_json::Value::Array(_) => "array",
        serde_json::Value::Object(_) => "object",
    };
    let (ours, seed) = (ours.as_object().unwrap(), seed.as_object().unwrap());
    assert_eq!(ours.len(), seed.len());
    for (key, value) in seed {
        assert_eq!(kind(&ours[key]), kind(value), "{key}");
    }
    assert_eq!(ours["extra"], seed["extra"]);
    // The order (the seed's, as written; serde_json's map sorts its keys): each key found
    // after the one before it.
    let mut at = 0;
    for key in [
        "time", "level", "level_no", "message", "module", "function", "line", "file", "thread",
        "process", "elapsed", "extra",
    ] {
        let found = line[at..].find(&format!("\"{key}\":")).unwrap_or_else(|| panic!("{key}"));
        at += found + key.len() + 3;
    }
    assert_eq!(ours["time"], "2026-03-26T13:30:00.123456+00:00");
}

/// `time` is RFC 3339 in the logger's zone: the offset is the zone's at that instant, and the
/// fraction is microseconds, truncated.
#[test]
fn time_has_the_offset_of_the_loggers_zone() {
    for (zone, time) in [
        (Zone::utc(), "2026-03-26T13:30:00.123456+00:00"),
        (Zone::fixed(-5 * 3600), "2026-03-26T08:30:00.123456-05:00"),
        (Zone::fixed(5 * 3600 + 45 * 60), "2026-03-26T19:15:00.123456+05:45"),
        (
            Zone::from_posix_tz("CET-1CEST,M3.5.0,M10.5.0/3").unwrap(),
            "2026-03-26T14:30:00.123456+01:00",
        ),
    ] {
        let capture = Capture::new();
        let logger = Logger::new().with_clock(|| AT).with_zone(zone);
        logger.add(capture.clone()).serialize(true).install().unwrap();
        hlog::info!(logger, "x");
        let line: serde_json::Value = serde_json::from_str(&capture.text()).unwrap();
        assert_eq!(line["time"], time);
    }
}

/// `elapsed` counts seconds as `{elapsed}` does, to the microsecond.
#[test]
fn elapsed_is_seconds_with_microseconds() {
    let capture = Capture::new();
    let clock = std::sync::Arc::new(std::sync::Mutex::new(Timestamp::now()));
    let logger = Logger::new();
    let now = clock.clone();
    let logger = logger.with_clock(move || *now.lock().unwrap());
    logger.add(capture.clone()).serialize(true).install().unwrap();
    let start = Timestamp::now();
    *clock.lock().unwrap() = Timestamp::from_unix(start.secs() + 10, start.nanos());
    hlog::info!(logger, "first");
    *clock.lock().unwrap() = Timestamp::from_unix(start.secs() + 13, start.nanos() + 456_789_000);
    hlog::info!(logger, "second");
    // Read from the line's own text: always six decimals.
    let micros = |line: &str| {
        let (_, rest) = line.split_once("\"elapsed\":").unwrap();
        let (text, _) = rest.split_once(',').unwrap();
        let (secs, fraction) = text.split_once('.').unwrap();
        assert_eq!(fraction.len(), 6, "{text}");
        secs.parse::<u64>().unwrap() * 1_000_000 + fraction.parse::<u64>().unwrap()
    };
    let lines = capture.lines();
    assert!(micros(&lines[0]) >= 10_000_000);
    assert_eq!(micros(&lines[1]) - micros(&lines[0]), 3_456_789);
}

/// Through the macros: `module` is the module path, `file` the `file!()` path, `function` the
/// enclosing function, `line` the call's line, `message` plain even on a colourised handler.
#[test]
fn callsite_members_come_from_the_call() {
    let capture = Capture::new();
    let logger = Logger::new().with_clock(|| AT).with_zone(Zone::utc());
    logger.add(capture.clone()).serialize(true).colorize(true).install().unwrap();
    let user = "alice";
    let line = line!() + 1;
    hlog::info!(logger, "<red>User</red> {user} logged in");
    let value: serde_json::Value = serde_json::from_str(&capture.text()).unwrap();
    assert_eq!(value["message"], "User alice logged in");
    assert_eq!(value["module"], module_path!());
    assert_eq!(value["file"], file!());
    assert_eq!(value["function"], "callsite_members_come_from_the_call");
    assert_eq!(value["line"], line);
    assert_eq!(value["extra"], serde_json::json!({"user": "alice"}));
}
