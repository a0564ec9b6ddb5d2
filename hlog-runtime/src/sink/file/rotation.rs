//! When a file sink starts a new file: size, interval, time of day, day of week, calendar
//! frequency, a closure, or any of several.
//!
//! [`Rotation`] is the policy, plain data the user builds or parses from a string;
//! `RotationState` is the strategy that applies it to one sink's files. The state never reads
//! the clock: the sink hands it the time of each record, so tests run on fixed timestamps.
//!
//! The strings [`Rotation::parse`] accepts:
//!
//! ```text
//! rotation    ::= size | duration | frequency | time-of-day | day [ "at" time-of-day ]
//! size        ::= number unit                     ; a bare number ("12") is refused
//! unit        ::= [ prefix [ "i" ] ] ( "B" | "b" ) ; B bytes, b bits; K M G T P E Z Y
//! duration    ::= number time-unit { [","] number time-unit }
//! time-unit   ::= y | years | months | w | weeks | d | days | h | hours | min | minutes
//!               | s | sec | seconds | ms | milliseconds | us | microseconds (and singulars)
//! frequency   ::= "hourly" | "daily" | "weekly" | "monthly" | "yearly"
//! time-of-day ::= H ":" MM [ ":" SS [ "." fraction ] ] [ am-pm ] | H am-pm
//! day         ::= "monday" … "sunday" | "w0" … "w6"  ; w0 = Monday
//! number      ::= digits [ "." digits ] [ "e" [ sign ] digits ]
//! ```
//!
//! Words and units are case-insensitive, except `B` (bytes) against `b` (bits).

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use super::spec::{Amount, FileInfo, SpecError, parse_size_or_duration};
use crate::record::Record;
use crate::time::calendar::{Calendar, NEVER, grid_after, next_boundary};
use crate::time::{Timestamp, Zone};

/// When a file sink closes its file and starts a new one.
///
/// Build one with the named constructors ([`Rotation::size`], [`Rotation::every`],
/// [`Rotation::daily_at`], [`Rotation::weekly_on`], [`Rotation::daily`], [`Rotation::when`],
/// [`Rotation::any`], …), parse loguru's strings with [`Rotation::parse`] (`"10 MB"`,
/// `"1 day"`, `"00:00"`, `"monday at 12:00"`, `"weekly"`), or convert a size in bytes (`u64`)
/// or a [`Duration`].
///
/// Rotation is checked when a record is about to be written, never by a timer: the record that
/// triggers it goes into the new file, and a quiet spell that skips several periods gives one
/// rotation. A file with nothing in it is never rotated; its first record goes into it, however
/// large, and time-based rules move on to their next boundary. Times of day, days of the week
/// and calendar boundaries are local times in the sink's zone and follow daylight saving time:
/// a time that does not exist that day (skipped by the clock going forward) rotates at the first
/// instant after the gap, and a time that occurs twice (the clock going back) rotates once, at
/// its first occurrence.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use hlog::sink::file::Rotation;
///
/// assert_eq!(Rotation::parse("10 MB"), Ok(Rotation::size(10_000_000)));
/// assert_eq!(Rotation::parse("1 day"), Ok(Rotation::every(Duration::from_secs(86_400))));
/// assert_eq!(Rotation::parse("00:00"), Ok(Rotation::daily_at(0, 0)));
/// assert_eq!(Rotation::from(500_u64), Rotation::size(500));
/// let either = Rotation::any([Rotation::size(10_000_000), Rotation::daily()]);
/// assert!(matches!(either, Rotation::Any(ref list) if list.len() == 2));
/// ```
#[derive(Clone)]
#[non_exhaustive]
pub enum Rotation {
    /// Before a record that would take a non-empty file past this many bytes. A file may reach
    /// the limit exactly; a single record larger than the limit goes into an empty file.
    Size(u64),
    /// Every so long, on a grid anchored at the first file's start (elapsed time: 24 hours for
    /// `"1 day"`, whatever daylight saving does; use [`Rotation::daily_at`] for a wall-clock
    /// time).
    Interval(Duration),
    /// Every day at this local time.
    DailyAt(TimeOfDay),
    /// Every week on this day at this local time. The first rotation is the first such moment
    /// after the file was started (a file started on a Wednesday with `"monday at 12:00"` first
    /// rotates the next Monday).
    WeeklyOn(Weekday, TimeOfDay),
    /// At each local calendar boundary: hour, midnight, Monday midnight, the first of the
    /// month or of the year.
    Calendar(Frequency),
    /// When the closure says so. It sees the record about to be written and the current file;
    /// it is not called for an empty file (never rotated) nor when another rule of an
    /// [`Any`](Rotation::Any) already asks for rotation.
    When(Arc<Condition>),
    /// When any of these would.
    Any(Vec<Rotation>),
    /// This rotation with its times of day, days of the week and calendar boundaries taken in
    /// a zone of its own (loguru's `datetime.time` with a `tzinfo`), while the sink's zone still
    /// names the files. Made by [`Rotation::in_zone`].
    InZone(Box<Rotation>, Zone),
}

/// What [`Rotation::When`] holds: a condition on the record about to be written and the current
/// file.
///
/// # Examples
///
/// ```
/// use std::sync::Arc;
/// use hlog::sink::file::Rotation;
/// use hlog::sink::file::Condition;
///
/// let big: Arc<Condition> = Arc::new(|_record, file| file.size > 1_000_000);
/// let rotation = Rotation::When(big);
/// # let _ = rotation;
/// ```
pub type Condition = dyn Fn(&Record<'_>, &FileInfo<'_>) -> bool + Send + Sync;

/// A time of day on the wall clock, to the nanosecond: `18:30:15`.
///
/// # Examples
///
/// ```
/// use hlog::sink::file::TimeOfDay;
///
/// let t = TimeOfDay::new(18, 30, 15).unwrap();
/// assert_eq!((t.hour(), t.minute(), t.second()), (18, 30, 15));
/// assert_eq!(t.to_string(), "18:30:15");
/// assert_eq!(TimeOfDay::new(24, 0, 0), None);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct TimeOfDay {
    hour: u8,
    minute: u8,
    second: u8,
    nanosecond: u32,
}

/// A day of the week. loguru numbers them from Monday: `"w0"` is Monday, `"w6"` Sunday.
///
/// # Examples
///
/// ```
/// use hlog::sink::file::Rotation;
/// use hlog::sink::file::Weekday;
///
/// assert_eq!(Rotation::parse("w6"), Ok(Rotation::weekly_on(Weekday::Sunday, 0, 0)));
/// assert_eq!(Weekday::Monday as u8, 0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[allow(missing_docs)] // the names say it all
pub enum Weekday {
    Monday = 0,
    Tuesday = 1,
    Wednesday = 2,
    Thursday = 3,
    Friday = 4,
    Saturday = 5,
    Sunday = 6,
}

/// A calendar frequency: rotate at each local boundary of the hour, day, week (Monday 00:00),
/// month (the 1st, 00:00) or year (January 1st, 00:00).
///
/// # Examples
///
/// ```
/// use hlog::sink::file::Rotation;
/// use hlog::sink::file::Frequency;
///
/// assert_eq!(Rotation::parse("Monthly"), Ok(Rotation::Calendar(Frequency::Monthly)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Frequency {
    /// At the start of every hour.
    Hourly,
    /// At midnight.
    Daily,
    /// At midnight between Sunday and Monday.
    Weekly,
    /// At midnight on the first of every month.
    Monthly,
    /// At midnight on January 1st.
    Yearly,
}

impl TimeOfDay {
    /// 00:00:00.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::file::TimeOfDay;
    ///
    /// assert_eq!(TimeOfDay::MIDNIGHT, TimeOfDay::new(0, 0, 0).unwrap());
    /// ```
    pub const MIDNIGHT: TimeOfDay = TimeOfDay { hour: 0, minute: 0, second: 0, nanosecond: 0 };

    /// A time of day, or `None` if out of range (hour 0–23, minute and second 0–59).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::file::TimeOfDay;
    ///
    /// assert!(TimeOfDay::new(23, 59, 59).is_some());
    /// assert!(TimeOfDay::new(12, 60, 0).is_none());
    /// ```
    pub const fn new(hour: u8, minute: u8, second: u8) -> Option<TimeOfDay> {
        if hour < 24 && minute < 60 && second < 60 {
            Some(TimeOfDay { hour, minute, second, nanosecond: 0 })
        } else {
            None
        }
    }

