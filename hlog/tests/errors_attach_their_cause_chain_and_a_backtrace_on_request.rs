//! `err = e` attaches an error to a call (loguru's `opt(exception=...)`): `{exception}` shows it
//! with its whole `source()` chain, and a handler built with `backtrace(true)` adds the
//! backtrace captured by the call. Errors are taken as they are: by value or reference,
//! `Box<dyn Error>` (with `Send + Sync` or not), `&dyn Error`, `anyhow::Error`.

use std::error::Error;
use std::fmt;
use std::sync::{Arc, Mutex};

use hlog::sink::Capture;
use hlog::{Logger, Record};

#[derive(Debug)]
struct PaymentError {
    source: std::io::Error,
}

impl fmt::Display for PaymentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("card declined")
    }
}

impl Error for PaymentError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(&self.source)
    }
}

fn payment_error() -> PaymentError {
    PaymentError { source: std::io::Error::other("gateway timed out") }
}

fn logger_with(format: &str) -> (Logger, Capture) {
    let logger = Logger::new();
    let capture = Capture::new();
    logger.add(capture.clone()).format(format).install().unwrap();
    (logger, capture)
}

const CHAIN: &str = "Payment failed\nError: card declined\nCaused by: gateway timed out\n";

#[test]
fn an_error_by_value_or_by_reference_shows_its_chain_after_the_line() {
    let (logger, capture) = logger_with("{message}");
    let e = payment_error();
    hlog::error!(logger, err = e, "Payment failed");
    hlog::error!(logger, err = &e, "Payment failed");
    let by_ref: &PaymentError = &e;
    hlog::error!(logger, "Payment failed", err = by_ref);
    hlog::error!(logger, err = payment_error(), "Payment failed");
    assert_eq!(capture.text(), CHAIN.repeat(4));
}

#[test]
fn boxed_and_dyn_errors_work_as_they_are() {
    let (logger, capture) = logger_with("{message}");
    let boxed: Box<dyn Error + Send + Sync> = Box::new(payment_error());
    hlog::error!(logger, err = boxed, "Payment failed");
    let boxed: Box<dyn Error> = Box::new(payment_error());
    hlog::error!(logger, err = boxed, "Payment failed");
    let e = payment_error();
    let dynamic: &dyn Error = &e;
    hlog::error!(logger, err = dynamic, "Payment failed");
    let boxed = Box::new(payment_error());
    hlog::error!(logger, err = boxed, "Payment failed");
    assert_eq!(capture.text(), CHAIN.repeat(4));
}

#[test]
fn anyhow_errors_work_as_they_are_with_their_context() {
    use anyhow::Context as _;
    let (logger, capture) = logger_with("{message}");
    let result: anyhow::Result<()> =
        Err(payment_error()).context("charging order 42").context("checkout");
    let e = result.unwrap_err();
    hlog::error!(logger, err = e, "Payment failed");
    hlog::error!(logger, err = &e, "Payment failed");
    let once = "Payment failed\nError: checkout\nCaused by: charging order 42\n\
                Caused by: card declined\nCaused by: gateway timed out\n";
    assert_eq!(capture.text(), once.repeat(2));
}

#[test]
fn a_format_that_shows_exception_places_it() {
    let (logger, capture) = logger_with("{level} | {message} | {exception}");
    hlog::error!(logger, err = payment_error(), "Payment failed");
    hlog::info!(logger, "No error here");
    assert_eq!(
        capture.text(),
        "ERROR | Payment failed | Error: card declined\nCaused by: gateway timed out\n\
         INFO | No error here | \n"
    );
}

#[test]
fn the_attached_error_is_not_a_field_but_the_template_may_show_it() {
    let (logger, capture) = logger_with("{message} {extra}");
    let order = 42;
    let e = payment_error();
    hlog::error!(logger, err = e, "Payment {order} failed: {e}", retry = true);
    assert_eq!(
        capture.text(),
        "Payment 42 failed: card declined {\"order\": 42, \"e\": \"card declined\", \"retry\": true}\n\
         Error: card declined\nCaused by: gateway timed out\n"
    );
}

#[test]
fn error_text_is_escaped_like_any_value() {
    let (logger, capture) = logger_with("{message}");
    let e = std::io::Error::other("line one\nFAKE RECORD");
    hlog::warning!(logger, err = e, "Read failed");
    assert_eq!(capture.text(), "Read failed\nError: line one\\nFAKE RECORD\n");
}

#[test]
fn a_filtered_call_does_not_evaluate_its_error() {
    let (logger, capture) = logger_with("{message}");
    logger.remove_all();
    logger.add(capture.clone()).level("ERROR").format("{message}").install().unwrap();
    let mut evaluated = false;
    let mut make = || {
        evaluated = true;
        payment_error()
    };
    hlog::info!(logger, err = make(), "filtered out");
    assert!(!evaluated);
    assert_eq!(capture.text(), "");
}

#[test]
fn a_backtrace_is_shown_by_the_handlers_that_ask_and_captured_only_then() {
    let logger = Logger::new();
    let with = Capture::new();
    let without = Capture::new();
    let seen: Arc<Mutex<Vec<bool>>> = Arc::default();
    let seen_by_filter = Arc::clone(&seen);
    logger
        .add(without.clone())
        .format("{message}")
        .filter(move |record: &Record<'_>| {
            seen_by_filter.lock().unwrap().push(record.backtrace().is_some());
            true
        })
        .install()
        .unwrap();
    // No handler asks yet: nothing is captured.
    hlog::error!(logger, err = payment_error(), "Payment failed");
    let id = logger.add(with.clone()).format("{message}").backtrace(true).install().unwrap();
    hlog::error!(logger, err = payment_error(), "Payment failed");
    // A call without an error captures nothing, even now.
    hlog::error!(logger, "No error");
    logger.remove(id).unwrap();
    hlog::error!(logger, err = payment_error(), "Payment failed");
    assert_eq!(*seen.lock().unwrap(), [false, true, false, false]);
    assert_eq!(without.text(), format!("{CHAIN}{CHAIN}No error\n{CHAIN}"));
    let text = with.text();
    let (first, rest) = text.split_once("Stack backtrace:\n").expect(&text);
    assert_eq!(first, CHAIN);
    // The backtrace is the logging call's: it names this test.
    assert!(rest.contains("a_backtrace_is_shown_by_the_handlers_that_ask"), "{rest}");
    assert!(rest.ends_with("\nNo error\n"), "{rest}");
}
