//! Errors attached to a log call: `cargo run --example errors`. loguru's
//! `logger.opt(exception=True).error("...")` is `error!(err = e, "...")` here: the record carries
//! the error, and `{exception}` (or the end of the line, when the format does not show it)
//! prints its whole `source()` chain. A handler built with `.backtrace(true)` adds the backtrace
//! of the logging call.

use std::num::ParseIntError;

use hlog::Logger;

/// loguru's README: `logger.opt(exception=True).info("Error stacktrace added to the log
/// message")`, with the error a Rust function returns instead of an exception.
fn parse_port(text: &str) -> Result<u16, ParseIntError> {
    text.parse()
}

fn demo(logger: &Logger) {
    if let Err(e) = parse_port("80a") {
        hlog::error!(logger, err = e, "Error stacktrace added to the log message");
    }
    // anyhow's context chain and boxed errors attach as they are.
    let config = std::fs::read_to_string("/nonexistent/hlog.toml")
        .map_err(anyhow::Error::from)
        .map_err(|e| e.context("loading /nonexistent/hlog.toml"));
    if let Err(e) = config {
        hlog::warning!(logger, err = e, "Using the default configuration");
    }
    let boxed: Box<dyn std::error::Error + Send + Sync> = "a plain message as an error".into();
    hlog::info!(logger, err = boxed, "Boxed errors too");
}

fn main() {
    // The default console handler, and one that also prints backtraces.
    hlog::add(hlog::sink::Console::stderr())
        .format("<red>{level}</red> {message}\n{exception}")
        .backtrace(true)
        .level("ERROR")
        .install()
        .expect("a valid handler");
    demo(hlog::logger());
}

#[test]
fn prints_the_error_and_its_causes() {
    let logger = Logger::new();
    let capture = hlog::sink::Capture::new();
    logger.add(capture.clone()).format("{level} | {message}").install().unwrap();
    demo(&logger);
    assert_eq!(
        capture.text(),
        "ERROR | Error stacktrace added to the log message\n\
         Error: invalid digit found in string\n\
         WARNING | Using the default configuration\n\
         Error: loading /nonexistent/hlog.toml\n\
         Caused by: No such file or directory (os error 2)\n\
         INFO | Boxed errors too\n\
         Error: a plain message as an error\n"
    );
}
