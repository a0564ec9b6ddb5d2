//! The output buffer a message and a format are written into, with the cheapest path for each
//! kind of value: short texts by fixed-size moves, integers by itoa, floats by zmij
//! (`float.rs`), colour only where the sink is colourised, the text of values escaped
//! (`escape.rs`) unless the handler opted out.

mod escape;
mod float;

use std::fmt::{self, Display, Write as _};
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::value::Value;

/// A style a format re-applies around a message: fixed SGR bytes or the record's level colour
/// (the lowering's own type, so formats hand theirs over as they are).
pub use hlog_template::Style;

/// Colour context of an [`Out`]: the level's colour and the styles that surround the message
/// in the handler's format (re-applied after the message's own closing tags).
#[derive(Clone, Copy)]
pub(crate) struct Colors<'a> {
    pub(crate) level: &'a str,
    pub(crate) outer: &'a [Style],
}

/// The buffer a message is written into. Colour codes reach it only on colourised sinks.
///
/// Everything written through its public methods is the text of a *value*: control characters
/// in it are escaped (`\n`, `\x1b`, `\u{202e}`; the list is in the README, "Escaping"), so no
/// value can start a line or drive a terminal. The template's own text and colours are written
/// as they are.
///
/// # Examples
///
/// ```
/// let mut buf = Vec::new();
/// let mut out = hlog::Out::plain(&mut buf);
/// out.str("x\n\x1b[31mforged");
/// out.int(42);
/// assert_eq!(buf, b"x\\n\\x1b[31mforged42");
/// ```
pub struct Out<'a> {
    buf: &'a mut Vec<u8>,
    colors: Option<Colors<'a>>,
    escape: bool,
}

impl<'a> Out<'a> {
    /// An output without colour over `buf`, escaping values.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut buf = Vec::new();
    /// let mut out = hlog::Out::plain(&mut buf);
    /// out.str("no colour, values escaped:\t\r");
    /// assert!(!out.is_colored());
    /// assert_eq!(buf, b"no colour, values escaped:\t\\r");
    /// ```
    pub fn plain(buf: &'a mut Vec<u8>) -> Self {
        Out { buf, colors: None, escape: true }
    }

    /// An output with these colours (`None`: plain), escaping values unless `escape` is false.
    pub(crate) fn new(buf: &'a mut Vec<u8>, colors: Option<Colors<'a>>, escape: bool) -> Self {
        Out { buf, colors, escape }
    }

    /// The bytes written so far (the whole underlying buffer).
    ///
    /// # Examples
    ///
    /// ```
    /// let mut buf = Vec::new();
    /// let mut out = hlog::Out::plain(&mut buf);
    /// out.int(7);
    /// assert_eq!(out.as_bytes(), b"7");
    /// ```
    pub fn as_bytes(&self) -> &[u8] {
        self.buf
    }

    /// Write the text of a value: escaped, unless the handler writes values raw.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut buf = Vec::new();
    /// let mut out = hlog::Out::plain(&mut buf);
    /// out.str("user \u{202e}nimda");
    /// assert_eq!(buf, b"user \\u{202e}nimda"); // a bidi override, escaped
    /// ```
    #[inline(always)]
    pub fn str(&mut self, s: &str) {
        if self.escape {
            escape::append_escaped(self.buf, s.as_bytes());
        } else {
            append(self.buf, s.as_bytes());
        }
    }

    /// Write text that is not a value's (a template's own text, SGR bytes, digits) as it is.
    #[inline]
    pub(crate) fn verbatim(&mut self, s: &str) {
        append(self.buf, s.as_bytes());
    }

    /// Write an integer (itoa).
    ///
    /// # Examples
    ///
    /// ```
    /// let mut buf = Vec::new();
    /// let mut out = hlog::Out::plain(&mut buf);
    /// out.int(-42i64);
    /// out.int(u128::MAX);
    /// assert_eq!(buf, b"-42340282366920938463463374607431768211455");
    /// ```
    #[inline]
    pub fn int<I: itoa::Integer>(&mut self, value: I) {
        self.verbatim(itoa::Buffer::new().format(value));
    }

    /// Write a float exactly as `Display` would: zmij's shortest digits where they are
    /// `Display`'s, `Display` itself elsewhere.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut buf = Vec::new();
    /// let mut out = hlog::Out::plain(&mut buf);
    /// out.float(0.1 + 0.2);
    /// assert_eq!(buf, format!("{}", 0.1 + 0.2).as_bytes());
    /// ```
    #[inline]
    pub fn float(&mut self, value: f64) {
        self.shortest(value);
    }

