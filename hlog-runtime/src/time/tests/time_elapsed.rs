//! `render_elapsed` against Python's `str(timedelta)` (expected values produced by Python).

use crate::time::render_elapsed;
use std::time::Duration;

fn elapsed(d: Duration) -> String {
    let mut out = Vec::new();
    render_elapsed(&mut out, d);
    String::from_utf8(out).unwrap()
}

#[test]
fn like_python_timedelta() {
    // (seconds, nanoseconds, str(timedelta))
    let table: &[(u64, u32, &str)] = &[
        (0, 0, "0:00:00"),
        (1, 234_567_000, "0:00:01.234567"),
        (1, 0, "0:00:01"),
        (93_784, 5_000, "1 day, 2:03:04.000005"),
        (172_800, 0, "2 days, 0:00:00"),
        (59, 999_999_000, "0:00:59.999999"),
        (90_000, 0, "1 day, 1:00:00"),
        (36_000, 0, "10:00:00"),
        (8_726_399, 10_000, "100 days, 23:59:59.000010"),
        (0, 1_000, "0:00:00.000001"),
        (3_661, 0, "1:01:01"),
        (86_399_999_913_600, 0, "999999999 days, 0:00:00"),
        // Below a microsecond is dropped, as timedelta has no room for it.
        (0, 999, "0:00:00"),
        (1, 1_999, "0:00:01.000001"),
        (59, 999_999_999, "0:00:59.999999"),
    ];
    for (secs, nanos, expected) in table {
        assert_eq!(elapsed(Duration::new(*secs, *nanos)), *expected, "{secs}.{nanos:09}");
    }
}

#[test]
fn appends_and_handles_the_maximum() {
    let mut out = b"elapsed=".to_vec();
    render_elapsed(&mut out, Duration::from_millis(1500));
    assert_eq!(out, b"elapsed=0:00:01.500000");
    let max = elapsed(Duration::MAX);
    assert_eq!(max, "213503982334601 days, 7:00:15.999999");
}
