//! Format specs: the part after `:` in `{x:>8}`, with Rust's `format!` syntax.

use crate::{Error, ErrorKind};

/// A parsed format spec: `[[fill] align] [sign] ['#'] ['0'] [width] ['.' precision] [kind]`.
///
/// The syntax is Rust's own (`{x:>8}`, `{x: <8}`, `{x:.3}`, `{x:?}`, `{x:#x}`, `{x:08.2}`),
/// which also covers the common part of Python's. `width$`/`*` arguments are not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FormatSpec {
    /// Fill character (default `' '`).
    pub fill: Option<char>,
    /// Alignment, if given.
    pub align: Option<Align>,
    /// Sign, if given.
    pub sign: Option<Sign>,
    /// `#`
    pub alternate: bool,
    /// `0`
    pub zero: bool,
    /// Minimum width in characters.
    pub width: Option<usize>,
    /// Precision (or maximum width for strings).
    pub precision: Option<usize>,
    /// Which trait formats the value.
    pub kind: Kind,
}

/// Alignment within the width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// `<`
    Left,
    /// `^`
    Center,
    /// `>`
    Right,
}

/// Sign flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sign {
    /// `+`
    Plus,
    /// `-`
    Minus,
}

/// Which formatting trait a placeholder uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    /// `` (empty): `Display`
    #[default]
    Display,
    /// `?`: `Debug`
    Debug,
    /// `x`: `LowerHex`
    LowerHex,
    /// `X`: `UpperHex`
    UpperHex,
    /// `o`: `Octal`
    Octal,
    /// `b`: `Binary`
    Binary,
    /// `e`: `LowerExp`
    LowerExp,
    /// `E`: `UpperExp`
    UpperExp,
}

impl FormatSpec {
    /// True when the spec changes nothing (`{x}` or `{x:}`).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog_template::parse_spec;
    ///
    /// assert!(parse_spec("").unwrap().is_plain());
    /// assert!(!parse_spec(">8").unwrap().is_plain());
    /// ```
    pub fn is_plain(&self) -> bool {
        *self == FormatSpec::default()
    }
}

/// Parse a format spec (the text after `:`). Error ranges are relative to `spec`.
///
/// # Examples
///
/// ```
/// use hlog_template::{parse_spec, Align};
/// let s = parse_spec(" <8").unwrap();
/// assert_eq!((s.fill, s.align, s.width), (Some(' '), Some(Align::Left), Some(8)));
/// assert!(parse_spec(",").is_err());
/// ```
pub fn parse_spec(spec: &str) -> Result<FormatSpec, Error> {
    SpecParser { spec, chars: spec.char_indices().collect(), pos: 0 }.parse()
}

/// What the help of an invalid spec says when nothing more specific applies.
const SPEC_HELP: &str = "a spec is `[[fill]align][sign]['#']['0'][width]['.'precision][type]`, \
    for example `>8`, ` <8`, `.3`, `?`, `#x`, `08.2`; the type is one of \
    `?` `x` `X` `o` `b` `e` `E`";

/// The largest width or precision Rust's formatting machinery takes.
const MAX_COUNT: usize = u16::MAX as usize;

struct SpecParser<'a> {
    spec: &'a str,
    chars: Vec<(usize, char)>,
    /// Index into `chars`.
    pos: usize,
}

