//! `patch` makes a child whose closure adds or changes fields on every record it logs: the
//! seed's elapsed-time example (a field of milliseconds since a start instant), translated.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use hlog::Logger;
use hlog::sink::Capture;
use hlog::time::Timestamp;

#[test]
fn a_patch_adds_the_time_elapsed_since_a_start() {
    // The clock moves 125 ms a call, from 1000 s.
    let ticks = Arc::new(AtomicI64::new(0));
    let clock = ticks.clone();
    let logger = Logger::new().with_clock(move || {
        let ms = 1_000_000 + clock.fetch_add(125, Ordering::Relaxed);
        Timestamp::from_unix(ms / 1000, (ms % 1000) as u32 * 1_000_000)
    });
    let capture = Capture::new();
    logger.add(capture.clone()).format("{message} (+{extra[elapsed_ms]} ms)").install().unwrap();
    // loguru: `start = time.time(); logger = logger.patch(lambda r: r["extra"].update(
    //     elapsed_ms=int((r["time"].timestamp() - start) * 1000)))`
    let start = logger.now();
    let timed = logger.patch(move |patch| {
        let time = patch.record().time();
        let ms = (time.secs() - start.secs()) * 1000
            + (i64::from(time.nanos()) - i64::from(start.nanos())) / 1_000_000;
        patch.set("elapsed_ms", ms.into());
    });
    hlog::info!(timed, "first");
    hlog::info!(timed, "second");
    hlog::info!(logger, "the parent is not patched");
    assert_eq!(
        capture.text(),
        "first (+125 ms)\nsecond (+250 ms)\nthe parent is not patched (+ ms)\n"
    );
}

#[test]
fn patches_chain_and_keep_bound_fields() {
    let capture = Capture::new();
    let logger = Logger::new();
    logger.add(capture.clone()).format("{message} {extra}").install().unwrap();
    let child = hlog::bind!(logger; user = "alice")
        .patch(|patch| {
            patch.set("stage", 1.into());
        })
        .patch(|patch| {
            let stage = match patch.get("stage") {
                Some(hlog::Value::I64(stage)) => stage,
                _ => -1,
            };
            patch.set("stage", (stage + 1).into());
            patch.set(
                "user_seen",
                matches!(patch.get("user"), Some(hlog::Value::Str("alice"))).into(),
            );
        });
    let grandchild = hlog::bind!(child; req = 5);
    hlog::info!(grandchild, "m");
    assert_eq!(
        capture.text(),
        "m {\"req\": 5, \"user\": \"alice\", \"stage\": 2, \"user_seen\": true}\n"
    );
}

#[test]
fn a_patch_may_set_a_bounded_number_of_fields() {
    let capture = Capture::new();
    let logger = Logger::new();
    logger.add(capture.clone()).format("{extra}").install().unwrap();
    const NAMES: [&str; 9] = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    let patched = logger.patch(|patch| {
        for (i, name) in NAMES.iter().enumerate() {
            let stored = patch.set(name, i.into());
            assert_eq!(stored, i < hlog::MAX_PATCHED_FIELDS);
        }
    });
    hlog::info!(patched, "m");
    assert_eq!(
        capture.text(),
        "{\"a\": 0, \"b\": 1, \"c\": 2, \"d\": 3, \"e\": 4, \"f\": 5, \"g\": 6, \"h\": 7}\n"
    );
}
