//! Broken-down civil time: a timestamp as year, month, day, … in a zone.

use super::Timestamp;
use super::zone::{MAX_OFFSET, Zone};
use time::{OffsetDateTime, UtcOffset};

/// First second of -9999-01-01 UTC: the `time` crate's smallest date without `large-dates`.
const MIN_UNIX: i64 = -377_705_116_800;
/// Last second of 9999-12-31 UTC: the `time` crate's largest date without `large-dates`.
const MAX_UNIX: i64 = 253_402_300_799;

/// A timestamp broken down into calendar fields in some zone (the wall-clock time there), for
/// the file sink's rotation boundaries and names. (Tested by `time::tests::civil`.)
///
/// Timestamps beyond the years ±9999 are clamped to those bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Civil<'z> {
    /// Year (proleptic Gregorian; 2026).
    pub(crate) year: i32,
    /// Month, 1 (January) – 12 (December).
    pub(crate) month: u8,
    /// Day of the month, 1–31.
    pub(crate) day: u8,
    /// Hour, 0–23.
    pub(crate) hour: u8,
    /// Minute, 0–59.
    pub(crate) minute: u8,
    /// Second, 0–59.
    pub(crate) second: u8,
    /// Nanoseconds past the second, 0–999 999 999.
    pub(crate) nanos: u32,
    /// Day of the week, 0 (Monday) – 6 (Sunday).
    pub(crate) weekday: u8,
    /// Day of the year, 1–366.
    pub(crate) ordinal: u16,
    /// Offset from UTC in seconds, east positive.
    pub(crate) offset: i32,
    /// The zone's abbreviation at that instant (`CET`, `CEST`, `UTC`).
    pub(crate) abbreviation: &'z str,
}

impl<'z> Civil<'z> {
    /// Breaks `ts` down into the wall-clock time of `zone` (no caching: see
    /// [`render`](super::render()) for the cached path).
    pub(crate) fn new(ts: Timestamp, zone: &'z Zone) -> Civil<'z> {
        let (offset, abbreviation) = zone.offset_at(ts.secs());
        let f = Fields::compute(ts.secs(), offset);
        Civil {
            year: f.year,
            month: f.month,
            day: f.day,
            hour: f.hour,
            minute: f.minute,
            second: f.second,
            nanos: ts.nanos(),
            weekday: f.weekday,
            ordinal: f.ordinal,
            offset: f.offset,
            abbreviation,
        }
    }
}

/// The calendar fields of one whole second at one offset (what the render cache keeps).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fields {
    pub(crate) year: i32,
    pub(crate) month: u8,
    pub(crate) day: u8,
    pub(crate) hour: u8,
    pub(crate) minute: u8,
    pub(crate) second: u8,
    pub(crate) weekday: u8,
    pub(crate) ordinal: u16,
    pub(crate) offset: i32,
}

impl Fields {
    pub(crate) const EPOCH: Fields = Fields {
        year: 1970,
        month: 1,
        day: 1,
        hour: 0,
        minute: 0,
        second: 0,
        weekday: 3,
        ordinal: 1,
        offset: 0,
    };

    /// Calendar fields of `unix_secs` at `offset` seconds east of UTC, with the `time` crate.
    /// Never panics: the instant is clamped to years ±9999, the offset to ±25:59:59.
    pub(crate) fn compute(unix_secs: i64, offset: i32) -> Fields {
        let offset = offset.clamp(-MAX_OFFSET, MAX_OFFSET);
        // Both the instant and its wall-clock time must be within the `time` crate's range.
        let lo = MIN_UNIX.max(MIN_UNIX - i64::from(offset));
        let hi = MAX_UNIX.min(MAX_UNIX - i64::from(offset));
        let secs = unix_secs.clamp(lo, hi);
        let (Ok(utc), Ok(off)) =
            (OffsetDateTime::from_unix_timestamp(secs), UtcOffset::from_whole_seconds(offset))
        else {
            return Fields::EPOCH;
        };
        let Some(dt) = utc.checked_to_offset(off) else {
            return Fields::EPOCH;
        };
        let (year, month, day) = dt.to_calendar_date();
        let (hour, minute, second) = dt.to_hms();
        Fields {
            year,
            month: month as u8,
            day,
            hour,
            minute,
            second,
            weekday: dt.weekday().number_days_from_monday(),
            ordinal: dt.ordinal(),
            offset,
        }
    }
}
