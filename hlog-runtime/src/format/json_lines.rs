//! The JSON lines format: one JSON object per record, its members chosen and named by a
//! [`JsonFormat`] schema. The schema is built once into [`JsonLines`]: each member's key is
//! escaped then, and kept as the bytes that precede its value (`,"level":`), so a record costs
//! one copy per key and the writing of its values.

use std::fmt;

use super::json::{escape_from, write_members, write_str, write_value};
use super::render::{TimePiece, message, write_exception};
use crate::record::Record;
use crate::time::{self, Zone};

/// One member of a JSON line: which value of the record it holds. Its key is
/// [`JsonField::default_key`] unless the schema renames it ([`JsonFormat::rename`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum JsonField {
    /// `"time"`: RFC 3339 in the logger's zone, with microseconds and the offset,
    /// `"2026-03-26T14:30:00.123456+01:00"` (without the offset under
    /// [`JsonFormat::time_offset`]`(false)`).
    Time,
    /// `"level"`: the level's name, `"INFO"`.
    Level,
    /// `"level_no"`: the level's number, `20`.
    LevelNo,
    /// `"message"`: the message as plain text (never colour), its values JSON-escaped.
    Message,
    /// `"module"`: the module path of the call, `"my_app::db"`.
    Module,
    /// `"function"`: the function the call is in.
    Function,
    /// `"line"`: the line of the call, a number.
    Line,
    /// `"file"`: the source file of the call (`file!()`).
    File,
    /// `"thread"`: the thread's name, as `{thread}` writes it (`"main"`, `"<unnamed>"`).
    Thread,
    /// `"thread_id"`: the thread's number, as `{thread.id}` writes it.
    ThreadId,
    /// `"process"`: the process id, a number.
    Process,
    /// `"elapsed"`: seconds since logging started (as `{elapsed}` counts them), a number with
    /// microseconds, `3.456789`.
    Elapsed,
    /// `"extra"`: the record's fields as an object, typed: integers (128-bit ones too) and
    /// finite floats as numbers, bools, everything else as strings; a non-finite float is the
    /// string `"NaN"`, `"inf"` or `"-inf"`. [`JsonFormat::flatten_extra`] writes them at the
    /// top level instead.
    Extra,
    /// `"exception"`: the attached error, as `{exception}` writes it (`Error: ...`, then a
    /// `Caused by: ...` line for each `source()`), as one string. Left out of a record that
    /// has no error.
    Exception,
    /// `"template"`: the message's template as written in the source, `"User {user} logged
    /// in"`: a stable key to group events by.
    Template,
}

impl JsonField {
    /// The members of the default schema, in order: the seed's object plus `exception`.
    pub const DEFAULT: [JsonField; 13] = [
        JsonField::Time,
        JsonField::Level,
        JsonField::LevelNo,
        JsonField::Message,
        JsonField::Module,
        JsonField::Function,
        JsonField::Line,
        JsonField::File,
        JsonField::Thread,
        JsonField::Process,
        JsonField::Elapsed,
        JsonField::Extra,
        JsonField::Exception,
    ];

    /// The key this field has unless renamed: `"time"`, `"level_no"`, ...
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::JsonField;
    /// assert_eq!(JsonField::LevelNo.default_key(), "level_no");
    /// ```
    pub const fn default_key(self) -> &'static str {
        match self {
            JsonField::Time => "time",
            JsonField::Level => "level",
            JsonField::LevelNo => "level_no",
            JsonField::Message => "message",
            JsonField::Module => "module",
            JsonField::Function => "function",
            JsonField::Line => "line",
            JsonField::File => "file",
            JsonField::Thread => "thread",
            JsonField::ThreadId => "thread_id",
            JsonField::Process => "process",
            JsonField::Elapsed => "elapsed",
            JsonField::Extra => "extra",
            JsonField::Exception => "exception",
            JsonField::Template => "template",
        }
    }
}

