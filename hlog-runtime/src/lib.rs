//! hlog's runtime: levels, call sites, records, formats, sinks, handlers and the logger.
//!
//! **Depend on [`hlog`](https://docs.rs/hlog), not on this crate.** The `hlog` facade
//! re-exports everything public here (`hlog::Logger`, `hlog::sink::FileSink`, ...) next to the
//! macros that log (`hlog::info!`), and its crate documentation is the guide: levels, sinks,
//! formats, fields, context, errors, async, JSON, configuration and bridges, each with examples.
//! The examples in this crate are written as users write them, through `hlog`. Cargo features
//! (`log`, `tracing`, `config`, the compression formats, the `max_level_*` ceilings) are
//! forwarded by `hlog`'s features of the same names.

mod bound;
mod callsite;
mod config;
mod context;
mod deferred;
mod env;
mod error;
mod extra;
mod filter;
mod format;
mod handler;
mod intern;
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

#[cfg(feature = "tower")]
pub mod access_log;

#[doc(hidden)]
pub mod __private;

pub use bound::{MAX_PATCHED_FIELDS, Patch};
#[cfg(feature = "config")]
pub use config::configure_from_file;
pub use config::{Config, ConfigureError, HandlerConfig, configure};
pub use context::{Context, ContextGuard, FutureExt, InContext, with_context};
pub use error::{ConfigError, FormatError, LevelError, SpecError};
pub use extra::{Extra, OwnedValue};
pub use filter::{DirectiveError, Directives, Filter, IntoLevelNo};
pub use format::{DEFAULT_FORMAT, Format, JsonField, JsonFormat};
pub use handler::{
    ChangeError, Colorize, HandlerBuilder, HandlerId, HandlerStats, IntoFormat, RemoveError,
    StatsTable,
};
/// A problem the template parser found in a format (see [`FormatError::errors`]): what, where
/// (a byte range) and how to fix it.
pub use hlog_template::Error as TemplateError;
pub use level::Level;
#[cfg(unix)]
pub use logger::flush_on_signals;
pub use logger::{Logger, logger, use_rust_log};
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
///
/// # Examples
///
/// ```
/// // Start from nothing: the default console handler goes too.
/// hlog::remove_all();
/// assert!(hlog::stats().is_empty());
/// let capture = hlog::sink::Capture::new();
/// hlog::add(capture.clone()).format("{message}").install().unwrap();
/// hlog::info!("only to the capture");
/// assert_eq!(capture.text(), "only to the capture\n");
/// ```
pub fn remove_all() {
    logger().remove_all()
}

/// Enable logging from a module path prefix (see [`Logger::enable`]).
///
/// # Examples
///
/// ```
/// hlog::remove_all();
/// let capture = hlog::sink::Capture::new();
/// hlog::add(capture.clone()).format("{message}").install().unwrap();
/// hlog::disable(module_path!());
/// hlog::info!("hidden");
/// hlog::enable(module_path!());
/// hlog::info!("shown");
/// assert_eq!(capture.text(), "shown\n");
/// ```
pub fn enable(module: &str) {
    logger().enable(module)
}

/// Disable logging from a module path prefix (see [`Logger::disable`]).
///
/// # Examples
///
/// ```
/// hlog::remove_all();
/// let capture = hlog::sink::Capture::new();
/// hlog::add(capture.clone()).format("{message}").install().unwrap();
/// // A chatty dependency, or a module of your own: its calls cost one cached check now.
/// hlog::disable(module_path!());
/// hlog::info!("not evaluated: {}", unreachable!());
/// assert_eq!(capture.text(), "");
/// ```
pub fn disable(module: &str) {
    logger().disable(module)
}

/// Reopen every sink of the global logger (files reopened at their paths): call it on SIGHUP
/// when logrotate moves files away.
///
/// # Examples
///
/// ```
/// let dir = std::env::temp_dir().join(format!("hlog-doc-reopen-{}", std::process::id()));
/// hlog::remove_all();
/// hlog::add(hlog::sink::FileSink::new(dir.join("app.log")).buffer_size(0)).format("{message}").install().unwrap();
/// hlog::info!("before logrotate");
/// std::fs::rename(dir.join("app.log"), dir.join("app.log.1")).unwrap(); // logrotate moves it
/// hlog::reopen(); // on SIGHUP: a new file at the path
/// hlog::info!("after");
/// assert_eq!(std::fs::read_to_string(dir.join("app.log")).unwrap(), "after\n");
/// # hlog::remove_all();
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn reopen() {
    logger().reopen()
}

/// Flush every sink of the global logger, waiting for background compression and retention.
///
/// # Examples
///
/// ```
/// let dir = std::env::temp_dir().join(format!("hlog-doc-complete-{}", std::process::id()));
/// hlog::remove_all();
/// hlog::add(dir.join("app.log")).format("{message}").install().unwrap(); // buffered (64 KiB)
/// hlog::info!("buffered");
/// hlog::complete(); // written out, background compression and retention done
/// assert_eq!(std::fs::read_to_string(dir.join("app.log")).unwrap(), "buffered\n");
/// # hlog::remove_all();
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn complete() {
    logger().complete()
}

/// Per handler of the global logger: level, sink, records written, lost and dropped,
/// failures, bytes; prints as a table (see [`Logger::stats`]).
///
/// # Examples
///
/// ```
/// print!("{}", hlog::stats());
/// ```
pub fn stats() -> StatsTable {
    logger().stats()
}

/// Change the minimum level of a handler of the global logger while it runs (see
/// [`Logger::set_level`]).
///
/// # Errors
///
/// [`ChangeError`] for an unknown id or level name; nothing changes.
///
/// # Examples
///
/// ```
/// let id = hlog::add(hlog::sink::Capture::new()).level("INFO").install().unwrap();
/// hlog::set_level(id, "DEBUG").unwrap();
/// assert_eq!(hlog::stats().iter().find(|s| s.id == id).unwrap().level, 10);
/// hlog::remove(id).unwrap();
/// ```
pub fn set_level(id: HandlerId, level: impl IntoLevelNo) -> Result<(), ChangeError> {
    logger().set_level(id, level)
}

/// Replace the filter of a handler of the global logger while it runs (see
/// [`Logger::set_filter`]).
///
/// # Errors
///
/// [`ChangeError::NoSuchHandler`] for an unknown id; nothing changes.
///
/// # Examples
///
/// ```
/// let id = hlog::add(hlog::sink::Capture::new()).install().unwrap();
/// hlog::set_filter(id, hlog::Filter::module("my_app")).unwrap();
/// hlog::remove(id).unwrap();
/// ```
pub fn set_filter(id: HandlerId, filter: Filter) -> Result<(), ChangeError> {
    logger().set_filter(id, filter)
}

/// Register a custom level: name, number, colour markup, icon (loguru's `logger.level(...)`).
pub use level::register as level;
