//! The per-call options, together: `cargo run --example opt`.
//!
//! What loguru's `logger.opt(...)` sets, hlog's calls take as words checked at compile time:
//!
//! | loguru                          | hlog                                              |
//! |---------------------------------|---------------------------------------------------|
//! | `opt(exception=e)`              | `error!(err = e, "...")`                          |
//! | `backtrace=True` on `add()`     | `.backtrace(true)` on the handler                 |
//! | `opt(raw=True)`                 | `info!(raw, "...")`                               |
//! | `opt(depth=1)`                  | `info!(caller, "...")` in a `#[track_caller]` fn  |
//! | `opt(colors=True)`              | always: markup is compiled, shown where coloured  |
//! | `opt(lazy=True)`                | never needed: a filtered call evaluates nothing   |
//!
//! The errors, raw, caller and catch examples show each one at length.

use hlog::Logger;

/// A helper whose records carry its caller's file and line (`{function}` stays its own).
#[track_caller]
fn audit(logger: &Logger, action: &str) {
    hlog::info!(logger, caller, "audit: {action}");
}

/// Logs with every option; returns the lines of the `error!` and of the `audit` call.
fn demo(logger: &Logger) -> [u32; 2] {
    // `err = e`: the error and its `source()` chain follow the line (or stand at `{exception}`).
    let e = "80a".parse::<u16>().unwrap_err();
    let failed = line!() + 1;
    hlog::error!(logger, err = e, "Bad port in the configuration");
    // `raw`: the message alone, no format and no newline added.
    for percent in [50, 100] {
        hlog::info!(logger, raw, "upload: <green>{percent:>3}%</green>\r");
    }
    hlog::info!(logger, raw, "\n");
    // `caller`: the location is the caller's; options combine, in any order, before the template.
    let line = line!() + 1;
    audit(logger, "login");
    hlog::warning!(logger, raw, caller, "raw and caller\n");
    // A filtered-out call evaluates none of its arguments: no `opt(lazy=True)` needed.
    hlog::trace!(logger, "never shown: {}", expensive());
    [failed, line]
}

fn expensive() -> String {
    unreachable!("TRACE is below every handler's level here (DEBUG and ERROR)")
}

fn main() {
    hlog::remove_all();
    hlog::add(hlog::sink::Console::stdout())
        .level("DEBUG")
        .format("{level: <8} | {file.name}:{line} {function} | {message}")
        .install()
        .unwrap();
    // A second handler shows the backtrace of calls that attach an error; the other does not.
    hlog::add(hlog::sink::Console::stderr())
        .level("ERROR")
        .format("<red>{message}</red>\n{exception}")
        .backtrace(true)
        .install()
        .unwrap();
    demo(hlog::logger());
}

#[test]
fn each_option_shapes_its_record() {
    let logger = Logger::new();
    let plain = hlog::sink::Capture::new();
    logger
        .add(plain.clone())
        .level("DEBUG")
        .format("{level} {file.name}:{line} {function} | {message}")
        .install()
        .unwrap();
    let traced = hlog::sink::Capture::new();
    logger
        .add(traced.clone())
        .level("ERROR")
        .format("{message}")
        .backtrace(true)
        .install()
        .unwrap();
    let [failed, line] = demo(&logger);
    assert_eq!(
        plain.text(),
        format!(
            "ERROR opt.rs:{failed} demo | Bad port in the configuration\nError: invalid digit found in string\n\
             upload:  50%\rupload: 100%\r\nINFO opt.rs:{line} audit | audit: login\nraw and caller\n"
        )
    );
    let traced = traced.text();
    assert!(traced.starts_with("Bad port in the configuration\nError: invalid digit found in string\nStack backtrace:\n"), "{traced}");
}
