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
        append(self.buf, s.as_bytes());
    }

    /// Write an integer (itoa).
    #[inline]
    pub fn int<I: itoa::Integer>(&mut self, value: I) {
        self.str(itoa::Buffer::new().format(value));
    }

    /// Write a float exactly as `Display` would: zmij's shortest digits where they are
    /// `Display`'s, `Display` itself elsewhere.
    #[inline]
    pub fn float(&mut self, value: f64) {
        self.shortest(value);
    }

    /// Write an `f32` exactly as `Display` would.
    #[inline]
    pub fn float32(&mut self, value: f32) {
        self.shortest(value);
    }

    /// zmij (dtolnay's successor to ryu, about twice as fast on the short numbers programs
    /// log) prints the same shortest digits as `Display` except in two places, which go to
    /// `Display`: exponents (`1e16`, `1e-7`; `Display` never uses them), and rounding ties,
    /// where two shortest candidates are equally near and zmij picks the even one while
    /// `Display` picks the one away from zero (`3588616.25_f32`: `3588616.2` against
    /// `3588616.3`). `.0` is dropped (`1.0` prints `1`).
    #[inline]
    fn shortest<F: Shortest>(&mut self, value: F) {
        if let Some(fraction_bits) = value.fraction_bits() {
            let mut buffer = zmij::Buffer::new();
            let digits = buffer.format_finite(value);
            let digits = digits.strip_suffix(".0").unwrap_or(digits);
            // The exact value has as many decimal fraction digits as binary ones (each 2^-k
            // is 5^k / 10^k); one more than the shortest digits, ending in 5, is a tie. The
            // shortest digits have at most 21 fraction digits here (17 significant ones after
            // at most 4 zeros, as |v| >= 1e-5), so most logged values (3.14 has 51 fraction
            // bits) cannot tie and their digits are not counted.
            let fraction_digits = || match digits.bytes().rposition(|b| b == b'.') {
                Some(dot) => digits.len() - dot - 1,
                None => 0,
            };
            // `fraction_bits` keeps to the range where zmij prints fixed notation; should a
            // later zmij narrow it, an exponent (`e`, a sign, at most two digits here, at the
            // end) goes to `Display` too.
            if (fraction_bits > 22 || fraction_bits != fraction_digits() + 1)
                && !ends_in_exponent(digits)
            {
                self.str(digits);
                return;
            }
        }
        self.display(&value);
    }

    /// Write any `Display` value.
    #[inline]
    pub fn display(&mut self, value: &dyn Display) {
        let _ = write!(self, "{value}");
    }

    /// Write formatted arguments, `out.fmt(format_args!(...))`: for custom sinks and formats
    /// (the macros pass spec'd placeholders as values).
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

/// Digits in exponent form with an exponent of at most two digits (`2e9`, `1e-5`, `1.5e+15`).
#[inline(always)]
fn ends_in_exponent(digits: &str) -> bool {
    let bytes = digits.as_bytes();
    (2..=4).any(|back| bytes.len() >= back && bytes[bytes.len() - back] == b'e')
}

/// The float types written by [`Out::float`] and [`Out::float32`], described by their bit
/// layout.
trait Shortest: zmij::Float + Display + Copy {
    /// Stored mantissa bits.
    const MANTISSA_BITS: u32;
    /// Exponent bits.
    const EXPONENT_BITS: u32;
    /// Exponent bias.
    const BIAS: i32;

    /// The value as an `f64` (exact for both types).
    fn widen(self) -> f64;

    /// The bits, zero-extended.
    fn bits(self) -> u64;

    /// The number of binary fraction digits of the exact value, when the value prints
    /// without an exponent and every float of its size is exact (below 2^53 for `f64`, 2^24
    /// for `f32`); `None` sends it to `Display`.
    #[inline]
    fn fraction_bits(self) -> Option<usize> {
        let abs = self.widen().abs();
        let exact_below = (1u64 << (Self::MANTISSA_BITS + 1)) as f64;
        // zmij and `Display` agree on the form in this range (no exponent); 0 too.
        if !((1e-5..exact_below).contains(&abs) || abs == 0.0) {
            return None;
        }
        let bits = self.bits();
        let mantissa = bits & ((1 << Self::MANTISSA_BITS) - 1);
        let exponent_field = (bits >> Self::MANTISSA_BITS) & ((1 << Self::EXPONENT_BITS) - 1);
        let shift = Self::BIAS + Self::MANTISSA_BITS as i32;
        let (significand, exponent) = match exponent_field {
            0 => (mantissa, 1 - shift),
            e => (mantissa | 1 << Self::MANTISSA_BITS, e as i32 - shift),
        };
        if significand == 0 {
            return Some(0);
        }
        let exponent = exponent + significand.trailing_zeros() as i32;
        Some(usize::try_from(-exponent).unwrap_or(0))
    }
}

impl Shortest for f64 {
    const MANTISSA_BITS: u32 = 52;
    const EXPONENT_BITS: u32 = 11;
    const BIAS: i32 = 1023;

    fn widen(self) -> f64 {
        self
    }

    fn bits(self) -> u64 {
        self.to_bits()
    }
}

impl Shortest for f32 {
    const MANTISSA_BITS: u32 = 23;
    const EXPONENT_BITS: u32 = 8;
    const BIAS: i32 = 127;

    fn widen(self) -> f64 {
        f64::from(self)
    }

    fn bits(self) -> u64 {
        u64::from(self.to_bits())
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

/// The fast path: integers, floats and text as typed values (written by itoa, zmij, a copy).
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

#[cfg(test)]
mod tests {
    use super::{append, ends_in_exponent};

    #[test]
    fn exponent_forms_are_recognised() {
        for digits in ["1e-5", "1.5e-5", "1e+16", "1.5e+15", "1e16", "9.25e-10", "2e9"] {
            assert!(ends_in_exponent(digits), "{digits}");
        }
        for digits in ["0", "3.14", "100", "0.00001", "123456.789", "-2.5", "9007199254740991"] {
            assert!(!ends_in_exponent(digits), "{digits}");
        }
    }

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
