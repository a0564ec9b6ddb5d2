//! Time: timestamps, time zones, and how `{time}` and `{elapsed}` in a format render them.
//!
//! - [`Timestamp`]: a Unix time with nanoseconds, the instant a record was made
//!   ([`Record::time`](crate::Record::time)); a logger's clock
//!   ([`Logger::with_clock`](crate::Logger::with_clock)) returns one.
//! - [`Zone`]: a time zone (UTC, a fixed offset, or a tz database zone with its DST rules), the
//!   one a logger renders times in ([`Logger::with_zone`](crate::Logger::with_zone)).
//!   [`Zone::local`], the default, is the process's local zone, loaded once from `TZ` or
//!   `/etc/localtime` without asking libc, so it works the same in multi-threaded programs.
//! - [`ZoneError`]: why a zone could not be read.
//!
//! # Time tokens
//!
//! `{time:PATTERN}` takes loguru's tokens: `YYYY` `YY` `Q` `M` `MM` `MMM` `MMMM` `D` `DD` `Do`
//! `DDD` `DDDD` `d` (0 = Monday) `E` (1 = Monday) `ddd` `dddd` `H` `HH` `h` `hh` `m` `mm` `s`
//! `ss` `S`… (first digits of the fraction, truncated; up to 9) `X` (Unix seconds, truncated
//! toward zero as Python's `int`) `x` (Unix microseconds) `A` (`AM`/`PM`) `Z` (`+01:00`) `ZZ`
//! (`+0100`) `zz` (`CET`); an offset with leftover seconds gets them too (`+00:09:21`). Text in
//! `[brackets]` is written as is. A pattern ending in `!UTC` renders in UTC whatever the zone.
//! `{time}` alone is loguru's default, `YYYY-MM-DDTHH:mm:ss.SSSSSSZZ`
//! (`2026-03-26T14:30:00.123456+0100`). `{elapsed}` is the time since the program's first
//! logger was made, as Python's `str(timedelta)` writes it (`1 day, 2:03:04.000005`).
//!
//! Rendering allocates nothing: the calendar decomposition is cached per thread and per whole
//! second, and so is the text of a pattern up to its first fraction.
//!
//! # Examples
//!
//! ```
//! use hlog::time::{Timestamp, Zone};
//!
//! let zone = Zone::from_posix_tz("CET-1CEST,M3.5.0,M10.5.0/3").unwrap();
//! let capture = hlog::sink::Capture::new();
//! let logger = hlog::Logger::new()
//!     // 2026-03-26 13:30:00.123456789 UTC
//!     .with_clock(|| Timestamp::from_unix(1_774_531_800, 123_456_789))
//!     .with_zone(zone);
//! logger.add(capture.clone()).format("{time} | {time:dddd Do MMMM, h:mm A zz!UTC}").install().unwrap();
//! hlog::info!(logger, "the message is not in the format");
//! assert_eq!(capture.text(), "2026-03-26T14:30:00.123456+0100 | Thursday 26th March, 1:30 PM UTC\n");
//! ```

pub(crate) mod calendar;
mod civil;
mod elapsed;
mod render;
mod zone;

pub(crate) use civil::Civil;
pub(crate) use elapsed::{render_elapsed, since_start, start_time};
pub(crate) use render::{TimePlan, default_time_format, render, render_cached};
pub use zone::{Zone, ZoneError};

use std::time::{SystemTime, UNIX_EPOCH};

/// A point in time: seconds and nanoseconds since the Unix epoch (1970-01-01T00:00:00Z).
///
/// `secs` may be negative (before 1970); `nanos` is always in `0..1_000_000_000` and counts
/// forward from `secs`, so `-0.25 s` is `secs = -1, nanos = 750_000_000`. Ordering is
/// chronological.
///
/// # Examples
///
/// ```
/// use hlog::time::Timestamp;
///
/// let a = Timestamp::from_unix(10, 500);
/// let b = Timestamp::from_unix(11, 0);
/// assert!(a < b);
/// assert_eq!((a.secs(), a.nanos()), (10, 500));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp {
    secs: i64,
    nanos: u32,
}

