//! The record: everything one log call hands to the handlers, borrowed, built on the stack.

use std::fmt;
use std::panic::Location;

use crate::callsite::Callsite;
use crate::extra::{Extra, Layers, OwnedFields};
use crate::level::Level;
use crate::message::Message;
use crate::thread::ThreadInfo;
use crate::time::Timestamp;
use crate::value::Value;

/// One log event, as handlers, filters and sinks see it. Borrowed: it lives for one call.
///
/// # Examples
///
/// ```
/// use std::sync::{Arc, Mutex};
///
/// // A sink (or a filter) reads the record: level, message, fields, location, error.
/// let seen = Arc::new(Mutex::new(Vec::new()));
/// let store = seen.clone();
/// let logger = hlog::Logger::new();
/// let sink = hlog::sink::from_fn(move |_line, record| {
///     let fields: Vec<String> = record.fields().iter().map(|(k, v)| format!("{k}={v}")).collect();
///     store.lock().unwrap().push(format!(
///         "{} {} [{}] {} {}",
///         record.level().name(),
///         record.message(),
///         fields.join(" "),
///         record.function(),
///         record.error().map_or("-".to_owned(), |e| e.to_string()),
///     ));
/// });
/// logger.add(sink).install().unwrap();
/// fn pay(logger: &hlog::Logger) {
///     let e = std::io::Error::other("card declined");
///     hlog::error!(logger, err = e, "Payment {id} failed", id = 42, retry = true);
/// }
/// pay(&logger);
/// assert_eq!(*seen.lock().unwrap(), ["ERROR Payment 42 failed [id=42 retry=true] pay card declined"]);
/// ```
#[derive(Clone, Copy)]
pub struct Record<'a> {
    pub(crate) time: Timestamp,
    pub(crate) level: &'a Level,
    pub(crate) callsite: &'static Callsite,
    pub(crate) message: Message<'a>,
    pub(crate) fields: &'a [(&'static str, Value<'a>)],
    /// Fields a patch of the logger set (highest precedence).
    pub(crate) patched: &'a [(&'static str, Value<'a>)],
    /// The calling thread's contextual fields.
    pub(crate) context: &'a OwnedFields,
    /// The logger's bound fields.
    pub(crate) bound: &'a OwnedFields,
    /// The logger's configured default fields (`Config::extra`).
    pub(crate) defaults: &'a OwnedFields,
    pub(crate) error: Option<&'a (dyn std::error::Error + 'static)>,
    /// The thread the call was made on, when that is not the thread rendering the record (a
    /// queued record, rendered by the writer thread); `None`: the current thread.
    pub(crate) thread: Option<&'a ThreadInfo>,
    /// Where the call was made when that is not the call site's own file and line: the caller
    /// of a `#[track_caller]` wrapper (`info!(caller, ...)`, loguru's `opt(depth=1)`).
    pub(crate) location: Option<&'static Location<'static>>,
    /// A raw write: the message only, no format, no newline added (loguru's `opt(raw=True)`).
    pub(crate) raw: bool,
    /// The backtrace captured with the attached error, for handlers that ask for it
    /// ([`HandlerBuilder::backtrace`](crate::HandlerBuilder::backtrace)): a
    /// `std::backtrace::Backtrace` on the calling thread, its text on a queued handler's.
    pub(crate) backtrace: Option<&'a (dyn fmt::Display + 'a)>,
}

impl<'a> Record<'a> {
    /// A record for a call site. Used by generated code and bridges.
    #[doc(hidden)]
    pub fn new(
        time: Timestamp,
        level: &'a Level,
        callsite: &'static Callsite,
        message: Message<'a>,
        fields: &'a [(&'static str, Value<'a>)],
    ) -> Self {
        Record {
            time,
            level,
            callsite,
            message,
            fields,
            patched: &[],
            context: &[],
            bound: &[],
            defaults: &[],
            error: None,
            thread: None,
            location: None,
            raw: false,
            backtrace: None,
        }
    }

    /// The same record with another timestamp (tests use fixed times).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::time::Timestamp;
    ///
    /// let target = hlog::Logger::new();
    /// let capture = hlog::sink::Capture::new();
    /// target.add(capture.clone()).format("{time:YYYY-MM-DD HH:mm:ss!UTC} {message}").install().unwrap();
    /// // A sink that forwards each record to another logger, changed.
    /// let app = hlog::Logger::new();
    /// let forward = target.clone();
    /// app.add(hlog::sink::from_fn(move |_line, record| {
    ///     forward.log(&record.with_time(Timestamp::from_unix(1_774_535_400, 0))); // replayed at a fixed time
    /// }))
    /// .install()
    /// .unwrap();
    /// hlog::info!(app, "replayed");
    /// assert_eq!(capture.text(), "2026-03-26 14:30:00 replayed\n");
    /// ```
    pub fn with_time(mut self, time: Timestamp) -> Self {
        self.time = time;
        self
    }

