// The crate docs are the README (a link to the repository's README, so the published crate
// holds a copy): its Rust blocks are doctests, so what users paste compiles. Its guide links
// items through reference definitions at its end, to docs.rs, so that the links work on GitHub
// and crates.io as well (a second, intra-doc definition of a label here would show as text).
#![doc = include_str!("../README.md")]

pub use hlog_runtime::{
    ChangeError, Colorize, Config, ConfigError, ConfigureError, Context, ContextGuard,
    DEFAULT_FORMAT, DirectiveError, Directives, Extra, Filter, Format, FormatError, FutureExt,
    HandlerBuilder, HandlerConfig, HandlerId, HandlerStats, InContext, IntoFormat, IntoLevelNo,
    JsonField, JsonFormat, Level, LevelError, Logger, MAX_PATCHED_FIELDS, Message, Out, OwnedValue,
    Patch, Record, RemoveError, SpecError, StatsTable, Template, TemplateError, Value, add,
    complete, configure, disable, enable, level, logger, remove, remove_all, reopen, set_filter,
    set_level, sink, stats, time, use_rust_log, with_context,
};

#[cfg(unix)]
pub use hlog_runtime::flush_on_signals;

mod catch;
#[doc(hidden)]
pub use catch::{__call, __catch_unwind, __catch_unwind_async, __typed};
pub use catch::{Catch, CatchUnwind, Panic, catch, catch_async, catching};
/// Bridges from the `log` crate (cargo feature `log`) and `tracing` (cargo feature `tracing`).
#[cfg(any(feature = "log", feature = "tracing"))]
pub use hlog_runtime::bridge;
#[cfg(feature = "config")]
pub use hlog_runtime::configure_from_file;

/// The HTTP access log (cargo feature `tower`): [`AccessLogLayer`](access_log::AccessLogLayer),
/// a `tower::Layer` that logs one line per request (`200 GET /api/users?page=2 3.2ms`), and
/// [`contextualize!`](access_log::contextualize!), fields a handler adds to its request's line.
#[cfg(feature = "tower")]
pub mod access_log {
    pub use hlog_runtime::access_log::*;

    /// Fields for the access line of the request being handled, and for everything it logs
    /// from here to its end, across `.await`s: `hlog::access_log::contextualize!(user = name);`
    /// (a statement: no guard to hold, nothing that is not `Send` in the handler's future).
    /// Values as in [`fields!`](crate::fields!); see [`contextualize()`] for where it applies
    /// (outside a request handled by an `AccessLogLayer`, it does nothing).
    ///
    /// # Examples
    ///
    /// ```
    /// let user = "alice";
    /// // In a handler behind an `AccessLogLayer`: `user` reaches its request's access line.
    /// hlog::access_log::contextualize!(user, plan = "pro");
    /// ```
    #[doc(inline)]
    pub use crate::__access_log_contextualize as contextualize;
}

#[doc(hidden)]
#[cfg(feature = "tower")]
#[macro_export]
macro_rules! __access_log_contextualize {
    ($($fields:tt)*) => {
        $crate::access_log::contextualize($crate::fields!($($fields)*))
    };
}

#[doc(hidden)]
pub use hlog_runtime::__private;

#[doc(hidden)]
pub use hlog_macros::{__format, __levels, __log};