/// A JSON lines schema: which members each line has, in which order, under which keys, and
/// how strings and times are written. Turn it into a handler's [`Format`](super::Format) with
/// `.format(schema)` (or `Format::from(schema)`); a [`JsonSink`](crate::sink::JsonSink) and
/// [`HandlerBuilder::serialize`](crate::HandlerBuilder::serialize) use the default one.
///
/// Each line is one compact JSON object (no spaces, as serde_json writes it) and a `\n`:
///
/// ```text
/// {"time":"2026-03-26T14:30:00.123456+01:00","level":"INFO","level_no":20,"message":"User alice logged in","module":"app::auth","function":"login","line":42,"file":"src/auth.rs","thread":"main","process":12345,"elapsed":3.456789,"extra":{"user":"alice","ip":"10.0.0.1"}}
/// ```
///
/// Keys are escaped once, when the format is built, not for each record. Strings are escaped
/// per RFC 8259 (`\"`, `\\`, `\n`, `\u0000`...) and, as in text lines, DEL, the C1 controls,
/// U+2028/9 and the bidi controls are `\uXXXX` too; with [`ensure_ascii`](Self::ensure_ascii)
/// every non-ASCII character is (surrogate pairs above U+FFFF). The attached error is written
/// only by a schema with [`JsonField::Exception`] (the default one has it).
///
/// # Examples
///
/// ```
/// use hlog::{JsonField, JsonFormat, time::{Timestamp, Zone}};
///
/// let capture = hlog::sink::Capture::new();
/// let logger = hlog::Logger::new()
///     .with_clock(|| Timestamp::from_unix(1_774_531_800, 123_456_789))
///     .with_zone(Zone::fixed(3600));
/// let schema = JsonFormat::new()
///     .fields([JsonField::Time, JsonField::Level, JsonField::Message, JsonField::Extra])
///     .rename(JsonField::Message, "msg")
///     .time_offset(false)
///     .flatten_extra(true)
///     .field(JsonField::Template);
/// logger.add(capture.clone()).format(schema).install().unwrap();
/// hlog::info!(logger, "User {user} logged in", user = "alice");
/// assert_eq!(
///     capture.text(),
///     "{\"time\":\"2026-03-26T14:30:00.123456\",\"level\":\"INFO\",\"msg\":\"User alice logged in\",\
///      \"user\":\"alice\",\"template\":\"User {user} logged in\"}\n"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonFormat {
    members: Vec<(JsonField, String)>,
    ensure_ascii: bool,
    time_offset: bool,
    flatten_extra: bool,
}

impl Default for JsonFormat {
    fn default() -> Self {
        JsonFormat::new()
    }
}

impl JsonFormat {
    /// The default schema: [`JsonField::DEFAULT`] under their default keys, the time with its
    /// offset, `extra` as an object, non-ASCII text as it is.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::JsonFormat;
    ///
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new();
    /// let schema = JsonFormat::new();
    /// logger.add(capture.clone()).format(schema).install().unwrap();
    /// hlog::info!(logger, "hello", n = 1);
    /// let line: serde_json::Value = serde_json::from_str(&capture.text()).unwrap();
    /// assert_eq!(line["message"], "hello");
    /// assert_eq!(line["extra"]["n"], 1);
    /// assert!(capture.text().starts_with("{\"time\":\""));
    /// assert!(capture.text().contains("\"level\":\"INFO\",\"level_no\":20,\"message\":\"hello\","));
    /// ```
    pub fn new() -> Self {
        JsonFormat {
            members: JsonField::DEFAULT.iter().map(|f| (*f, f.default_key().to_owned())).collect(),
            ensure_ascii: false,
            time_offset: true,
            flatten_extra: false,
        }
    }

    /// Exactly these members, in this order, under their default keys (a field listed twice
    /// is written once, at its first place).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{JsonField, JsonFormat};
    ///
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new();
    /// let schema = JsonFormat::new().fields([JsonField::Level, JsonField::Message]);
    /// logger.add(capture.clone()).format(schema).install().unwrap();
    /// hlog::info!(logger, "hello");
    /// assert_eq!(capture.text(), r#"{"level":"INFO","message":"hello"}"#.to_owned() + "\n");
    /// ```
    pub fn fields(mut self, fields: impl IntoIterator<Item = JsonField>) -> Self {
        self.members.clear();
        for field in fields {
            self = self.field(field);
        }
        self
    }