    /// Write an `f32` exactly as `Display` would.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut buf = Vec::new();
    /// let mut out = hlog::Out::plain(&mut buf);
    /// out.float32(1.1);
    /// assert_eq!(buf, b"1.1");
    /// ```
    #[inline]
    pub fn float32(&mut self, value: f32) {
        self.shortest(value);
    }

    /// Write a value as the message shows it: no markup, ever, and its text escaped (numbers
    /// and booleans need no check).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::Value;
    ///
    /// let mut buf = Vec::new();
    /// let mut out = hlog::Out::plain(&mut buf);
    /// out.value(&Value::Bool(true));
    /// out.value(&Value::Str(" & <red>text</red>"));
    /// assert_eq!(buf, b"true & <red>text</red>"); // a value is never markup
    /// ```
    #[inline]
    pub fn value(&mut self, value: &Value<'_>) {
        let out = self;
        match *value {
            Value::Str(s) => out.str(s),
            Value::I64(v) => out.int(v),
            Value::U64(v) => out.int(v),
            Value::I128(v) => out.int(v),
            Value::U128(v) => out.int(v),
            Value::F64(v) => out.float(v),
            Value::F32(v) => out.float32(v),
            Value::Bool(v) => out.verbatim(if v { "true" } else { "false" }),
            Value::Char(c) => out.str(c.encode_utf8(&mut [0; 4])),
            Value::Display(d) => out.display(d),
            Value::Debug(d) => out.guarded("Debug", |out| write!(out, "{d:?}")),
        }
    }

    /// Write any `Display` value. If its `Display` panics, what it wrote is taken back and
    /// `<Display panicked>` written in its place; the rest of the record is written as usual.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut buf = Vec::new();
    /// let mut out = hlog::Out::plain(&mut buf);
    /// out.display(&std::net::Ipv4Addr::LOCALHOST);
    /// assert_eq!(buf, b"127.0.0.1");
    /// ```
    #[inline]
    pub fn display(&mut self, value: &dyn Display) {
        self.guarded("Display", |out| write!(out, "{value}"));
    }

