//! Time: timestamps, the local time zone and loguru's time tokens.
//!
//! - [`Timestamp`]: a Unix time with nanoseconds, the instant a record was made.
//! - [`Zone`]: a time zone (UTC, a fixed offset, or a tz database zone with its DST rules).
//!   [`Zone::local`] is the process's local zone, loaded once from `TZ` or `/etc/localtime`
//!   without asking libc, so it works the same in multi-threaded programs.
//! - [`Civil`]: a timestamp broken down into calendar fields in some zone.
//! - [`render`] / [`local_render`]: write a parsed loguru time pattern
//!   ([`TimeFormat`](hlog_template::TimeFormat)) into a byte buffer without allocating; the
//!   calendar decomposition is cached per thread and per whole second.
//! - [`render_elapsed`]: a [`Duration`](std::time::Duration) as Python's `str(timedelta)`.
//!
//! # Examples
//!
//! ```
//! use hlog::time::{Timestamp, Zone, default_time_format, render};
//!
//! let zone = Zone::from_posix_tz("CET-1CEST,M3.5.0,M10.5.0/3").unwrap();
//! let ts = Timestamp::from_unix(1_774_531_800, 123_456_789); // 2026-03-26 13:30:00.123456789 UTC
//! let mut out = Vec::new();
//! render(&mut out, default_time_format(), ts, &zone);
//! assert_eq!(out, b"2026-03-26T14:30:00.123456+0100");
//! ```

pub(crate) mod calendar;
mod civil;
mod elapsed;
mod render;
mod zone;

pub use civil::Civil;
pub use elapsed::render_elapsed;
pub(crate) use elapsed::{since_start, start_time};
pub(crate) use render::{TimePlan, render_cached};
pub use render::{default_time_format, local_render, render};
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
