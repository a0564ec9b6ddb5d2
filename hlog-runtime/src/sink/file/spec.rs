//! What rotation, retention and compression settings share: the grammar of sizes and
//! durations, the error for a string that is none of the accepted forms (defined with the other
//! errors), and what a closure is told about the current file.
//!
//! ```text
//! size      ::= number unit                       ; a bare number ("12") is refused
//! unit      ::= [ prefix [ "i" ] ] ( "B" | "b" )  ; B bytes, b bits; K M G T P E Z Y
//! duration  ::= number time-unit { [","] number time-unit }
//! time-unit ::= y | years | months | w | weeks | d | days | h | hours | min | minutes
//!             | s | sec | seconds | ms | milliseconds | us | microseconds (and singulars)
//! number    ::= [ sign ] digits [ "." digits ] [ "e" [ sign ] digits ]
//! ```
//!
//! Units are case-insensitive, except `B` (bytes) against `b` (bits).
//!
//! Ranges: a size is at most `u64::MAX` bytes (16 EiB), a duration at most 1000 years
//! (31,536,000,000 seconds). A larger value is refused with an error that quotes it and gives
//! the range; nothing is capped.

use std::path::Path;
use std::time::Duration;

pub use crate::error::SpecError;
use crate::time::Timestamp;

/// The file a [`crate::sink::FileSink`] is writing, as rotation closures see it.
///
/// # Examples
///
/// ```
/// use hlog::sink::FileSink;
/// use hlog::sink::file::Rotation;
///
/// // Rotate at 10 MB, or when the file is an hour old and not empty.
/// let rotation = Rotation::when(|record, file| {
///     file.size >= 10_000_000 || (file.size > 0 && record.time().secs() - file.started.secs() >= 3600)
/// });
/// let sink = FileSink::new("app.log").rotation(rotation);
/// # drop(sink);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct FileInfo<'a> {
    /// Its path.
    pub path: &'a Path,
    /// Bytes in it so far.
    pub size: u64,
    /// When it was started (created, or first written by this sink).
    pub started: Timestamp,
}

/// The units of time, for error messages.
const TIME_UNITS: &str = "y, months, w, d, h, min, s, ms or us, or years, weeks, \
     days, hours, minutes, seconds, milliseconds, microseconds";

/// The size units, for error messages.
const SIZE_UNITS: &str = "B, KB, MB, GB, TB, PB, EB, ZB, YB or KiB, MiB, GiB, …; \
     a lower-case b counts bits";

/// The longest duration accepted: 1000 years of 365 days, in seconds. Far beyond any useful
/// rotation interval or retention age, and far from where adding it to a timestamp overflows.
pub(crate) const MAX_DURATION_SECS: u64 = 1000 * 31_536_000;

/// A size or a duration, as [`parse_size_or_duration`] reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Amount {
    /// Bytes (0 for a zero size).
    Size(u64),
    /// A positive duration.
    Duration(Duration),
}

/// A size or a duration, told apart by the first unit (none, or one of bytes or bits, is a
/// size). `s` is trimmed; the error is the reason, phrased "expected a size, but …" or
/// "expected a duration, but …".
pub(crate) fn parse_size_or_duration(s: &str) -> Result<Amount, String> {
    match first_unit(s) {
        UnitKind::None | UnitKind::Size => parse_size(s).map(Amount::Size),
        UnitKind::Prefix(unit) => Err(format!(
            "expected a size or a duration, but \"{unit}\" is neither a size unit ({SIZE_UNITS}) \
             nor a unit of time ({TIME_UNITS})"
        )),
        UnitKind::Other => parse_duration(s)
            .map(Amount::Duration)
            .map_err(|reason| format!("expected a duration, but {reason}")),
    }
}

/// What the first unit after the leading number looks like.
enum UnitKind<'a> {
    /// No letters follow the number.
    None,
    /// `B`, `b`, or a prefix and `B`/`b`, possibly followed by more letters (`"MBs"`).
    Size,
    /// A size prefix without its `B` (`"10 M"`): neither a size nor a time.
    Prefix(&'a str),
    /// Anything else: taken for a unit of time.
    Other,
}

fn first_unit(s: &str) -> UnitKind<'_> {
    let rest = match lex_number(s) {
        Ok(Some((_, rest))) => rest.trim_start(),
        _ => return UnitKind::Other,
    };
    let unit = &rest[..rest.bytes().take_while(u8::is_ascii_alphabetic).count()];
    let lower = unit.to_ascii_lowercase();
    let b = lower.as_bytes();
    let prefix = |c: &u8| b"kmgtpezy".contains(c);
    match b {
        [] => UnitKind::None,
        _ if time_unit_nanos(unit).is_some() => UnitKind::Other,
        [b'b', ..] => UnitKind::Size,
        [p, b'b', ..] | [p, b'i', b'b', ..] if prefix(p) => UnitKind::Size,
        [p] | [p, b'i'] if prefix(p) => UnitKind::Prefix(unit),
        // A size with a typo: a prefix and one wrong letter (`"KX"`, `"KiX"`), or one wrong
        // letter and `B` (`"XB"`). Not a lower-case `m` or `y`, which begin units of time
        // (`"mo"`, `"yr"` read better as a time unit missed).
        [p, _] | [p, b'i', _] if prefix(p) && !matches!(unit.as_bytes()[0], b'm' | b'y') => {
            UnitKind::Size
        }
        [_, _] if unit.ends_with('B') => UnitKind::Size,
        _ => UnitKind::Other,
    }
}