    /// The same time with nanoseconds past the second, or `None` if `nanosecond` is a second
    /// or more.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::file::TimeOfDay;
    ///
    /// let t = TimeOfDay::new(12, 0, 0).unwrap().with_nanosecond(500_000_000).unwrap();
    /// assert_eq!(t.to_string(), "12:00:00.5");
    /// ```
    pub const fn with_nanosecond(self, nanosecond: u32) -> Option<TimeOfDay> {
        if nanosecond < 1_000_000_000 { Some(TimeOfDay { nanosecond, ..self }) } else { None }
    }

    /// The hour, 0–23.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::file::TimeOfDay;
    ///
    /// assert_eq!(TimeOfDay::new(16, 0, 0).unwrap().hour(), 16);
    /// ```
    pub const fn hour(self) -> u8 {
        self.hour
    }

    /// The minute, 0–59.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::file::TimeOfDay;
    ///
    /// assert_eq!(TimeOfDay::new(16, 45, 0).unwrap().minute(), 45);
    /// ```
    pub const fn minute(self) -> u8 {
        self.minute
    }

    /// The second, 0–59.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::file::TimeOfDay;
    ///
    /// assert_eq!(TimeOfDay::new(16, 45, 30).unwrap().second(), 30);
    /// ```
    pub const fn second(self) -> u8 {
        self.second
    }

    /// Nanoseconds past the second.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::file::TimeOfDay;
    ///
    /// assert_eq!(TimeOfDay::new(1, 2, 3).unwrap().nanosecond(), 0);
    /// ```
    pub const fn nanosecond(self) -> u32 {
        self.nanosecond
    }

    fn to_time(self) -> ::time::Time {
        ::time::Time::from_hms_nano(self.hour, self.minute, self.second, self.nanosecond)
            .unwrap_or(::time::Time::MIDNIGHT)
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}:{:02}", self.hour, self.minute, self.second)?;
        if self.nanosecond != 0 {
            let digits = format!("{:09}", self.nanosecond);
            write!(f, ".{}", digits.trim_end_matches('0'))?;
        }
        Ok(())
    }
}

impl fmt::Debug for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl Weekday {
    const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];
    const NAMES: [&'static str; 7] =
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
}

impl Rotation {
    /// Rotate before a record that would take a non-empty file past `bytes`.
    ///
    /// `0` is refused when the sink is added (every record would get a file of its own).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::file::Rotation;
    ///
    /// assert_eq!(Rotation::parse("1 KiB"), Ok(Rotation::size(1024)));
    /// ```
    pub const fn size(bytes: u64) -> Rotation {
        Rotation::Size(bytes)
    }

    /// Rotate every `interval` of elapsed time, on a grid anchored at the first file's start:
    /// started at 10:30 with one hour, the boundaries are 11:30, 12:30, …; after a quiet spell
    /// a record at 15:45 rotates and the next boundary is 16:30.
    ///
    /// A zero interval is refused when the sink is added.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use hlog::sink::file::Rotation;
    ///
    /// let r = Rotation::every(Duration::from_secs(3600));
    /// assert_eq!(Rotation::parse("1 hour"), Ok(r));
    /// ```
    pub const fn every(interval: Duration) -> Rotation {
        Rotation::Interval(interval)
    }

    /// Rotate every day at `hour:minute` local time (the first time being the next occurrence
    /// after the file was started). For seconds, use `Rotation::DailyAt(TimeOfDay::new(..))`.
    ///
    /// # Panics
    ///
    /// If `hour` is over 23 or `minute` over 59 (in a `const` this is a compile error).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::file::Rotation;
    ///
    /// assert_eq!(Rotation::parse("4 PM"), Ok(Rotation::daily_at(16, 0)));
    /// ```
    pub const fn daily_at(hour: u8, minute: u8) -> Rotation {
        match TimeOfDay::new(hour, minute, 0) {
            Some(time) => Rotation::DailyAt(time),
            None => panic!("Rotation::daily_at: hour must be 0-23 and minute 0-59"),
        }
    }

    /// Rotate every week on `weekday` at `hour:minute` local time; the first time is the next
    /// such moment after the file was started.
    ///
    /// # Panics
    ///
    /// If `hour` is over 23 or `minute` over 59 (in a `const` this is a compile error).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::file::Rotation;
    /// use hlog::sink::file::Weekday;
    ///
    /// let r = Rotation::weekly_on(Weekday::Monday, 12, 0);
    /// assert_eq!(Rotation::parse("monday at 12:00"), Ok(r));
    /// ```
    pub const fn weekly_on(weekday: Weekday, hour: u8, minute: u8) -> Rotation {
        match TimeOfDay::new(hour, minute, 0) {
            Some(time) => Rotation::WeeklyOn(weekday, time),
            None => panic!("Rotation::weekly_on: hour must be 0-23 and minute 0-59"),
        }
    }

    /// Rotate at the start of every local hour.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::file::Rotation;
    ///
    /// assert_eq!(Rotation::parse("hourly"), Ok(Rotation::hourly()));
    /// ```
    pub const fn hourly() -> Rotation {
        Rotation::Calendar(Frequency::Hourly)
    }

    /// Rotate at local midnight.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::file::Rotation;
    ///
    /// assert_eq!(Rotation::parse("daily"), Ok(Rotation::daily()));
    /// ```
    pub const fn daily() -> Rotation {
        Rotation::Calendar(Frequency::Daily)
    }

    /// Rotate at local midnight between Sunday and Monday.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::file::Rotation;
    ///
    /// assert_eq!(Rotation::parse("weekly"), Ok(Rotation::weekly()));
    /// ```
    pub const fn weekly() -> Rotation {
        Rotation::Calendar(Frequency::Weekly)
    }

    /// Rotate at local midnight on the first of each month.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::file::Rotation;
    ///
    /// assert_eq!(Rotation::parse("monthly"), Ok(Rotation::monthly()));
    /// ```
    pub const fn monthly() -> Rotation {
        Rotation::Calendar(Frequency::Monthly)
    }

    /// Rotate at local midnight on January 1st.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::file::Rotation;
    ///
    /// assert_eq!(Rotation::parse("yearly"), Ok(Rotation::yearly()));
    /// ```
    pub const fn yearly() -> Rotation {
        Rotation::Calendar(Frequency::Yearly)
    }

    /// Rotate when `condition` returns `true` for the record about to be written and the
    /// current file. It is not called while the file is empty (an empty file is never rotated).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::file::Rotation;
    ///
    /// // A new file after each ERROR-or-worse record once the file holds 1 MB.
    /// let r = Rotation::when(|record, file| {
    ///     file.size >= 1_000_000 && record.level().no() >= hlog::Level::ERROR.no()
    /// });
    /// assert!(matches!(r, Rotation::When(_)));
    /// ```
    pub fn when<F>(condition: F) -> Rotation
    where
        F: Fn(&Record<'_>, &FileInfo<'_>) -> bool + Send + Sync + 'static,
    {
        Rotation::When(Arc::new(condition))
    }

    /// Rotate when any of `rotations` would.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::file::Rotation;
    ///
    /// let r = Rotation::any([Rotation::size(50_000_000), Rotation::daily_at(0, 0)]);
    /// assert_eq!(r, Rotation::Any(vec![Rotation::size(50_000_000), Rotation::daily_at(0, 0)]));
    /// ```
    pub fn any(rotations: impl IntoIterator<Item = Rotation>) -> Rotation {
        Rotation::Any(rotations.into_iter().collect())
    }

    /// This rotation with its wall-clock rules (a time of day, a day of the week, a calendar
    /// frequency) evaluated in `zone` rather than in the sink's zone; the sink's zone still
    /// names the rotated files. Sizes, intervals and closures do not depend on a zone.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::file::{Rotation, TimeOfDay};
    /// use hlog::time::Zone;
    ///
    /// // Noon in New York, whatever zone the sink names its files in.
    /// let new_york = Zone::from_posix_tz("EST5EDT,M3.2.0,M11.1.0").unwrap();
    /// let noon = TimeOfDay::new(12, 0, 0).unwrap();
    /// let rotation = Rotation::from(noon).in_zone(new_york);
    /// let Rotation::InZone(inner, _) = &rotation else { unreachable!() };
    /// assert_eq!(**inner, Rotation::daily_at(12, 0));
    /// ```
    pub fn in_zone(self, zone: Zone) -> Rotation {
        Rotation::InZone(Box::new(self), zone)
    }

