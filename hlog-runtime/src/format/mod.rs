//! Formats: how a handler turns a record into a line. Parsed and lowered by `hlog-template`,
//! once: at compile time by `hlog::fmt!`, which writes the lowered steps out as straight-line
//! code and as constant data, or at run time by [`Format::parse`], which renders the same steps
//! with a loop.
//!
//! - `mod.rs`: the [`Format`] type and how one is made.
//! - `render.rs`: the run-time loop and the field writers both kinds of format share.
//! - `compiled.rs`: what the generated code calls.
//! - `pad.rs`: width, precision and alignment.
//! - `json.rs`: JSON strings and values (`{extra}` and JSON lines); `json_lines.rs`: the JSON
//!   lines format, a kind of [`Format`] built from a [`JsonFormat`] schema.

#[doc(hidden)]
pub mod compiled;
mod json;
mod json_lines;
mod pad;
mod render;

use std::fmt;
use std::sync::Arc;

use hlog_template::Lowered;

use crate::error::FormatError;
use crate::record::Record;
use crate::time::Zone;
use compiled::Compiled;
use json_lines::JsonLines;
pub use json_lines::{JsonField, JsonFormat};
use render::Pieces;

/// loguru's default format.
pub const DEFAULT_FORMAT: &str = "<green>{time:YYYY-MM-DD HH:mm:ss.SSS}</green> | \
    <level>{level: <8}</level> | <cyan>{name}</cyan>:<cyan>{function}</cyan>:<cyan>{line}</cyan> \
    - <level>{message}</level>";

/// A handler's format: record → one line of text (plus the attached error, if any), or one
/// JSON object.
///
/// Build one with `hlog::fmt!("...")` (checked and compiled at build time) or
/// [`Format::parse`]. Both parse and lower the text with the same code, so the same text renders
/// the same bytes. A JSON lines format comes from a [`JsonFormat`] schema ([`Format::json`] is
/// the default one). Cheap to clone.
///
/// # Examples
///
/// ```
/// let format = hlog::Format::parse("{level} - {message}").unwrap();
/// assert_eq!(format.source(), "{level} - {message}");
/// let error = hlog::Format::parse("{level} - {mesage}").unwrap_err();
/// assert!(error.to_string().contains("unknown field `{mesage}`"));
/// ```
#[derive(Clone)]
pub struct Format(Repr);

#[derive(Clone)]
enum Repr {
    /// Made by `hlog::fmt!` at compile time: a `static`.
    Compiled(&'static Compiled),
    /// Parsed at run time.
    Parsed(Arc<Parsed>),
    /// JSON lines: a schema, built.
    Json(Arc<JsonLines>),
}

struct Parsed {
    source: Box<str>,
    lowered: Lowered,
    pieces: Pieces,
}

impl Format {
    /// Parse a format string (loguru's syntax: record fields in braces, colour markup).
    ///
    /// Parsing is linear in the text's length: a format longer than 64 KiB
    /// ([`hlog_template::MAX_LEN`]) or with more than 64 tags open at once
    /// ([`hlog_template::MAX_DEPTH`]) is refused with one error saying so.
    ///
    /// # Examples
    ///
    /// ```
    /// // A format from a configuration or an environment variable, checked at run time.
    /// let format = hlog::Format::parse("{time:HH:mm:ss} <level>{level}</level> {message}").unwrap();
    /// let logger = hlog::Logger::new();
    /// logger.add(hlog::sink::Capture::new()).format(format).install().unwrap();
    /// let error = hlog::Format::parse("{level} <rde>{message}</rde>").unwrap_err();
    /// assert!(error.to_string().contains("<rde>"), "{error}");
    /// ```
    pub fn parse(source: &str) -> Result<Format, FormatError> {
        let parsed = hlog_template::parse_format(source)
            .map_err(|errors| FormatError::new(source, errors))?;
        let lowered = hlog_template::lower_format(&parsed);
        let pieces = Pieces::new(&lowered);
        Ok(Format(Repr::Parsed(Arc::new(Parsed { source: source.into(), lowered, pieces }))))
    }

    /// A format that `hlog::fmt!` checked, lowered and compiled at build time. `const`: it
    /// takes the macro's data as it is, with nothing to parse.
    #[doc(hidden)]
    pub const fn compiled(compiled: &'static Compiled) -> Format {
        Format(Repr::Compiled(compiled))
    }

    /// loguru's default format:
    /// `<green>{time:YYYY-MM-DD HH:mm:ss.SSS}</green> | <level>{level: <8}</level> | <cyan>{name}</cyan>:<cyan>{function}</cyan>:<cyan>{line}</cyan> - <level>{message}</level>`
    ///
    /// # Examples
    ///
    /// ```
    /// let format = hlog::Format::default_format();
    /// assert_eq!(format.source(), hlog::DEFAULT_FORMAT);
    /// ```
    pub fn default_format() -> Format {
        // The same text as DEFAULT_FORMAT (a test checks), compiled.
        hlog_macros::__format!(
            crate,
            "<green>{time:YYYY-MM-DD HH:mm:ss.SSS}</green> | <level>{level: <8}</level> | <cyan>{name}</cyan>:<cyan>{function}</cyan>:<cyan>{line}</cyan> - <level>{message}</level>"
        )
    }

    /// JSON lines with the default schema ([`JsonFormat::new`]): what
    /// [`HandlerBuilder::serialize`](crate::HandlerBuilder::serialize) sets.
    ///
    /// # Examples
    ///
    /// ```
    /// let format = hlog::Format::json();
    /// assert!(format.json_schema().is_some());
    /// assert!(hlog::Format::default_format().json_schema().is_none());
    /// ```
    pub fn json() -> Format {
        Format::from(JsonFormat::new())
    }

