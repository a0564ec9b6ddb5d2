//! Formats: how a handler turns a record into a line. Parsed by `hlog-template`, either at
//! compile time (`hlog::format!`, which checks the text and builds it from the same parse) or at
//! run time ([`Format::parse`]); both render through the one function below.

use std::fmt::{self, Write as _};
use std::sync::Arc;

use hlog_template::{Align, Ansi, Field, FormatPiece, FormatSpec};

use crate::record::{Record, Value};
use crate::time::{self, Timestamp, Zone};
use crate::write::{Colors, Out};

/// loguru's default format.
pub const DEFAULT_FORMAT: &str = "<green>{time:YYYY-MM-DD HH:mm:ss.SSS}</green> | \
    <level>{level: <8}</level> | <cyan>{name}</cyan>:<cyan>{function}</cyan>:<cyan>{line}</cyan> \
    - <level>{message}</level>";

/// A handler's format: record → one line of text (plus the attached error, if any).
///
/// Build one with `hlog::format!("...")` (checked at compile time) or [`Format::parse`]. Both
/// parse with the same parser, so the same text renders the same bytes. Cheap to clone.
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
pub struct Format {
    inner: Arc<Inner>,
}

struct Inner {
    source: Box<str>,
    pieces: Vec<FormatPiece>,
    shows_exception: bool,
}

impl Format {
    /// Parse a format string (loguru's syntax: record fields in braces, colour markup).
    pub fn parse(source: &str) -> Result<Format, FormatError> {
        let parsed = hlog_template::parse_format(source)
            .map_err(|errors| FormatError { source: source.to_owned(), errors })?;
        let shows_exception = parsed
            .pieces
            .iter()
            .any(|p| matches!(p, FormatPiece::Field { field: Field::Exception, .. }));
        Ok(Format {
            inner: Arc::new(Inner {
                source: source.into(),
                pieces: parsed.pieces,
                shows_exception,
            }),
        })
    }

    /// loguru's default format:
    /// `<green>{time:YYYY-MM-DD HH:mm:ss.SSS}</green> | <level>{level: <8}</level> | <cyan>{name}</cyan>:<cyan>{function}</cyan>:<cyan>{line}</cyan> - <level>{message}</level>`
    pub fn default_format() -> Format {
        static DEFAULT: std::sync::LazyLock<Format> =
            std::sync::LazyLock::new(|| Format::from_checked(DEFAULT_FORMAT));
        DEFAULT.clone()
    }

    /// A format whose text `hlog::format!` already checked at compile time.
    #[doc(hidden)]
    pub fn from_checked(source: &'static str) -> Format {
        // The macro ran this very parser on this very text and it succeeded, so this cannot
        // fail; if it ever did, a working format beats a panic inside a logging call.
        Format::parse(source).unwrap_or_else(|error| {
            crate::report::report_once(format_args!("{error}"));
            Format::parse("{message}").expect("the plain format parses")
        })
    }

    /// The text this format was parsed from.
    pub fn source(&self) -> &str {
        &self.inner.source
    }

    /// Render `record` as one line (ending in `\n`, followed by the attached error if the
    /// format does not show `{exception}` itself) onto `buf`.
    pub fn render(&self, buf: &mut Vec<u8>, record: &Record<'_>, colorize: bool) {
        self.render_in(buf, record, colorize, Zone::local());
    }