    /// Parse one of loguru's rotation strings: a size (`"500 KB"`, `"10 MB"`, `"0.5 GB"`,
    /// `"2 GiB"`, `"1 Kb"` = 125 bytes, `"4096 B"`), a duration (`"1 day"`, `"12 hours"`,
    /// `"1h 30min"`), a frequency (`"hourly"` … `"yearly"`), a time of day (`"00:00"`,
    /// `"18:30:15"`, `"4 PM"`, `"10:30 pm"`) or a day of the week with an optional time
    /// (`"sunday"`, `"monday at 12:00"`, `"w0"` … `"w6"` with `w0` = Monday).
    ///
    /// Size prefixes `K M G T P E Z Y` are powers of 1000 and `Ki Mi Gi …` powers of 1024;
    /// `B` is bytes and a lower-case `b` bits. Duration units are loguru's: `y`/`years` (365
    /// days), `months` (a twelfth of a year: 30 days 10 hours), `w`/`weeks`, `d`/`days`,
    /// `h`/`hours`, `min`/`minutes`, `s`/`sec`/`seconds`, `ms`/`milliseconds`,
    /// `us`/`microseconds`; several parts add up. A number without a unit is refused, because
    /// it reads two ways: loguru takes `"12"` for noon, a size reader for 12 bytes; write
    /// `"12 B"` or `"12:00"`. (The typed [`Rotation::size`] and `Rotation::from(12u64)` are
    /// bytes.)
    ///
    /// # Errors
    ///
    /// A [`SpecError`] quoting the input, saying which kind of value it looked like and what
    /// is wrong, and listing the accepted forms: for an empty string, `"12"` (no unit),
    /// negative or zero amounts, unknown units (`"10 MBs"`), `"25:00"`, `"13 PM"`, `"w7"`,
    /// `"true"`, …; and for a value out of range, which is never capped: a size over
    /// `u64::MAX` bytes (16 EiB) or a duration over 1000 years. Any string at all gives a
    /// value or an error, never a panic.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::file::Rotation;
    ///
    /// assert_eq!(Rotation::parse("1 Kb"), Ok(Rotation::size(125)));
    /// let err = Rotation::parse("10 MBs").unwrap_err();
    /// assert!(err.to_string().starts_with(r#"invalid rotation "10 MBs": expected a size"#));
    /// ```
    pub fn parse(input: &str) -> Result<Rotation, SpecError> {
        parse_rotation(input.trim()).map_err(|reason| rotation_error(input, &reason))
    }

    /// Refuse what a string would be refused for but a typed value can still say: a size of
    /// 0 bytes and a zero interval (in a list too). Called when the sink is added.
    pub(crate) fn validate(&self) -> Result<(), SpecError> {
        match self {
            Rotation::Size(0) => Err(rotation_error("0", ZERO_SIZE)),
            Rotation::Interval(interval) if interval.is_zero() => Err(rotation_error(
                &format!("{interval:?}"),
                "expected a duration, but it is zero: give a positive duration",
            )),
            Rotation::Any(list) => list.iter().try_for_each(Rotation::validate),
            Rotation::InZone(rotation, _) => rotation.validate(),
            _ => Ok(()),
        }
    }
}

impl fmt::Debug for Rotation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rotation::Size(bytes) => f.debug_tuple("Size").field(bytes).finish(),
            Rotation::Interval(interval) => f.debug_tuple("Interval").field(interval).finish(),
            Rotation::DailyAt(time) => f.debug_tuple("DailyAt").field(time).finish(),
            Rotation::WeeklyOn(day, time) => {
                f.debug_tuple("WeeklyOn").field(day).field(time).finish()
            }
            Rotation::Calendar(frequency) => f.debug_tuple("Calendar").field(frequency).finish(),
            Rotation::When(_) => f.write_str("When(<closure>)"),
            Rotation::Any(list) => f.debug_tuple("Any").field(list).finish(),
            Rotation::InZone(rotation, zone) => {
                f.debug_tuple("InZone").field(rotation).field(zone).finish()
            }
        }
    }
}

/// Closures are equal when they are the same closure (the same `Arc`); zones when they are
/// the same zone (the same rules, as their `Debug` form names them).
impl PartialEq for Rotation {
    fn eq(&self, other: &Rotation) -> bool {
        match (self, other) {
            (Rotation::Size(a), Rotation::Size(b)) => a == b,
            (Rotation::Interval(a), Rotation::Interval(b)) => a == b,
            (Rotation::DailyAt(a), Rotation::DailyAt(b)) => a == b,
            (Rotation::WeeklyOn(a, t), Rotation::WeeklyOn(b, u)) => a == b && t == u,
            (Rotation::Calendar(a), Rotation::Calendar(b)) => a == b,
            (Rotation::When(a), Rotation::When(b)) => Arc::ptr_eq(a, b),
            (Rotation::Any(a), Rotation::Any(b)) => a == b,
            (Rotation::InZone(a, y), Rotation::InZone(b, z)) => {
                a == b && format!("{y:?}") == format!("{z:?}")
            }
            _ => false,
        }
    }
}

impl From<u64> for Rotation {
    /// A size in bytes.
    fn from(bytes: u64) -> Rotation {
        Rotation::Size(bytes)
    }
}

impl From<Duration> for Rotation {
    /// An interval.
    fn from(interval: Duration) -> Rotation {
        Rotation::Interval(interval)
    }
}

impl From<TimeOfDay> for Rotation {
    /// Daily at that time.
    fn from(time: TimeOfDay) -> Rotation {
        Rotation::DailyAt(time)
    }
}

impl FromStr for Rotation {
    type Err = SpecError;

    /// [`Rotation::parse`].
    fn from_str(s: &str) -> Result<Rotation, SpecError> {
        Rotation::parse(s)
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing

const ROTATION_FORMS: &str = "accepted forms: a size (\"500 KB\", \"10 MB\", \"0.5 GB\", \
     \"2 GiB\", \"1 Kb\" = 125 bytes, \"4096 B\"), a duration (\"30 min\", \
     \"12 hours\", \"1 day\", \"1 week\", \"1h 30min\"), a frequency (\"hourly\", \"daily\", \
     \"weekly\", \"monthly\", \"yearly\"), a time of day (\"00:00\", \"18:30:15\", \"4 PM\", \
     \"10:30 pm\"), a day of the week with an optional time (\"sunday\", \
     \"monday at 12:00\", \"w0\" to \"w6\" with w0 = Monday)";

const ZERO_SIZE: &str =
    "expected a size, but 0 bytes would start a new file for every record: give a positive size";

fn rotation_error(input: &str, reason: &str) -> SpecError {
    SpecError::new("rotation", input, format!("{reason}; {ROTATION_FORMS}"))
}

/// `s` is trimmed. The error is the reason, phrased "expected …, but …" when the text looks
/// like one kind of value.
fn parse_rotation(s: &str) -> Result<Rotation, String> {
    if s.is_empty() {
        return Err("the text is empty".to_owned());
    }
    let lower = s.to_ascii_lowercase();
    if let Some(frequency) = parse_frequency(&lower) {
        return Ok(Rotation::Calendar(frequency));
    }
    if s.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return parse_day_rotation(s, &lower);
    }
    if lower.contains(':') || has_meridiem(&lower) {
        return parse_time_of_day(s, false)
            .map(Rotation::DailyAt)
            .map_err(|reason| format!("expected a time of day, but {reason}"));
    }
    match parse_size_or_duration(s)? {
        Amount::Size(0) => Err(ZERO_SIZE.to_owned()),
        Amount::Size(bytes) => Ok(Rotation::Size(bytes)),
        Amount::Duration(interval) => Ok(Rotation::Interval(interval)),
    }
}

fn parse_frequency(lower: &str) -> Option<Frequency> {
    Some(match lower {
        "hourly" => Frequency::Hourly,
        "daily" => Frequency::Daily,
        "weekly" => Frequency::Weekly,
        "monthly" => Frequency::Monthly,
        "yearly" => Frequency::Yearly,
        _ => return None,
    })
}

fn has_meridiem(lower: &str) -> bool {
    lower.ends_with("am") || lower.ends_with("pm")
}

/// A day of the week, alone or `<day> at <time>`; or a word that is none of the forms.
fn parse_day_rotation(s: &str, lower: &str) -> Result<Rotation, String> {
    let words: Vec<&str> = s.split_whitespace().collect();
    if let Some(at) = words.iter().position(|w| w.eq_ignore_ascii_case("at")) {
        if at == 0 {
            return Err("expected a day of the week before \"at\"".to_owned());
        }
        let day = parse_weekday(&words[..at].join(" "))?;
        if at + 1 == words.len() {
            return Err("expected a time of day after \"at\"".to_owned());
        }
        let time = parse_time_of_day(&words[at + 1..].join(" "), true)
            .map_err(|reason| format!("expected a time of day after \"at\", but {reason}"))?;
        return Ok(Rotation::WeeklyOn(day, time));
    }
    if looks_like_day(lower) {
        return parse_weekday(s).map(|day| Rotation::WeeklyOn(day, TimeOfDay::MIDNIGHT));
    }
    if lower.ends_with("ly") {
        return Err(format!(
            "expected a frequency, but \"{s}\" is not one (hourly, daily, weekly, monthly, \
             yearly)"
        ));
    }
    Err("not a size, a duration, a frequency, a time of day or a day of the week".to_owned())
}

/// `w` and digits, or the start of a day's name.
fn looks_like_day(lower: &str) -> bool {
    let w_number =
        lower.len() > 1 && lower.starts_with('w') && lower[1..].bytes().all(|b| b.is_ascii_digit());
    w_number
        // `get`: the third byte may be inside a character (`"miércoles"`).
        || lower.get(..3).is_some_and(|start| Weekday::NAMES.iter().any(|n| n.starts_with(start)))
}

fn parse_weekday(s: &str) -> Result<Weekday, String> {
    let lower = s.trim().to_ascii_lowercase();
    if let Some(i) = Weekday::NAMES.iter().position(|name| *name == lower) {
        return Ok(Weekday::ALL[i]);
    }
    let digits = lower.strip_prefix('w').unwrap_or("");
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return match digits.parse::<usize>() {
            Ok(i) if i < 7 => Ok(Weekday::ALL[i]),
            _ => Err(format!(
                "expected a day of the week, but \"{s}\" is out of range: w0 (Monday) to w6 \
                 (Sunday)"
            )),
        };
    }
    Err(format!(
        "expected a day of the week, but \"{s}\" is not one (monday to sunday, or w0 to w6 with \
         w0 = Monday)"
    ))
}

