//! A queued handler (`enqueue(true)`) writes the same bytes as a synchronous one, for every
//! format field and every kind of value: both render the record with the same code, the
//! queued one from the copy its thread's ring holds. Bound, contextual and patched fields are
//! gathered on the calling thread, so the writer thread shows them as the caller would.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use hlog::sink::Capture;
use hlog::time::{Timestamp, Zone};
use hlog::{Level, Logger};

struct Shown(u32);

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "shown<{}>\nline", self.0)
    }
}

#[derive(Debug)]
#[allow(dead_code)]
struct Point {
    x: i32,
    y: i32,
}

struct Panics;

impl fmt::Display for Panics {
    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        panic!("boom")
    }
}

#[derive(Debug)]
struct Outer(Inner);
#[derive(Debug)]
struct Inner;

impl fmt::Display for Outer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("request failed")
    }
}
impl fmt::Display for Inner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("connection reset\nby peer")
    }
}
impl std::error::Error for Outer {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}
impl std::error::Error for Inner {}

const FORMATS: &[&str] = &[
    hlog::DEFAULT_FORMAT,
    "{time:YYYY-MM-DD HH:mm:ss.SSSSSS Z} {level.no} {level.icon} {name} {module} {function} \
     {file} {file.name} {line} {thread} {thread.id} {process.id} | {message} | {extra} | \
     {extra[user]} {extra[n]}",
    "<level>{level: <8}</level> <red>{message:>40}</red> {exception}",
    "{file.name}:{line:>5} {function} {message} {exception}",
];

fn log_everything(logger: &Logger) {
    let user = "alice\x1b[31m";
    let n = -42i64;
    let big = u128::MAX;
    let ratio = 0.1f64 + 0.2;
    let half = 0.5f32;
    let yes = true;
    let letter = 'λ';
    let shown = Shown(7);
    let point = Point { x: 1, y: -2 };
    let owned = String::from("owned\ttext");
    hlog::info!(logger, "plain text");
    hlog::debug!(logger, "User {user} n={n} big={big} ratio={ratio} half={half} {yes} {letter}");
    hlog::warning!(
        logger,
        "shown {shown} point {point:?} owned {owned} width [{n:>8}] [{ratio:.3}]"
    );
    hlog::error!(logger, "<red>markup</red> and {user} in <bold>bold {n}</bold>");
    hlog::info!(logger, "a panicking value: {}", Panics);
    hlog::log!(logger, Level::SUCCESS, "positional {} {}", 1, "two");
    hlog::level("AUDIT", 35, "<magenta><bold>", "🔎").unwrap();
    hlog::log!(logger, "AUDIT", "a custom level, <level>coloured</level>", order = 7);
    hlog::info!(
        logger,
        "fields the message does not show",
        order_id = 42u64,
        total = 12.5,
        ok = true
    );
    // Bound, contextual and patched fields: merged on the calling thread, each name once.
    let child =
        hlog::bind!(logger; request_id = "abc-123", user = "bound\x1b[0m", attempt = 3u8, ratio);
    let patched = child.patch(|patch| {
        patch.set("patched", 1.5f64.into());
        patch.set("n", 99i64.into());
    });
    hlog::info!(child, "through a child {n}");
    {
        let _scope = hlog::contextualize!(scope = "ctx\nline", n = 7, flag = true);
        hlog::info!(logger, "inside a scope");
        hlog::warning!(child, "child inside a scope", user = "the call's own wins");
        hlog::error!(patched, "patched inside a scope {n}");
    }
    let error = Outer(Inner);
    logger.log(
        &hlog::Record::new(
            logger.now(),
            &Level::ERROR,
            {
                static CALLSITE: hlog::__private::Callsite = hlog::__private::Callsite::new(
                    module_path!(),
                    file!(),
                    line!(),
                    "with an error",
                    || "tests::here",
                );
                &CALLSITE
            },
            hlog::Message::Text("text from a bridge\nsecond line"),
            &[("user", hlog::Value::Str("bob")), ("n", hlog::Value::I64(3))],
        )
        .with_error(&error),
    );
    // Call options: an attached error, a caller's location, raw writes.
    hlog::error!(logger, err = Outer(Inner), "attached {n}");
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(Outer(Inner));
    hlog::warning!(logger, err = boxed, "boxed");
    log_from_caller(logger);
    hlog::info!(logger, raw, "<red>raw {user}</red>\r");
    hlog::info!(logger, raw, caller, err = Outer(Inner), "raw with an error");
    hlog::info!(logger, raw, "\n");
}

