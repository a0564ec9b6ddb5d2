//! `Zone::local()` follows `TZ` when it is set: a test binary of its own, with a single test,
//! so that setting the variable races with nothing. Rendering goes through the public API: a
//! logger with a fixed clock and no zone of its own renders in the local zone.

use hlog::sink::Capture;
use hlog::time::{Timestamp, Zone};

#[test]
fn local_zone_comes_from_tz() {
    // SAFETY: this binary's only test; no other thread reads the environment meanwhile.
    unsafe { std::env::set_var("TZ", "EST5EDT,M3.2.0,M11.1.0") };
    let handles: Vec<_> =
        (0..8).map(|_| std::thread::spawn(|| Zone::local() as *const Zone as usize)).collect();
    let ptrs: Vec<usize> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert!(ptrs.iter().all(|&p| p == ptrs[0]));

    let zone = Zone::local();
    assert_eq!(zone.offset_at(1_772_953_199), (-18_000, "EST"));
    assert_eq!(zone.offset_at(1_772_953_200), (-14_400, "EDT"));
    let capture = Capture::new();
    let logger = hlog::Logger::new().with_clock(|| Timestamp::from_unix(1_793_512_800, 0));
    logger.add(capture.clone()).format("{time:HH:mm zz}").install().unwrap();
    hlog::info!(logger, "fall back in New York");
    assert_eq!(capture.text(), "01:00 EST\n");

    // Loaded once: changing TZ afterwards changes nothing.
    // SAFETY: as above.
    unsafe { std::env::set_var("TZ", "IST-5:30") };
    assert_eq!(Zone::local().offset_at(0), (-18_000, "EST"));
    capture.clear();
    hlog::info!(logger, "still New York");
    assert_eq!(capture.text(), "01:00 EST\n");
}