/// Log a function's `Err` once, with its `source()` chain, then return it (loguru's
/// `@logger.catch`); with `catch_panics`, log a panic too, with its location and payload.
///
/// On a function whose return type is written as a `Result` (`Result<T, E>`, `io::Result<T>`,
/// `anyhow::Result<T>`); `E` is any error `err = e` takes (an error type, `Box<dyn Error>`,
/// `anyhow::Error`). Options, all optional:
///
/// * `level = ERROR` (the default; any built-in level) or `level = "AUDIT"` (a registered one);
/// * `message = "..."`: a template, checked like `info!`'s; its `{name}`s may show the
///   function's arguments that its body does not consume. Default:
///   `An error has been caught in function '<name>'`;
/// * `default = value`: returned instead of the `Err` (and instead of a caught panic); of the
///   function's return type, checked where it is written;
/// * `logger = expr`: log through this [`Logger`] (or reference to one) instead of the global
///   logger (`logger = self.log` in a method, `logger = APP_LOG` for a static);
/// * `catch_panics`: a panic in the body is caught, logged (the record's error is a [`Panic`]:
///   `panicked at src/lib.rs:4:5: attempt to divide by zero`), and `default` returned, or,
///   without `default`, resumed after logging. With `catch_panics` the function may return
///   any type;
/// * `reraise` (with `catch_panics`, without `default`): resume the panic after logging it,
///   the same as leaving `default` out, said out loud.
///
/// The record goes to the global logger (or `logger`), reported at the attribute's function
/// (`{function}` is its name, `{line}` the attribute's). The body runs inside a closure (an
/// `async` block for an `async fn`), so `return` and `?` in it are caught too; its return type
/// cannot be `impl Trait`. A misused attribute (no `Result`, a `default` of another type,
/// `reraise` with `default`) does not compile.
///
/// # Examples
///
/// loguru's `@logger.catch` on a function dividing by zero, in Rust: integer division by zero
/// panics, so the function catches panics and returns a default.
///
/// ```
/// # hlog::remove_all();
/// # let capture = hlog::sink::Capture::new();
/// # hlog::add(capture.clone()).format("{level} {function} {message}\n{exception}").install().unwrap();
/// #[hlog::catch(catch_panics, default = 0)]
/// fn my_function(x: i32, y: i32, z: i32) -> i32 {
///     1 / (x + y + z)
/// }
/// assert_eq!(my_function(0, 0, 0), 0);
/// # let text = capture.text();
/// # assert!(text.starts_with("ERROR my_function An error has been caught in function 'my_function'\nError: panicked at "), "{text}");
/// # assert!(text.ends_with(": attempt to divide by zero\n"), "{text}");
/// ```
///
/// A function returning `Result`: its `Err` is logged once, with its causes, and returned.
///
/// ```
/// # hlog::remove_all();
/// # let capture = hlog::sink::Capture::new();
/// # hlog::add(capture.clone()).format("{level} {message}").install().unwrap();
/// #[hlog::catch(level = WARNING, message = "Could not read {path}")]
/// fn read_config(path: &str) -> std::io::Result<String> {
///     std::fs::read_to_string(path)
/// }
/// assert!(read_config("/nonexistent/app.toml").is_err());
/// # assert_eq!(capture.text(), "WARNING Could not read /nonexistent/app.toml\n\
/// #     Error: No such file or directory (os error 2)\n");
/// ```
pub use hlog_macros::catch;

/// Log at TRACE (5). See [`info!`] for the syntax.
///
/// ```
/// let logger = hlog::Logger::new();
/// let capture = hlog::sink::Capture::new();
/// logger.add(capture.clone()).format("{level} {message}").install().unwrap();
/// hlog::trace!(logger, "read {n} bytes", n = 512);
/// assert_eq!(capture.text(), "TRACE read 512 bytes\n");
/// ```
#[macro_export]
macro_rules! trace {
    () => { ::core::compile_error!("trace! needs a template: `trace!(\"message {}\", value)`") };
    ($($arg:tt)+) => { $crate::__log!($crate, TRACE, $($arg)+) };
}

/// Log at DEBUG (10). See [`info!`] for the syntax.
///
/// ```
/// let logger = hlog::Logger::new();
/// let capture = hlog::sink::Capture::new();
/// logger.add(capture.clone()).format("{level} {message}").install().unwrap();
/// hlog::debug!(logger, "cache has {} entries", 3);
/// assert_eq!(capture.text(), "DEBUG cache has 3 entries\n");
/// ```
#[macro_export]
macro_rules! debug {
    () => { ::core::compile_error!("debug! needs a template: `debug!(\"message {}\", value)`") };
    ($($arg:tt)+) => { $crate::__log!($crate, DEBUG, $($arg)+) };
}

