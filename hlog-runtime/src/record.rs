//! The record: everything one log call hands to the handlers, borrowed, built on the stack.

use std::fmt;

use crate::callsite::Callsite;
use crate::extra::{Extra, Layers, OwnedFields};
use crate::level::Level;
use crate::message::Message;
use crate::thread::ThreadInfo;
use crate::time::Timestamp;
use crate::value::Value;

/// One log event, as handlers, filters and sinks see it. Borrowed: it lives for one call.
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
    pub(crate) error: Option<&'a (dyn std::error::Error + 'static)>,
    /// The thread the call was made on, when that is not the thread rendering the record (a
    /// queued record, rendered by the writer thread); `None`: the current thread.
    pub(crate) thread: Option<&'a ThreadInfo>,
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
            error: None,
            thread: None,
        }
    }

    /// The same record with another timestamp (tests use fixed times).
    pub fn with_time(mut self, time: Timestamp) -> Self {
        self.time = time;
        self
    }

    /// The same record with an error attached (rendered by `{exception}`).
    pub fn with_error(mut self, error: &'a (dyn std::error::Error + 'static)) -> Self {
        self.error = Some(error);
        self
    }

    /// When the call was made.
    pub fn time(&self) -> Timestamp {
        self.time
    }

    /// The level.
    pub fn level(&self) -> &Level {
        self.level
    }

    /// The module path of the call, e.g. `my_app::db`.
    pub fn module_path(&self) -> &'static str {
        self.callsite.module()
    }

    /// The source file of the call.
    pub fn file(&self) -> &'static str {
        self.callsite.file()
    }

    /// The line of the call.
    pub fn line(&self) -> u32 {
        self.callsite.line()
    }

    /// The function the call is in.
    pub fn function(&self) -> &'static str {
        self.callsite.function()
    }

    /// The message.
    pub fn message(&self) -> &Message<'a> {
        &self.message
    }

    /// The named arguments of the call, as structured fields (not bound, contextual or
    /// patched fields: [`Record::extra`] has them all).
    ///
    /// A record of a queued handler (`enqueue`), rebuilt on the writer thread, holds every
    /// field of [`Record::extra`] here (they were merged on the calling thread).
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
    /// fields (latest `bind` first), then fields a patch added. When two share a name the value
    /// of the higher precedence wins, in this order: a patch, the call, the context, the bound
    /// fields; the field then appears once, where its winning layer comes. What `{extra}` shows.
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
        }
    }

    /// The attached error, if any.
    pub fn error(&self) -> Option<&'a (dyn std::error::Error + 'static)> {
        self.error
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
