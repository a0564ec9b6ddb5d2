//! A log call on the steady-state path allocates nothing: default format, console, writer and
//! capture sinks, JSON lines (to a capture, a writer and a file; escaped text and
//! `ensure_ascii` included), integer, float, bool and `&str` arguments. Counted by a global allocator that
//! counts only the allocations of the thread under test.

#[path = "common/counting.rs"]
mod counting;

use hlog::Logger;
use hlog::sink::{Capture, Console, JsonSink, from_writer};
use hlog::{JsonField, JsonFormat};

use counting::on_this_thread as allocations;

fn log_everything(logger: &Logger, i: u64) {
    let user = "alice";
    let ms = 3.25_f64 + i as f64;
    let ok = i % 2 == 0;
    hlog::info!(
        logger,
        "User {user} logged in from {ip} (id={i}, ms={ms}, ok={ok})",
        ip = "10.0.0.1"
    );
    hlog::warning!(logger, "<yellow>slow</yellow> {n} {f32}", n = -7_i32, f32 = 1.5_f32);
    hlog::debug!(logger, "literal only");
    hlog::info!(logger, order_id = i, "Order placed", total = ms); // fields the message hides
}

fn steady_state(logger: &Logger, calls: u64) -> usize {
    for i in 0..10 {
        log_everything(logger, i); // warm-up: thread-locals, call-site caches, time cache
    }
    allocations(|| (0..calls).for_each(|i| log_everything(logger, i)))
}

#[test]
fn capture_sink() {
    let logger = Logger::new();
    let capture = Capture::with_capacity(4 << 20);
    logger.add(capture.clone()).install().unwrap();
    assert_eq!(steady_state(&logger, 1000), 0);
    assert_eq!(capture.lines().len(), 4 * 1010);
}

#[test]
fn capture_sink_showing_extra() {
    let logger = Logger::new();
    let capture = Capture::with_capacity(8 << 20);
    logger.add(capture.clone()).format("{message} {extra}").install().unwrap();
    assert_eq!(steady_state(&logger, 1000), 0);
    assert!(capture.text().ends_with("Order placed {\"order_id\": 999, \"total\": 1002.25}\n"));
}

#[test]
fn coloured_capture_sink() {
    let logger = Logger::new();
    let capture = Capture::with_capacity(4 << 20);
    logger.add(capture.clone()).colorize(true).install().unwrap();
    assert_eq!(steady_state(&logger, 1000), 0);
    assert!(capture.text().contains("\x1b[33mslow\x1b[0m"));
}

#[test]
fn writer_sink() {
    let logger = Logger::new();
    logger.add(from_writer(std::io::sink())).install().unwrap();
    assert_eq!(steady_state(&logger, 1000), 0);
}

#[test]
fn console_sink() {
    let logger = Logger::new();
    // Only ERROR reaches the console, to keep the test output short; the gate, the formatting
    // and the write all run for the records that pass.
    logger.add(Console::stderr()).level("WARNING").install().unwrap();
    assert_eq!(steady_state(&logger, 3), 0);
}

#[test]
fn filtered_out_call() {
    let logger = Logger::new();
    logger.add(Capture::new()).level("ERROR").install().unwrap();
    assert_eq!(steady_state(&logger, 1000), 0);
}