    /// Run user code that writes a value; a panic in it leaves `<{trait} panicked>` (reported
    /// once on stderr) instead of unwinding through the record.
    fn guarded(&mut self, trait_name: &str, write: impl FnOnce(&mut Out<'_>) -> fmt::Result) {
        let (colors, escape) = (self.colors, self.escape);
        guard(self.buf, trait_name, |buf| {
            let _ = write(&mut Out { buf, colors, escape });
        });
    }

    /// Write formatted arguments, `out.fmt(format_args!(...))`, escaped as a value's text: for
    /// custom sinks and formats (the macros pass spec'd placeholders as values).
    ///
    /// # Examples
    ///
    /// ```
    /// let mut buf = Vec::new();
    /// let mut out = hlog::Out::plain(&mut buf);
    /// out.fmt(format_args!("{:>5}|{:.2}", "id", 1.0 / 3.0));
    /// assert_eq!(buf, b"   id|0.33");
    /// ```
    #[inline]
    pub fn fmt(&mut self, args: fmt::Arguments<'_>) {
        match args.as_str() {
            Some(s) => self.str(s),
            None => {
                let _ = self.write_fmt(args);
            }
        }
    }

    /// True when colour codes are written.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut buf = Vec::new();
    /// let mut out = hlog::Out::plain(&mut buf);
    /// assert!(!out.is_colored()); // `Out::plain` never writes colour
    /// ```
    pub fn is_colored(&self) -> bool {
        self.colors.is_some()
    }

    /// Emit SGR bytes when colourised.
    #[inline]
    pub(crate) fn style(&mut self, sgr: &str) {
        if self.colors.is_some() {
            self.verbatim(sgr);
        }
    }

    /// Emit the record's level colour when colourised.
    #[inline]
    pub(crate) fn level_style(&mut self) {
        if let Some(colors) = self.colors {
            self.verbatim(colors.level);
        }
    }

    /// A closing tag in a message: reset, then re-apply what surrounds the message in the
    /// format (the caller then re-applies the message's own tags still open).
    #[inline]
    pub(crate) fn reset(&mut self) {
        if let Some(colors) = self.colors {
            self.verbatim("\x1b[0m");
            self.styles(colors.outer, colors.level);
        }
    }

    pub(crate) fn styles(&mut self, styles: &[Style], level: &str) {
        for style in styles {
            match style {
                Style::Sgr(sgr) => self.verbatim(sgr),
                Style::Level => self.verbatim(level),
            }
        }
    }
}

/// Run user code (a value's `Display` or `Debug`) that writes onto `buf`: if it panics, what
/// it wrote becomes `<Display panicked>` (reported once), and the record goes on. The one guard
/// of values, for messages and `{extra}` alike.
#[inline]
pub(crate) fn guard(buf: &mut Vec<u8>, trait_name: &str, write: impl FnOnce(&mut Vec<u8>)) {
    let start = buf.len();
    if catch_unwind(AssertUnwindSafe(|| write(&mut *buf))).is_err() {
        panicked(buf, start, trait_name);
    }
}

/// What a panicking value leaves: its text from `start` on becomes `<{trait_name} panicked>`.
#[cold]
#[inline(never)]
fn panicked(buf: &mut Vec<u8>, start: usize, trait_name: &str) {
    buf.truncate(start);
    buf.extend_from_slice(b"<");
    buf.extend_from_slice(trait_name.as_bytes());
    buf.extend_from_slice(b" panicked>");
    crate::report::report_once(format_args!(
        "a {trait_name} implementation panicked while a record was formatted; the record \
         was written with `<{trait_name} panicked>` in its place"
    ));
}

/// Append `bytes` to `buf`. Short texts (the pieces of a message, a level name, a number's
/// digits) are copied with two overlapping fixed-size moves instead of a call to `memcpy`,
/// which measured ~10 instructions per piece less on the path of every log call.
#[inline(always)]
pub(crate) fn append(buf: &mut Vec<u8>, bytes: &[u8]) {
    let len = bytes.len();
    if len > 16 || buf.capacity() - buf.len() < 16 {
        buf.extend_from_slice(bytes);
        return;
    }
    // SAFETY: `src..src + len` is `bytes`; every read below lies inside it (`len - 8 >= 0`
    // when `len >= 8`, likewise for 4; `len / 2` and `len - 1` are below `len` when
    // `len >= 1`). `dst..dst + len` lies inside the vector's spare capacity, which is at least
    // 16 bytes and `len <= 16`, and does not overlap `bytes` (a `&[u8]` cannot borrow the
    // `&mut Vec` it is appended to). Every byte of `dst..dst + len` is written before the
    // length grows by `len`: the two moves of 8 (or 4) bytes cover `0..len` when
    // `8 <= len <= 16` (or `4 <= len < 8`), and first, middle and last cover `0..len` when
    // `1 <= len <= 3`.
    unsafe {
        let src = bytes.as_ptr();
        let dst = buf.as_mut_ptr().add(buf.len());
        if len >= 8 {
            let head = src.cast::<u64>().read_unaligned();
            let tail = src.add(len - 8).cast::<u64>().read_unaligned();
            dst.cast::<u64>().write_unaligned(head);
            dst.add(len - 8).cast::<u64>().write_unaligned(tail);
        } else if len >= 4 {
            let head = src.cast::<u32>().read_unaligned();
            let tail = src.add(len - 4).cast::<u32>().read_unaligned();
            dst.cast::<u32>().write_unaligned(head);
            dst.add(len - 4).cast::<u32>().write_unaligned(tail);
        } else if len > 0 {
            *dst = *src;
            *dst.add(len / 2) = *src.add(len / 2);
            *dst.add(len - 1) = *src.add(len - 1);
        }
        buf.set_len(buf.len() + len);
    }
}

/// Text that needs no escaping (a float's digits from std's `Display`), appended as it is.
pub(crate) struct Verbatim<'b>(pub(crate) &'b mut Vec<u8>);

impl fmt::Write for Verbatim<'_> {
    #[inline]
    fn write_str(&mut self, s: &str) -> fmt::Result {
        append(self.0, s.as_bytes());
        Ok(())
    }
}

impl fmt::Write for Out<'_> {
    #[inline]
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.str(s);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::append;

    /// Every length on both sides of the short-copy path, at every fill of the spare
    /// capacity around 16, appends exactly the bytes given.
    #[test]
    fn append_copies_every_length_exactly() {
        let source: Vec<u8> = (0..40u8).map(|i| b'a' + i % 26).collect();
        for len in 0..=source.len() {
            for capacity in [0, 8, 15, 16, 17, 64] {
                for already in 0..3 {
                    let mut buf = Vec::with_capacity(capacity);
                    buf.resize(already, b'#');
                    append(&mut buf, &source[..len]);
                    let mut expected = vec![b'#'; already];
                    expected.extend_from_slice(&source[..len]);
                    assert_eq!(buf, expected, "len {len}, capacity {capacity}, {already} before");
                }
            }
        }
    }
}
