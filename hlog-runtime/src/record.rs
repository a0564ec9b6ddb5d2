//! The record: everything one log call hands to the handlers, borrowed, built on the stack.

use std::fmt;

use crate::callsite::Callsite;
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
        Record { time, level, callsite, message, fields, error: None, thread: None }
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

    /// The named arguments of the call, as structured fields.
    pub fn fields(&self) -> &[(&'static str, Value<'a>)] {
        self.fields
    }

    /// One named field by name.
    pub fn field(&self, name: &str) -> Option<&Value<'a>> {
        self.fields.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
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
