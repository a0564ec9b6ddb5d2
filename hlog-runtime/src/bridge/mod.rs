//! Bridges from the ecosystem's logging facades into hlog's handlers: records of the `log`
//! crate (cargo feature `log`, [`log::install`]) and events of `tracing` (cargo feature
//! `tracing`, [`tracing::HlogLayer`]).
//!
//! A bridged record is an hlog record like any other: its target is its `{name}` (and what
//! `enable`/`disable` and filters see as its module path), its file and line are the call's,
//! its level is mapped (error → ERROR, warn → WARNING, info → INFO, debug → DEBUG, trace →
//! TRACE), and its key-values or fields are its fields. `{function}` is `<unknown>`: neither
//! facade records it. The message is text from outside the macros, escaped as a whole.
//!
//! # Examples
//!
//! ```
//! let capture = hlog::sink::Capture::new();
//! hlog::remove_all();
//! hlog::add(capture.clone()).format("{level} {name} {message}").install().unwrap();
//! # #[cfg(feature = "log")] {
//! hlog::bridge::log::install("INFO").unwrap(); // the `log` crate's records, INFO and up
//! log::warn!(target: "pool", "no idle connection");
//! assert_eq!(capture.text(), "WARNING pool no idle connection\n");
//! # }
//! ```

mod location;

#[cfg(feature = "log")]
pub mod log;

#[cfg(feature = "tracing")]
pub mod tracing;

use crate::level::Level;

/// The hlog level of a facade's level, by its place: 0 error, 1 warn, 2 info, 3 debug, 4 trace.
static LEVELS: [Level; 5] = [Level::ERROR, Level::WARNING, Level::INFO, Level::DEBUG, Level::TRACE];