/// `H:MM`, `H:MM:SS`, `H:MM:SS.fraction`, each with an optional `am`/`pm`, or `H am`/`H pm`;
/// a bare hour `H` too when `bare_hour` (after "at"). The error is the reason.
fn parse_time_of_day(s: &str, bare_hour: bool) -> Result<TimeOfDay, String> {
    let s = s.trim();
    let lower = s.to_ascii_lowercase();
    let (clock, meridiem) = match lower.strip_suffix("am") {
        Some(clock) => (clock.trim_end(), Some(false)),
        None => match lower.strip_suffix("pm") {
            Some(clock) => (clock.trim_end(), Some(true)),
            None => (lower.as_str(), None),
        },
    };
    let not_a_time = || format!("\"{s}\" is not a time of day (H:MM, H:MM:SS, H AM, H:MM PM)");
    let parts: Vec<&str> = clock.split(':').collect();
    if parts.len() > 3 || (parts.len() == 1 && meridiem.is_none() && !bare_hour) {
        return Err(not_a_time());
    }
    let number = |part: &str| -> Option<u32> {
        (1..=2).contains(&part.len()).then_some(())?;
        part.bytes().all(|b| b.is_ascii_digit()).then(|| part.parse().ok())?
    };
    let hour = number(parts[0]).ok_or_else(not_a_time)?;
    let minute = match parts.get(1) {
        Some(part) => number(part).ok_or_else(not_a_time)?,
        None => 0,
    };
    let (second, nanosecond) = match parts.get(2) {
        Some(part) => {
            let (whole, fraction) = part.split_once('.').unwrap_or((part, ""));
            let second = number(whole).ok_or_else(not_a_time)?;
            if fraction.len() > 9 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
                return Err(not_a_time());
            }
            if part.contains('.') && fraction.is_empty() {
                return Err(not_a_time());
            }
            let nanos = format!("{fraction:0<9}").parse::<u32>().map_err(|_| not_a_time())?;
            (second, nanos)
        }
        None => (0, 0),
    };
    let hour = match meridiem {
        Some(pm) => {
            if !(1..=12).contains(&hour) {
                let suffix = if pm { "PM" } else { "AM" };
                return Err(format!("with {suffix} the hour is 1 to 12, not {hour}"));
            }
            hour % 12 + if pm { 12 } else { 0 }
        }
        None if hour > 23 => return Err(format!("hour {hour} is out of range (0 to 23)")),
        None => hour,
    };
    if minute > 59 {
        return Err(format!("minute {minute} is out of range (0 to 59)"));
    }
    if second > 59 {
        return Err(format!("second {second} is out of range (0 to 59)"));
    }
    TimeOfDay::new(hour as u8, minute as u8, second as u8)
        .and_then(|t| t.with_nanosecond(nanosecond))
        .ok_or_else(not_a_time)
}

// ---------------------------------------------------------------------------------------------
// The strategy: when the current file is due for rotation

/// One rule of a rotation, with its next boundary if it is about time.
enum Rule {
    Size(u64),
    Interval {
        anchor: Timestamp,
        step: Duration,
        next: Timestamp,
    },
    /// `own`: the zone of a [`Rotation::InZone`], else the sink's.
    Calendar {
        calendar: Calendar,
        next: Timestamp,
        own: Option<Zone>,
    },
    When(Arc<Condition>),
}

impl Rule {
    /// Start the rule's time grid at `started`: its first boundary is the first one strictly
    /// after it.
    fn start(&mut self, started: Timestamp, zone: &Zone) {
        match self {
            Rule::Interval { anchor, step, next } => {
                *anchor = started;
                *next = grid_after(started, *step, started);
            }
            Rule::Calendar { calendar, next, own } => {
                *next = next_boundary(*calendar, started, own.as_ref().unwrap_or(zone));
            }
            Rule::Size(_) | Rule::When(_) => {}
        }
    }

    /// Move a time boundary the clock has reached to the first one after `now` (never
    /// backwards).
    fn pass(&mut self, now: Timestamp, zone: &Zone) {
        match self {
            Rule::Interval { anchor, step, next } if *next <= now => {
                *next = grid_after(*anchor, *step, now);
            }
            Rule::Calendar { calendar, next, own } if *next <= now => {
                *next = next_boundary(*calendar, now, own.as_ref().unwrap_or(zone));
            }
            _ => {}
        }
    }

    #[cfg(test)]
    fn due_at(&self) -> Option<Timestamp> {
        match self {
            Rule::Interval { next, .. } | Rule::Calendar { next, .. } => Some(*next),
            _ => None,
        }
    }
}

/// A [`Rotation`] applied to one sink's files: which boundaries come next.
///
/// Pure: it never reads the clock. The sink calls [`should_rotate`](Self::should_rotate)
/// before each record and, once it has rotated, [`rotated`](Self::rotated). A rotation that
/// fails leaves the state due; after [`failed`](Self::failed) it is asked again a second later.
pub(crate) struct RotationState {
    rules: Vec<Rule>,
    /// After a failed rotation: not due before this second.
    retry_at: i64,
}

impl RotationState {
    /// The state for a sink whose first file was started at `started`: time boundaries are the
    /// first ones strictly after it (intervals are anchored there). Keep the state across
    /// rotations so intervals stay on that grid.
    pub(crate) fn new(rotation: &Rotation, started: Timestamp, zone: &Zone) -> RotationState {
        let mut rules = Vec::new();
        flatten(rotation, None, &mut rules);
        let mut state = RotationState { rules, retry_at: i64::MIN };
        state.start(started, zone);
        state
    }

    /// Anchor the time rules at `started` again (the first file's start, known with its first
    /// record).
    pub(crate) fn start(&mut self, started: Timestamp, zone: &Zone) {
        for rule in &mut self.rules {
            rule.start(started, zone);
        }
    }

    /// Whether to start a new file before writing a record of `record_len` bytes at `now` to
    /// the current file, which holds `size` bytes.
    ///
    /// Sizes: `size + record_len > limit`. Time rules: `now` at or past the boundary. Never for
    /// an empty file (`size == 0`): the record goes into it, and time boundaries the clock has
    /// reached move on past `now`. A clock that went back is simply not at the boundary yet.
    /// Never within the second after a [`failed`](Self::failed) rotation.
    pub(crate) fn should_rotate(
        &mut self,
        now: Timestamp,
        zone: &Zone,
        size: u64,
        record_len: u64,
        record: &Record<'_>,
        file: &FileInfo<'_>,
    ) -> bool {
        if now.secs() < self.retry_at {
            return false;
        }
        let empty = size == 0;
        let mut due = false;
        for rule in &mut self.rules {
            match rule {
                Rule::Size(limit) => due |= !empty && size.saturating_add(record_len) > *limit,
                Rule::Interval { next, .. } | Rule::Calendar { next, .. } if *next <= now => {
                    if empty {
                        rule.pass(now, zone);
                    } else {
                        due = true;
                    }
                }
                _ => {}
            }
        }
        if empty || due {
            return due;
        }
        self.rules
            .iter()
            .any(|rule| matches!(rule, Rule::When(condition) if condition(record, file)))
    }

