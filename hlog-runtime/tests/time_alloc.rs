//! Rendering times allocates nothing once warmed up: every time token, `!UTC`, the default
//! `{time}`, a short pattern served from the per-second text cache and `{elapsed}`, in zones
//! with DST rules, a fixed offset with seconds, UTC and the local zone, through loggers with a
//! fixed clock writing into capture sinks. Counted by a global allocator, on this test's thread
//! only; a binary of its own, since the allocator is the process's.

use hlog::Logger;
use hlog::sink::Capture;
use hlog::time::{Timestamp, Zone};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicI64, AtomicU32, Ordering::Relaxed};

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

/// The time the loggers read: set by the test before each record.
static SECS: AtomicI64 = AtomicI64::new(0);
static NANOS: AtomicU32 = AtomicU32::new(0);

fn clock() -> Timestamp {
    Timestamp::from_unix(SECS.load(Relaxed), NANOS.load(Relaxed))
}

fn set_clock(secs: i64, nanos: u32) {
    SECS.store(secs, Relaxed);
    NANOS.store(nanos, Relaxed);
}

/// Every loguru time token, separated by spaces.
const EVERY: &str = "YYYY YY Q M MM MMM MMMM D DD Do DDD DDDD d E ddd dddd H HH h hh m mm s ss \
                     SSS SSSSSSSSS X x A Z ZZ zz [X]";

#[test]
fn rendering_times_does_not_allocate() {
    let format = format!(
        "{{time:{EVERY}}} {{time:{EVERY}!UTC}} {{time}} {{time:!UTC}} \
         {{time:YYYY-MM-DD HH:mm:ss.SSS}} {{elapsed}} {{message}}"
    );
    let zones = [
        Some(Zone::from_posix_tz("CET-1CEST,M3.5.0,M10.5.0/3").unwrap()),
        Some(Zone::from_posix_tz("EST5EDT,M3.2.0,M11.1.0").unwrap()),
        Some(Zone::from_posix_tz("IST-5:30").unwrap()),
        Some(Zone::fixed(4161)),
        Some(Zone::utc()),
        None, // the local zone
    ];
    let loggers: Vec<(Logger, Capture)> = zones
        .into_iter()
        .map(|zone| {
            let logger = Logger::new().with_clock(clock);
            let logger = match zone {
                Some(zone) => logger.with_zone(zone),
                None => logger,
            };
            let capture = Capture::with_capacity(1 << 20);
            logger.add(capture.clone()).format(format.as_str()).install().unwrap();
            (logger, capture)
        })
        .collect();
    // `{elapsed}` counts from the first logger made: days of it, with microseconds, once the
    // clock is set past now.
    let later = Timestamp::now().secs() + 1;

    // Warm up what is built once per thread, call site or process (the local zone among them),
    // at an instant the counted records do not use.
    set_clock(1_700_000_000, 0);
    for (logger, capture) in &loggers {
        hlog::info!(logger, "tick");
        capture.clear();
    }

    let n = allocations(|| {
        // Cache misses (a new second, another zone) and hits alike: six zones in turn.
        for i in 0..200i64 {
            set_clock(1_774_745_900 + i / 3, (i as u32) * 4_999_999);
            for (logger, _) in &loggers {
                hlog::info!(logger, "tick");
            }
            set_clock(later + i * 40_000, (i as u32) * 1_000);
            for (logger, _) in &loggers {
                hlog::info!(logger, "tick");
            }
        }
    });
    assert_eq!(n, 0, "allocations while rendering times");
    // The counter does count.
    let one = allocations(|| drop(std::hint::black_box(Vec::<u8>::with_capacity(8))));
    assert_eq!(one, 1);

    // What was rendered: the first counted record in Paris, 2026-03-29 00:58:20 UTC.
    let lines = loggers[0].1.lines();
    assert_eq!(lines.len(), 400);
    let every = "2026 26 1 3 03 Mar March 29 29 29th 88 088 6 7 Sun Sunday 1 01 1 01 58 58 20 20 \
                 000 000000000 1774745900 1774745900000000 AM +01:00 +0100 CET X";
    let every_utc = "2026 26 1 3 03 Mar March 29 29 29th 88 088 6 7 Sun Sunday 0 00 12 12 58 58 \
                     20 20 000 000000000 1774745900 1774745900000000 AM +00:00 +0000 UTC X";
    let times = format!(
        "{every} {every_utc} 2026-03-29T01:58:20.000000+0100 2026-03-29T00:58:20.000000+0000 \
         2026-03-29 01:58:20.000 "
    );
    // (`{elapsed}` depends on when the test runs: zero unless the machine's clock is earlier.)
    assert!(lines[0].starts_with(&times) && lines[0].ends_with(" tick"), "{}", lines[0]);
    // The last, late enough for days of `{elapsed}`.
    assert!(lines[399].contains(" days, "), "{}", lines[399]);
}
