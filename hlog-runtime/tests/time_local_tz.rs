//! `Zone::local()` follows `TZ` when it is set: a test binary of its own, with a single test,
//! so that setting the variable races with nothing.

use hlog_runtime::time::{Timestamp, Zone, local_render};
use hlog_template::{TimeFormat, TimeToken::*};

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
    let format = TimeFormat {
        tokens: vec![Hour2, Literal(":".into()), Minute2, Literal(" ".into()), ZoneName].into(),
        utc: false,
    };
    let mut out = Vec::new();
    local_render(&mut out, &format, Timestamp::from_unix(1_793_512_800, 0));
    assert_eq!(out, b"01:00 EST");

    // Loaded once: changing TZ afterwards changes nothing.
    // SAFETY: as above.
    unsafe { std::env::set_var("TZ", "IST-5:30") };
    assert_eq!(Zone::local().offset_at(0), (-18_000, "EST"));
}