/// A size: a number with a size unit, or a whole number of bytes; exactly zero is `Ok(0)`, for
/// the setting to refuse in its own words. The error is the reason.
fn parse_size(s: &str) -> Result<u64, String> {
    let (value, rest) = lex_number(s)?.ok_or_else(|| format!("\"{s}\" is not a number"))?;
    let unit = rest.trim_start();
    if value.negative && !value.is_zero() {
        return Err("expected a size, but it is negative".to_owned());
    }
    if unit.is_empty() {
        return Err(no_unit(s, value));
    }
    let (mul, div) = size_unit(unit).ok_or_else(|| {
        format!("expected a size, but \"{unit}\" is not a size unit ({SIZE_UNITS})")
    })?;
    if value.is_zero() {
        return Ok(0);
    }
    let too_large = || {
        format!(
            "expected a size, but \"{s}\" is too large: the accepted range is 1 byte to {} bytes \
             (16 EiB)",
            u64::MAX
        )
    };
    let bytes = value.scaled(mul, div).ok_or_else(too_large)?;
    if bytes == 0 {
        return Err(format!("expected a size, but \"{s}\" is less than one byte"));
    }
    u64::try_from(bytes).map_err(|_| too_large())
}

/// A number without a unit is refused: loguru reads `"12"` as noon, a size reader would read
/// 12 bytes, and a wrong guess rotates every record or once a day. The hint names both
/// readings when both exist.
fn no_unit(s: &str, value: Decimal) -> String {
    let hour = value.is_integer().then(|| value.scaled(1, 1)).flatten().filter(|h| *h <= 23);
    match hour {
        Some(hour) => format!(
            "expected a size or a time of day, but \"{s}\" has no unit: write \"{s} B\" for \
             {s} bytes or \"{hour}:00\" for a time of day"
        ),
        None => format!(
            "expected a size, but \"{s}\" has no unit: write \"{s} B\", \"{s} KB\" or \
             \"{s} MB\""
        ),
    }
}

/// `(multiplier, divisor)` to bytes: `KB` (1000, 1), `KiB` (1024, 1), `Kb` (1000, 8).
fn size_unit(unit: &str) -> Option<(u128, u128)> {
    let (last, prefix) = unit.as_bytes().split_last()?;
    let div = match last {
        b'B' => 1,
        b'b' => 8,
        _ => return None,
    };
    let (base, letter): (u128, u8) = match prefix {
        [] => return Some((1, div)),
        [p] => (1000, *p),
        [p, b'i' | b'I'] => (1024, *p),
        _ => return None,
    };
    let power = b"kmgtpezy".iter().position(|c| *c == letter.to_ascii_lowercase())? + 1;
    Some((base.pow(power as u32), div))
}

/// Parse loguru's durations: `"1 day"`, `"12 hours"`, `"1h 30min"`, `"2 days, 3h"`, `"1.5 w"`.
/// Units: `y`/`year(s)` (365 days), `month(s)` (2 628 000 s, a twelfth of a year, as loguru),
/// `w`/`week(s)`, `d`/`day(s)`, `h`/`hour(s)`, `min`/`mins`/`minute(s)`,
/// `s`/`sec(s)`/`second(s)`, `ms`/`millisecond(s)`, `us`/`microsecond(s)`, case-insensitive;
/// parts are added up. Zero and negative durations are refused.
///
/// The error is a reason meant to follow "expected a duration, but ": `"dayz" is not a unit of
/// time (…)`, `it is zero`, ….
pub(crate) fn parse_duration(s: &str) -> Result<Duration, String> {
    let mut rest = s.trim();
    if rest.is_empty() {
        return Err("the text is empty".to_owned());
    }
    let whole = rest;
    let too_long = || {
        format!(
            "\"{whole}\" is too long: the accepted range is up to 1000 years \
             ({MAX_DURATION_SECS} seconds)"
        )
    };
    let mut total: u128 = 0;
    let mut negative = false;
    while !rest.is_empty() {
        let (value, after) =
            lex_number(rest)?.ok_or_else(|| format!("\"{}\" is not a number", first_word(rest)))?;
        let after = after.trim_start();
        let unit = &after[..after.bytes().take_while(u8::is_ascii_alphabetic).count()];
        if unit.is_empty() {
            let number = &rest[..rest.len() - after.len()];
            return Err(format!("\"{}\" has no unit of time ({TIME_UNITS})", number.trim_end()));
        }
        let nanos = time_unit_nanos(unit)
            .ok_or_else(|| format!("\"{unit}\" is not a unit of time ({TIME_UNITS})"))?;
        negative |= value.negative && !value.is_zero();
        let part = value.scaled(nanos, 1).ok_or_else(too_long)?;
        total = total.checked_add(part).ok_or_else(too_long)?;
        rest = after[unit.len()..].trim_start_matches(|c: char| c.is_whitespace() || c == ',');
    }
    if negative {
        return Err("it is negative".to_owned());
    }
    if total == 0 {
        return Err("it is zero: give a positive duration".to_owned());
    }
    if total > u128::from(MAX_DURATION_SECS) * 1_000_000_000 {
        return Err(too_long());
    }
    let secs = (total / 1_000_000_000) as u64;
    Ok(Duration::new(secs, (total % 1_000_000_000) as u32))
}

