//! A failing sink does not break logging: the log call does not panic, the other handlers
//! still receive every record, and `stats()` counts each handler's errors and written records.
//! A `Display` impl that panics while a message is formatted is caught and counted the same way.

use std::fmt;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use hlog::sink::{Capture, Sink};
use hlog::{HandlerStats, Record};

/// A sink that fails every write (and counts the attempts).
struct Failing {
    attempts: Arc<AtomicU32>,
}

impl Sink for Failing {
    fn write(&mut self, _line: &[u8], _record: &Record<'_>) -> io::Result<()> {
        self.attempts.fetch_add(1, Ordering::Relaxed);
        Err(io::Error::other("disk on fire"))
    }

    fn describe(&self) -> String {
        "failing".into()
    }
}

/// A sink that fails every other write.
struct Flaky {
    calls: u32,
}

impl Sink for Flaky {
    fn write(&mut self, _line: &[u8], _record: &Record<'_>) -> io::Result<()> {
        self.calls += 1;
        if self.calls % 2 == 0 {
            Err(io::Error::new(io::ErrorKind::BrokenPipe, "flaky"))
        } else {
            Ok(())
        }
    }
}

/// A sink that panics on its first write and works afterwards.
struct PanicsOnce {
    panicked: bool,
    lines: Capture,
}

impl Sink for PanicsOnce {
    fn write(&mut self, line: &[u8], record: &Record<'_>) -> io::Result<()> {
        if !self.panicked {
            self.panicked = true;
            panic!("sink panicked (this panic is expected by the test)");
        }
        self.lines.write(line, record)
    }
}

/// A value whose `Display` panics.
struct Explodes;

impl fmt::Display for Explodes {
    fn fmt(&self, _f: &mut fmt::Formatter<'_>) -> fmt::Result {
        panic!("Display of Explodes panicked (this panic is expected by the test)");
    }
}

fn stats_of(stats: &[HandlerStats], sink: &str) -> (u64, u64) {
    let s = stats
        .iter()
        .find(|s| s.sink == sink)
        .unwrap_or_else(|| panic!("no {sink} handler: {stats:?}"));
    (s.written, s.errors)
}

#[test]
fn failing_sink_does_not_stop_the_other_handler() {
    let attempts = Arc::new(AtomicU32::new(0));
    let capture = Capture::new();
    let logger = hlog::Logger::new();
    logger.add(Failing { attempts: attempts.clone() }).format("{message}").install().unwrap();
    logger.add(capture.clone()).format("{message}").install().unwrap();

    for i in 0..5 {
        hlog::info!(logger, "record {i}");
    }
    hlog::error!(logger, "last");

    assert_eq!(capture.text(), "record 0\nrecord 1\nrecord 2\nrecord 3\nrecord 4\nlast\n");
    assert_eq!(attempts.load(Ordering::Relaxed), 6, "the failing sink is tried for every record");
    let stats = logger.stats();
    assert_eq!(stats.len(), 2);
    assert_eq!(stats_of(&stats, "failing"), (0, 6));
    assert_eq!(stats_of(&stats, "capture"), (6, 0));
}

#[test]
fn failing_sink_installed_after_the_good_one() {
    // Order must not matter: the good handler first, the failing one second, then a third.
    let first = Capture::new();
    let third = Capture::new();
    let logger = hlog::Logger::new();
    logger.add(first.clone()).format("1:{message}").install().unwrap();
    logger.add(Failing { attempts: Arc::default() }).install().unwrap();
    logger.add(third.clone()).format("3:{message}").install().unwrap();

    hlog::warning!(logger, "a");
    hlog::warning!(logger, "b");

    assert_eq!(first.text(), "1:a\n1:b\n");
    assert_eq!(third.text(), "3:a\n3:b\n");
    let stats = logger.stats();
    assert_eq!(
        stats.iter().map(|s| (s.written, s.errors)).collect::<Vec<_>>(),
        [(2, 0), (0, 2), (2, 0)]
    );
}

