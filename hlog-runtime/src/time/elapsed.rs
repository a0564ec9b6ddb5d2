//! Elapsed time as Python's `str(timedelta)` (loguru's `{elapsed}`), counted from when the
//! program's logging started.

use super::Timestamp;
use super::render::{number, two};
use std::sync::OnceLock;
use std::time::Duration;

/// When the program's logging started (the first logger made, or the first `{elapsed}`).
pub(crate) fn start_time() -> Timestamp {
    static START: OnceLock<Timestamp> = OnceLock::new();
    *START.get_or_init(Timestamp::now)
}

/// Time from [`start_time`] to `now` (zero if `now` is earlier).
pub(crate) fn since_start(now: Timestamp) -> Duration {
    let start = start_time();
    let nanos = (i128::from(now.secs()) - i128::from(start.secs())) * 1_000_000_000
        + i128::from(now.nanos())
        - i128::from(start.nanos());
    let nanos = u64::try_from(nanos.max(0)).unwrap_or(u64::MAX);
    Duration::from_nanos(nanos)
}

/// Writes `d` to `out` as Python's `str(timedelta)` does: `H:MM:SS`, then `.ffffff` when the
/// microseconds are not zero, preceded by `N day, ` / `N days, ` from one day on.
/// Nanoseconds below a microsecond are dropped (timedelta has microsecond resolution).
/// Nothing is allocated once `out` has room. (Tested against Python's output by
/// `time::tests::time_elapsed`.)
pub(crate) fn render_elapsed(out: &mut Vec<u8>, d: Duration) {
    let secs = d.as_secs();
    let days = secs / 86_400;
    let rest = secs % 86_400;
    if days > 0 {
        number(out, days);
        out.extend_from_slice(if days == 1 { b" day, " } else { b" days, " });
    }
    number(out, rest / 3600);
    out.push(b':');
    two(out, (rest / 60 % 60) as u8);
    out.push(b':');
    two(out, (rest % 60) as u8);
    let micros = d.subsec_micros();
    if micros != 0 {
        out.push(b'.');
        let mut digits = [b'0'; 6];
        let mut v = micros;
        for d in digits.iter_mut().rev() {
            *d = b'0' + (v % 10) as u8;
            v /= 10;
        }
        out.extend_from_slice(&digits);
    }
}
