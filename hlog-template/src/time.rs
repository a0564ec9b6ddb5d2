//! loguru's time patterns (`{time:YYYY-MM-DD HH:mm:ss.SSS}`), not strftime.

use std::borrow::Cow;

use crate::{Error, ErrorKind};

/// A parsed time pattern.
///
/// Its tokens are borrowed in a constant (the default pattern, and the patterns `hlog::fmt!`
/// parsed at compile time and wrote out as data) and owned when parsed at run time.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TimeFormat {
    /// Tokens in order.
    pub tokens: Cow<'static, [TimeToken]>,
    /// `!UTC` suffix: render in UTC instead of local time.
    pub utc: bool,
}

/// One token of a time pattern (loguru's table).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeToken {
    /// Literal text (a token escaped as `[YYYY]`, and any character that is not a token).
    Literal(Cow<'static, str>),
    /// `YYYY` 2026
    Year,
    /// `YY` 26
    Year2,
    /// `Q` quarter 1–4
    Quarter,
    /// `M` 1–12
    Month,
    /// `MM` 01–12
    Month2,
    /// `MMM` Jan–Dec
    MonthAbbr,
    /// `MMMM` January–December
    MonthName,
    /// `D` 1–31
    Day,
    /// `DD` 01–31
    Day2,
    /// `Do` 1st 2nd 3rd … 31st
    DayOrdinal,
    /// `DDD` day of year 1–366
    DayOfYear,
    /// `DDDD` day of year 001–366
    DayOfYear3,
    /// `d` day of week, 0 (Monday) – 6 (Sunday)
    Weekday,
    /// `E` ISO day of week, 1 (Monday) – 7 (Sunday)
    IsoWeekday,
    /// `ddd` Mon–Sun
    WeekdayAbbr,
    /// `dddd` Monday–Sunday
    WeekdayName,
    /// `H` 0–23
    Hour,
    /// `HH` 00–23
    Hour2,
    /// `h` 1–12
    Hour12,
    /// `hh` 01–12
    Hour12_2,
    /// `m` 0–59
    Minute,
    /// `mm` 00–59
    Minute2,
    /// `s` 0–59
    Second,
    /// `ss` 00–59
    Second2,
    /// `S` … `SSSSSSSSS`: fraction of a second with 1–9 digits (truncated); `SSS` is
    /// milliseconds, `SSSSSS` microseconds, `SSSSSSSSS` nanoseconds
    Fraction(u8),
    /// `X` Unix timestamp in seconds
    Timestamp,
    /// `x` Unix timestamp in microseconds
    TimestampMicros,
    /// `A` AM / PM
    AmPm,
    /// `Z` offset `+01:00`
    Offset,
    /// `ZZ` offset `+0100`
    OffsetCompact,
    /// `zz` time-zone name (`CET`, `UTC`)
    ZoneName,
}

/// loguru's pattern for `{time}` without one, `YYYY-MM-DDTHH:mm:ss.SSSSSSZZ` (Python's
/// `%Y-%m-%dT%H:%M:%S.%f%z`), e.g. `2026-03-26T14:30:00.123456+0100`. The one definition: the
/// parser fills it in for `{time}`, `{time:}` and `{time:!UTC}`, and the runtime renders it.
///
/// # Examples
///
/// ```
/// use hlog_template::{DEFAULT_TIME_FORMAT, parse_time};
/// assert_eq!(parse_time("YYYY-MM-DDTHH:mm:ss.SSSSSSZZ").unwrap(), DEFAULT_TIME_FORMAT);
/// ```
pub const DEFAULT_TIME_FORMAT: TimeFormat = {
    use TimeToken::*;
    const fn lit(text: &'static str) -> TimeToken {
        Literal(Cow::Borrowed(text))
    }
    TimeFormat {
        tokens: Cow::Borrowed(&[
            Year,
            lit("-"),
            Month2,
            lit("-"),
            Day2,
            lit("T"),
            Hour2,
            lit(":"),
            Minute2,
            lit(":"),
            Second2,
            lit("."),
            Fraction(6),
            OffsetCompact,
        ]),
        utc: false,
    }
};