/// Log at INFO (20).
///
/// `info!([logger,] [raw,] [caller,] [fields,] "template", args...)`. Placeholders: `{}`
/// (next positional argument), `{0}` (by index), `{name}` (a named argument `name = expr`, a
/// positional argument that is the variable `name`, or else the variable `name` captured from
/// scope), `{name.field}`, and format specs as in `format!` (`{x:>8}`, `{x:.3}`, `{x:?}`,
/// `{x:#x}`). Colour markup (`<red>`, `<bold>`, `<fg #FF5733>`, `</>`) is checked at compile
/// time and only reaches colourised sinks; `\<` is a literal `<`.
///
/// Named arguments become the record's structured fields, shown by the template or not
/// (`info!("Order placed", order_id = id)`), and may come before the template as in tracing
/// (`info!(order_id = id, "Order placed")`). `err = e` attaches an error instead (`{exception}`
/// shows its `source()` chain). The options `raw` (the message alone, no format, no newline) and
/// `caller` (the file and line of a `#[track_caller]` wrapper's caller) go before the template.
/// See the README's Fields and Errors sections.
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
///
/// ```
/// let logger = hlog::Logger::new();
/// let capture = hlog::sink::Capture::new();
/// logger.add(capture.clone()).format("{level} {message}").install().unwrap();
/// hlog::success!(logger, "deployed {version}", version = "1.4.2");
/// assert_eq!(capture.text(), "SUCCESS deployed 1.4.2\n");
/// ```
#[macro_export]
macro_rules! success {
    () => { ::core::compile_error!("success! needs a template: `success!(\"message {}\", value)`") };
    ($($arg:tt)+) => { $crate::__log!($crate, SUCCESS, $($arg)+) };
}

/// Log at WARNING (30). See [`info!`] for the syntax.
///
/// ```
/// let logger = hlog::Logger::new();
/// let capture = hlog::sink::Capture::new();
/// logger.add(capture.clone()).format("{level} {message}").install().unwrap();
/// hlog::warning!(logger, "slow query: {ms}ms", ms = 950);
/// assert_eq!(capture.text(), "WARNING slow query: 950ms\n");
/// ```
#[macro_export]
macro_rules! warning {
    () => { ::core::compile_error!("warning! needs a template: `warning!(\"message {}\", value)`") };
    ($($arg:tt)+) => { $crate::__log!($crate, WARNING, $($arg)+) };
}

/// Log at WARNING (30): the same as [`warning!`].
///
/// ```
/// let logger = hlog::Logger::new();
/// let capture = hlog::sink::Capture::new();
/// logger.add(capture.clone()).format("{level} {message}").install().unwrap();
/// hlog::warn!(logger, "retrying");
/// assert_eq!(capture.text(), "WARNING retrying\n");
/// ```
#[macro_export]
macro_rules! warn {
    () => { ::core::compile_error!("warn! needs a template: `warn!(\"message {}\", value)`") };
    ($($arg:tt)+) => { $crate::__log!($crate, WARNING, $($arg)+) };
}

/// Log at ERROR (40). See [`info!`] for the syntax.
///
/// ```
/// let logger = hlog::Logger::new();
/// let capture = hlog::sink::Capture::new();
/// logger.add(capture.clone()).format("{level} {message}").install().unwrap();
/// let e = std::io::Error::other("disk full");
/// hlog::error!(logger, err = e, "write failed");
/// assert_eq!(capture.text(), "ERROR write failed\nError: disk full\n");
/// ```
#[macro_export]
macro_rules! error {
    () => { ::core::compile_error!("error! needs a template: `error!(\"message {}\", value)`") };
    ($($arg:tt)+) => { $crate::__log!($crate, ERROR, $($arg)+) };
}

/// Log at CRITICAL (50). See [`info!`] for the syntax.
///
/// ```
/// let logger = hlog::Logger::new();
/// let capture = hlog::sink::Capture::new();
/// logger.add(capture.clone()).format("{level} {message}").install().unwrap();
/// hlog::critical!(logger, "out of memory");
/// assert_eq!(capture.text(), "CRITICAL out of memory\n");
/// ```
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