    /// The schema of a JSON lines format; `None` for a text format.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{Format, JsonField, JsonFormat};
    ///
    /// let format = Format::from(JsonFormat::new().without(JsonField::Process));
    /// let schema = format.json_schema().unwrap();
    /// assert!(schema.members().all(|(field, _)| field != JsonField::Process));
    /// assert!(Format::parse("{message}").unwrap().json_schema().is_none());
    /// ```
    pub fn json_schema(&self) -> Option<&JsonFormat> {
        match &self.0 {
            Repr::Json(json) => Some(&json.schema),
            _ => None,
        }
    }

    /// The text this format was parsed from; for JSON lines, `json: ` and the keys.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(hlog::fmt!("{level} {message}").source(), "{level} {message}");
    /// assert_eq!(hlog::Format::parse("{message}").unwrap().source(), "{message}");
    /// ```
    pub fn source(&self) -> &str {
        match &self.0 {
            Repr::Compiled(compiled) => compiled.source,
            Repr::Parsed(parsed) => &parsed.source,
            Repr::Json(json) => &json.source,
        }
    }

    /// The steps the format renders, as `hlog-template` lowered them (for tests and tools; not
    /// a stable API). None for JSON lines.
    #[doc(hidden)]
    pub fn lowered(&self) -> &Lowered {
        static NONE: Lowered = Lowered {
            plain: std::borrow::Cow::Borrowed(&[]),
            colored: std::borrow::Cow::Borrowed(&[]),
            shows_exception: true,
        };
        match &self.0 {
            Repr::Compiled(compiled) => &compiled.lowered,
            Repr::Parsed(parsed) => &parsed.lowered,
            Repr::Json(_) => &NONE,
        }
    }

    /// Render `record` as one line (ending in `\n`, followed by the attached error if the
    /// format does not show `{exception}` itself) onto `buf`.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    ///
    /// let format = hlog::Format::parse("<red>{level}</red> {message}").unwrap();
    /// let lines = Arc::new(Mutex::new(Vec::new()));
    /// let store = lines.clone();
    /// let logger = hlog::Logger::new();
    /// let sink = hlog::sink::from_fn(move |_line, record| {
    ///     let mut buf = Vec::new();
    ///     format.render(&mut buf, record, true); // coloured, times in the local zone
    ///     store.lock().unwrap().push(buf);
    /// });
    /// logger.add(sink).install().unwrap();
    /// hlog::error!(logger, "failed");
    /// assert_eq!(*lines.lock().unwrap(), [b"\x1b[31mERROR\x1b[0m failed\n".to_vec()]);
    /// ```
    pub fn render(&self, buf: &mut Vec<u8>, record: &Record<'_>, colorize: bool) {
        self.render_in(buf, record, colorize, Zone::local());
    }

    /// [`Format::render`] with an explicit time zone (tests use fixed zones).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    /// use hlog::Format;
    /// use hlog::time::{Timestamp, Zone};
    ///
    /// // A sink that renders each record a second way, for a second destination.
    /// let short = Format::parse("{time:HH:mm} {level.icon} {message}").unwrap();
    /// let lines = Arc::new(Mutex::new(Vec::new()));
    /// let store = lines.clone();
    /// let logger = hlog::Logger::new().with_clock(|| Timestamp::from_unix(1_774_535_400, 0));
    /// let sink = hlog::sink::from_fn(move |_line, record| {
    ///     let mut buf = Vec::new();
    ///     short.render_in(&mut buf, record, false, &Zone::utc());
    ///     store.lock().unwrap().push(String::from_utf8(buf).unwrap());
    /// });
    /// logger.add(sink).install().unwrap();
    /// hlog::warning!(logger, "disk at {pct}%", pct = 91);
    /// assert_eq!(*lines.lock().unwrap(), ["14:30 ⚠️ disk at 91%\n"]);
    /// ```
    #[inline]
    pub fn render_in(&self, buf: &mut Vec<u8>, record: &Record<'_>, colorize: bool, zone: &Zone) {
        self.render_with(buf, record, colorize, true, zone);
    }

    /// [`Format::render_in`], the values' text escaped or (`escape` false) raw: what a
    /// handler does. JSON lines are never coloured and always JSON-escaped.
    #[inline]
    pub(crate) fn render_with(
        &self,
        buf: &mut Vec<u8>,
        record: &Record<'_>,
        colorize: bool,
        escape: bool,
        zone: &Zone,
    ) {
        match &self.0 {
            // A JSON line stays one JSON object, raw write or not.
            Repr::Json(json) => json.render(buf, record, zone),
            _ if record.raw => render::raw(buf, record, colorize, escape),
            Repr::Compiled(compiled) => (compiled.render)(buf, record, colorize, escape, zone),
            Repr::Parsed(parsed) => parsed.pieces.render(buf, record, colorize, escape, zone),
        }
    }
}

impl From<JsonFormat> for Format {
    /// The schema, built: keys escaped once, here.
    fn from(schema: JsonFormat) -> Format {
        Format(Repr::Json(Arc::new(schema.build())))
    }
}

impl Default for Format {
    fn default() -> Self {
        Format::default_format()
    }
}

impl fmt::Debug for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Format").field(&self.source()).finish()
    }
}

impl std::str::FromStr for Format {
    type Err = FormatError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_default_is_the_documented_text() {
        assert_eq!(Format::default_format().source(), DEFAULT_FORMAT);
        assert!(matches!(Format::default_format().0, Repr::Compiled(_)));
    }
}
