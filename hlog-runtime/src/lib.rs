//! hlog's runtime: levels, call sites, records, formats, sinks, handlers and the logger.
//!
//! Users depend on the `hlog` facade, which re-exports what is public here next to the macros.

mod callsite;
mod deferred;
mod error;
mod format;
mod handler;
mod level;
mod lock;
mod logger;
mod message;
mod out;
mod record;
mod reentry;
mod report;
mod thread;
mod value;

pub mod sink;
pub mod time;

#[cfg(any(feature = "log", feature = "tracing"))]
pub mod bridge;

#[doc(hidden)]
pub mod __private;

pub use error::{ConfigError, FormatError, LevelError, SpecError};
pub use format::{DEFAULT_FORMAT, Format, JsonField, JsonFormat};
pub use handler::{
    Colorize, HandlerBuilder, HandlerId, HandlerStats, IntoFormat, IntoLevelNo, RemoveError,
};
/// A problem the template parser found in a format (see [`FormatError::errors`]): what, where
/// (a byte range) and how to fix it.
pub use hlog_template::Error as TemplateError;
pub use level::Level;
#[cfg(unix)]
pub use logger::flush_on_signals;
pub use logger::{Logger, logger};
pub use message::{Message, Template};
pub use out::Out;
pub use record::Record;
pub use value::Value;

/// Start adding a handler to the global logger; finish with `.install()`.
///
/// # Examples
///
/// ```
/// let id = hlog::add(hlog::sink::from_writer(std::io::sink())).level("WARNING").install().unwrap();
/// hlog::remove(id).unwrap();
/// ```
pub fn add(sink: impl sink::IntoSink + 'static) -> HandlerBuilder<'static> {
    logger().add(sink)
}

/// Remove one handler from the global logger, closing its sink; its final counts, or why not
/// (see [`Logger::remove`]: a failure while closing is returned, reported and counted, and the
/// handler removed all the same).
///
/// # Errors
///
/// [`RemoveError::NoSuchHandler`] for an id the global logger has no handler for;
/// [`RemoveError::CloseFailed`] when the handler was removed but closing its sink failed.
///
/// # Examples
///
/// ```
/// let id = hlog::add(hlog::sink::Capture::new()).install().unwrap();
/// let stats = hlog::remove(id).unwrap();
/// assert_eq!(stats.errors, 0);
/// assert!(matches!(hlog::remove(id), Err(hlog::RemoveError::NoSuchHandler(_))));
/// ```
pub fn remove(id: HandlerId) -> Result<HandlerStats, RemoveError> {
    logger().remove(id)
}

/// Remove every handler from the global logger, the default console one included.
pub fn remove_all() {
    logger().remove_all()
}

/// Enable logging from a module path prefix (see [`Logger::enable`]).
pub fn enable(module: &str) {
    logger().enable(module)
}

/// Disable logging from a module path prefix (see [`Logger::disable`]).
pub fn disable(module: &str) {
    logger().disable(module)
}

/// Reopen every sink of the global logger (files reopened at their paths): call it on SIGHUP
/// when logrotate moves files away.
pub fn reopen() {
    logger().reopen()
}

/// Flush every sink of the global logger, waiting for background compression and retention.
pub fn complete() {
    logger().complete()
}

/// Per-handler counts of the global logger.
pub fn stats() -> Vec<HandlerStats> {
    logger().stats()
}

/// Register a custom level: name, number, colour markup, icon (loguru's `logger.level(...)`).
pub use level::register as level;
