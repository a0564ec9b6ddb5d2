//! `info!(caller, ...)` in a `#[track_caller]` function (loguru's `opt(depth=1)`) reports the
//! file and line of the wrapper's caller: `{file}`, `{file.name}`, `{line}` and
//! `Record::file`/`line` show them. `{function}` and `{name}` stay the wrapper's: the call site
//! is the wrapper's, known at compile time; only the location comes from the caller.

use hlog::Logger;
use hlog::sink::Capture;

#[track_caller]
fn log_step(logger: &Logger, step: &str) {
    hlog::info!(logger, caller, "step {step}");
}

/// A wrapper of a wrapper: both `#[track_caller]`, so the location is the outermost caller's.
#[track_caller]
fn log_twice_removed(logger: &Logger) {
    log_step(logger, "nested");
}

fn logger_with(format: &str) -> (Logger, Capture) {
    let logger = Logger::new();
    let capture = Capture::new();
    logger.add(capture.clone()).format(format).install().unwrap();
    (logger, capture)
}

#[test]
fn the_reported_line_is_the_callers() {
    let (logger, capture) = logger_with("{file}:{line} {file.name} {function} | {message}");
    let first = line!() + 1;
    log_step(&logger, "one");
    let second = line!() + 1;
    log_twice_removed(&logger);
    let file = file!();
    let name = file.rsplit('/').next().unwrap();
    assert_eq!(
        capture.text(),
        format!(
            "{file}:{first} {name} log_step | step one\n{file}:{second} {name} log_step | step nested\n"
        )
    );
}

#[test]
fn without_caller_a_wrapper_reports_its_own_line() {
    #[track_caller]
    fn plain(logger: &Logger) -> u32 {
        hlog::info!(logger, "inside");
        line!() - 1
    }
    let (logger, capture) = logger_with("{line}");
    let line = plain(&logger);
    assert_eq!(capture.text(), format!("{line}\n"));
}

#[test]
fn outside_a_track_caller_function_caller_is_the_call_itself() {
    let (logger, capture) = logger_with("{line}");
    let line = line!() + 1;
    hlog::info!(logger, caller, "here");
    assert_eq!(capture.text(), format!("{line}\n"));
}

#[test]
fn the_record_holds_the_callers_location() {
    let logger = Logger::new();
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen_by_filter = std::sync::Arc::clone(&seen);
    logger
        .add(Capture::new())
        .filter(move |record| {
            let location = record.location().map(|l| (l.file(), l.line()));
            seen_by_filter.lock().unwrap().push((record.file(), record.line(), location));
            true
        })
        .install()
        .unwrap();
    let line = line!() + 1;
    log_step(&logger, "x");
    assert_eq!(*seen.lock().unwrap(), [(file!(), line, Some((file!(), line)))]);
}

#[test]
fn the_callers_line_is_padded_like_any_line() {
    let (logger, capture) = logger_with("[{line:>6}] [{line:<6}] {message}");
    let line = line!() + 1;
    log_step(&logger, "padded");
    assert_eq!(capture.text(), format!("[{line:>6}] [{line:<6}] step padded\n"));
}

#[test]
fn caller_combines_with_raw_and_an_error() {
    #[track_caller]
    fn fail(logger: &Logger) {
        hlog::error!(logger, caller, raw, err = std::io::Error::other("no"), "failed");
    }
    let (logger, capture) = logger_with("{line} {message}");
    fail(&logger);
    assert_eq!(capture.text(), "failed\nError: no\n");
}

/// JSON lines show the caller's file and line too.
#[test]
fn json_lines_show_the_callers_line() {
    let logger = Logger::new();
    let capture = Capture::new();
    let schema = hlog::JsonFormat::new().fields([hlog::JsonField::File, hlog::JsonField::Line]);
    logger.add(hlog::sink::JsonSink::to(capture.clone()).schema(schema)).install().unwrap();
    let line = line!() + 1;
    log_step(&logger, "one");
    assert_eq!(capture.text(), format!("{{\"file\":\"{}\",\"line\":{line}}}\n", file!()));
}