    /// Add a member at the end under its default key; a field already there stays where it is.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{JsonField, JsonFormat};
    ///
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new();
    /// let schema = JsonFormat::new().fields([JsonField::Message]).field(JsonField::LevelNo);
    /// logger.add(capture.clone()).format(schema).install().unwrap();
    /// hlog::warning!(logger, "careful");
    /// assert_eq!(capture.text(), r#"{"message":"careful","level_no":30}"#.to_owned() + "\n");
    /// ```
    pub fn field(mut self, field: JsonField) -> Self {
        if !self.members.iter().any(|(f, _)| *f == field) {
            self.members.push((field, field.default_key().to_owned()));
        }
        self
    }

    /// Leave a member out.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{JsonField, JsonFormat};
    ///
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new();
    /// let schema = JsonFormat::new().fields([JsonField::Level, JsonField::Message, JsonField::Extra]).without(JsonField::Extra);
    /// logger.add(capture.clone()).format(schema).install().unwrap();
    /// hlog::info!(logger, "hello", n = 1);
    /// assert_eq!(capture.text(), r#"{"level":"INFO","message":"hello"}"#.to_owned() + "\n");
    /// ```
    pub fn without(mut self, field: JsonField) -> Self {
        self.members.retain(|(f, _)| *f != field);
        self
    }

    /// Write `field` under `key` (added at the end if it was not there). Keys are escaped when
    /// the format is built; keep them distinct (JSON readers keep one of two equal keys).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{JsonField, JsonFormat};
    ///
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new();
    /// let schema = JsonFormat::new()
    ///     .fields([JsonField::Level, JsonField::Message])
    ///     .rename(JsonField::Level, "severity")
    ///     .rename(JsonField::Message, "msg");
    /// logger.add(capture.clone()).format(schema).install().unwrap();
    /// hlog::info!(logger, "hello");
    /// assert_eq!(capture.text(), r#"{"severity":"INFO","msg":"hello"}"#.to_owned() + "\n");
    /// ```
    pub fn rename(mut self, field: JsonField, key: impl Into<String>) -> Self {
        let key = key.into();
        match self.members.iter_mut().find(|(f, _)| *f == field) {
            Some(member) => member.1 = key,
            None => self.members.push((field, key)),
        }
        self
    }

    /// Escape every non-ASCII character as `\uXXXX` (default: off, UTF-8 as it is).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{JsonField, JsonFormat};
    ///
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new();
    /// let schema = JsonFormat::new().fields([JsonField::Message]).ensure_ascii(true);
    /// logger.add(capture.clone()).format(schema).install().unwrap();
    /// hlog::info!(logger, "Café ☕");
    /// assert_eq!(capture.text(), r#"{"message":"Caf\u00e9 \u2615"}"#.to_owned() + "\n");
    /// ```
    pub fn ensure_ascii(mut self, on: bool) -> Self {
        self.ensure_ascii = on;
        self
    }

    /// Write `time`'s offset (default: on, `2026-03-26T14:30:00.123456+01:00`); off, the
    /// seed's form, `2026-03-26T14:30:00.123456`, the wall time in the logger's zone.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{JsonField, JsonFormat};
    /// use hlog::time::{Timestamp, Zone};
    ///
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new()
    ///     .with_clock(|| Timestamp::from_unix(1_774_535_400, 123_456_000))
    ///     .with_zone(Zone::fixed(3600));
    /// let schema = JsonFormat::new().fields([JsonField::Time]).time_offset(false);
    /// logger.add(capture.clone()).format(schema).install().unwrap();
    /// hlog::info!(logger, "hello");
    /// assert_eq!(capture.text(), "{\"time\":\"2026-03-26T15:30:00.123456\"}\n");
    /// ```
    pub fn time_offset(mut self, on: bool) -> Self {
        self.time_offset = on;
        self
    }

    /// Write the record's fields as members of the line itself, where `extra` stands in the
    /// schema, instead of in an `extra` object (default: off). A field named like a member of
    /// the schema (`message`, or a renamed key) never replaces or repeats it: it is written as
    /// `extra.<name>`.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{JsonField, JsonFormat};
    ///
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new();
    /// let schema = JsonFormat::new()
    ///     .fields([JsonField::Level, JsonField::Message, JsonField::Extra])
    ///     .flatten_extra(true);
    /// logger.add(capture.clone()).format(schema).install().unwrap();
    /// hlog::info!(logger, "{level} {id}", level = "high", id = 7);
    /// assert_eq!(
    ///     capture.text(),
    ///     "{\"level\":\"INFO\",\"message\":\"high 7\",\"extra.level\":\"high\",\"id\":7}\n"
    /// );
    /// ```
    pub fn flatten_extra(mut self, on: bool) -> Self {
        self.flatten_extra = on;
        self
    }

