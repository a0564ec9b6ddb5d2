//! A log call that no handler would accept evaluates none of its arguments: not when the level
//! is below every handler's level, not when the logger has no handler, not when the module is
//! disabled. When the call is enabled, each argument is evaluated exactly once.

use std::cell::Cell;

use hlog::Level;
use hlog::sink::Capture;

/// Counts how many times an argument expression was evaluated.
struct Counter(Cell<u32>);

impl Counter {
    fn new() -> Self {
        Counter(Cell::new(0))
    }

    /// The side effect under test: bump the count and hand back a value to log.
    fn bump(&self) -> u32 {
        self.0.set(self.0.get() + 1);
        self.0.get()
    }

    fn get(&self) -> u32 {
        self.0.get()
    }
}

fn logger_with_capture(level: Level) -> (hlog::Logger, Capture) {
    let capture = Capture::new();
    let logger = hlog::Logger::new();
    logger.add(capture.clone()).level(level).format("{message}").colorize(false).install().unwrap();
    (logger, capture)
}

#[test]
fn below_every_handlers_level_evaluates_nothing() {
    let counter = Counter::new();
    let capture_warning = Capture::new();
    let capture_error = Capture::new();
    let logger = hlog::Logger::new();
    logger
        .add(capture_warning.clone())
        .level(Level::WARNING)
        .format("{message}")
        .install()
        .unwrap();
    logger.add(capture_error.clone()).level(Level::ERROR).format("{message}").install().unwrap();

    hlog::trace!(logger, "trace {}", counter.bump());
    hlog::debug!(logger, "debug {}", counter.bump());
    hlog::info!(logger, "info {n}", n = counter.bump());
    hlog::success!(logger, "success {:?}", counter.bump());
    hlog::log!(logger, Level::INFO, "log {}", counter.bump());
    // Fields the message does not show, after the template and before it.
    hlog::info!(logger, "order placed", order_id = counter.bump());
    hlog::info!(logger, order_id = counter.bump(), "order placed");
    hlog::log!(logger, Level::INFO, order_id = counter.bump(), "order placed");

    assert_eq!(counter.get(), 0, "a filtered call evaluated its arguments");
    assert_eq!(capture_warning.text(), "");
    assert_eq!(capture_error.text(), "");
}

#[test]
fn no_handler_evaluates_nothing() {
    let counter = Counter::new();
    let logger = hlog::Logger::new();

    hlog::trace!(logger, "{}", counter.bump());
    hlog::info!(logger, "{}", counter.bump());
    hlog::critical!(logger, "{} {x}", counter.bump(), x = counter.bump());
    hlog::critical!(logger, id = counter.bump(), "placed", total = counter.bump());
    hlog::log!(logger, Level::CRITICAL, "{}", counter.bump());
    assert_eq!(counter.get(), 0);

    // Adding a handler and removing it again leaves the logger with none: still nothing.
    let id = logger.add(Capture::new()).install().unwrap();
    logger.remove(id).unwrap();
    hlog::critical!(logger, "{}", counter.bump());
    assert_eq!(counter.get(), 0);

    // Same after remove_all().
    logger.add(Capture::new()).install().unwrap();
    logger.remove_all();
    hlog::error!(logger, "{}", counter.bump());
    assert_eq!(counter.get(), 0);
}

#[test]
fn disabled_module_evaluates_nothing() {
    let counter = Counter::new();
    let (logger, capture) = logger_with_capture(Level::TRACE);

    logger.disable(module_path!());
    hlog::critical!(logger, "critical {}", counter.bump());
    hlog::error!(logger, "error {e}", e = counter.bump());
    hlog::trace!(logger, "trace {}", counter.bump());
    assert_eq!(counter.get(), 0, "a call from a disabled module evaluated its arguments");
    assert_eq!(capture.text(), "");

    // Disabling everything (the empty prefix) has the same effect.
    logger.enable(module_path!());
    let other = hlog::Logger::new();
    other.add(capture.clone()).install().unwrap();
    other.disable("");
    hlog::critical!(other, "{}", counter.bump());
    assert_eq!(counter.get(), 0);
}

#[test]
fn enabled_call_evaluates_each_argument_once() {
    let counter = Counter::new();
    let (logger, capture) = logger_with_capture(Level::INFO);

    hlog::info!(logger, "info {}", counter.bump());
    assert_eq!(counter.get(), 1);
    hlog::error!(logger, "error {n}", n = counter.bump());
    assert_eq!(counter.get(), 2);
    hlog::log!(logger, Level::WARNING, "log {:?}", counter.bump());
    assert_eq!(counter.get(), 3);
    // Filtered again: no change.
    hlog::debug!(logger, "debug {}", counter.bump());
    assert_eq!(counter.get(), 3);
    assert_eq!(capture.text(), "info 1\nerror 2\nlog 3\n");
}

#[test]
fn re_enabled_module_evaluates_again() {
    let counter = Counter::new();
    let (logger, capture) = logger_with_capture(Level::TRACE);

    for enabled in [true, false, true, false, true] {
        if enabled {
            logger.enable(module_path!());
        } else {
            logger.disable(module_path!());
        }
        // One call site, reached under each configuration.
        hlog::info!(logger, "n={}", counter.bump());
    }
    assert_eq!(counter.get(), 3);
    assert_eq!(capture.text(), "n=1\nn=2\nn=3\n");
}

#[test]
fn level_below_handler_then_handler_lowered() {
    let counter = Counter::new();
    let (logger, capture) = logger_with_capture(Level::ERROR);
    let log = |logger: &hlog::Logger| hlog::warning!(logger, "w{}", counter.bump());

    log(&logger);
    assert_eq!(counter.get(), 0);

    // A second handler at a lower level makes the same call site interesting.
    let low = Capture::new();
    logger.add(low.clone()).level(Level::WARNING).format("{message}").install().unwrap();
    log(&logger);
    assert_eq!(counter.get(), 1);
    assert_eq!(low.text(), "w1\n");
    assert_eq!(capture.text(), "", "the ERROR handler must still reject WARNING");
}