/// Owned fields for [`Logger::bind`], [`Context::with`], [`with_context`] and
/// [`FutureExt::in_context`]: `fields!(request_id = id, user)` is an array of
/// `(&'static str, OwnedValue)`. A bare name takes the variable of that name. Integers, floats,
/// `bool` and `char` stay typed, text is copied, any other `Display` value becomes its text.
/// Values are borrowed, never moved.
///
/// ```
/// use hlog::OwnedValue;
/// let user = String::from("alice");
/// let fields = hlog::fields!(request_id = "abc-123", user, port = 8080u16);
/// assert_eq!(fields[1], ("user", OwnedValue::from("alice")));
/// assert_eq!(fields[2], ("port", OwnedValue::U64(8080)));
/// assert_eq!(user, "alice"); // still ours
/// ```
#[macro_export]
macro_rules! fields {
    ($($name:ident $(= $value:expr)?),* $(,)?) => {
        [$((
            ::core::stringify!($name),
            $crate::__owned_value!($name $(= $value)?),
        )),*]
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __owned_value {
    ($name:ident) => {
        $crate::__owned_value!($name = $name)
    };
    ($name:ident = $value:expr) => {{
        // The conversion of a log call's arguments: numbers and text typed, anything else its
        // `Display` text.
        #[allow(unused_imports)]
        use $crate::__private::{DisplayFallback as _, FastArg as _};
        $crate::OwnedValue::from_value((&$crate::__private::Arg(&$value)).__hlog_value())
    }};
}

/// A child logger with bound fields (loguru's `logger.bind(...)`): `bind!(request_id = id,
/// user)` binds to the global logger, `bind!(logger; request_id = id)` to a given one. Values
/// as in [`fields!`]. The child shares every handler of its parent; see [`Logger::bind`].
///
/// ```
/// let capture = hlog::sink::Capture::new();
/// let root = hlog::Logger::new();
/// root.add(capture.clone()).format("{message} {extra}").install().unwrap();
/// let user = "alice";
/// let log = hlog::bind!(root; request_id = "abc-123", user, attempt = 2);
/// hlog::info!(log, "started");
/// assert_eq!(
///     capture.text(),
///     "started {\"request_id\": \"abc-123\", \"user\": \"alice\", \"attempt\": 2}\n"
/// );
/// let global_child = hlog::bind!(request_id = "abc-123");
/// # drop(global_child);
/// ```
#[macro_export]
macro_rules! bind {
    ($($name:ident $(= $value:expr)?),* $(,)?) => {
        $crate::logger().bind($crate::fields!($($name $(= $value)?),*))
    };
    ($logger:expr; $($fields:tt)*) => {
        $crate::Logger::bind(&$logger, $crate::fields!($($fields)*))
    };
}

/// Contextual fields for everything this thread logs while the returned guard lives, through
/// any logger (loguru's `with logger.contextualize(...)`): `let _ctx = contextualize!(request_id
/// = id);`. Scopes nest; dropping the guard (also while unwinding from a panic) restores the
/// context before. Values as in [`fields!`]. For async code wrap the future instead:
/// [`FutureExt::in_context`]; for a closure, [`with_context`].
///
/// ```
/// let capture = hlog::sink::Capture::new();
/// let logger = hlog::Logger::new();
/// logger.add(capture.clone()).format("{message} {extra}").install().unwrap();
/// {
///     let _request = hlog::contextualize!(request_id = "r-1");
///     let _step = hlog::contextualize!(step = 2);
///     hlog::info!(logger, "inner");
/// }
/// hlog::info!(logger, "after");
/// assert_eq!(capture.text(), "inner {\"step\": 2, \"request_id\": \"r-1\"}\nafter {}\n");
/// ```
#[macro_export]
macro_rules! contextualize {
    ($($fields:tt)*) => {
        $crate::Context::current().with($crate::fields!($($fields)*)).enter()
    };
}

/// Declare custom levels at compile time: each becomes a `const` [`Level`] and a logging macro
/// named after it in lower case, so a misspelt level is a compile error.
///
/// `levels! { [pub] NAME = number [, "colour markup" [, "icon"]]; ... }`. The colour is checked
/// at compile time. The macro (`audit!`) takes what [`info!`] takes — `audit!("...")`,
/// `audit!(logger, "...")`, fields before the template — and is usable in the module after
/// the declaration and, by path or `use`, anywhere in the crate (it is `pub(crate)`). Names
/// found by lookups (`log!("AUDIT", ...)`, configuration files, `HLOG_LEVEL`) need the level
/// registered: call [`Level::register`] at start. [`level()`] stays for levels known only at
/// run time.
///
/// ```
/// hlog::levels! {
///     AUDIT = 35, "<cyan>", "@";
///     NOTICE = 22;
/// }
///
/// let logger = hlog::Logger::new();
/// let capture = hlog::sink::Capture::new();
/// logger.add(capture.clone()).format("{level}|{level.no}|{level.icon}|{message}").install().unwrap();
/// let user = 42;
/// audit!(logger, "user {user} exported data");
/// notice!(logger, id = 7, "maintenance at {when}", when = "noon");
/// assert_eq!(capture.text(), "AUDIT|35|@|user 42 exported data\nNOTICE|22||maintenance at noon\n");
/// assert_eq!(AUDIT.no(), 35);
/// ```
#[macro_export]
macro_rules! levels {
    ($($arg:tt)+) => { $crate::__levels!($crate, $($arg)+); };
}
