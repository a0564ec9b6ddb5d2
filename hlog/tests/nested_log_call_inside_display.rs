//! A `Display` impl that itself logs to the same logger while its value is being formatted
//! neither panics nor deadlocks, and both records are written — the inner one first, since it
//! completes while the outer one is still being formatted.

use std::fmt;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use hlog::sink::Capture;

/// Logs through `logger` from inside its own `Display`.
struct Chatty<'a> {
    logger: &'a hlog::Logger,
    depth: u32,
}

impl fmt::Display for Chatty<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.depth > 0 {
            let inner = Chatty { logger: self.logger, depth: self.depth - 1 };
            hlog::warning!(self.logger, "inner {} depth {d}", inner, d = self.depth);
        }
        write!(f, "chatty{}", self.depth)
    }
}

/// Run `f` on another thread and fail (instead of hanging) if it deadlocks.
fn within_seconds<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(20)).expect("the log call deadlocked (or panicked)")
}

#[test]
fn nested_call_writes_both_records_inner_first() {
    let text = within_seconds(|| {
        let capture = Capture::new();
        let logger = hlog::Logger::new();
        logger.add(capture.clone()).format("{level}|{message}").colorize(false).install().unwrap();
        hlog::info!(logger, "outer {}", Chatty { logger: &logger, depth: 1 });
        let stats = logger.stats();
        assert_eq!((stats[0].written, stats[0].errors), (2, 0));
        capture.text()
    });
    assert_eq!(text, "WARNING|inner chatty0 depth 1\nINFO|outer chatty1\n");
}

#[test]
fn nested_calls_several_levels_deep() {
    let text = within_seconds(|| {
        let capture = Capture::new();
        let logger = hlog::Logger::new();
        logger.add(capture.clone()).format("{message}").install().unwrap();
        hlog::error!(logger, "outer {c}", c = Chatty { logger: &logger, depth: 3 });
        capture.text()
    });
    assert_eq!(
        text,
        "inner chatty0 depth 1\ninner chatty1 depth 2\ninner chatty2 depth 3\nouter chatty3\n"
    );
}

#[test]
fn nested_call_with_two_handlers() {
    // Every record, inner and outer, reaches both handlers, and in each the inner record comes
    // before the outer one. (Each handler formats the message itself, so the inner call may run
    // once per handler; only the order is asserted here.)
    let (first, second) = within_seconds(|| {
        let first = Capture::new();
        let second = Capture::new();
        let logger = hlog::Logger::new();
        logger.add(first.clone()).format("1 {message}").install().unwrap();
        logger.add(second.clone()).format("2 {message}").install().unwrap();
        hlog::info!(logger, "outer {}", Chatty { logger: &logger, depth: 1 });
        (first.lines(), second.lines())
    });
    for (prefix, lines) in [("1", &first), ("2", &second)] {
        let outer = format!("{prefix} outer chatty1");
        let inner = format!("{prefix} inner chatty0 depth 1");
        assert_eq!(lines.iter().filter(|l| **l == outer).count(), 1, "{lines:?}");
        let outer_at = lines.iter().position(|l| *l == outer).unwrap();
        assert!(lines[..outer_at].contains(&inner), "inner before outer: {lines:?}");
        assert!(lines.iter().all(|l| *l == outer || *l == inner), "{lines:?}");
    }
}

#[test]
fn nested_call_from_a_filter() {
    let text = within_seconds(|| {
        let capture = Capture::new();
        let logger = hlog::Logger::new();
        let from_filter = logger.clone();
        logger
            .add(capture.clone())
            .format("{message}")
            .filter(move |record| {
                if record.level() == &hlog::Level::INFO {
                    hlog::debug!(from_filter, "seen by the filter");
                }
                true
            })
            .install()
            .unwrap();
        hlog::info!(logger, "outer");
        capture.text()
    });
    assert_eq!(text, "seen by the filter\nouter\n");
}

#[test]
fn nested_call_from_a_sink_does_not_deadlock() {
    // A sink that logs to its own logger: the record it logs cannot go back into the same sink
    // while that sink is busy, but the call must return and the other handler must get it.
    let text = within_seconds(|| {
        let capture = Capture::new();
        let logger = hlog::Logger::new();
        let inner = logger.clone();
        logger
            .add(hlog::sink::from_fn(move |line, _| {
                if line.starts_with("outer") {
                    hlog::info!(inner, "from the sink");
                }
            }))
            .format("{message}")
            .install()
            .unwrap();
        logger.add(capture.clone()).format("{message}").install().unwrap();
        hlog::info!(logger, "outer");
        capture.text()
    });
    assert_eq!(text, "from the sink\nouter\n");
}