    /// The same record with an error attached (rendered by `{exception}`).
    ///
    /// # Examples
    ///
    /// ```
    /// let target = hlog::Logger::new();
    /// let capture = hlog::sink::Capture::new();
    /// target.add(capture.clone()).format("{level} {message}\n{exception}").install().unwrap();
    /// // A sink that forwards each record to another logger, changed.
    /// let app = hlog::Logger::new();
    /// let forward = target.clone();
    /// app.add(hlog::sink::from_fn(move |_line, record| {
    ///     let error = std::io::Error::other("seen by the auditor");
    ///     forward.log(&record.with_error(&error));
    /// }))
    /// .install()
    /// .unwrap();
    /// hlog::warning!(app, "login failed");
    /// assert_eq!(capture.text(), "WARNING login failed\nError: seen by the auditor\n");
    /// ```
    pub fn with_error(mut self, error: &'a (dyn std::error::Error + 'static)) -> Self {
        self.error = Some(error);
        self
    }

    /// The same record, reported at `location` instead of its call site's file and line: what
    /// `info!(caller, ...)` does with `std::panic::Location::caller()` in a `#[track_caller]`
    /// function. `{file}`, `{file.name}` and `{line}` show it; `{function}` and `{name}` stay the
    /// call site's (the wrapper's).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{Record, Level, Message};
    /// static CALLSITE: hlog::__private::Callsite =
    ///     hlog::__private::Callsite::new("app", "src/wrapper.rs", 3, "hi", || "app::f");
    /// let here = std::panic::Location::caller();
    /// let record = Record::new(hlog::time::Timestamp::now(), &Level::INFO, &CALLSITE,
    ///     Message::Static("hi"), &[]).with_location(here);
    /// assert_eq!(record.line(), here.line());
    /// assert_eq!(record.file(), here.file());
    /// ```
    pub fn with_location(mut self, location: &'static Location<'static>) -> Self {
        self.location = Some(location);
        self
    }

    /// The same record as a raw write: handlers write its message alone, with no format and
    /// no newline added (loguru's `opt(raw=True)`).
    ///
    /// # Examples
    ///
    /// ```
    /// let target = hlog::Logger::new();
    /// let capture = hlog::sink::Capture::new();
    /// target.add(capture.clone()).format("{level} {message}\n").install().unwrap();
    /// // A sink that forwards each record to another logger, changed.
    /// let app = hlog::Logger::new();
    /// let forward = target.clone();
    /// app.add(hlog::sink::from_fn(move |_line, record| {
    ///     forward.log(&record.with_raw(true)); // the message alone, no format
    /// }))
    /// .install()
    /// .unwrap();
    /// hlog::info!(app, "progress 50%\r");
    /// assert_eq!(capture.text(), "progress 50%\r");
    /// ```
    pub fn with_raw(mut self, raw: bool) -> Self {
        self.raw = raw;
        self
    }

    /// The same record with a backtrace, shown after the error's chain by handlers built with
    /// [`HandlerBuilder::backtrace`](crate::HandlerBuilder::backtrace).
    ///
    /// # Examples
    ///
    /// ```
    /// let target = hlog::Logger::new();
    /// let capture = hlog::sink::Capture::new();
    /// target.add(capture.clone()).format("{message}").backtrace(true).install().unwrap();
    /// let app = hlog::Logger::new();
    /// let forward = target.clone();
    /// app.add(hlog::sink::from_fn(move |_line, record| {
    ///     let trace = "   0: my_app::main"; // any `Display`: a backtrace taken elsewhere
    ///     forward.log(&record.with_backtrace(&trace));
    /// }))
    /// .install()
    /// .unwrap();
    /// let e = std::io::Error::other("disk full");
    /// hlog::error!(app, err = e, "write failed");
    /// assert_eq!(capture.text(), "write failed\nError: disk full\nStack backtrace:\n   0: my_app::main\n");
    /// ```
    pub fn with_backtrace(mut self, backtrace: &'a (dyn fmt::Display + 'a)) -> Self {
        self.backtrace = Some(backtrace);
        self
    }

    /// When the call was made.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::time::Timestamp;
    /// use std::sync::{Arc, Mutex};
    ///
    /// let seen = Arc::new(Mutex::new(Vec::new()));
    /// let store = seen.clone();
    /// let logger = hlog::Logger::new().with_clock(|| Timestamp::from_unix(1_774_535_400, 0));
    /// let sink = hlog::sink::from_fn(move |_line, record| {
    ///     store.lock().unwrap().push(record.time().secs());
    /// });
    /// logger.add(sink).install().unwrap();
    /// hlog::info!(logger, "at a fixed time");
    /// assert_eq!(*seen.lock().unwrap(), [1_774_535_400]);
    /// ```
    pub fn time(&self) -> Timestamp {
        self.time
    }

    /// The level.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    ///
    /// let seen = Arc::new(Mutex::new(Vec::new()));
    /// let store = seen.clone();
    /// let logger = hlog::Logger::new();
    /// let sink = hlog::sink::from_fn(move |_line, record| {
    ///     store.lock().unwrap().push((record.level().name(), record.level().no()));
    /// });
    /// logger.add(sink).install().unwrap();
    /// hlog::warning!(logger, "disk at 91%");
    /// assert_eq!(*seen.lock().unwrap(), [("WARNING", 30)]);
    /// ```
    pub fn level(&self) -> &Level {
        self.level
    }

    /// The module path of the call, e.g. `my_app::db`.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    ///
    /// let seen = Arc::new(Mutex::new(Vec::new()));
    /// let store = seen.clone();
    /// let logger = hlog::Logger::new();
    /// let sink = hlog::sink::from_fn(move |_line, record| {
    ///     store.lock().unwrap().push(record.module_path());
    /// });
    /// logger.add(sink).install().unwrap();
    /// hlog::info!(logger, "hello");
    /// assert_eq!(*seen.lock().unwrap(), [module_path!()]);
    /// ```
    pub fn module_path(&self) -> &'static str {
        self.callsite.module()
    }

    /// The source file of the call: the call site's, or the caller's of a `#[track_caller]`
    /// wrapper that logged with `info!(caller, ...)` ([`Record::location`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    ///
    /// let seen = Arc::new(Mutex::new(Vec::new()));
    /// let store = seen.clone();
    /// let logger = hlog::Logger::new();
    /// let sink = hlog::sink::from_fn(move |_line, record| {
    ///     store.lock().unwrap().push((record.file(), record.line()));
    /// });
    /// logger.add(sink).install().unwrap();
    /// let line = line!() + 1;
    /// hlog::info!(logger, "here");
    /// assert_eq!(*seen.lock().unwrap(), [(file!(), line)]);
    /// ```
    pub fn file(&self) -> &'static str {
        match self.location {
            Some(location) => location.file(),
            None => self.callsite.file(),
        }
    }

    /// The line of the call: the call site's, or the caller's of a `#[track_caller]` wrapper.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    ///
    /// let seen = Arc::new(Mutex::new(Vec::new()));
    /// let store = seen.clone();
    /// let logger = hlog::Logger::new();
    /// let sink = hlog::sink::from_fn(move |_line, record| {
    ///     store.lock().unwrap().push(record.line());
    /// });
    /// logger.add(sink).install().unwrap();
    /// #[track_caller]
    /// fn audit(logger: &hlog::Logger) {
    ///     hlog::info!(logger, caller, "audit");
    /// }
    /// let line = line!() + 1;
    /// audit(&logger);
    /// assert_eq!(*seen.lock().unwrap(), [line]); // the caller's line
    /// ```
    pub fn line(&self) -> u32 {
        match self.location {
            Some(location) => location.line(),
            None => self.callsite.line(),
        }
    }

    /// The caller's location when a `#[track_caller]` wrapper logged with
    /// `info!(caller, ...)`; `None` for a record reported at its call site.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    ///
    /// let seen = Arc::new(Mutex::new(Vec::new()));
    /// let store = seen.clone();
    /// let logger = hlog::Logger::new();
    /// let sink = hlog::sink::from_fn(move |_line, record| {
    ///     store.lock().unwrap().push(record.location().map(|at| at.line()));
    /// });
    /// logger.add(sink).install().unwrap();
    /// #[track_caller]
    /// fn audit(logger: &hlog::Logger) {
    ///     hlog::info!(logger, caller, "audit");
    /// }
    /// let line = line!() + 1;
    /// audit(&logger);
    /// hlog::info!(logger, "at its call site");
    /// assert_eq!(*seen.lock().unwrap(), [Some(line), None]);
    /// ```
    pub fn location(&self) -> Option<&'static Location<'static>> {
        self.location
    }

    /// Whether this is a raw write (`info!(raw, ...)`): the message alone, no newline added.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    ///
    /// let seen = Arc::new(Mutex::new(Vec::new()));
    /// let store = seen.clone();
    /// let logger = hlog::Logger::new();
    /// let sink = hlog::sink::from_fn(move |_line, record| {
    ///     store.lock().unwrap().push(record.is_raw());
    /// });
    /// logger.add(sink).install().unwrap();
    /// hlog::info!(logger, raw, "progress 50%\r");
    /// hlog::info!(logger, "done");
    /// assert_eq!(*seen.lock().unwrap(), [true, false]);
    /// ```
    pub fn is_raw(&self) -> bool {
        self.raw
    }

    /// The backtrace captured with the attached error, when a handler of the logger asks for
    /// backtraces.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    ///
    /// let seen = Arc::new(Mutex::new(Vec::new()));
    /// let store = seen.clone();
    /// let logger = hlog::Logger::new();
    /// let sink = hlog::sink::from_fn(move |_line, record| {
    ///     store.lock().unwrap().push(record.backtrace().is_some());
    /// });
    /// logger.add(sink).install().unwrap();
    /// logger.add(hlog::sink::Capture::new()).backtrace(true).install().unwrap();
    /// let e = std::io::Error::other("disk full");
    /// hlog::error!(logger, err = e, "write failed");
    /// hlog::error!(logger, "no error attached: no backtrace");
    /// assert_eq!(*seen.lock().unwrap(), [true, false]);
    /// ```
    pub fn backtrace(&self) -> Option<&'a (dyn fmt::Display + 'a)> {
        self.backtrace
    }

    /// The function the call is in (for a `#[track_caller]` wrapper's call, the wrapper).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    ///
    /// let seen = Arc::new(Mutex::new(Vec::new()));
    /// let store = seen.clone();
    /// let logger = hlog::Logger::new();
    /// let sink = hlog::sink::from_fn(move |_line, record| {
    ///     store.lock().unwrap().push(record.function());
    /// });
    /// logger.add(sink).install().unwrap();
    /// fn connect(logger: &hlog::Logger) {
    ///     hlog::info!(logger, "connecting");
    /// }
    /// connect(&logger);
    /// assert_eq!(*seen.lock().unwrap(), ["connect"]);
    /// ```
    pub fn function(&self) -> &'static str {
        self.callsite.function()
    }

    /// The message.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    ///
    /// let seen = Arc::new(Mutex::new(Vec::new()));
    /// let store = seen.clone();
    /// let logger = hlog::Logger::new();
    /// let sink = hlog::sink::from_fn(move |_line, record| {
    ///     store.lock().unwrap().push(record.message().to_string());
    /// });
    /// logger.add(sink).install().unwrap();
    /// let user = "alice";
    /// hlog::info!(logger, "<green>{user}</green> logged in");
    /// assert_eq!(*seen.lock().unwrap(), ["alice logged in"]); // markup is for formats
    /// ```
    pub fn message(&self) -> &Message<'a> {
        &self.message
    }

    /// The named arguments of the call, as structured fields (not bound, contextual or
    /// patched fields: [`Record::extra`] has them all).
    ///
    /// A record of a queued handler (`enqueue`), rebuilt on the writer thread, holds every
    /// field of [`Record::extra`] here (they were merged on the calling thread).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    ///
    /// let seen = Arc::new(Mutex::new(Vec::new()));
    /// let store = seen.clone();
    /// let logger = hlog::Logger::new();
    /// let sink = hlog::sink::from_fn(move |_line, record| {
    ///     store.lock().unwrap().push(record.fields().iter().map(|(name, value)| format!("{name}={value}")).collect::<Vec<_>>());
    /// });
    /// logger.add(sink).install().unwrap();
    /// let child = logger.bind(hlog::fields!(app = "shop"));
    /// hlog::info!(child, "Order {id} placed", id = 7, total = 12.5);
    /// assert_eq!(*seen.lock().unwrap(), [["id=7", "total=12.5"]]); // the call's own, not `app`
    /// ```
    pub fn fields(&self) -> &[(&'static str, Value<'a>)] {
        self.fields
    }

    /// One field by name, by precedence among every field of the record (see
    /// [`Record::extra`]): what `{extra[name]}` shows.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::Value;
    /// let capture = hlog::sink::Capture::new();
    /// let root = hlog::Logger::new();
    /// root.add(capture.clone())
    ///     .format("{message}")
    ///     .filter(|record| matches!(record.field("tenant"), Some(Value::U64(7))))
    ///     .install()
    ///     .unwrap();
    /// hlog::info!(root.bind([("tenant", 7u64.into())]), "kept");
    /// hlog::info!(root, "dropped");
    /// assert_eq!(capture.text(), "kept\n");
    /// ```
    pub fn field(&self, name: &str) -> Option<Value<'_>> {
        self.layers().get(name)
    }

    /// Every field of the record, each name once: the call's own named arguments, then the
    /// contextual fields of the calling thread (innermost scope first), then the logger's bound
    /// fields (latest `bind` first), then a configuration's default fields, then fields a patch
    /// added. When two share a name the value of the higher precedence wins, in this order: a
    /// patch, the call, the context, the bound fields, the configured ones; the field then
    /// appears once, where its winning layer comes. What `{extra}` shows.
    ///
    /// # Examples
    ///
    /// ```
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new();
    /// logger.add(capture.clone()).format("{extra}").install().unwrap();
    /// let child = logger.bind([("user", "bound".into()), ("app", "shop".into())]);
    /// let _scope = hlog::Context::current().with([("user", "context".into())]).enter();
    /// hlog::info!(child, "hi", user = "call", n = 1);
    /// assert_eq!(capture.text(), "{\"user\": \"call\", \"n\": 1, \"app\": \"shop\"}\n");
    /// ```
    pub fn extra(&self) -> Extra<'_, 'a> {
        Extra::new(self.layers())
    }

    pub(crate) fn layers(&self) -> Layers<'_, 'a> {
        Layers {
            patched: self.patched,
            call: self.fields,
            context: self.context,
            bound: self.bound,
            defaults: self.defaults,
        }
    }

    /// The attached error, if any.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    ///
    /// let seen = Arc::new(Mutex::new(Vec::new()));
    /// let store = seen.clone();
    /// let logger = hlog::Logger::new();
    /// let sink = hlog::sink::from_fn(move |_line, record| {
    ///     store.lock().unwrap().push(record.error().map(|e| e.to_string()));
    /// });
    /// logger.add(sink).install().unwrap();
    /// let e = "80a".parse::<u16>().unwrap_err();
    /// hlog::error!(logger, err = e, "bad port");
    /// hlog::info!(logger, "fine");
    /// assert_eq!(*seen.lock().unwrap(), [Some("invalid digit found in string".to_owned()), None]);
    /// ```
    pub fn error(&self) -> Option<&'a (dyn std::error::Error + 'static)> {
        self.error
    }
}

