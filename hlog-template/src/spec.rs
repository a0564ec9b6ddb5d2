//! Format specs: the part after `:` in `{x:>8}`, with Rust's `format!` syntax.

use crate::Error;

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
    let _ = spec;
    todo!("implemented by the parser work")
}