    /// The members, in order, with their keys.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{JsonField, JsonFormat};
    ///
    /// let schema = JsonFormat::new().without(JsonField::Exception).rename(JsonField::Time, "ts");
    /// let keys: Vec<&str> = schema.members().map(|(_, key)| key).collect();
    /// assert_eq!(keys[..3], ["ts", "level", "level_no"]);
    /// assert_eq!(keys.last(), Some(&"extra"));
    /// ```
    pub fn members(&self) -> impl Iterator<Item = (JsonField, &str)> {
        self.members.iter().map(|(field, key)| (*field, key.as_str()))
    }

    /// The schema, built: keys escaped, the time pattern planned.
    pub(super) fn build(&self) -> JsonLines {
        // With the offset, the pattern is one per-second text, the offset included, which
        // `render` cuts to put the microseconds in: one cached copy. (A pattern with the
        // fraction before the offset would render the offset from the calendar every record.)
        let time =
            if self.time_offset { "YYYY-MM-DDTHH:mm:ssZ" } else { "YYYY-MM-DDTHH:mm:ss.SSSSSS" };
        let time = hlog_template::parse_time(time).expect("a valid time pattern");
        let members = self
            .members
            .iter()
            .map(|(field, key)| {
                let mut prefix = vec![b','];
                write_str(&mut prefix, key, self.ensure_ascii);
                prefix.push(b':');
                Member { field: *field, prefix: prefix.into() }
            })
            .collect();
        let description = self.members.iter().map(|(_, key)| key.as_str()).collect::<Vec<_>>();
        JsonLines {
            members,
            // (A flattened `extra` writes no member of its own: its key is free.)
            keys: self
                .members
                .iter()
                .filter(|(field, _)| !(self.flatten_extra && *field == JsonField::Extra))
                .map(|(_, key)| key.as_str().into())
                .collect(),
            ensure_ascii: self.ensure_ascii,
            flatten_extra: self.flatten_extra,
            time: TimePiece::planned(time),
            time_offset: self.time_offset,
            source: format!("json: {}", description.join(", ")).into(),
            schema: self.clone(),
        }
    }
}

/// A member of a built schema: its field and the bytes before its value, `,"key":`.
struct Member {
    field: JsonField,
    prefix: Box<[u8]>,
}

/// A [`JsonFormat`], built: what a [`Format`](super::Format) of JSON lines holds.
pub(super) struct JsonLines {
    members: Box<[Member]>,
    /// The members' keys, unescaped: a flattened field with one of these names is renamed.
    keys: Box<[Box<str>]>,
    ensure_ascii: bool,
    flatten_extra: bool,
    time: TimePiece,
    time_offset: bool,
    pub(super) source: Box<str>,
    pub(super) schema: JsonFormat,
}

impl JsonLines {
    /// Render `record` as one JSON object and a `\n`.
    pub(super) fn render(&self, buf: &mut Vec<u8>, record: &Record<'_>, zone: &Zone) {
        let start = buf.len();
        for member in &*self.members {
            match member.field {
                JsonField::Exception if record.error().is_none() => continue,
                JsonField::Extra if self.flatten_extra => {
                    self.flat_fields(buf, record);
                    continue;
                }
                _ => {}
            }
            crate::out::append(buf, &member.prefix);
            self.value(buf, member.field, record, zone);
        }
        // Each member began with a comma; the first one's becomes the opening brace.
        match buf.get_mut(start) {
            Some(first) => *first = b'{',
            None => buf.push(b'{'),
        }
        buf.extend_from_slice(b"}\n");
    }