#[test]
fn flaky_sink_counts_written_and_errors_separately() {
    let logger = hlog::Logger::new();
    let id = logger.add(Flaky { calls: 0 }).install().unwrap();
    for _ in 0..7 {
        hlog::debug!(logger, "x");
    }
    let stats = logger.stats();
    assert_eq!(stats.len(), 1);
    assert_eq!(stats[0].id, id);
    assert_eq!(stats[0].sink, "Flaky", "the default description is the type's name");
    assert_eq!((stats[0].written, stats[0].errors), (4, 3));
}

#[test]
fn filtered_records_are_neither_written_nor_errors() {
    let logger = hlog::Logger::new();
    logger.add(Failing { attempts: Arc::default() }).level("ERROR").install().unwrap();
    hlog::info!(logger, "below the level");
    hlog::error!(logger, "tried");
    assert_eq!(stats_of(&logger.stats(), "failing"), (0, 1));
}

#[test]
fn panicking_display_in_a_message_does_not_panic_the_call() {
    let capture = Capture::new();
    let logger = hlog::Logger::new();
    logger.add(capture.clone()).format("{message}").install().unwrap();

    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        hlog::info!(logger, "before {} after", Explodes);
        hlog::info!(logger, "named {e}", e = Explodes);
    }));
    assert!(outcome.is_ok(), "a panic in a Display impl escaped the log call");

    hlog::info!(logger, "still logging");
    // The value's text is a marker, the rest of each record is written (its own test:
    // panicking_display_leaves_a_marker.rs).
    assert_eq!(
        capture.text(),
        "before <Display panicked> after\nnamed <Display panicked>\nstill logging\n"
    );
    let stats = logger.stats();
    assert_eq!((stats[0].written, stats[0].errors), (3, 0));
}

#[test]
fn panicking_display_is_marked_by_each_handler_that_formats_it() {
    let shows = Capture::new();
    let hides = Capture::new();
    let logger = hlog::Logger::new();
    logger.add(shows.clone()).format("{message}").install().unwrap();
    // This handler never writes the message, so the value is never displayed.
    logger.add(hides.clone()).format("{level}").install().unwrap();

    hlog::critical!(logger, "{}", Explodes);

    assert_eq!(shows.text(), "<Display panicked>\n");
    assert_eq!(hides.text(), "CRITICAL\n");
    let stats = logger.stats();
    assert_eq!(stats.iter().map(|s| (s.written, s.errors)).collect::<Vec<_>>(), [(1, 0), (1, 0)]);
}

#[test]
fn panicking_filter_is_counted_and_other_handlers_continue() {
    let capture = Capture::new();
    let logger = hlog::Logger::new();
    logger
        .add(Capture::new())
        .filter(|_| panic!("filter panicked (this panic is expected by the test)"))
        .install()
        .unwrap();
    logger.add(capture.clone()).format("{message}").install().unwrap();

    hlog::info!(logger, "one");
    hlog::info!(logger, "two");

    assert_eq!(capture.text(), "one\ntwo\n");
    let stats = logger.stats();
    assert_eq!(stats.iter().map(|s| (s.written, s.errors)).collect::<Vec<_>>(), [(0, 2), (2, 0)]);
}

#[test]
fn panicking_sink_is_counted_and_keeps_working() {
    let lines = Capture::new();
    let other = Capture::new();
    let logger = hlog::Logger::new();
    logger
        .add(PanicsOnce { panicked: false, lines: lines.clone() })
        .format("{message}")
        .install()
        .unwrap();
    logger.add(other.clone()).format("{message}").install().unwrap();

    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        hlog::info!(logger, "first");
        hlog::info!(logger, "second");
    }));
    assert!(outcome.is_ok(), "a panicking sink made the log call panic");
    // The sink is used again after its panic (its lock is not left poisoned for good).
    assert_eq!(lines.text(), "second\n");
    assert_eq!(other.text(), "first\nsecond\n");
    let stats = logger.stats();
    assert_eq!(stats.iter().map(|s| (s.written, s.errors)).collect::<Vec<_>>(), [(1, 1), (2, 0)]);
}
