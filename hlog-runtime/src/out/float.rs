//! Floats written exactly as `Display` writes them, by zmij where its digits are `Display`'s.

use std::fmt::{Display, Write as _};

use super::Out;

impl Out<'_> {
    /// zmij (dtolnay's successor to ryu, about twice as fast on the short numbers programs
    /// log) prints the same shortest digits as `Display` except in two places, which go to
    /// `Display`: exponents (`1e16`, `1e-7`; `Display` never uses them), and rounding ties,
    /// where two shortest candidates are equally near and zmij picks the even one while
    /// `Display` picks the one away from zero (`3588616.25_f32`: `3588616.2` against
    /// `3588616.3`). `.0` is dropped (`1.0` prints `1`).
    #[inline]
    pub(super) fn shortest<F: Shortest>(&mut self, value: F) {
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
                self.verbatim(digits);
                return;
            }
        }
        // std's own float `Display`: it cannot panic and writes no control character, so
        // neither the panic guard nor the escaping of a value's text is needed.
        let _ = write!(super::Verbatim(self.buf), "{value}");
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
pub(super) trait Shortest: zmij::Float + Display + Copy {
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

#[cfg(test)]
mod tests {
    use super::ends_in_exponent;

    #[test]
    fn exponent_forms_are_recognised() {
        for digits in ["1e-5", "1.5e-5", "1e+16", "1.5e+15", "1e16", "9.25e-10", "2e9"] {
            assert!(ends_in_exponent(digits), "{digits}");
        }
        for digits in ["0", "3.14", "100", "0.00001", "123456.789", "-2.5", "9007199254740991"] {
            assert!(!ends_in_exponent(digits), "{digits}");
        }
    }
}
