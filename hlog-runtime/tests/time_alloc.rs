//! Rendering allocates nothing once the output buffer has room: counted by a global
//! allocator, on this test's thread only.

use hlog_runtime::time::{
    Timestamp, Zone, default_time_format, local_render, render, render_elapsed,
};
use hlog_template::TimeFormat;
use hlog_template::TimeToken::*;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::time::Duration;

struct Counting;

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static COUNT: Cell<usize> = const { Cell::new(0) };
}

fn note() {
    if COUNTING.try_with(Cell::get).unwrap_or(false) {
        let _ = COUNT.try_with(|c| c.set(c.get() + 1));
    }
}

// SAFETY: forwards to the system allocator; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note();
        // SAFETY: same contract as ours.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note();
        // SAFETY: same contract as ours.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations(f: impl FnOnce()) -> usize {
    COUNT.with(|c| c.set(0));
    COUNTING.with(|c| c.set(true));
    f();
    COUNTING.with(|c| c.set(false));
    COUNT.with(Cell::get)
}

#[test]
fn rendering_does_not_allocate() {
    let every = TimeFormat {
        tokens: vec![
            Year,
            Year2,
            Quarter,
            Month,
            Month2,
            MonthAbbr,
            MonthName,
            Day,
            Day2,
            DayOrdinal,
            DayOfYear,
            DayOfYear3,
            Weekday,
            IsoWeekday,
            WeekdayAbbr,
            WeekdayName,
            Hour,
            Hour2,
            Hour12,
            Hour12_2,
            Minute,
            Minute2,
            Second,
            Second2,
            Fraction(3),
            Fraction(9),
            Timestamp,
            TimestampMicros,
            AmPm,
            Offset,
            OffsetCompact,
            ZoneName,
            Literal(" | ".into()),
        ]
        .into(),
        utc: false,
    };
    let mut every_utc = every.clone();
    every_utc.utc = true;
    let zones = [
        Zone::from_posix_tz("CET-1CEST,M3.5.0,M10.5.0/3").unwrap(),
        Zone::from_posix_tz("EST5EDT,M3.2.0,M11.1.0").unwrap(),
        Zone::from_posix_tz("IST-5:30").unwrap(),
        Zone::fixed(4161),
        Zone::utc(),
    ];
    // Warm up what is built once per process: the local zone and the default format.
    let _ = Zone::local();
    let default = default_time_format();
    let mut out = Vec::with_capacity(1 << 16);

    let n = allocations(|| {
        // Cache misses (a new second, another zone) and hits alike.
        for i in 0..200i64 {
            let ts = Timestamp::from_unix(1_774_745_900 + i / 3, (i as u32) * 4_999_999);
            for zone in &zones {
                out.clear();
                render(&mut out, &every, ts, zone);
                render(&mut out, &every_utc, ts, zone);
                render(&mut out, default, ts, zone);
            }
            local_render(&mut out, &every, ts);
            local_render(&mut out, default, ts);
            render_elapsed(&mut out, Duration::new(i as u64 * 40_000, i as u32 * 1_000));
            let _ = zones[0].offset_at(ts.secs());
        }
    });
    assert_eq!(n, 0, "allocations while rendering");
    // The counter does count.
    let one = allocations(|| drop(std::hint::black_box(Vec::<u8>::with_capacity(8))));
    assert_eq!(one, 1);
    assert!(!out.is_empty());
}