impl SpecParser<'_> {
    fn parse(mut self) -> Result<FormatSpec, Error> {
        let mut out = FormatSpec::default();
        if let Some(align) = self.peek_at(1).and_then(align) {
            out.fill = self.peek();
            out.align = Some(align);
            self.pos += 2;
        } else if let Some(align) = self.peek().and_then(align) {
            out.align = Some(align);
            self.pos += 1;
        }
        out.sign = match self.peek() {
            Some('+') => Some(Sign::Plus),
            Some('-') => Some(Sign::Minus),
            _ => None,
        };
        self.pos += usize::from(out.sign.is_some());
        out.alternate = self.eat('#');
        // `0$` is a width argument, not the `0` flag (rejected below).
        if self.peek() == Some('0') && self.peek_at(1) != Some('$') {
            out.zero = true;
            self.pos += 1;
        }
        out.width = self.count("width")?;
        if self.eat('.') {
            let dot = self.pos - 1;
            if self.peek() == Some('*') {
                return Err(self.error(
                    self.pos,
                    self.pos + 1,
                    "`.*` (precision from an argument) is not supported",
                    "write the precision itself, e.g. `{x:.3}`",
                ));
            }
            out.precision = self.count("precision")?;
            if out.precision.is_none() {
                return Err(self.error(
                    dot,
                    dot + 1,
                    "expected a precision after `.`",
                    "write the number of digits, e.g. `{x:.3}`",
                ));
            }
        }
        out.kind = match self.peek() {
            Some('?') => Kind::Debug,
            Some('x') => Kind::LowerHex,
            Some('X') => Kind::UpperHex,
            Some('o') => Kind::Octal,
            Some('b') => Kind::Binary,
            Some('e') => Kind::LowerExp,
            Some('E') => Kind::UpperExp,
            _ => Kind::Display,
        };
        if out.kind != Kind::Display {
            self.pos += 1;
            if matches!(out.kind, Kind::LowerHex | Kind::UpperHex) && self.peek() == Some('?') {
                return Err(self.error(
                    self.pos - 1,
                    self.pos + 1,
                    "debug-hex (`x?`, `X?`) is not supported",
                    "use `?` for Debug or `x` / `X` for hexadecimal",
                ));
            }
        }
        match self.peek() {
            None => Ok(out),
            Some(c) => Err(self.unexpected(c, out.kind)),
        }
    }

    fn peek(&self) -> Option<char> {
        self.peek_at(0)
    }

    fn peek_at(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).map(|&(_, c)| c)
    }

    fn eat(&mut self, c: char) -> bool {
        let eaten = self.peek() == Some(c);
        self.pos += usize::from(eaten);
        eaten
    }

    /// Byte offset of the char at index `pos` (the end of the spec past the last char).
    fn offset(&self, pos: usize) -> usize {
        self.chars.get(pos).map_or(self.spec.len(), |&(i, _)| i)
    }

    /// A width or precision: digits, or `None` when there are none. `name$` and `1$`
    /// (counts taken from arguments) are errors.
    fn count(&mut self, what: &str) -> Result<Option<usize>, Error> {
        let start = self.pos;
        let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
        let mut end = start;
        while self.chars.get(end).is_some_and(|&(_, c)| is_word(c)) {
            end += 1;
        }
        if self.chars.get(end).is_some_and(|&(_, c)| c == '$') {
            return Err(self.error(
                start,
                end + 1,
                "width and precision arguments (`name$`, `1$`) are not supported",
                "write the number itself, e.g. `{x:>8}` or `{x:.3}`",
            ));
        }
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        if self.pos == start {
            return Ok(None);
        }
        let digits = &self.spec[self.offset(start)..self.offset(self.pos)];
        match digits.parse::<usize>() {
            Ok(n) if n <= MAX_COUNT => Ok(Some(n)),
            _ => Err(self.error(
                start,
                self.pos,
                &format!("the {what} `{digits}` is too large"),
                &format!("the {what} is at most {MAX_COUNT}"),
            )),
        }
    }

    /// An error about the chars `start..end` (indices into `chars`).
    fn error(&self, start: usize, end: usize, reason: &str, help: &str) -> Error {
        Error::new(
            ErrorKind::InvalidSpec,
            self.offset(start)..self.offset(end),
            format!("invalid format spec `{}`: {reason}", self.spec),
        )
        .with_help(help)
    }

    /// The error for a char that fits nowhere, explaining Python's options.
    fn unexpected(&self, c: char, kind: Kind) -> Error {
        let (reason, help) = match c {
            ',' | '_' => (
                format!("`{c}` (digit grouping) is a Python option that Rust does not have"),
                SPEC_HELP.to_owned(),
            ),
            '%' => (
                "`%` (percentage) is a Python option that Rust does not have".to_owned(),
                "multiply the value by 100 and write `%` after the placeholder".to_owned(),
            ),
            '=' => (
                "`=` alignment is a Python option that Rust does not have".to_owned(),
                "the `0` flag pads numbers with zeros after the sign, e.g. `{x:+08}`".to_owned(),
            ),
            'n' => (
                "`n` (locale-aware number) is a Python option that Rust does not have".to_owned(),
                SPEC_HELP.to_owned(),
            ),
            'd' | 'i' | 'u' | 'f' | 'F' | 'g' | 'G' | 's' | 'c' | 'r' => (
                format!("`{c}` is a Python/printf type that Rust does not need"),
                "drop it: Rust picks the formatting from the value's type, so write `{x:.2}` \
                 instead of `{x:.2f}` and `{x}` instead of `{x:d}`"
                    .to_owned(),
            ),
            '*' => (
                "`*` (a count from an argument) is not supported".to_owned(),
                "write the number itself, e.g. `{x:>8}` or `{x:.3}`".to_owned(),
            ),
            _ if kind != Kind::Display => {
                (format!("unexpected `{c}` after the type"), SPEC_HELP.to_owned())
            }
            _ => (format!("unexpected `{c}`"), SPEC_HELP.to_owned()),
        };
        self.error(self.pos, self.pos + 1, &reason, &help)
    }
}

/// The alignment an align char stands for.
fn align(c: char) -> Option<Align> {
    match c {
        '<' => Some(Align::Left),
        '^' => Some(Align::Center),
        '>' => Some(Align::Right),
        _ => None,
    }
}