const NANOS_PER_SEC: u32 = 1_000_000_000;

impl Timestamp {
    /// The current time, from the system clock.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::time::Timestamp;
    ///
    /// let t = Timestamp::now();
    /// assert!(t.secs() > 1_600_000_000);
    /// ```
    #[inline]
    pub fn now() -> Timestamp {
        #[cfg(unix)]
        {
            let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
            // SAFETY: `ts` is a valid, writable `timespec` for the duration of the call, and
            // CLOCK_REALTIME is a clock every Unix has. (Tested by `now_matches_system_time`.)
            let rc = unsafe { libc::clock_gettime(libc::CLOCK_REALTIME, &mut ts) };
            // The kernel normalises `tv_nsec` to `0..1e9`, seconds before 1970 included;
            // anything else (a failed call) falls back to the standard library.
            // (`i64::from`: `time_t` and `c_long` are 32 bits on some targets.)
            #[allow(clippy::useless_conversion)]
            let (secs, nanos) = (i64::from(ts.tv_sec), i64::from(ts.tv_nsec));
            if rc == 0 && (0..i64::from(NANOS_PER_SEC)).contains(&nanos) {
                return Timestamp { secs, nanos: nanos as u32 };
            }
        }
        Timestamp::from_system_time(SystemTime::now())
    }

    /// A timestamp from Unix seconds and nanoseconds. Nanoseconds of one second or more carry
    /// into the seconds (saturating at the ends of `i64`).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::time::Timestamp;
    ///
    /// let t = Timestamp::from_unix(1, 1_500_000_000);
    /// assert_eq!((t.secs(), t.nanos()), (2, 500_000_000));
    /// ```
    pub const fn from_unix(secs: i64, nanos: u32) -> Timestamp {
        if nanos < NANOS_PER_SEC {
            Timestamp { secs, nanos }
        } else {
            Timestamp {
                secs: secs.saturating_add((nanos / NANOS_PER_SEC) as i64),
                nanos: nanos % NANOS_PER_SEC,
            }
        }
    }

    /// A timestamp from a [`SystemTime`], before or after the epoch (saturating at the ends
    /// of `i64` seconds).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::time::Timestamp;
    /// use std::time::{Duration, UNIX_EPOCH};
    ///
    /// let t = Timestamp::from_system_time(UNIX_EPOCH - Duration::from_millis(250));
    /// assert_eq!((t.secs(), t.nanos()), (-1, 750_000_000));
    /// ```
    pub fn from_system_time(t: SystemTime) -> Timestamp {
        match t.duration_since(UNIX_EPOCH) {
            Ok(d) => Timestamp {
                secs: i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
                nanos: d.subsec_nanos(),
            },
            Err(e) => {
                let d = e.duration();
                let secs = i64::try_from(d.as_secs()).unwrap_or(i64::MAX);
                let nanos = d.subsec_nanos();
                if nanos == 0 {
                    Timestamp { secs: -secs, nanos: 0 }
                } else {
                    Timestamp { secs: (-secs).saturating_sub(1), nanos: NANOS_PER_SEC - nanos }
                }
            }
        }
    }

    /// Whole seconds since the epoch (rounded down: negative before 1970).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::time::Timestamp;
    ///
    /// assert_eq!(Timestamp::from_unix(-5, 1).secs(), -5);
    /// ```
    pub const fn secs(&self) -> i64 {
        self.secs
    }

    /// Nanoseconds past [`secs`](Timestamp::secs), in `0..1_000_000_000`.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::time::Timestamp;
    ///
    /// assert_eq!(Timestamp::from_unix(0, 42).nanos(), 42);
    /// ```
    pub const fn nanos(&self) -> u32 {
        self.nanos
    }
}

impl From<SystemTime> for Timestamp {
    fn from(t: SystemTime) -> Timestamp {
        Timestamp::from_system_time(t)
    }
}

#[cfg(test)]
mod tests;