    /// [`Format::render`] with an explicit time zone (tests use fixed zones).
    pub fn render_in(&self, buf: &mut Vec<u8>, record: &Record<'_>, colorize: bool, zone: &Zone) {
        let level_ansi = record.level().ansi();
        for piece in &self.inner.pieces {
            match piece {
                FormatPiece::Literal(text) => buf.extend_from_slice(text.as_bytes()),
                FormatPiece::Style(styles) => {
                    if colorize {
                        write_styles(buf, styles, level_ansi);
                    }
                }
                FormatPiece::Field { field, spec, active_style } => {
                    let start = buf.len();
                    let colors =
                        colorize.then_some(Colors { level: level_ansi, outer: active_style });
                    let numeric = write_field(buf, field, record, colors, zone);
                    if !spec.is_plain() {
                        pad(buf, start, spec, numeric);
                    }
                }
            }
        }
        buf.push(b'\n');
        if !self.inner.shows_exception && record.error().is_some() {
            write_exception(buf, record);
            buf.push(b'\n');
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

/// A format string that does not parse: the text and every problem found in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    source: String,
    errors: Vec<hlog_template::Error>,
}

impl FormatError {
    /// Each problem, with its byte range in the format text.
    pub fn errors(&self) -> &[hlog_template::Error] {
        &self.errors
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid format {:?}: ", self.source)?;
        for (i, error) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{error} at bytes {}..{}", error.range.start, error.range.end)?;
        }
        Ok(())
    }
}

impl std::error::Error for FormatError {}

fn write_styles(buf: &mut Vec<u8>, styles: &[Ansi], level_ansi: &str) {
    for style in styles {
        match style {
            Ansi::Bytes(sgr) => buf.extend_from_slice(sgr.as_bytes()),
            Ansi::Level => buf.extend_from_slice(level_ansi.as_bytes()),
        }
    }
}

/// Write one field; returns true for numbers (right-aligned by default, like `format!`).
fn write_field(
    buf: &mut Vec<u8>,
    field: &Field,
    record: &Record<'_>,
    colors: Option<Colors<'_>>,
    zone: &Zone,
) -> bool {
    let text = |buf: &mut Vec<u8>, s: &str| buf.extend_from_slice(s.as_bytes());
    let number = |buf: &mut Vec<u8>, n: u64| {
        buf.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
        true
    };
    match field {
        Field::Time(pattern) => time::render(
            buf,
            pattern.as_ref().unwrap_or_else(|| time::default_time_format()),
            record.time(),
            zone,
        ),
        Field::Level => text(buf, record.level().name()),
        Field::LevelNo => return number(buf, u64::from(record.level().no())),
        Field::LevelIcon => text(buf, record.level().icon()),
        Field::Message => record.message().write(&mut Out::new(buf, colors)),
        Field::Module => text(buf, record.module_path().rsplit("::").next().unwrap_or_default()),
        Field::Function => text(buf, record.function()),
        Field::Line => return number(buf, u64::from(record.line())),
        Field::File => text(buf, record.file()),
        Field::FileName => text(buf, record.file().rsplit(['/', '\\']).next().unwrap_or_default()),
        Field::Name => text(buf, record.module_path()),
        Field::Thread => crate::thread::write_name(buf),
        Field::ThreadId => return number(buf, crate::thread::id()),
        Field::Process => text(buf, crate::thread::process_name()),
        Field::ProcessId => return number(buf, u64::from(std::process::id())),
        Field::Elapsed => time::render_elapsed(buf, elapsed(record.time())),
        Field::Extra => write_extra(buf, record.fields()),
        Field::ExtraKey(key) => {
            if let Some(value) = record.field(key) {
                value.write(&mut Out::plain(buf));
                return value.is_scalar();
            }
        }
        Field::Exception => write_exception(buf, record),
    }
    false
}

/// Time since the program's logger started (loguru's `{elapsed}`).
fn elapsed(now: Timestamp) -> std::time::Duration {
    let start = crate::logger::start_time();
    let nanos = (i128::from(now.secs()) - i128::from(start.secs())) * 1_000_000_000
        + i128::from(now.nanos())
        - i128::from(start.nanos());
    let nanos = u64::try_from(nanos.max(0)).unwrap_or(u64::MAX);
    std::time::Duration::from_nanos(nanos)
}

/// `{extra}`: the structured fields as a JSON-style object, `{"user": "alice", "id": 42}`.
fn write_extra(buf: &mut Vec<u8>, fields: &[(&'static str, Value<'_>)]) {
    buf.push(b'{');
    for (i, (name, value)) in fields.iter().enumerate() {
        if i > 0 {
            buf.extend_from_slice(b", ");
        }
        let _ = write!(JsonEscaped::quoted(buf), "{name}");
        buf.extend_from_slice(b": ");
        if value.is_scalar() {
            value.write(&mut Out::plain(buf));
        } else {
            let _ = write!(JsonEscaped::quoted(buf), "{value}");
        }
    }
    buf.push(b'}');
}

/// The attached error and its `source()` chain, one cause a line.
fn write_exception(buf: &mut Vec<u8>, record: &Record<'_>) {
    let Some(error) = record.error() else { return };
    let mut out = Out::plain(buf);
    let _ = write!(out, "Error: {error}");
    let mut source = error.source();
    while let Some(cause) = source {
        let _ = write!(out, "\nCaused by: {cause}");
        source = cause.source();
    }
}

/// Writes a JSON string: the opening quote now, the closing one on drop, escaping in between.
pub(crate) struct JsonEscaped<'a>(&'a mut Vec<u8>);