/// Parse a time pattern such as `"YYYY-MM-DD HH:mm:ss.SSS"` or `"[X] X!UTC"`. As in loguru,
/// `[` and `]` around one token write the token's text (`[YYYY]` is `YYYY`); around anything
/// else they are text themselves (`[at]` stays `[at]`).
/// Error ranges are relative to `pattern`.
///
/// # Examples
///
/// ```
/// use hlog_template::{parse_time, TimeToken};
/// let f = parse_time("HH:mm!UTC").unwrap();
/// assert!(f.utc);
/// assert_eq!(*f.tokens, [TimeToken::Hour2, TimeToken::Literal(":".into()), TimeToken::Minute2]);
/// ```
pub fn parse_time(pattern: &str) -> Result<TimeFormat, Error> {
    let (body, utc) = match pattern.strip_suffix("!UTC") {
        Some(body) => (body, true),
        None => (pattern, false),
    };
    let mut tokens = Vec::new();
    let mut literal = String::new();
    let mut i = 0;
    while i < body.len() {
        let rest = &body[i..];
        // `[` escapes a token only, as loguru: `[YYYY]` is the text `YYYY`; any other `[`
        // is itself (`[at]` stays `[at]`, `a` and `t` not being tokens).
        if let Some(escaped) = escaped_token(rest) {
            literal.push_str(escaped);
            i += escaped.len() + 2;
            continue;
        }
        let (token, len) = if rest.starts_with('S') {
            let n = rest.bytes().take_while(|&b| b == b'S').count();
            if n > MAX_FRACTION {
                return Err(Error::new(
                    ErrorKind::InvalidTime,
                    i..i + n,
                    format!(
                        "`{}` asks for {n} digits of a second, but there are at most \
                         {MAX_FRACTION} (nanoseconds)",
                        &rest[..n]
                    ),
                )
                .with_help(
                    "write 1 to 9 `S`: `SSS` for milliseconds, `SSSSSS` for \
                     microseconds, `SSSSSSSSS` for nanoseconds",
                ));
            }
            (TimeToken::Fraction(n as u8), n)
        } else if let Some((text, token)) = TOKENS.iter().find(|(text, _)| rest.starts_with(text)) {
            (token.clone(), text.len())
        } else {
            let c = rest.chars().next().unwrap_or_default();
            literal.push(c);
            i += c.len_utf8();
            continue;
        };
        if !literal.is_empty() {
            tokens.push(TimeToken::Literal(std::mem::take(&mut literal).into()));
        }
        tokens.push(token);
        i += len;
    }
    if !literal.is_empty() {
        tokens.push(TimeToken::Literal(literal.into()));
    }
    Ok(TimeFormat { tokens: tokens.into(), utc })
}

/// The token `rest` starts with inside `[` `]`, if it does: `[YYYY]`, `[SSS]`, `[A]`.
fn escaped_token(rest: &str) -> Option<&str> {
    let inner = &rest.strip_prefix('[')?;
    let inner = &inner[..inner.find(']')?];
    let is_token = (!inner.is_empty() && inner.bytes().all(|b| b == b'S'))
        || TOKENS.iter().any(|(text, _)| *text == inner);
    is_token.then_some(inner)
}

/// The most `S` a fraction of a second may have (nanoseconds).
const MAX_FRACTION: usize = 9;

/// The tokens other than `S…`, each before any token it starts with (longest match first).
const TOKENS: &[(&str, TimeToken)] = &[
    ("YYYY", TimeToken::Year),
    ("YY", TimeToken::Year2),
    ("Q", TimeToken::Quarter),
    ("MMMM", TimeToken::MonthName),
    ("MMM", TimeToken::MonthAbbr),
    ("MM", TimeToken::Month2),
    ("M", TimeToken::Month),
    ("DDDD", TimeToken::DayOfYear3),
    ("DDD", TimeToken::DayOfYear),
    ("Do", TimeToken::DayOrdinal),
    ("DD", TimeToken::Day2),
    ("D", TimeToken::Day),
    ("dddd", TimeToken::WeekdayName),
    ("ddd", TimeToken::WeekdayAbbr),
    ("d", TimeToken::Weekday),
    ("E", TimeToken::IsoWeekday),
    ("HH", TimeToken::Hour2),
    ("H", TimeToken::Hour),
    ("hh", TimeToken::Hour12_2),
    ("h", TimeToken::Hour12),
    ("mm", TimeToken::Minute2),
    ("m", TimeToken::Minute),
    ("ss", TimeToken::Second2),
    ("s", TimeToken::Second),
    ("X", TimeToken::Timestamp),
    ("x", TimeToken::TimestampMicros),
    ("A", TimeToken::AmPm),
    ("ZZ", TimeToken::OffsetCompact),
    ("Z", TimeToken::Offset),
    ("zz", TimeToken::ZoneName),
];
