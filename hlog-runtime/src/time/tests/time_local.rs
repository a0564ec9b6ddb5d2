//! `Zone::local()` from many threads at once: one zone, loaded once, the same answers.

use crate::time::{Timestamp, Zone, default_time_format, render};
use hlog_template::{TimeFormat, TimeToken};
use std::sync::Barrier;

/// Instants around the 2026 DST changes of both hemispheres, and the epoch.
const INSTANTS: [i64; 8] = [
    0,
    1_772_953_199,
    1_772_953_200,
    1_774_745_999,
    1_774_746_000,
    1_775_318_400,
    1_792_890_000,
    1_793_512_800,
];

/// Per instant: offset, abbreviation, and the default format rendered in the local zone.
type Snapshot = Vec<(i32, String, Vec<u8>)>;

fn snapshot(zone: &Zone) -> Snapshot {
    INSTANTS
        .iter()
        .map(|&secs| {
            let (offset, abbr) = zone.offset_at(secs);
            let mut out = Vec::new();
            render(&mut out, default_time_format(), Timestamp::from_unix(secs, 123_000), zone);
            (offset, abbr.to_owned(), out)
        })
        .collect()
}

#[test]
fn eight_threads_at_once() {
    let barrier = Barrier::new(8);
    let results: Vec<(usize, Snapshot)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let barrier = &barrier;
                scope.spawn(move || {
                    barrier.wait();
                    let zone = Zone::local();
                    (zone as *const Zone as usize, snapshot(zone))
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let (first_ptr, first) = &results[0];
    for (ptr, snap) in &results {
        assert_eq!(ptr, first_ptr, "every thread sees the same zone");
        assert_eq!(snap, first, "and the same offsets and renders");
    }
    assert!(std::ptr::eq(Zone::local(), *first_ptr as *const Zone));
    assert_eq!(&snapshot(Zone::local()), first);

    // The local zone is what TZ (or /etc/localtime) says, or UTC when neither is usable.
    let expected = match std::env::var("TZ") {
        Ok(value) => Zone::from_tz_var(&value).unwrap_or_else(|_| Zone::utc()),
        Err(_) => Zone::from_tz_var(":").unwrap_or_else(|_| Zone::utc()),
    };
    for (&secs, (offset, abbr, _)) in INSTANTS.iter().zip(first) {
        assert_eq!(expected.offset_at(secs), (*offset, abbr.as_str()), "{secs}");
    }

    // Rendering in the local zone is rendering in that zone.
    for &secs in &INSTANTS {
        let ts = Timestamp::from_unix(secs, 5);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        render(&mut a, default_time_format(), ts, Zone::local());
        render(&mut b, default_time_format(), ts, &expected);
        assert_eq!(a, b);
    }
}

#[test]
fn unix_seconds_do_not_depend_on_the_local_zone() {
    let format = TimeFormat { tokens: vec![TimeToken::Timestamp].into(), utc: false };
    let mut out = Vec::new();
    render(&mut out, &format, Timestamp::from_unix(1_774_531_800, 0), Zone::local());
    assert_eq!(out, b"1774531800");
}
