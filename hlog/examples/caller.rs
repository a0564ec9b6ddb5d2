//! Logging from a helper at its caller's line: `cargo run --example caller`. loguru's
//! `logger.opt(depth=1).info("...")` inside a wrapper is, in Rust, a `#[track_caller]` wrapper
//! that logs with `info!(caller, "...")`: `{file}` and `{line}` are the caller's;
//! `{function}` (and `{name}`) stay the wrapper's.

use hlog::Logger;

/// A helper many places call: its records point at them, not here.
#[track_caller]
fn audit(logger: &Logger, action: &str) {
    hlog::info!(logger, caller, "Use parent stack context: {action}");
}

fn demo(logger: &Logger) -> [u32; 2] {
    let first = line!() + 1;
    audit(logger, "login");
    let second = line!() + 1;
    audit(logger, "logout");
    [first, second]
}

fn main() {
    demo(hlog::logger());
}

#[test]
fn reports_the_callers_lines() {
    let logger = Logger::new();
    let capture = hlog::sink::Capture::new();
    logger
        .add(capture.clone())
        .format("{file.name}:{line} {function} - {message}")
        .install()
        .unwrap();
    let [first, second] = demo(&logger);
    assert_eq!(
        capture.text(),
        format!(
            "caller.rs:{first} audit - Use parent stack context: login\n\
             caller.rs:{second} audit - Use parent stack context: logout\n"
        )
    );
}