impl<'a> JsonEscaped<'a> {
    pub(crate) fn quoted(buf: &'a mut Vec<u8>) -> Self {
        buf.push(b'"');
        JsonEscaped(buf)
    }
}

impl Drop for JsonEscaped<'_> {
    fn drop(&mut self) {
        self.0.push(b'"');
    }
}

impl fmt::Write for JsonEscaped<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for c in s.chars() {
            match c {
                '"' => self.0.extend_from_slice(b"\\\""),
                '\\' => self.0.extend_from_slice(b"\\\\"),
                '\n' => self.0.extend_from_slice(b"\\n"),
                '\r' => self.0.extend_from_slice(b"\\r"),
                '\t' => self.0.extend_from_slice(b"\\t"),
                c if (c as u32) < 0x20 => {
                    let _ = write!(Out::plain(self.0), "\\u{:04x}", c as u32);
                }
                c => self.0.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
            }
        }
        Ok(())
    }
}

/// Apply width, precision and alignment to the bytes written since `start`, in place. Colour
/// escapes (`\x1b[...m`) take no width and are never cut.
pub(crate) fn pad(buf: &mut Vec<u8>, start: usize, spec: &FormatSpec, numeric: bool) {
    if let (Some(precision), false) = (spec.precision, numeric) {
        truncate_visible(buf, start, precision);
    }
    let Some(width) = spec.width else { return };
    let len = visible_chars(&buf[start..]);
    if len >= width {
        return;
    }
    let missing = width - len;
    let zero = spec.zero && numeric && spec.align.is_none();
    let fill = if zero { '0' } else { spec.fill.unwrap_or(' ') };
    let align = spec.align.unwrap_or(if numeric { Align::Right } else { Align::Left });
    let (before, after) = match align {
        Align::Left => (0, missing),
        Align::Right => (missing, 0),
        Align::Center => (missing / 2, missing - missing / 2),
    };
    let mut encoded = [0; 4];
    let fill = fill.encode_utf8(&mut encoded).as_bytes();
    for _ in 0..before {
        buf.extend_from_slice(fill);
    }
    if before > 0 {
        // Move the padding in front of the value: [value][pad] → [pad][value].
        let sign = usize::from(zero && matches!(buf.get(start), Some(b'-' | b'+')));
        buf[start + sign..].rotate_right(before * fill.len());
    }
    for _ in 0..after {
        buf.extend_from_slice(fill);
    }
}

/// The length of an ANSI escape sequence at the start of `bytes` (0 if there is none).
fn escape_len(bytes: &[u8]) -> usize {
    if bytes.len() < 2 || bytes[0] != 0x1b || bytes[1] != b'[' {
        return 0;
    }
    match bytes[2..].iter().position(|b| (0x40..=0x7e).contains(b)) {
        Some(end) => end + 3,
        None => bytes.len(),
    }
}

/// Characters that take room on screen: UTF-8 lead bytes outside escape sequences.
fn visible_chars(bytes: &[u8]) -> usize {
    let (mut i, mut count) = (0, 0);
    while i < bytes.len() {
        match escape_len(&bytes[i..]) {
            0 => {
                count += usize::from(bytes[i] & 0xC0 != 0x80);
                i += 1;
            }
            n => i += n,
        }
    }
    count
}

/// Keep the first `keep` visible characters after `start`, and every escape sequence.
fn truncate_visible(buf: &mut Vec<u8>, start: usize, keep: usize) {
    let (mut read, mut write, mut seen) = (start, start, 0);
    while read < buf.len() {
        let escape = escape_len(&buf[read..]);
        let len = if escape > 0 {
            escape
        } else {
            let width = utf8_len(buf[read]);
            seen += 1;
            if seen > keep {
                read += width;
                continue;
            }
            width
        };
        let end = (read + len).min(buf.len());
        buf.copy_within(read..end, write);
        write += end - read;
        read = end;
    }
    buf.truncate(write);
}

fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}