    /// For a `shared` sink, whose sizes are decided when its buffer is written out (against the
    /// file's real size): whether a time boundary was reached at `now` or a condition asks for
    /// a new file before this record. The sink decides under its lock whether to rotate.
    pub(crate) fn due_apart_from_size(
        &self,
        now: Timestamp,
        record: &Record<'_>,
        file: &FileInfo<'_>,
    ) -> bool {
        now.secs() >= self.retry_at
            && self.rules.iter().any(|rule| match rule {
                Rule::Interval { next, .. } | Rule::Calendar { next, .. } => *next <= now,
                Rule::When(condition) => condition(record, file),
                Rule::Size(_) => false,
            })
    }

    /// The smallest size limit, if a rule is about size.
    pub(crate) fn size_limit(&self) -> Option<u64> {
        self.rules
            .iter()
            .filter_map(|rule| match rule {
                Rule::Size(limit) => Some(*limit),
                _ => None,
            })
            .min()
    }

    /// A new file was started at `now`: time boundaries the clock has reached move to the
    /// first ones after `now` (one rotation however many periods went by); intervals stay on
    /// their grid.
    pub(crate) fn rotated(&mut self, now: Timestamp, zone: &Zone) {
        for rule in &mut self.rules {
            rule.pass(now, zone);
        }
    }

    /// The sink could not rotate at `now`: it writes on to the current file and asks again
    /// from the next second.
    pub(crate) fn failed(&mut self, now: Timestamp) {
        self.retry_at = now.secs().saturating_add(1);
    }

    /// The earliest time boundary ahead, if any rule is about time.
    #[cfg(test)]
    fn next_boundary(&self) -> Option<Timestamp> {
        self.rules.iter().filter_map(Rule::due_at).min()
    }
}

