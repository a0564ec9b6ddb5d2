//! Writing messages: the output buffer handed to generated message writers, with the cheapest
//! path for each argument type.

use std::borrow::Cow;
use std::fmt::{self, Display, Write as _};

use crate::record::Value;

/// A style a format re-applies around a message: fixed SGR bytes or the record's level colour.
#[doc(hidden)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Style {
    /// Fixed SGR bytes.
    Sgr(Cow<'static, str>),
    /// The record's level colour.
    Level,
}

impl From<&hlog_template::Ansi> for Style {
    fn from(ansi: &hlog_template::Ansi) -> Self {
        match ansi {
            hlog_template::Ansi::Bytes(sgr) => Style::Sgr(Cow::Owned(sgr.clone())),
            hlog_template::Ansi::Level => Style::Level,
        }
    }
}

/// Colour context of an [`Out`]: the level's colour and the styles that surround the message
/// in the handler's format (re-applied after the message's own closing tags).
#[derive(Clone, Copy)]
pub(crate) struct Colors<'a> {
    pub(crate) level: &'a str,
    pub(crate) outer: &'a [Style],
}

/// The buffer a message is written into. Colour codes reach it only on colourised sinks.
pub struct Out<'a> {
    buf: &'a mut Vec<u8>,
    colors: Option<Colors<'a>>,
}

impl<'a> Out<'a> {
    /// An output without colour over `buf`.
    pub fn plain(buf: &'a mut Vec<u8>) -> Self {
        Out { buf, colors: None }
    }

    pub(crate) fn new(buf: &'a mut Vec<u8>, colors: Option<Colors<'a>>) -> Self {
        Out { buf, colors }
    }

    /// The bytes written so far (the whole underlying buffer).
    pub fn as_bytes(&self) -> &[u8] {
        self.buf
    }

    /// Write text as is.
    #[inline]
    pub fn str(&mut self, s: &str) {
        self.buf.extend_from_slice(s.as_bytes());
    }

    /// Write an integer (itoa).
    #[inline]
    pub fn int<I: itoa::Integer>(&mut self, value: I) {
        self.str(itoa::Buffer::new().format(value));
    }

    /// Write a float exactly as `Display` would, via ryu's shortest representation.
    #[inline]
    pub fn float(&mut self, value: f64) {
        if value.is_finite() {
            let mut buffer = ryu::Buffer::new();
            self.ryu_display(buffer.format_finite(value), &value);
        } else {
            self.display(&value);
        }
    }

    /// Write an `f32` exactly as `Display` would.
    #[inline]
    pub fn float32(&mut self, value: f32) {
        if value.is_finite() {
            let mut buffer = ryu::Buffer::new();
            self.ryu_display(buffer.format_finite(value), &value);
        } else {
            self.display(&value);
        }
    }

    /// ryu prints `1.0` and `1e16` where `Display` prints `1` and `10000000000000000`: keep
    /// ryu's digits where they agree and let `Display` handle exponents.
    fn ryu_display(&mut self, shortest: &str, value: &dyn Display) {
        if shortest.contains('e') {
            self.display(value);
        } else {
            self.str(shortest.strip_suffix(".0").unwrap_or(shortest));
        }
    }

    /// Write any `Display` value.
    #[inline]
    pub fn display(&mut self, value: &dyn Display) {
        let _ = write!(self, "{value}");
    }

    /// Write preformatted arguments (placeholders with a format spec).
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
    pub fn is_colored(&self) -> bool {
        self.colors.is_some()
    }

    /// Emit SGR bytes when colourised.
    #[inline]
    pub fn style(&mut self, sgr: &str) {
        if self.colors.is_some() {
            self.str(sgr);
        }
    }

    /// Emit the record's level colour when colourised.
    #[inline]
    pub fn level_style(&mut self) {
        if let Some(colors) = self.colors {
            self.str(colors.level);
        }
    }

    /// A closing tag in a message: reset, then re-apply what surrounds the message in the
    /// format (the caller then re-applies the message's own tags still open).
    #[inline]
    pub fn reset(&mut self) {
        if let Some(colors) = self.colors {
            self.str("\x1b[0m");
            self.styles(colors.outer, colors.level);
        }
    }

    pub(crate) fn styles(&mut self, styles: &[Style], level: &str) {
        for style in styles {
            match style {
                Style::Sgr(sgr) => self.str(sgr),
                Style::Level => self.str(level),
            }
        }
    }
}

impl fmt::Write for Out<'_> {
    #[inline]
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.str(s);
        Ok(())
    }
}

/// An argument of a log call, wrapped so that method resolution picks the cheapest value:
/// the `Fast*` impls for known types by value, the `Display` fallback through one autoref.
#[doc(hidden)]
pub struct Arg<'a, T: ?Sized>(pub &'a T);

/// The fast path: integers, floats and text as typed values (written by itoa, ryu, a copy).
#[doc(hidden)]
pub trait FastArg<'a> {
    fn __hlog_value(&self) -> Value<'a>;
}

/// The fallback for every other type. The `where Self: DisplayArg` bound (rather than a bound on
/// the impl) makes a non-`Display` argument fail with rustc's own "`T` doesn't implement
/// `std::fmt::Display`" at the argument, not with a method-not-found error.
#[doc(hidden)]
pub trait DisplayFallback<'a> {
    fn __hlog_value(&self) -> Value<'a>
    where
        Self: DisplayArg<'a>;
}

#[doc(hidden)]
pub trait DisplayArg<'a> {
    fn display_value(&self) -> Value<'a>;
}

impl<'a, T: Display + 'a> DisplayArg<'a> for &Arg<'a, T> {
    #[inline]
    fn display_value(&self) -> Value<'a> {
        Value::Display(self.0)
    }
}

impl<'a, T: ?Sized> DisplayFallback<'a> for &Arg<'a, T> {
    #[inline]
    fn __hlog_value(&self) -> Value<'a>
    where
        Self: DisplayArg<'a>,
    {
        self.display_value()
    }
}

macro_rules! fast_arg {
    ($($ty:ty => |$v:ident| $value:expr;)*) => {$(
        impl<'a> FastArg<'a> for Arg<'a, $ty> {
            #[inline]
            fn __hlog_value(&self) -> Value<'a> {
                let $v = self.0;
                $value
            }
        }
        impl<'a, 'b> FastArg<'a> for Arg<'a, &'b $ty> {
            #[inline]
            fn __hlog_value(&self) -> Value<'a> {
                let $v: &'a $ty = *self.0;
                $value
            }
        }
    )*};
}

macro_rules! fast_int {
    ($($ty:ty => $variant:ident),*) => {
        fast_arg! { $($ty => |v| Value::$variant((*v).into());)* }
    };
}

fast_int!(i8 => I64, i16 => I64, i32 => I64, i64 => I64, u8 => U64, u16 => U64, u32 => U64,
    u64 => U64, i128 => I128, u128 => U128);

fast_arg! {
    isize => |v| Value::I64(*v as i64);
    usize => |v| Value::U64(*v as u64);
    f64 => |v| Value::F64(*v);
    f32 => |v| Value::F32(*v);
    bool => |v| Value::Bool(*v);
    char => |v| Value::Char(*v);
    str => |v| Value::Str(v);
    String => |v| Value::Str(v);
    Cow<'_, str> => |v| Value::Str(v);
}