#[test]
fn file_sink() {
    let dir = std::env::temp_dir().join(format!("hlog-alloc-{}", std::process::id()));
    let logger = Logger::new();
    // Watched, buffered, with a size rotation that does not fall due during the test.
    let sink = hlog::sink::FileSink::new(dir.join("app.log")).rotation("1 GB");
    logger.add(sink).install().unwrap();
    assert_eq!(steady_state(&logger, 1000), 0);
    logger.complete();
    assert_eq!(std::fs::read_to_string(dir.join("app.log")).unwrap().lines().count(), 4 * 1010);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn json_capture_sink() {
    let logger = Logger::new();
    let capture = Capture::with_capacity(8 << 20);
    logger.add(capture.clone()).serialize(true).install().unwrap();
    assert_eq!(steady_state(&logger, 1000), 0);
    assert_eq!(capture.lines().len(), 4 * 1010);
}

/// Text that takes the escaping path (quotes, a newline, non-ASCII under `ensure_ascii`), a
/// flattened schema with the template, an attached-error-free record.
#[test]
fn json_escaping_and_schema() {
    let logger = Logger::new();
    let capture = Capture::with_capacity(8 << 20);
    logger.add(JsonSink::to(capture.clone()).ensure_ascii(true)).install().unwrap();
    let schema = JsonFormat::new().flatten_extra(true).field(JsonField::Template);
    logger.add(capture.clone()).format(schema).install().unwrap();
    let call = |i: u64| {
        let text = "say \"héllo\"\n😀";
        hlog::info!(logger, "{text} {i} {f}", f = f64::NAN);
    };
    (0..10).for_each(call);
    assert_eq!(allocations(|| (0..1000).for_each(call)), 0);
    assert!(capture.text().contains(r#"say \"h\u00e9llo\"\n\ud83d\ude00"#));
}

#[test]
fn json_writer_sink() {
    let logger = Logger::new();
    logger.add(JsonSink::writer(std::io::sink())).install().unwrap();
    assert_eq!(steady_state(&logger, 1000), 0);
}

#[test]
fn json_file_sink() {
    let dir = std::env::temp_dir().join(format!("hlog-alloc-json-{}", std::process::id()));
    let logger = Logger::new();
    let sink = JsonSink::file(hlog::sink::FileSink::new(dir.join("app.jsonl")).rotation("1 GB"));
    logger.add(sink).install().unwrap();
    assert_eq!(steady_state(&logger, 1000), 0);
    logger.complete();
    let text = std::fs::read_to_string(dir.join("app.jsonl")).unwrap();
    assert_eq!(text.lines().count(), 4 * 1010);
    assert!(text.lines().all(|line| line.starts_with("{\"time\":") && line.ends_with('}')));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_counter_sees_allocations() {
    let logger = Logger::new();
    logger.add(Capture::new()).install().unwrap();
    let owned = String::from("x");
    // A Display value that allocates while formatting is counted: the counter works.
    assert!(allocations(|| hlog::info!(logger, "{}", format!("{owned}!"))) >= 1);
}

#[derive(Debug)]
struct Declined;

impl std::fmt::Display for Declined {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("card declined")
    }
}

impl std::error::Error for Declined {}

#[track_caller]
fn log_options(logger: &Logger, i: u64) {
    hlog::error!(logger, err = Declined, "Payment {i} failed");
    hlog::info!(logger, raw, "progress {i}\r");
    hlog::info!(logger, caller, "from the caller {i}");
}

/// Call options (an attached error, a raw write, a caller's location) allocate nothing either
/// (a backtrace, captured only for a handler that asks, does).
#[test]
fn call_options() {
    let logger = Logger::new();
    let capture = Capture::with_capacity(1 << 20);
    logger.add(capture.clone()).format("{file}:{line} {message} {exception}").install().unwrap();
    for i in 0..10 {
        log_options(&logger, i);
    }
    assert_eq!(allocations(|| (0..1000).for_each(|i| log_options(&logger, i))), 0);
    assert!(capture.text().ends_with("from the caller 999 \n"), "{}", &capture.text()[..200]);
}

/// A call through a child with 3 bound fields allocates nothing (binding allocated once).
#[test]
fn child_with_bound_fields() {
    let logger = Logger::new();
    let capture = Capture::with_capacity(8 << 20);
    logger.add(capture.clone()).format("{message} {extra}").install().unwrap();
    let child = hlog::bind!(logger; request_id = "abc-123", user = "alice", attempt = 3);
    assert_eq!(steady_state(&child, 1000), 0);
    assert!(capture.text().ends_with(
        "Order placed {\"order_id\": 999, \"total\": 1002.25, \"request_id\": \"abc-123\", \
         \"user\": \"alice\", \"attempt\": 3}\n"
    ));
}

/// A call inside a contextual scope with 3 fields allocates nothing (the scope allocated once).
#[test]
fn inside_a_contextual_scope() {
    let logger = Logger::new();
    let capture = Capture::with_capacity(8 << 20);
    logger.add(capture.clone()).format("{message} {extra}").install().unwrap();
    let _scope = hlog::contextualize!(request_id = "abc-123", user = "alice", attempt = 3);
    assert_eq!(steady_state(&logger, 1000), 0);
    assert!(capture.text().ends_with(
        "Order placed {\"order_id\": 999, \"total\": 1002.25, \"request_id\": \"abc-123\", \
         \"user\": \"alice\", \"attempt\": 3}\n"
    ));
}

/// A patched child allocates nothing per call: the patch writes into a fixed array.
#[test]
fn patched_child() {
    let logger = Logger::new();
    let capture = Capture::with_capacity(8 << 20);
    logger.add(capture.clone()).format("{message} {extra}").install().unwrap();
    let patched = logger.patch(|patch| {
        let secs = patch.record().time().secs();
        patch.set("secs_even", (secs % 2 == 0).into());
    });
    assert_eq!(steady_state(&patched, 1000), 0);
    assert!(capture.text().contains("\"secs_even\": "));
}