fn first_word(s: &str) -> &str {
    s.split(|c: char| c.is_whitespace() || c == ',').next().unwrap_or(s)
}

fn time_unit_nanos(unit: &str) -> Option<u128> {
    const SEC: u128 = 1_000_000_000;
    Some(match unit.to_ascii_lowercase().as_str() {
        "y" | "year" | "years" => 31_536_000 * SEC,
        "month" | "months" => 2_628_000 * SEC,
        "w" | "week" | "weeks" => 604_800 * SEC,
        "d" | "day" | "days" => 86_400 * SEC,
        "h" | "hour" | "hours" => 3_600 * SEC,
        "min" | "mins" | "minute" | "minutes" => 60 * SEC,
        "s" | "sec" | "secs" | "second" | "seconds" => SEC,
        "ms" | "millisecond" | "milliseconds" => 1_000_000,
        "us" | "microsecond" | "microseconds" => 1_000,
        _ => return None,
    })
}

/// A decimal number as written, exactly: `mantissa × 10^exponent`.
#[derive(Debug, Clone, Copy)]
struct Decimal {
    negative: bool,
    mantissa: u128,
    exponent: i32,
}

impl Decimal {
    fn is_zero(self) -> bool {
        self.mantissa == 0
    }

    fn is_integer(self) -> bool {
        self.exponent >= 0
    }

    /// `⌊|self| × mul / div⌋`, or `None` when it does not fit in a `u128`.
    fn scaled(self, mul: u128, div: u128) -> Option<u128> {
        if self.mantissa == 0 {
            return Some(0);
        }
        let mut n = self.mantissa.checked_mul(mul)?;
        if self.exponent >= 0 {
            n = n.checked_mul(10u128.checked_pow(self.exponent as u32)?)?;
        } else {
            // ⌊⌊n / a⌋ / b⌋ = ⌊n / ab⌋, so dividing a digit at a time is exact.
            for _ in 0..self.exponent.unsigned_abs() {
                n /= 10;
                if n == 0 {
                    break;
                }
            }
        }
        Some(n / div)
    }
}

/// Read a number at the start of `s`: `[+-] digits [. digits] [e [+-] digits]` (digits on at
/// least one side of the point; the exponent only when digits follow the `e`, so `"5EB"` is 5
/// exabytes). `Ok(None)` if `s` does not start with one; an error if it runs on into more
/// digits or points (`"1.2.3"`).
fn lex_number(s: &str) -> Result<Option<(Decimal, &str)>, String> {
    let b = s.as_bytes();
    let mut i = 0;
    let negative = b.first() == Some(&b'-');
    if matches!(b.first(), Some(b'-' | b'+')) {
        i = 1;
    }
    let mut mantissa: u128 = 0;
    let mut exponent: i32 = 0;
    let mut digits = 0;
    while let Some(d) = b.get(i).filter(|c| c.is_ascii_digit()) {
        match mantissa.checked_mul(10).and_then(|m| m.checked_add(u128::from(d - b'0'))) {
            Some(m) => mantissa = m,
            None => exponent = exponent.saturating_add(1),
        }
        digits += 1;
        i += 1;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        while let Some(d) = b.get(i).filter(|c| c.is_ascii_digit()) {
            if let Some(m) =
                mantissa.checked_mul(10).and_then(|m| m.checked_add(u128::from(d - b'0')))
            {
                mantissa = m;
                exponent -= 1;
            }
            digits += 1;
            i += 1;
        }
    }
    if digits == 0 {
        return Ok(None);
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        let minus = b.get(j) == Some(&b'-');
        if matches!(b.get(j), Some(b'-' | b'+')) {
            j += 1;
        }
        if b.get(j).is_some_and(u8::is_ascii_digit) {
            let mut e: i32 = 0;
            while let Some(d) = b.get(j).filter(|c| c.is_ascii_digit()) {
                e = e.saturating_mul(10).saturating_add(i32::from(d - b'0'));
                j += 1;
            }
            exponent = exponent.saturating_add(if minus { -e } else { e });
            i = j;
        }
    }
    if matches!(b.get(i), Some(b'.' | b'0'..=b'9')) {
        let end =
            s[i..].find(|c: char| !(c.is_ascii_digit() || c == '.')).map_or(s.len(), |n| i + n);
        return Err(format!("\"{}\" is not a number", &s[..end]));
    }
    while mantissa != 0 && mantissa % 10 == 0 {
        mantissa /= 10;
        exponent = exponent.saturating_add(1);
    }
    Ok(Some((Decimal { negative, mantissa, exponent }, &s[i..])))
}
