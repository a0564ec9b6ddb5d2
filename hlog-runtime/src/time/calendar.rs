//! Calendar arithmetic for rules that fire at wall-clock times: the next local boundary (hour,
//! day at a time, week day, month, year) after an instant, the instant a local date-time first
//! happens in a zone, a grid of instants, and wall-clock fields read back as an instant.
//!
//! Pure: nothing here reads the clock. Local date-times are the `time` crate's; instants are
//! [`Timestamp`]s, saturating at the ends of their range.

use std::time::Duration;

use time::{Date, Month, PrimitiveDateTime, Time, Weekday};

use super::{Civil, Timestamp, Zone};

/// A boundary that never comes (a calendar past the year 9999).
pub(crate) const NEVER: Timestamp = Timestamp::from_unix(i64::MAX, 999_999_999);

/// Nanoseconds since the epoch.
pub(crate) fn nanos_of(t: Timestamp) -> i128 {
    i128::from(t.secs()) * 1_000_000_000 + i128::from(t.nanos())
}

/// The timestamp `nanos` after the epoch, saturating at the ends of `i64` seconds.
pub(crate) fn timestamp_of(nanos: i128) -> Timestamp {
    let secs = nanos.div_euclid(1_000_000_000);
    let secs = i64::try_from(secs).unwrap_or(if secs < 0 { i64::MIN } else { i64::MAX });
    Timestamp::from_unix(secs, nanos.rem_euclid(1_000_000_000) as u32)
}

/// The first point of the grid `anchor + k × step` (k ≥ 1) strictly after `now`.
pub(crate) fn grid_after(anchor: Timestamp, step: Duration, now: Timestamp) -> Timestamp {
    let step = i128::try_from(step.as_nanos()).unwrap_or(i128::MAX);
    let (anchor, now) = (nanos_of(anchor), nanos_of(now));
    if step == 0 {
        return timestamp_of(now.saturating_add(1));
    }
    let k = if now < anchor { 0 } else { (now - anchor) / step };
    timestamp_of(anchor.saturating_add(step.saturating_mul(k + 1)))
}

/// A wall-clock rule: which local date-times are boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Calendar {
    /// Every `HH:00:00`.
    Hourly,
    /// Every day at this time.
    Daily(Time),
    /// Every week on this day at this time.
    Weekly(Weekday, Time),
    /// The 1st of each month, 00:00.
    Monthly,
    /// January 1st, 00:00.
    Yearly,
}

impl Calendar {
    /// The first boundary strictly after the local date-time `after`, as a local date-time
    /// (`None` past the calendar's end).
    fn next_civil(self, after: PrimitiveDateTime) -> Option<PrimitiveDateTime> {
        let date = after.date();
        let next = match self {
            Calendar::Hourly => {
                date.with_hms(after.hour(), 0, 0).ok()?.checked_add(time::Duration::HOUR)?
            }
            Calendar::Daily(time) => {
                let today = date.with_time(time);
                if today > after { today } else { date.next_day()?.with_time(time) }
            }
            Calendar::Weekly(day, time) => {
                let ahead = (i64::from(day.number_days_from_monday())
                    - i64::from(date.weekday().number_days_from_monday()))
                .rem_euclid(7);
                let first = date.checked_add(time::Duration::days(ahead))?.with_time(time);
                if first > after { first } else { first.checked_add(time::Duration::WEEK)? }
            }
            Calendar::Monthly => {
                let (year, month) = match date.month() {
                    Month::December => (date.year().checked_add(1)?, Month::January),
                    month => (date.year(), month.next()),
                };
                Date::from_calendar_date(year, month, 1).ok()?.midnight()
            }
            Calendar::Yearly => {
                Date::from_calendar_date(date.year().checked_add(1)?, Month::January, 1)
                    .ok()?
                    .midnight()
            }
        };
        Some(next)
    }
}

/// The local date-time of `t` in `zone`.
fn local_date_time(t: Timestamp, zone: &Zone) -> Option<PrimitiveDateTime> {
    let c = Civil::new(t, zone);
    let date = Date::from_calendar_date(c.year, Month::try_from(c.month).ok()?, c.day).ok()?;
    Some(date.with_time(Time::from_hms_nano(c.hour, c.minute, c.second, c.nanos).ok()?))
}

