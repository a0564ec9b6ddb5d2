// The crate docs are the README (a link to the repository's README, so the published crate
// holds a copy): its Rust blocks are doctests, so what users paste compiles.
#![doc = include_str!("../README.md")]

pub use hlog_runtime::{
    Colorize, ConfigError, DEFAULT_FORMAT, Format, FormatError, HandlerBuilder, HandlerId,
    HandlerStats, IntoFormat, IntoLevelNo, JsonField, JsonFormat, Level, LevelError, Logger,
    Message, Out, Record, RemoveError, SpecError, Template, TemplateError, Value, add, complete,
    disable, enable, level, logger, remove, remove_all, reopen, sink, stats, time,
};

#[cfg(unix)]
pub use hlog_runtime::flush_on_signals;

/// Bridges from the `log` crate (cargo feature `log`) and `tracing` (cargo feature `tracing`).
#[cfg(any(feature = "log", feature = "tracing"))]
pub use hlog_runtime::bridge;

#[doc(hidden)]
pub use hlog_runtime::__private;

#[doc(hidden)]
pub use hlog_macros::{__format, __log};

/// Log at TRACE (5). See [`info!`] for the syntax.
#[macro_export]
macro_rules! trace {
    () => { ::core::compile_error!("trace! needs a template: `trace!(\"message {}\", value)`") };
    ($($arg:tt)+) => { $crate::__log!($crate, TRACE, $($arg)+) };
}

/// Log at DEBUG (10). See [`info!`] for the syntax.
#[macro_export]
macro_rules! debug {
    () => { ::core::compile_error!("debug! needs a template: `debug!(\"message {}\", value)`") };
    ($($arg:tt)+) => { $crate::__log!($crate, DEBUG, $($arg)+) };
}

/// Log at INFO (20).
///
/// `info!([logger,] "template", args...)`. Placeholders: `{}` (next positional argument),
/// `{0}` (by index), `{name}` (a named argument `name = expr`, a positional argument that is the
/// variable `name`, or else the variable `name` captured from scope), `{name.field}`, and format
/// specs as in `format!` (`{x:>8}`, `{x:.3}`, `{x:?}`, `{x:#x}`). Colour markup (`<red>`,
/// `<bold>`, `<fg #FF5733>`, `</>`) is checked at compile time and only reaches colourised sinks;
/// `\<` is a literal `<`. Named arguments also become the record's structured fields.
///
/// ```
/// let logger = hlog::Logger::new();
/// let capture = hlog::sink::Capture::new();
/// logger.add(capture.clone()).format("{message} {extra}").install().unwrap();
/// let user = "alice";
/// hlog::info!(logger, "<green>{user}</green> has {n} items, {:.1}% full", 12.345, n = 3);
/// assert_eq!(capture.text(), "alice has 3 items, 12.3% full {\"user\": \"alice\", \"n\": 3}\n");
/// ```
#[macro_export]
macro_rules! info {
    () => { ::core::compile_error!("info! needs a template: `info!(\"message {}\", value)`") };
    ($($arg:tt)+) => { $crate::__log!($crate, INFO, $($arg)+) };
}

/// Log at SUCCESS (25). See [`info!`] for the syntax.
#[macro_export]
macro_rules! success {
    () => { ::core::compile_error!("success! needs a template: `success!(\"message {}\", value)`") };
    ($($arg:tt)+) => { $crate::__log!($crate, SUCCESS, $($arg)+) };
}

/// Log at WARNING (30). See [`info!`] for the syntax.
#[macro_export]
macro_rules! warning {
    () => { ::core::compile_error!("warning! needs a template: `warning!(\"message {}\", value)`") };
    ($($arg:tt)+) => { $crate::__log!($crate, WARNING, $($arg)+) };
}

/// Log at WARNING (30): the same as [`warning!`].
#[macro_export]
macro_rules! warn {
    () => { ::core::compile_error!("warn! needs a template: `warn!(\"message {}\", value)`") };
    ($($arg:tt)+) => { $crate::__log!($crate, WARNING, $($arg)+) };
}

/// Log at ERROR (40). See [`info!`] for the syntax.
#[macro_export]
macro_rules! error {
    () => { ::core::compile_error!("error! needs a template: `error!(\"message {}\", value)`") };
    ($($arg:tt)+) => { $crate::__log!($crate, ERROR, $($arg)+) };
}

/// Log at CRITICAL (50). See [`info!`] for the syntax.
#[macro_export]
macro_rules! critical {
    () => { ::core::compile_error!("critical! needs a template: `critical!(\"message {}\", value)`") };
    ($($arg:tt)+) => { $crate::__log!($crate, CRITICAL, $($arg)+) };
}

/// Log at a level given by name or value: `log!("AUDIT", "...")` for a level registered with
/// [`level()`], `log!(Level::INFO, "...")` or `log!(my_level, "...")` for a [`Level`] value, and
/// `log!(logger, level, "...")` through a given logger.
///
/// ```
/// hlog::level("AUDIT", 35, "<magenta>", "🔎").unwrap();
/// let logger = hlog::Logger::new();
/// let capture = hlog::sink::Capture::new();
/// logger.add(capture.clone()).format("{level}|{level.no}|{message}").install().unwrap();
/// hlog::log!(logger, "AUDIT", "user {} exported data", 42);
/// hlog::log!(logger, hlog::Level::ERROR, "failed");
/// assert_eq!(capture.text(), "AUDIT|35|user 42 exported data\nERROR|40|failed\n");
/// ```
#[macro_export]
macro_rules! log {
    () => { ::core::compile_error!("log! needs a template: `log!(\"message {}\", value)`") };
    ($($arg:tt)+) => { $crate::__log!($crate, dynamic, $($arg)+) };
}

/// A handler format checked at compile time: `hlog::fmt!("{time:HH:mm:ss} {level} {message}")`.
///
/// Named `fmt!` rather than `format!` so that `use hlog::*` leaves the standard `format!` alone.
///
/// Fields: `time` (with loguru's time tokens, `{time:YYYY-MM-DD HH:mm:ss.SSS}`, `!UTC`), `level`,
/// `level.no`, `level.icon`, `message`, `module`, `function`, `line`, `file`, `file.name`,
/// `name` (module path), `thread`, `thread.id`, `process`, `process.id`, `elapsed`, `extra`,
/// `extra[key]`, `exception`; colour markup as in messages.
///
/// `{extra}` writes the record's fields as a JSON object, `{"user": "alice", "n": 3}`, valid JSON
/// for every value: integers and floats are numbers (floats as serde_json writes them, `1.0`),
/// and a non-finite float, which JSON has no number for, is the string `"NaN"`, `"inf"` or
/// `"-inf"`, as JSON lines write it (README, "JSON lines"). For whole records as JSON, see
/// [`JsonFormat`] and `HandlerBuilder::serialize`.
///
/// ```
/// let format = hlog::fmt!("<green>{time:HH:mm:ss}</green> {level: <8} {message}");
/// assert_eq!(format.source(), "<green>{time:HH:mm:ss}</green> {level: <8} {message}");
/// ```
#[macro_export]
macro_rules! fmt {
    ($($arg:tt)+) => { $crate::__format!($crate, $($arg)+) };
}