/// What a log call adds to its record besides the message: an attached error (`err = e`), the
/// caller's location (`caller`), a raw write (`raw`). Built by generated code; not a stable API.
#[doc(hidden)]
#[derive(Clone, Copy, Default)]
pub struct CallOptions<'a> {
    /// The attached error.
    pub error: Option<&'a (dyn std::error::Error + 'static)>,
    /// The caller of a `#[track_caller]` wrapper.
    pub location: Option<&'static Location<'static>>,
    /// A raw write.
    pub raw: bool,
}

/// How the macros attach an error given as it is: an error by value or by reference,
/// `Box<dyn Error>` (with `Send`/`Sync` or not), `anyhow::Error` and anything else that
/// dereferences to `dyn Error`, found by method lookup's auto-dereferencing. Not a stable API.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an error: `err = ...` attaches a `std::error::Error`",
    label = "not a `std::error::Error`",
    note = "`err = e` takes an error by value or reference, a `Box<dyn Error>` or an `anyhow::Error`"
)]
pub trait AsError {
    /// The error as a trait object.
    fn __hlog_error(&self) -> &(dyn std::error::Error + 'static);
}

impl<E: std::error::Error + 'static> AsError for E {
    fn __hlog_error(&self) -> &(dyn std::error::Error + 'static) {
        self
    }
}

impl AsError for dyn std::error::Error + 'static {
    fn __hlog_error(&self) -> &(dyn std::error::Error + 'static) {
        self
    }
}

impl AsError for dyn std::error::Error + Send + 'static {
    fn __hlog_error(&self) -> &(dyn std::error::Error + 'static) {
        self
    }
}

impl AsError for dyn std::error::Error + Send + Sync + 'static {
    fn __hlog_error(&self) -> &(dyn std::error::Error + 'static) {
        self
    }
}

impl fmt::Debug for Record<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Record")
            .field("time", &self.time)
            .field("level", &self.level.name())
            .field("module", &self.module_path())
            .field("line", &self.line())
            .field("message", &self.message)
            .finish_non_exhaustive()
    }
}