/// The first instant at which the wall clock of `zone` reads `local` or later: the instant of
/// `local` if it exists once, the earlier of the two if the clock went back over it, and the
/// end of the gap if the clock jumped over it.
fn first_instant(local: PrimitiveDateTime, zone: &Zone) -> Timestamp {
    let as_utc = local.assume_utc();
    let wall = as_utc.unix_timestamp();
    let nanos = as_utc.nanosecond();
    let offset = |t: i64| i64::from(zone.offset_at(t).0);
    // The offsets in force around that wall time; an instant is `wall - offset` for one of
    // them if it exists at all.
    let offsets = [-86_400, 0, 86_400].map(|d| offset(wall.saturating_add(d)));
    let exact = offsets.iter().map(|o| wall - o).filter(|t| wall - offset(*t) == *t).min();
    if let Some(t) = exact {
        return Timestamp::from_unix(t, nanos);
    }
    // In a gap: the clock jumps over `local` between these two instants; find the jump.
    let reached = |t: i64| {
        let w = t + offset(t);
        w > wall || (w == wall && nanos == 0)
    };
    let (mut lo, mut hi) = (
        wall - offsets.iter().max().copied().unwrap_or(0),
        wall - offsets.iter().min().copied().unwrap_or(0),
    );
    if reached(lo) {
        return Timestamp::from_unix(lo, 0);
    }
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if reached(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Timestamp::from_unix(hi, 0)
}

/// The first boundary of `calendar` strictly after `after`. Each local boundary counts once,
/// at the first instant the wall clock reaches it, so a boundary the clock passes twice (when
/// it goes back) counts once.
pub(crate) fn next_boundary(calendar: Calendar, after: Timestamp, zone: &Zone) -> Timestamp {
    let Some(mut local) = local_date_time(after, zone).and_then(|c| calendar.next_civil(c)) else {
        return NEVER;
    };
    // A few rounds at most: only a boundary the clock already reached before going back is
    // skipped.
    for _ in 0..1000 {
        let t = first_instant(local, zone);
        if t > after {
            return t;
        }
        match calendar.next_civil(local) {
            Some(next) => local = next,
            None => return NEVER,
        }
    }
    NEVER
}

/// Wall-clock fields `[year, month, day, hour, minute, second, nanosecond]` read as if in UTC
/// (`None` for a date that does not exist): enough to order times written by one zone.
pub(crate) fn utc_timestamp(
    [year, month, day, hour, minute, second, nanos]: [i64; 7],
) -> Option<Timestamp> {
    let month = Month::try_from(u8::try_from(month).ok()?).ok()?;
    let date =
        Date::from_calendar_date(i32::try_from(year).ok()?, month, u8::try_from(day).ok()?).ok()?;
    let time = Time::from_hms_nano(
        u8::try_from(hour).ok()?,
        u8::try_from(minute).ok()?,
        u8::try_from(second).ok()?,
        u32::try_from(nanos).ok()?,
    )
    .ok()?;
    let at = PrimitiveDateTime::new(date, time).assume_utc();
    Some(Timestamp::from_unix(at.unix_timestamp(), at.nanosecond()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn far_future_boundaries_saturate() {
        let z = Zone::utc();
        let year_9999 = utc_timestamp([9999, 6, 1, 0, 0, 0, 0]).unwrap();
        assert_eq!(next_boundary(Calendar::Yearly, year_9999, &z), NEVER);
        let start = utc_timestamp([2026, 1, 1, 0, 0, 0, 0]).unwrap();
        assert_eq!(grid_after(start, Duration::MAX, start), NEVER);
    }

    #[test]
    fn wall_clock_fields_read_back() {
        let t = utc_timestamp([2026, 3, 26, 14, 30, 0, 123_456_000]).unwrap();
        assert_eq!(t, Timestamp::from_unix(1_774_535_400, 123_456_000));
        assert_eq!(utc_timestamp([2026, 2, 29, 0, 0, 0, 0]), None);
        assert_eq!(utc_timestamp([2026, 13, 1, 0, 0, 0, 0]), None);
        assert_eq!(timestamp_of(nanos_of(t) - 1), Timestamp::from_unix(1_774_535_400, 123_455_999));
    }
}