#[track_caller]
fn log_from_caller(logger: &Logger) {
    hlog::success!(logger, caller, "reported at the caller's line");
}

#[test]
fn queued_and_synchronous_handlers_write_the_same_bytes() {
    for (colorize, escape) in [(false, true), (true, true), (false, false)] {
        for format in FORMATS {
            let logger = Logger::new()
                .with_clock(|| Timestamp::from_unix(1_774_535_400, 123_456_789))
                .with_zone(Zone::fixed(3600));
            let sync = Capture::new();
            let queued = Capture::new();
            let elsewhere = Arc::new(AtomicBool::new(false));
            for (capture, enqueue) in [(&sync, false), (&queued, true)] {
                let elsewhere = Arc::clone(&elsewhere);
                logger
                    .add(capture.clone())
                    .format(*format)
                    .colorize(colorize)
                    .escape_values(escape)
                    .enqueue(enqueue)
                    // The queued handler runs on the writer thread, the other on the caller.
                    .filter(move |_| {
                        let on_writer = std::thread::current().name() == Some("hlog-writer");
                        if on_writer != enqueue {
                            elsewhere.store(true, Ordering::Relaxed);
                        }
                        true
                    })
                    .install()
                    .unwrap();
            }
            log_everything(&logger);
            logger.complete();
            assert!(!sync.text().is_empty());
            if format.contains("{extra}") {
                for shown in [r#""request_id": "abc-123""#, r#""patched": 1.5"#, r#""flag": true"#]
                {
                    assert!(queued.text().contains(shown), "{shown} in {}", queued.text());
                }
            }
            assert!(!elsewhere.load(Ordering::Relaxed), "a handler ran on the wrong thread");
            assert_eq!(
                queued.text(),
                sync.text(),
                "format {format:?}, colour {colorize}, escape {escape}"
            );
        }
    }
}

/// JSON lines too: the default schema and one with every member, ASCII-only or not.
#[test]
fn queued_and_synchronous_json_lines_are_the_same_bytes() {
    use hlog::sink::JsonSink;
    use hlog::{JsonField, JsonFormat};
    let every = JsonFormat::new().field(JsonField::ThreadId).field(JsonField::Template);
    for ascii in [false, true] {
        for schema in [JsonFormat::new(), every.clone().flatten_extra(true)] {
            let logger = Logger::new()
                .with_clock(|| Timestamp::from_unix(1_774_535_400, 123_456_789))
                .with_zone(Zone::fixed(3600));
            let sync = Capture::new();
            let queued = Capture::new();
            for (capture, enqueue) in [(&sync, false), (&queued, true)] {
                let sink = JsonSink::to(capture.clone()).ensure_ascii(ascii).schema(schema.clone());
                logger.add(sink).enqueue(enqueue).install().unwrap();
            }
            log_everything(&logger);
            logger.complete();
            assert!(sync.text().lines().count() >= 8);
            assert_eq!(queued.text(), sync.text(), "ascii {ascii}");
        }
    }
}

#[test]
fn a_queued_handler_shows_the_backtrace_the_call_captured() {
    let logger = Logger::new();
    let queued = Capture::new();
    let plain = Capture::new();
    logger.add(queued.clone()).format("{message}").backtrace(true).enqueue(true).install().unwrap();
    logger.add(plain.clone()).format("{message}").enqueue(true).install().unwrap();
    hlog::error!(logger, err = Outer(Inner), "failed");
    logger.complete();
    let chain = "failed\nError: request failed\nCaused by: connection reset\\nby peer\n";
    assert_eq!(plain.text(), chain);
    let text = queued.text();
    let rest = text.strip_prefix(chain).and_then(|rest| rest.strip_prefix("Stack backtrace:\n"));
    let rest = rest.expect(&text);
    assert!(rest.contains("a_queued_handler_shows_the_backtrace_the_call_captured"), "{rest}");
    assert!(rest.ends_with('\n') && !rest.ends_with("\n\n"), "{rest}");
}

/// A zone set after the writer thread started reaches it too.
#[test]
fn a_zone_set_after_a_queued_handler_reaches_the_writer() {
    let logger = Logger::new().with_clock(|| Timestamp::from_unix(1_774_535_400, 0));
    let queued = Capture::new();
    logger.add(queued.clone()).format("{time:HH:mm Z}").enqueue(true).install().unwrap();
    let logger = logger.with_zone(Zone::fixed(3600));
    hlog::info!(logger, "x");
    logger.complete();
    assert_eq!(queued.text(), "15:30 +01:00\n");
}