    #[inline]
    fn value(&self, buf: &mut Vec<u8>, field: JsonField, record: &Record<'_>, zone: &Zone) {
        let ascii = self.ensure_ascii;
        let int = |buf: &mut Vec<u8>, n: u64| {
            crate::out::append(buf, itoa::Buffer::new().format(n).as_bytes());
        };
        match field {
            JsonField::Time => {
                buf.push(b'"');
                self.time.render(buf, record, zone);
                if self.time_offset {
                    micros_before_offset(buf, record.time().nanos());
                }
                buf.push(b'"');
            }
            JsonField::Level => write_str(buf, record.level().name(), ascii),
            JsonField::LevelNo => int(buf, u64::from(record.level().no())),
            JsonField::Message => quoted(buf, ascii, |buf| message(buf, record, None, false)),
            JsonField::Module => write_str(buf, record.module_path(), ascii),
            JsonField::Function => write_str(buf, record.function(), ascii),
            JsonField::Line => match record.location {
                // A `#[track_caller]` wrapper's caller (`info!(caller, ...)`).
                Some(location) => int(buf, u64::from(location.line())),
                None => {
                    let (digits, len) = record.callsite.line_text();
                    crate::out::append(buf, &digits[..len]);
                }
            },
            JsonField::File => write_str(buf, record.file(), ascii),
            JsonField::Thread => {
                quoted(buf, ascii, |buf| crate::thread::write_name(buf, record.thread))
            }
            JsonField::ThreadId => int(buf, crate::thread::id(record.thread)),
            JsonField::Process => int(buf, u64::from(crate::thread::process_id())),
            JsonField::Elapsed => {
                let elapsed = time::since_start(record.time());
                int(buf, elapsed.as_secs());
                buf.extend_from_slice(&micros(elapsed.subsec_micros()));
            }
            JsonField::Extra => {
                buf.push(b'{');
                write_members(buf, record.extra(), (b",", b":"), ascii);
                buf.push(b'}');
            }
            JsonField::Exception => {
                quoted(buf, ascii, |buf| write_exception(buf, record, false));
            }
            JsonField::Template => write_str(buf, record.callsite.template(), ascii),
        }
    }

    /// The record's fields as members of the line, `,"user":"alice"`.
    fn flat_fields(&self, buf: &mut Vec<u8>, record: &Record<'_>) {
        for (name, value) in record.extra() {
            buf.push(b',');
            if self.keys.iter().any(|key| key.len() == name.len() && **key == *name) {
                buf.push(b'"');
                crate::out::append(buf, b"extra.");
                super::json::write_escaped(buf, name, self.ensure_ascii);
                buf.push(b'"');
            } else {
                write_str(buf, name, self.ensure_ascii);
            }
            buf.push(b':');
            write_value(buf, &value, self.ensure_ascii);
        }
    }
}

/// `.` and six digits: the microseconds of `micros` (below a million).
#[inline]
fn micros(mut micros: u32) -> [u8; 7] {
    let mut digits = *b".000000";
    for digit in digits[1..].iter_mut().rev() {
        *digit = b'0' + (micros % 10) as u8;
        micros /= 10;
    }
    digits
}

/// The time's text ends in its offset (`+01:00`, `-05:00`, `+00:09:21`): put `.` and the
/// microseconds of `nanos` before it.
#[inline]
fn micros_before_offset(buf: &mut Vec<u8>, nanos: u32) {
    let Some(sign) = buf.iter().rposition(|&b| b == b'+' || b == b'-') else { return };
    let end = buf.len();
    buf.extend_from_slice(&[0; 7]);
    buf.copy_within(sign..end, sign + 7);
    buf[sign..sign + 7].copy_from_slice(&micros(nanos / 1000));
}

/// A string written raw by `write`, then escaped, between quotes.
#[inline]
fn quoted(buf: &mut Vec<u8>, ensure_ascii: bool, write: impl FnOnce(&mut Vec<u8>)) {
    buf.push(b'"');
    let start = buf.len();
    write(buf);
    escape_from(buf, start, ensure_ascii);
    buf.push(b'"');
}

impl fmt::Debug for JsonLines {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("JsonLines").field(&self.schema).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_escaped_when_the_schema_is_built() {
        let built = JsonFormat::new()
            .fields([JsonField::Level])
            .rename(JsonField::Level, "lé\"vel")
            .ensure_ascii(true)
            .build();
        assert_eq!(&*built.members[0].prefix, b",\"l\\u00e9\\\"vel\":");
    }
}
