//! A value whose `Display` or `Debug` panics leaves `<Display panicked>` (or `<Debug panicked>`)
//! where its text would be, whatever it wrote before panicking, and the rest of the record is
//! written: in the message, `{extra}`, `{extra[key]}` and the attached error of `{exception}`.

use std::fmt;

use hlog::sink::Capture;

/// Writes some text, then panics.
struct Explodes;

impl fmt::Display for Explodes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("partial text")?;
        panic!("Display of Explodes panicked (this panic is expected by the test)");
    }
}

impl fmt::Debug for Explodes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Partial")?;
        panic!("Debug of Explodes panicked (this panic is expected by the test)");
    }
}

impl std::error::Error for Explodes {}

fn capture(format: &str) -> (hlog::Logger, Capture) {
    let capture = Capture::new();
    let logger = hlog::Logger::new();
    logger.add(capture.clone()).format(format).colorize(false).install().unwrap();
    (logger, capture)
}

#[test]
fn the_message_keeps_everything_but_the_value() {
    let (logger, capture) = capture("{level} | {message} | {level.no}");
    let e = Explodes;
    let n = 7;
    hlog::warning!(logger, "before {e} after {n}");
    hlog::warning!(logger, "debug {e:?} then {}", 8);
    assert_eq!(
        capture.text(),
        "WARNING | before <Display panicked> after 7 | 30\n\
         WARNING | debug <Debug panicked> then 8 | 30\n"
    );
    let stats = logger.stats();
    assert_eq!((stats[0].written, stats[0].errors), (2, 0));
}

#[test]
fn extra_and_extra_key_keep_the_rest_of_the_record() {
    let (logger, capture) = capture("{message} | {extra[e]} | {extra}");
    hlog::info!(logger, "{n} {e}", n = 1, e = Explodes);
    assert_eq!(
        capture.text(),
        concat!(
            "1 <Display panicked> | <Display panicked> | ",
            r#"{"n": 1, "e": "<Display panicked>"}"#,
            "\n"
        )
    );
}

#[test]
fn an_error_whose_display_panics_is_marked() {
    static CALLSITE: hlog::__private::Callsite = hlog::__private::Callsite::new(
        "app",
        "src/main.rs",
        7,
        "failed",
        || "app::main::__hlog_here",
    );
    let (logger, capture) = capture("{level} {message}");
    let error = Explodes;
    let message = hlog::Message::Static("failed");
    let record = hlog::Record::new(logger.now(), &hlog::Level::ERROR, &CALLSITE, message, &[])
        .with_error(&error);
    logger.log(&record);
    assert_eq!(capture.text(), "ERROR failed\nError: <Display panicked>\n");
}