/// The rules of `rotation`, lists flattened, wall-clock rules in `own` zone if it is given
/// (else the sink's); time rules are started by [`RotationState::start`].
fn flatten(rotation: &Rotation, own: Option<&Zone>, rules: &mut Vec<Rule>) {
    let calendar = |calendar: Calendar| Rule::Calendar { calendar, next: NEVER, own: own.cloned() };
    match rotation {
        Rotation::Size(limit) => rules.push(Rule::Size(*limit)),
        Rotation::Interval(step) => {
            rules.push(Rule::Interval { anchor: NEVER, step: *step, next: NEVER })
        }
        Rotation::DailyAt(time) => rules.push(calendar(Calendar::Daily(time.to_time()))),
        Rotation::WeeklyOn(day, time) => {
            let day = ::time::Weekday::Monday.nth_next(*day as u8);
            rules.push(calendar(Calendar::Weekly(day, time.to_time())));
        }
        Rotation::Calendar(frequency) => rules.push(calendar(match frequency {
            Frequency::Hourly => Calendar::Hourly,
            Frequency::Daily => Calendar::Daily(::time::Time::MIDNIGHT),
            Frequency::Weekly => Calendar::Weekly(::time::Weekday::Monday, ::time::Time::MIDNIGHT),
            Frequency::Monthly => Calendar::Monthly,
            Frequency::Yearly => Calendar::Yearly,
        })),
        Rotation::When(condition) => rules.push(Rule::When(condition.clone())),
        Rotation::Any(list) => {
            for rotation in list {
                flatten(rotation, own, rules);
            }
        }
        Rotation::InZone(rotation, zone) => flatten(rotation, Some(zone), rules),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::callsite::Callsite;
    use crate::level::Level;
    use crate::message::Message;
    use crate::time::calendar::{nanos_of, timestamp_of, utc_timestamp};
    use std::path::Path;

    const CET: &str = "CET-1CEST,M3.5.0,M10.5.0/3";
    const NEW_YORK: &str = "EST5EDT,M3.2.0,M11.1.0";
    /// Brazil until 2019: the clock went from 00:00 to 01:00, so some days had no midnight.
    const SAO_PAULO_2018: &str = "<-03>3<-02>,M11.1.0/0,M2.3.0/0";

    static CALLSITE: Callsite = Callsite::new("tests", "rotation.rs", 1, "m", || "tests");

    fn zone(tz: &str) -> Zone {
        Zone::from_posix_tz(tz).unwrap()
    }

    /// A UTC date-time.
    fn utc(y: i64, mo: i64, d: i64, h: i64, mi: i64, s: i64) -> Timestamp {
        utc_timestamp([y, mo, d, h, mi, s, 0]).unwrap()
    }

    fn plus_nanos(t: Timestamp, nanos: i128) -> Timestamp {
        timestamp_of(nanos_of(t) + nanos)
    }

    fn parsed(s: &str) -> Rotation {
        Rotation::parse(s).unwrap_or_else(|e| panic!("{s:?}: {e}"))
    }

    /// A file written by a sink: records of some length at given times.
    struct Sim {
        state: RotationState,
        zone: Zone,
        size: u64,
        rotations: Vec<Timestamp>,
    }

    impl Sim {
        fn new(rotation: &Rotation, started: Timestamp, zone: Zone) -> Sim {
            Sim {
                state: RotationState::new(rotation, started, &zone),
                zone,
                size: 0,
                rotations: vec![],
            }
        }

        /// Write a record; whether it went into a new file.
        fn write(&mut self, now: Timestamp, len: u64) -> bool {
            let level = Level::INFO;
            let record = Record::new(now, &level, &CALLSITE, Message::Static("m"), &[]);
            let info = FileInfo { path: Path::new("app.log"), size: self.size, started: now };
            let due = self.state.should_rotate(now, &self.zone, self.size, len, &record, &info);
            if due {
                self.state.rotated(now, &self.zone);
                self.size = 0;
                self.rotations.push(now);
            }
            self.size += len;
            due
        }

        fn next(&self) -> Timestamp {
            self.state.next_boundary().unwrap()
        }
    }

    /// The first `n` boundaries of a time rotation started at `started`.
    fn boundaries(rotation: &str, zone: &Zone, started: Timestamp, n: usize) -> Vec<Timestamp> {
        let mut state = RotationState::new(&parsed(rotation), started, zone);
        let mut out = Vec::new();
        for _ in 0..n {
            let next = state.next_boundary().unwrap();
            out.push(next);
            state.rotated(next, zone);
        }
        out
    }

    /// What a string would be refused for but a typed value can still say, refused when the
    /// sink is added (the parse suite is tests/file_rotation_parse.rs).
    #[test]
    fn validation_refuses_zero_sizes_and_intervals() {
        assert!(Rotation::size(1).validate().is_ok());
        assert_eq!(Rotation::size(0).validate().unwrap_err().input, "0");
        assert!(Rotation::every(Duration::ZERO).validate().is_err());
        assert!(Rotation::any([Rotation::daily(), Rotation::size(0)]).validate().is_err());
        assert!(Rotation::any([Rotation::daily(), Rotation::size(9)]).validate().is_ok());
    }

    // --- Size ---------------------------------------------------------------------------------

    #[test]
    fn size_reaches_the_limit_exactly_then_rotates() {
        let mut sim = Sim::new(&parsed("1 KB"), utc(2026, 3, 26, 10, 0, 0), Zone::utc());
        let t = utc(2026, 3, 26, 10, 0, 1);
        for i in 0..20 {
            assert!(!sim.write(t, 50), "record {i}");
        }
        assert_eq!(sim.size, 1000);
        assert!(sim.write(t, 50));
        assert_eq!(sim.size, 50);
    }

    #[test]
    fn a_record_larger_than_the_limit_goes_into_an_empty_file() {
        let mut sim = Sim::new(&Rotation::size(100), utc(2026, 3, 26, 10, 0, 0), Zone::utc());
        let t = utc(2026, 3, 26, 10, 0, 1);
        assert!(!sim.write(t, 500));
        assert!(sim.write(t, 500));
        assert!(sim.write(t, 1));
        assert!(!sim.write(t, 99));
        assert!(sim.write(t, 1));
    }

    // --- Intervals ----------------------------------------------------------------------------

    #[test]
    fn intervals_stay_on_the_grid_anchored_at_the_start() {
        let mut sim = Sim::new(&parsed("1 hour"), utc(2026, 3, 26, 10, 30, 0), Zone::utc());
        assert_eq!(sim.next(), utc(2026, 3, 26, 11, 30, 0));
        assert!(!sim.write(utc(2026, 3, 26, 10, 31, 0), 10));
        assert!(!sim.write(plus_nanos(utc(2026, 3, 26, 11, 30, 0), -1), 10));
        assert!(sim.write(utc(2026, 3, 26, 11, 30, 0), 10));
        assert_eq!(sim.next(), utc(2026, 3, 26, 12, 30, 0));
        assert!(!sim.write(utc(2026, 3, 26, 12, 0, 0), 10));
        // A quiet spell: one rotation, and the grid continues.
        assert!(sim.write(utc(2026, 3, 26, 15, 45, 0), 10));
        assert_eq!(sim.next(), utc(2026, 3, 26, 16, 30, 0));
        assert!(!sim.write(utc(2026, 3, 26, 16, 29, 59), 10));
        assert!(sim.write(utc(2026, 3, 26, 16, 30, 0), 10));
        assert_eq!(sim.rotations.len(), 3);
    }

    #[test]
    fn intervals_are_elapsed_time_across_dst() {
        // "1 day" from 2026-03-28 12:00 CET (11:00 UTC): 24 hours later is 13:00 CEST.
        let cet = zone(CET);
        let got = boundaries("1 day", &cet, utc(2026, 3, 28, 11, 0, 0), 2);
        assert_eq!(got, [utc(2026, 3, 29, 11, 0, 0), utc(2026, 3, 30, 11, 0, 0)]);
    }

    #[test]
    fn sub_second_intervals() {
        let start = utc(2026, 3, 26, 10, 0, 0);
        let got = boundaries("250 ms", &Zone::utc(), start, 3);
        assert_eq!(
            got,
            [250_000_000, 500_000_000, 750_000_000].map(|n| plus_nanos(start, n)).to_vec()
        );
    }

    // --- Times of day -------------------------------------------------------------------------

    #[test]
    fn midnight_rotates_at_00_00_00_exactly() {
        for rotation in ["00:00", "daily", "12 AM"] {
            let mut sim = Sim::new(&parsed(rotation), utc(2026, 3, 26, 10, 0, 0), Zone::utc());
            assert!(!sim.write(utc(2026, 3, 26, 12, 0, 0), 10));
            assert!(!sim.write(plus_nanos(utc(2026, 3, 27, 0, 0, 0), -1_000), 10), "{rotation}");
            assert!(sim.write(utc(2026, 3, 27, 0, 0, 0), 10), "{rotation}");
            assert_eq!(sim.next(), utc(2026, 3, 28, 0, 0, 0));
        }
    }

    #[test]
    fn a_time_of_day_is_the_next_occurrence_after_the_start_then_daily() {
        let start = utc(2026, 3, 26, 10, 0, 0);
        let utc_zone = Zone::utc();
        let cases: &[(&str, Timestamp, Timestamp)] = &[
            ("12:00", utc(2026, 3, 26, 12, 0, 0), utc(2026, 3, 27, 12, 0, 0)),
            ("10:00", utc(2026, 3, 27, 10, 0, 0), utc(2026, 3, 28, 10, 0, 0)),
            ("09:59:59", utc(2026, 3, 27, 9, 59, 59), utc(2026, 3, 28, 9, 59, 59)),
            ("4 PM", utc(2026, 3, 26, 16, 0, 0), utc(2026, 3, 27, 16, 0, 0)),
            ("10:30 pm", utc(2026, 3, 26, 22, 30, 0), utc(2026, 3, 27, 22, 30, 0)),
            ("23:59", utc(2026, 3, 26, 23, 59, 0), utc(2026, 3, 27, 23, 59, 0)),
            ("18:30:15", utc(2026, 3, 26, 18, 30, 15), utc(2026, 3, 27, 18, 30, 15)),
        ];
        for &(rotation, first, second) in cases {
            assert_eq!(boundaries(rotation, &utc_zone, start, 2), [first, second], "{rotation}");
        }
    }

    #[test]
    fn several_days_skipped_give_one_rotation() {
        let mut sim = Sim::new(&parsed("00:00"), utc(2026, 3, 26, 10, 0, 0), Zone::utc());
        assert!(!sim.write(utc(2026, 3, 26, 11, 0, 0), 10));
        assert!(sim.write(utc(2026, 3, 30, 9, 0, 0), 10));
        assert!(!sim.write(utc(2026, 3, 30, 23, 59, 59), 10));
        assert_eq!(sim.next(), utc(2026, 3, 31, 0, 0, 0));
        assert_eq!(sim.rotations.len(), 1);
    }

    #[test]
    fn a_time_of_day_follows_the_local_clock() {
        // 00:00 in New York is 05:00 UTC in winter, 04:00 UTC in summer.
        let ny = zone(NEW_YORK);
        let got = boundaries("00:00", &ny, utc(2026, 3, 7, 12, 0, 0), 3);
        assert_eq!(
            got,
            [utc(2026, 3, 8, 5, 0, 0), utc(2026, 3, 9, 4, 0, 0), utc(2026, 3, 10, 4, 0, 0)]
        );
    }

    /// A time of day in its own zone: the sink names files in Paris time, the rotation is at
    /// midnight in New York (05:00 UTC in winter, 04:00 UTC from the switch on March 8th).
    #[test]
    fn a_time_of_day_in_its_own_zone() {
        let (paris, ny) = (zone(CET), zone(NEW_YORK));
        let rotation = Rotation::daily_at(0, 0).in_zone(ny.clone());
        let mut state = RotationState::new(&rotation, utc(2026, 3, 7, 12, 0, 0), &paris);
        let mut got = Vec::new();
        for _ in 0..3 {
            let next = state.next_boundary().unwrap();
            got.push(next);
            state.rotated(next, &paris);
        }
        assert_eq!(
            got,
            [utc(2026, 3, 8, 5, 0, 0), utc(2026, 3, 9, 4, 0, 0), utc(2026, 3, 10, 4, 0, 0)]
        );
        // The sink's zone alone: midnight in Paris (23:00 UTC in winter).
        let local = boundaries("00:00", &paris, utc(2026, 3, 7, 12, 0, 0), 1);
        assert_eq!(local, [utc(2026, 3, 7, 23, 0, 0)]);
        // A list in a zone: Monday noon in New York (16:00 UTC in summer time). A record just
        // before it stays, the one at it rotates.
        let both =
            Rotation::any([Rotation::size(1000), Rotation::weekly_on(Weekday::Monday, 12, 0)])
                .in_zone(ny.clone());
        let mut sim = Sim::new(&both, utc(2026, 3, 7, 12, 0, 0), paris.clone());
        assert!(!sim.write(plus_nanos(utc(2026, 3, 9, 16, 0, 0), -1), 10));
        assert!(sim.write(utc(2026, 3, 9, 16, 0, 0), 10));
        // Typed forms compare by value, zone included; the sink's validation sees through.
        assert_eq!(rotation, Rotation::daily_at(0, 0).in_zone(zone(NEW_YORK)));
        assert_ne!(rotation, Rotation::daily_at(0, 0).in_zone(paris.clone()));
        assert_ne!(rotation, Rotation::daily_at(0, 0));
        assert!(Rotation::size(0).in_zone(ny).validate().is_err());
        assert_eq!(
            format!("{:?}", Rotation::daily_at(0, 0).in_zone(Zone::utc())),
            "InZone(DailyAt(00:00:00), Zone(UTC))"
        );
    }

    // --- DST ----------------------------------------------------------------------------------

    #[test]
    fn a_time_skipped_by_spring_forward_rotates_at_the_end_of_the_gap() {
        // Europe, 2026-03-29: 02:00 CET (01:00 UTC) becomes 03:00 CEST; 02:30 does not exist.
        let cet = zone(CET);
        let got = boundaries("02:30", &cet, utc(2026, 3, 28, 12, 0, 0), 3);
        assert_eq!(
            got,
            [utc(2026, 3, 29, 1, 0, 0), utc(2026, 3, 30, 0, 30, 0), utc(2026, 3, 31, 0, 30, 0)]
        );
        // New York, 2026-03-08: 02:00 EST (07:00 UTC) becomes 03:00 EDT.
        let ny = zone(NEW_YORK);
        let got = boundaries("02:30", &ny, utc(2026, 3, 7, 12, 0, 0), 2);
        assert_eq!(got, [utc(2026, 3, 8, 7, 0, 0), utc(2026, 3, 9, 6, 30, 0)]);
    }

    #[test]
    fn a_time_repeated_by_fall_back_rotates_once() {
        // Europe, 2026-10-25: 03:00 CEST (01:00 UTC) becomes 02:00 CET; 02:30 happens twice.
        let cet = zone(CET);
        let got = boundaries("02:30", &cet, utc(2026, 10, 24, 12, 0, 0), 2);
        assert_eq!(got, [utc(2026, 10, 25, 0, 30, 0), utc(2026, 10, 26, 1, 30, 0)]);

        // A record every 5 minutes through the night: one rotation on the 25th.
        let mut sim = Sim::new(&parsed("02:30"), utc(2026, 10, 24, 12, 0, 0), cet.clone());
        let mut t = utc(2026, 10, 24, 20, 0, 0);
        while t < utc(2026, 10, 25, 12, 0, 0) {
            sim.write(t, 10);
            t = plus_nanos(t, 300_000_000_000);
        }
        assert_eq!(sim.rotations, [utc(2026, 10, 25, 0, 30, 0)]);

        // A file started in the repeated hour after the first 02:30 waits for the next day.
        let got = boundaries("02:30", &cet, utc(2026, 10, 25, 1, 10, 0), 1);
        assert_eq!(got, [utc(2026, 10, 26, 1, 30, 0)]);
        // One started in the repeated hour before the first 02:30 rotates at it.
        let got = boundaries("02:30", &cet, utc(2026, 10, 25, 0, 10, 0), 1);
        assert_eq!(got, [utc(2026, 10, 25, 0, 30, 0)]);
    }

    #[test]
    fn midnight_skipped_by_the_clock_rotates_at_one() {
        // São Paulo, 2018-11-04: 00:00 -03 (03:00 UTC) became 01:00 -02.
        let sp = zone(SAO_PAULO_2018);
        let got = boundaries("daily", &sp, utc(2018, 11, 3, 15, 0, 0), 2);
        assert_eq!(got, [utc(2018, 11, 4, 3, 0, 0), utc(2018, 11, 5, 2, 0, 0)]);
        // 2019-02-17: at 00:00 -02 (02:00 UTC) the clock went back to 23:00 -03 on the 16th,
        // so it first read midnight an hour later, at 00:00 -03.
        let got = boundaries("daily", &sp, utc(2019, 2, 16, 12, 0, 0), 2);
        assert_eq!(got, [utc(2019, 2, 17, 3, 0, 0), utc(2019, 2, 18, 3, 0, 0)]);
        // 23:30 happens twice that night; the file rotates at the first.
        let got = boundaries("23:30", &sp, utc(2019, 2, 16, 12, 0, 0), 2);
        assert_eq!(got, [utc(2019, 2, 17, 1, 30, 0), utc(2019, 2, 18, 2, 30, 0)]);
    }

    #[test]
    fn hourly_across_dst() {
        let cet = zone(CET);
        // Spring: 01:30 CET, then 03:00 CEST (the 02:00 hour does not exist), 04:00 CEST.
        let got = boundaries("hourly", &cet, utc(2026, 3, 29, 0, 30, 0), 3);
        assert_eq!(
            got,
            [utc(2026, 3, 29, 1, 0, 0), utc(2026, 3, 29, 2, 0, 0), utc(2026, 3, 29, 3, 0, 0)]
        );
        // Autumn: the repeated 02:00 hour is one file; the next boundary is 03:00 CET.
        let got = boundaries("hourly", &cet, utc(2026, 10, 24, 23, 30, 0), 3);
        assert_eq!(
            got,
            [utc(2026, 10, 25, 0, 0, 0), utc(2026, 10, 25, 2, 0, 0), utc(2026, 10, 25, 3, 0, 0)]
        );
    }

    // --- Days of the week ---------------------------------------------------------------------

    #[test]
    fn a_day_of_the_week_started_midweek_waits_for_the_next_one() {
        // 2026-03-25 is a Wednesday; loguru would rotate that same Wednesday at 12:00.
        let start = utc(2026, 3, 25, 8, 0, 0);
        let got = boundaries("monday at 12:00", &Zone::utc(), start, 2);
        assert_eq!(got, [utc(2026, 3, 30, 12, 0, 0), utc(2026, 4, 6, 12, 0, 0)]);
    }

    #[test]
    fn days_of_the_week() {
        let z = Zone::utc();
        let monday_11 = utc(2026, 3, 30, 11, 0, 0);
        let cases: &[(&str, Timestamp, Timestamp)] = &[
            ("monday at 12:00", monday_11, utc(2026, 3, 30, 12, 0, 0)),
            ("monday at 12:00", utc(2026, 3, 30, 12, 0, 0), utc(2026, 4, 6, 12, 0, 0)),
            ("monday at 11:00", monday_11, utc(2026, 4, 6, 11, 0, 0)),
            ("monday", monday_11, utc(2026, 4, 6, 0, 0, 0)),
            ("w0", utc(2026, 3, 29, 23, 59, 59), utc(2026, 3, 30, 0, 0, 0)),
            ("sunday", monday_11, utc(2026, 4, 5, 0, 0, 0)),
            ("w6", monday_11, utc(2026, 4, 5, 0, 0, 0)),
            ("Monday at 4 PM", monday_11, utc(2026, 3, 30, 16, 0, 0)),
            ("saturday at 23:59", monday_11, utc(2026, 4, 4, 23, 59, 0)),
        ];
        for &(rotation, start, first) in cases {
            assert_eq!(boundaries(rotation, &z, start, 1), [first], "{rotation} from {start:?}");
        }
        // In Paris across spring-forward: 12:00 CET is 11:00 UTC, 12:00 CEST 10:00 UTC.
        let got = boundaries("monday at 12:00", &zone(CET), utc(2026, 3, 18, 12, 0, 0), 3);
        assert_eq!(
            got,
            [utc(2026, 3, 23, 11, 0, 0), utc(2026, 3, 30, 10, 0, 0), utc(2026, 4, 6, 10, 0, 0)]
        );
    }

    // --- Calendar frequencies -----------------------------------------------------------------

    #[test]
    fn calendar_frequencies() {
        let z = Zone::utc();
        let cases: &[(&str, Timestamp, [Timestamp; 3])] = &[
            (
                "hourly",
                utc(2026, 3, 26, 10, 30, 0),
                [
                    utc(2026, 3, 26, 11, 0, 0),
                    utc(2026, 3, 26, 12, 0, 0),
                    utc(2026, 3, 26, 13, 0, 0),
                ],
            ),
            (
                "hourly",
                utc(2026, 12, 31, 23, 0, 0),
                [utc(2027, 1, 1, 0, 0, 0), utc(2027, 1, 1, 1, 0, 0), utc(2027, 1, 1, 2, 0, 0)],
            ),
            (
                "daily",
                utc(2026, 2, 28, 0, 0, 0),
                [utc(2026, 3, 1, 0, 0, 0), utc(2026, 3, 2, 0, 0, 0), utc(2026, 3, 3, 0, 0, 0)],
            ),
            (
                "daily",
                utc(2028, 2, 28, 5, 0, 0),
                [utc(2028, 2, 29, 0, 0, 0), utc(2028, 3, 1, 0, 0, 0), utc(2028, 3, 2, 0, 0, 0)],
            ),
            (
                // From a Sunday; then from exactly a Monday midnight.
                "weekly",
                utc(2026, 3, 29, 18, 0, 0),
                [utc(2026, 3, 30, 0, 0, 0), utc(2026, 4, 6, 0, 0, 0), utc(2026, 4, 13, 0, 0, 0)],
            ),
            (
                "weekly",
                utc(2026, 3, 30, 0, 0, 0),
                [utc(2026, 4, 6, 0, 0, 0), utc(2026, 4, 13, 0, 0, 0), utc(2026, 4, 20, 0, 0, 0)],
            ),
            (
                // Short months: from January 31st.
                "monthly",
                utc(2026, 1, 31, 10, 0, 0),
                [utc(2026, 2, 1, 0, 0, 0), utc(2026, 3, 1, 0, 0, 0), utc(2026, 4, 1, 0, 0, 0)],
            ),
            (
                "monthly",
                utc(2026, 12, 15, 0, 0, 0),
                [utc(2027, 1, 1, 0, 0, 0), utc(2027, 2, 1, 0, 0, 0), utc(2027, 3, 1, 0, 0, 0)],
            ),
            (
                // February 29th.
                "monthly",
                utc(2028, 2, 29, 23, 0, 0),
                [utc(2028, 3, 1, 0, 0, 0), utc(2028, 4, 1, 0, 0, 0), utc(2028, 5, 1, 0, 0, 0)],
            ),
            (
                "monthly",
                utc(2028, 1, 31, 0, 0, 0),
                [utc(2028, 2, 1, 0, 0, 0), utc(2028, 3, 1, 0, 0, 0), utc(2028, 4, 1, 0, 0, 0)],
            ),
            (
                "yearly",
                utc(2028, 2, 29, 12, 0, 0),
                [utc(2029, 1, 1, 0, 0, 0), utc(2030, 1, 1, 0, 0, 0), utc(2031, 1, 1, 0, 0, 0)],
            ),
            (
                "yearly",
                utc(2026, 1, 1, 0, 0, 0),
                [utc(2027, 1, 1, 0, 0, 0), utc(2028, 1, 1, 0, 0, 0), utc(2029, 1, 1, 0, 0, 0)],
            ),
        ];
        for (rotation, start, expected) in cases {
            assert_eq!(boundaries(rotation, &z, *start, 3), expected, "{rotation} from {start:?}");
        }
    }

    #[test]
    fn calendar_frequencies_in_local_time() {
        let cet = zone(CET);
        // April 1st 00:00 CEST is March 31st 22:00 UTC; November 1st 00:00 CET is 23:00 UTC.
        let got = boundaries("monthly", &cet, utc(2026, 3, 15, 12, 0, 0), 2);
        assert_eq!(got, [utc(2026, 3, 31, 22, 0, 0), utc(2026, 4, 30, 22, 0, 0)]);
        let got = boundaries("monthly", &cet, utc(2026, 10, 15, 12, 0, 0), 2);
        assert_eq!(got, [utc(2026, 10, 31, 23, 0, 0), utc(2026, 11, 30, 23, 0, 0)]);
        let got = boundaries("yearly", &cet, utc(2026, 6, 1, 0, 0, 0), 1);
        assert_eq!(got, [utc(2026, 12, 31, 23, 0, 0)]);
        // Midnight before and after spring-forward.
        let got = boundaries("daily", &cet, utc(2026, 3, 28, 12, 0, 0), 2);
        assert_eq!(got, [utc(2026, 3, 28, 23, 0, 0), utc(2026, 3, 29, 22, 0, 0)]);
        // Weekly on Monday 00:00 local: 2026-03-30 00:00 CEST.
        let got = boundaries("weekly", &cet, utc(2026, 3, 25, 12, 0, 0), 2);
        assert_eq!(got, [utc(2026, 3, 29, 22, 0, 0), utc(2026, 4, 5, 22, 0, 0)]);
        // A record one microsecond before local midnight stays.
        let mut sim = Sim::new(&parsed("00:00"), utc(2026, 6, 1, 10, 0, 0), cet);
        assert!(!sim.write(utc(2026, 6, 1, 11, 0, 0), 1));
        assert!(!sim.write(plus_nanos(utc(2026, 6, 1, 22, 0, 0), -1_000), 1));
        assert!(sim.write(utc(2026, 6, 1, 22, 0, 0), 1));
    }

    // --- Clock, empty files, lists, closures --------------------------------------------------

    #[test]
    fn a_clock_going_back_causes_no_rotation() {
        let mut sim = Sim::new(&parsed("00:00"), utc(2026, 3, 26, 10, 0, 0), Zone::utc());
        assert!(!sim.write(utc(2026, 3, 26, 23, 0, 0), 10));
        assert!(!sim.write(utc(2026, 3, 26, 9, 0, 0), 10));
        assert!(!sim.write(utc(2026, 3, 25, 23, 59, 0), 10));
        assert_eq!(sim.next(), utc(2026, 3, 27, 0, 0, 0));
        assert!(sim.write(utc(2026, 3, 27, 0, 0, 1), 10));
        // Back before the boundary just passed: no rotation, and it does not come back.
        assert!(!sim.write(utc(2026, 3, 26, 23, 59, 58), 10));
        assert!(!sim.write(utc(2026, 3, 27, 0, 0, 0), 10));
        assert_eq!(sim.next(), utc(2026, 3, 28, 0, 0, 0));
        assert_eq!(sim.rotations.len(), 1);
    }

    #[test]
    fn an_empty_file_is_never_rotated_and_the_grid_moves_on() {
        let start = utc(2026, 3, 26, 10, 0, 0);
        let mut sim = Sim::new(&parsed("00:00"), start, Zone::utc());
        assert!(!sim.write(utc(2026, 3, 28, 0, 5, 0), 10));
        assert_eq!(sim.next(), utc(2026, 3, 29, 0, 0, 0));
        assert!(!sim.write(utc(2026, 3, 28, 23, 0, 0), 10));
        assert!(sim.write(utc(2026, 3, 29, 0, 0, 0), 10));

        let mut sim = Sim::new(&parsed("1 hour"), utc(2026, 3, 26, 10, 30, 0), Zone::utc());
        assert!(!sim.write(utc(2026, 3, 26, 12, 45, 0), 10));
        assert_eq!(sim.next(), utc(2026, 3, 26, 13, 30, 0));

        // Size rules and closures do not rotate an empty file either.
        let when = Rotation::when(|_, _| panic!("not asked for an empty file"));
        let mut sim = Sim::new(&Rotation::any([Rotation::size(0), when]), start, Zone::utc());
        assert!(!sim.write(start, 10));
    }

    #[test]
    fn any_rotates_when_one_rule_says_so() {
        let start = utc(2026, 3, 26, 10, 0, 0);
        let rotation = Rotation::any([Rotation::size(100), Rotation::daily()]);
        let mut sim = Sim::new(&rotation, start, Zone::utc());
        assert!(!sim.write(utc(2026, 3, 26, 11, 0, 0), 60));
        assert!(sim.write(utc(2026, 3, 26, 12, 0, 0), 60));
        // The size rotation does not move the daily boundary.
        assert_eq!(sim.next(), utc(2026, 3, 27, 0, 0, 0));
        assert!(sim.write(utc(2026, 3, 27, 0, 0, 0), 1));
        assert_eq!(sim.rotations.len(), 2);
        // Nested lists flatten.
        let nested = Rotation::any([Rotation::any([Rotation::hourly()]), Rotation::size(5)]);
        assert_eq!(RotationState::new(&nested, start, &Zone::utc()).rules.len(), 2);
    }

    #[test]
    fn closures_see_the_record_and_the_file() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let calls = Arc::new(AtomicUsize::new(0));
        let counter = calls.clone();
        let rotation = Rotation::when(move |record, file| {
            counter.fetch_add(1, Ordering::Relaxed);
            file.size >= 20 && record.time().secs() % 2 == 0
        });
        let mut sim = Sim::new(&rotation, utc(2026, 3, 26, 10, 0, 0), Zone::utc());
        assert!(!sim.write(utc(2026, 3, 26, 10, 0, 0), 10)); // empty: not asked
        assert!(!sim.write(utc(2026, 3, 26, 10, 0, 2), 10)); // size 10
        assert!(!sim.write(utc(2026, 3, 26, 10, 0, 3), 10)); // odd second
        assert!(sim.write(utc(2026, 3, 26, 10, 0, 4), 10));
        assert_eq!(calls.load(Ordering::Relaxed), 3);
    }

    #[test]
    fn a_failed_rotation_stays_due() {
        let level = Level::INFO;
        let z = Zone::utc();
        let mut state = RotationState::new(&parsed("daily"), utc(2026, 3, 26, 10, 0, 0), &z);
        let now = utc(2026, 3, 27, 0, 0, 1);
        let record = Record::new(now, &level, &CALLSITE, Message::Static("m"), &[]);
        let info = FileInfo { path: Path::new("app.log"), size: 10, started: now };
        assert!(state.should_rotate(now, &z, 10, 1, &record, &info));
        // The sink could not rotate: not asked again within that second, due the next one.
        state.failed(now);
        let same_second = plus_nanos(now, 999_999_999);
        assert!(!state.should_rotate(same_second, &z, 11, 1, &record, &info));
        let later = utc(2026, 3, 27, 0, 0, 2);
        assert!(state.should_rotate(later, &z, 11, 1, &record, &info));
        state.rotated(later, &z);
        assert!(!state.should_rotate(later, &z, 11, 1, &record, &info));
    }

    #[test]
    fn far_future_boundaries_saturate() {
        let z = Zone::utc();
        let yearly = RotationState::new(&Rotation::yearly(), utc(9999, 6, 1, 0, 0, 0), &z);
        assert_eq!(yearly.next_boundary(), Some(NEVER));
        let huge = Rotation::every(Duration::MAX);
        let state = RotationState::new(&huge, utc(2026, 1, 1, 0, 0, 0), &z);
        assert_eq!(state.next_boundary(), Some(Timestamp::from_unix(i64::MAX, 999_999_999)));
    }
}
