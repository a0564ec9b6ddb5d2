//! The examples `bind`, `contextualize` and `patch` (hlog/examples/) log what their docs say:
//! each example's `run` is compiled into this test and logged through a capture sink.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use hlog::Logger;
use hlog::sink::Capture;
use hlog::time::Timestamp;

#[allow(dead_code)] // its `main` runs only as the example
#[path = "../examples/bind.rs"]
mod bind;
#[allow(dead_code)]
#[path = "../examples/contextualize.rs"]
mod contextualize;
#[allow(dead_code)]
#[path = "../examples/patch.rs"]
mod patch;

fn captured(logger: Logger, format: &str) -> (Logger, Capture) {
    let capture = Capture::new();
    logger.add(capture.clone()).format(format).install().unwrap();
    (logger, capture)
}

#[test]
fn bind_example() {
    let (logger, capture) = captured(Logger::new(), "{level: <8} | {message} {extra}");
    bind::run(&logger);
    assert_eq!(
        capture.text(),
        "INFO     | Request started {\"request_id\": \"abc-123\", \"user\": \"alice\"}\n\
         WARNING  | Retrying the payment {\"attempt\": 2, \"request_id\": \"abc-123\", \"user\": \"alice\"}\n\
         INFO     | The root logger has no bound field {}\n"
    );
}

#[test]
fn contextualize_example() {
    let (logger, capture) = captured(Logger::new(), "{level: <8} | {message} {extra}");
    contextualize::run(&logger);
    assert_eq!(
        capture.text(),
        "INFO     | Request started {\"request_id\": \"r-1\"}\n\
         INFO     | Charging 1250 cents {\"cents\": 1250, \"request_id\": \"r-1\"}\n\
         INFO     | Job ran {\"job\": \"cleanup\"}\n\
         INFO     | Polled inside a task {\"task\": 7}\n\
         INFO     | Outside every scope {}\n"
    );
}

#[test]
fn patch_example() {
    // A clock 40 ms further on each read.
    let ticks = Arc::new(AtomicI64::new(0));
    let logger = Logger::new().with_clock(move || {
        let ms = ticks.fetch_add(40, Ordering::Relaxed);
        Timestamp::from_unix(1_000 + ms / 1000, (ms % 1000) as u32 * 1_000_000)
    });
    let (logger, capture) = captured(logger, "{message} (+{extra[elapsed_ms]} ms)");
    patch::run(&logger);
    assert_eq!(capture.text(), "Loading the configuration (+40 ms)\nReady (+80 ms)\n");
}
