//! Formats: how a handler turns a record into a line. Parsed and lowered by `hlog-template`,
//! once: at compile time by `hlog::fmt!`, which writes the lowered steps out as straight-line
//! code and as constant data, or at run time by [`Format::parse`], which renders the same steps
//! with a loop.
//!
//! - `mod.rs`: the [`Format`] type and how one is made.
//! - `render.rs`: the run-time loop and the field writers both kinds of format share.
//! - `compiled.rs`: what the generated code calls.
//! - `pad.rs`: width, precision and alignment; `json.rs`: JSON strings.

#[doc(hidden)]
pub mod compiled;
pub(crate) mod json;
mod pad;
mod render;

use std::fmt;
use std::sync::Arc;

use hlog_template::Lowered;

use crate::error::FormatError;
use crate::record::Record;
use crate::time::Zone;
use compiled::Compiled;
use render::Pieces;

/// loguru's default format.
pub const DEFAULT_FORMAT: &str = "<green>{time:YYYY-MM-DD HH:mm:ss.SSS}</green> | \
    <level>{level: <8}</level> | <cyan>{name}</cyan>:<cyan>{function}</cyan>:<cyan>{line}</cyan> \
    - <level>{message}</level>";

/// A handler's format: record → one line of text (plus the attached error, if any).
///
/// Build one with `hlog::fmt!("...")` (checked and compiled at build time) or
/// [`Format::parse`]. Both parse and lower the text with the same code, so the same text renders
/// the same bytes. Cheap to clone.
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
    pub fn default_format() -> Format {
        // The same text as DEFAULT_FORMAT (a test checks), compiled.
        hlog_macros::__format!(
            crate,
            "<green>{time:YYYY-MM-DD HH:mm:ss.SSS}</green> | <level>{level: <8}</level> | <cyan>{name}</cyan>:<cyan>{function}</cyan>:<cyan>{line}</cyan> - <level>{message}</level>"
        )
    }

    /// The text this format was parsed from.
    pub fn source(&self) -> &str {
        match &self.0 {
            Repr::Compiled(compiled) => compiled.source,
            Repr::Parsed(parsed) => &parsed.source,
        }
    }

    /// The steps the format renders, as `hlog-template` lowered them (for tests and tools; not
    /// a stable API).
    #[doc(hidden)]
    pub fn lowered(&self) -> &Lowered {
        match &self.0 {
            Repr::Compiled(compiled) => &compiled.lowered,
            Repr::Parsed(parsed) => &parsed.lowered,
        }
    }

    /// Render `record` as one line (ending in `\n`, followed by the attached error if the
    /// format does not show `{exception}` itself) onto `buf`.
    pub fn render(&self, buf: &mut Vec<u8>, record: &Record<'_>, colorize: bool) {
        self.render_in(buf, record, colorize, Zone::local());
    }

    /// [`Format::render`] with an explicit time zone (tests use fixed zones).
    #[inline]
    pub fn render_in(&self, buf: &mut Vec<u8>, record: &Record<'_>, colorize: bool, zone: &Zone) {
        self.render_with(buf, record, colorize, true, zone);
    }

    /// [`Format::render_in`], the values' text escaped or (`escape` false) raw: what a
    /// handler does.
    #[inline]
    pub(crate) fn render_with(
        &self,
        buf: &mut Vec<u8>,
        record: &Record<'_>,
        colorize: bool,
        escape: bool,
        zone: &Zone,
    ) {
        if record.raw {
            return render::raw(buf, record, colorize, escape);
        }
        match &self.0 {
            Repr::Compiled(compiled) => (compiled.render)(buf, record, colorize, escape, zone),
            Repr::Parsed(parsed) => parsed.pieces.render(buf, record, colorize, escape, zone),
        }
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
