//! Fields may come before the template, in tracing's order: `info!(order_id = id, "...")`,
//! `info!(logger, order_id = id, "...")`, `log!([logger,] level, order_id = id, "...")`. They
//! are the same fields as after the template (each `name = value`; an identifier alone before
//! the template would read as a logger), recorded after the ones the template shows, in call
//! order, and evaluated once, left to right, only when the call is enabled.

use std::cell::RefCell;
use std::sync::Once;

use hlog::Level;
use hlog::sink::Capture;

fn capture_logger(level: Level) -> (hlog::Logger, Capture) {
    let capture = Capture::new();
    let logger = hlog::Logger::new();
    logger
        .add(capture.clone())
        .level(level)
        .format("{level} {message} {extra}")
        .colorize(false)
        .install()
        .unwrap();
    (logger, capture)
}

/// Registers the level `AUDIT` once for the tests that name it.
fn register_audit() {
    static AUDIT: Once = Once::new();
    AUDIT.call_once(|| {
        hlog::level("AUDIT", 35, "<magenta>", "A").unwrap();
    });
}

#[test]
fn fields_before_the_template_through_a_logger() {
    let (logger, capture) = capture_logger(Level::TRACE);
    let id = 7_u32;
    hlog::info!(logger, order_id = id, total = 12.5, "Order placed");
    hlog::warning!(logger, order_id = id, "Order {n} of {} late", 2, n = 1, by = "bob");
    hlog::error!(logger, retry = false, "{id} failed",);
    assert_eq!(
        capture.text(),
        concat!(
            "INFO Order placed {\"order_id\": 7, \"total\": 12.5}\n",
            "WARNING Order 1 of 2 late {\"n\": 1, \"order_id\": 7, \"by\": \"bob\"}\n",
            "ERROR 7 failed {\"id\": 7, \"retry\": false}\n",
        )
    );
}

#[test]
fn before_and_after_the_template_are_the_same_fields() {
    let (logger, capture) = capture_logger(Level::TRACE);
    hlog::info!(logger, a = 1, b = "x", "same");
    hlog::info!(logger, "same", a = 1, b = "x");
    hlog::info!(logger, a = 1, "same", b = "x");
    let lines = capture.lines();
    assert_eq!(lines, ["INFO same {\"a\": 1, \"b\": \"x\"}"; 3]);
}

#[test]
fn log_takes_fields_after_its_level() {
    register_audit();
    let (logger, capture) = capture_logger(Level::TRACE);
    hlog::log!(logger, Level::SUCCESS, order_id = 1, "Order placed");
    hlog::log!(logger, "AUDIT", order_id = 2, "Order {}", "exported");
    let level = Level::WARNING;
    hlog::log!(logger, level, order_id = 3, "Order placed");
    assert_eq!(
        capture.text(),
        concat!(
            "SUCCESS Order placed {\"order_id\": 1}\n",
            "AUDIT Order exported {\"order_id\": 2}\n",
            "WARNING Order placed {\"order_id\": 3}\n",
        )
    );
}

#[test]
fn fields_before_the_template_are_evaluated_once_left_to_right() {
    let calls = RefCell::new(Vec::new());
    let eval = |name: &'static str, value: i32| {
        calls.borrow_mut().push(name);
        value
    };
    let (logger, capture) = capture_logger(Level::INFO);
    hlog::info!(logger, first = eval("first", 1), "{} {shown}", eval("p", 2), shown = eval("s", 3));
    assert_eq!(*calls.borrow(), ["first", "p", "s"]);
    assert_eq!(capture.text(), "INFO 2 3 {\"shown\": 3, \"first\": 1}\n");

    // Filtered out by level: nothing is evaluated.
    calls.borrow_mut().clear();
    hlog::debug!(logger, first = eval("first", 1), "{}", eval("p", 2));
    hlog::log!(logger, Level::TRACE, first = eval("first", 1), "x");
    assert!(calls.borrow().is_empty(), "a filtered call evaluated {:?}", calls.borrow());
}

/// The global logger: the only test here that touches it.
#[test]
fn fields_before_the_template_through_the_global_logger() {
    register_audit();
    hlog::remove_all();
    let capture = Capture::new();
    hlog::add(capture.clone()).format("{message} {extra}").colorize(false).install().unwrap();
    let id = 9;
    hlog::info!(order_id = id, total = 12.5, "Order placed");
    hlog::log!("AUDIT", order_id = id, "Order exported");
    assert_eq!(
        capture.text(),
        "Order placed {\"order_id\": 9, \"total\": 12.5}\nOrder exported {\"order_id\": 9}\n"
    );
}
