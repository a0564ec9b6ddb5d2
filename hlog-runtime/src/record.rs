//! The record: everything one log call hands to the handlers, borrowed, built on the stack.

use std::fmt;

use crate::callsite::Callsite;
use crate::level::Level;
use crate::time::Timestamp;
use crate::write::Out;

/// One log event, as handlers, filters and sinks see it. Borrowed: it lives for one call.
pub struct Record<'a> {
    pub(crate) time: Timestamp,
    pub(crate) level: &'a Level,
    pub(crate) callsite: &'static Callsite,
    pub(crate) message: Message<'a>,
    pub(crate) fields: &'a [(&'static str, Value<'a>)],
    pub(crate) error: Option<&'a (dyn std::error::Error + 'static)>,
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
        Record { time, level, callsite, message, fields, error: None }
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

/// A record's message: static text, or code generated from a template that writes it.
#[derive(Clone, Copy)]
pub enum Message<'a> {
    /// A template with no placeholders and no markup.
    Static(&'static str),
    /// Text from outside the macros (bridges, tests).
    Text(&'a str),
    /// The writer generated from a template.
    Writer(&'a (dyn Fn(&mut Out<'_>) + 'a)),
}

impl Message<'_> {
    /// Write the message into `out` (with colour if `out` is colourised).
    #[inline]
    pub fn write(&self, out: &mut Out<'_>) {
        match self {
            Message::Static(text) => out.str(text),
            Message::Text(text) => out.str(text),
            Message::Writer(write) => write(out),
        }
    }
}

impl fmt::Display for Message<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Message::Static(text) => f.write_str(text),
            Message::Text(text) => f.write_str(text),
            Message::Writer(_) => {
                let mut buf = Vec::new();
                self.write(&mut Out::plain(&mut buf));
                f.write_str(&String::from_utf8_lossy(&buf))
            }
        }
    }
}

impl fmt::Debug for Message<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.to_string())
    }
}

/// The value of a structured field (a named argument of the log call).
#[derive(Clone, Copy)]
pub enum Value<'a> {
    /// Text.
    Str(&'a str),
    /// A signed integer.
    I64(i64),
    /// An unsigned integer.
    U64(u64),
    /// A wide signed integer.
    I128(i128),
    /// A wide unsigned integer.
    U128(u128),
    /// A float.
    F64(f64),
    /// A single-precision float (kept apart so it prints as `f32`'s `Display` does).
    F32(f32),
    /// A boolean.
    Bool(bool),
    /// A character.
    Char(char),
    /// Anything else that is `Display`.
    Display(&'a dyn fmt::Display),
    /// A value written with `{x:?}`.
    Debug(&'a dyn fmt::Debug),
}

impl Value<'_> {
    /// Write the value as the message would show it (no markup, ever).
    pub fn write(&self, out: &mut Out<'_>) {
        match *self {
            Value::Str(s) => out.str(s),
            Value::I64(v) => out.int(v),
            Value::U64(v) => out.int(v),
            Value::I128(v) => out.int(v),
            Value::U128(v) => out.int(v),
            Value::F64(v) => out.float(v),
            Value::F32(v) => out.float32(v),
            Value::Bool(v) => out.str(if v { "true" } else { "false" }),
            Value::Char(c) => out.str(c.encode_utf8(&mut [0; 4])),
            Value::Display(d) => out.display(d),
            Value::Debug(d) => {
                let _ = fmt::Write::write_fmt(out, format_args!("{d:?}"));
            }
        }
    }

    /// True for values that JSON would show as numbers or booleans rather than strings.
    pub fn is_scalar(&self) -> bool {
        !matches!(self, Value::Str(_) | Value::Char(_) | Value::Display(_) | Value::Debug(_))
    }
}

impl fmt::Display for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Value::Str(s) => f.pad(s),
            Value::I64(v) => fmt::Display::fmt(&v, f),
            Value::U64(v) => fmt::Display::fmt(&v, f),
            Value::I128(v) => fmt::Display::fmt(&v, f),
            Value::U128(v) => fmt::Display::fmt(&v, f),
            Value::F64(v) => fmt::Display::fmt(&v, f),
            Value::F32(v) => fmt::Display::fmt(&v, f),
            Value::Bool(v) => fmt::Display::fmt(&v, f),
            Value::Char(v) => fmt::Display::fmt(&v, f),
            Value::Display(d) => fmt::Display::fmt(d, f),
            Value::Debug(d) => fmt::Debug::fmt(d, f),
        }
    }
}

impl fmt::Debug for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Str(s) => fmt::Debug::fmt(s, f),
            Value::Char(c) => fmt::Debug::fmt(c, f),
            other => fmt::Display::fmt(other, f),
        }
    }
}
