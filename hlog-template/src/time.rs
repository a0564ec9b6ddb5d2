//! loguru's time patterns (`{time:YYYY-MM-DD HH:mm:ss.SSS}`), not strftime.

use crate::Error;

/// A parsed time pattern.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TimeFormat {
    /// Tokens in order.
    pub tokens: Vec<TimeToken>,
    /// `!UTC` suffix: render in UTC instead of local time.
    pub utc: bool,
}

/// One token of a time pattern (loguru's table).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeToken {
    /// Literal text (`[text]` escapes, and any character that is not a token).
    Literal(String),
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
    /// `S` … `SSSSSS`: fraction of a second with 1–6 digits (truncated)
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

/// Parse a time pattern such as `"YYYY-MM-DD HH:mm:ss.SSS"` or `"HH:mm [at] X!UTC"`.
/// Error ranges are relative to `pattern`.
///
/// # Examples
///
/// ```
/// use hlog_template::{parse_time, TimeToken};
/// let f = parse_time("HH:mm!UTC").unwrap();
/// assert!(f.utc);
/// assert_eq!(f.tokens, [TimeToken::Hour2, TimeToken::Literal(":".into()), TimeToken::Minute2]);
/// ```
pub fn parse_time(pattern: &str) -> Result<TimeFormat, Error> {
    let _ = pattern;
    todo!("implemented by the parser work")
}
