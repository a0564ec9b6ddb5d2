//! The global logger's per-call-site interest follows its configuration: a call site that was
//! filtered out starts writing (and evaluating its arguments) as soon as a handler accepts it,
//! and stops again when its module is disabled; module rules match on `::` boundaries.
//!
//! Everything here touches the one global logger, so it is one test.

use std::sync::atomic::{AtomicU32, Ordering};

use hlog::Level;
use hlog::sink::Capture;

static EVALUATED: AtomicU32 = AtomicU32::new(0);

fn evaluated() -> u32 {
    EVALUATED.fetch_add(1, Ordering::Relaxed) + 1
}

/// ONE call site, logged to again and again under changing configurations.
fn call_site(round: u32) {
    hlog::info!("round {round} n={}", evaluated());
}

mod db {
    pub(crate) fn log() {
        hlog::info!("db");
    }

    pub(crate) mod pool {
        pub(crate) fn log() {
            hlog::info!("db::pool");
        }
    }
}

mod dbx {
    pub(crate) fn log() {
        hlog::info!("dbx");
    }
}

fn log_modules() {
    db::log();
    db::pool::log();
    dbx::log();
}

#[test]
fn global_logger_interest_follows_configuration() {
    hlog::remove_all();
    assert!(hlog::stats().is_empty(), "remove_all() also removes the default console handler");

    // No handler at all: nothing is evaluated.
    call_site(0);
    assert_eq!(EVALUATED.load(Ordering::Relaxed), 0);

    // A WARNING handler: INFO is neither written nor evaluated.
    let warning = Capture::new();
    let warning_id =
        hlog::add(warning.clone()).level(Level::WARNING).format("{message}").install().unwrap();
    for round in 1..=2 {
        call_site(round);
    }
    assert_eq!(warning.text(), "");
    assert_eq!(EVALUATED.load(Ordering::Relaxed), 0, "a filtered INFO call evaluated its argument");
    // A WARNING call through the global macros does get through.
    hlog::warning!("warned");
    assert_eq!(warning.text(), "warned\n");

    // Replace it by a DEBUG handler: the SAME call site now writes.
    hlog::remove(warning_id).unwrap();
    let twice = hlog::remove(warning_id);
    assert!(matches!(twice, Err(hlog::RemoveError::NoSuchHandler(_))), "removing twice");
    let capture = Capture::new();
    hlog::add(capture.clone())
        .level("DEBUG")
        .format("{level}|{message}")
        .colorize(false)
        .install()
        .unwrap();
    for round in 3..=4 {
        call_site(round);
    }
    assert_eq!(capture.text(), "INFO|round 3 n=1\nINFO|round 4 n=2\n");
    assert_eq!(warning.text(), "warned\n", "a removed handler gets nothing more");

    // Disable this module: silenced, arguments not evaluated.
    capture.clear();
    hlog::disable(module_path!());
    call_site(5);
    hlog::error!("error while disabled");
    assert_eq!(capture.text(), "");
    assert_eq!(EVALUATED.load(Ordering::Relaxed), 2);

    // Enable it again: the same call site writes again.
    hlog::enable(module_path!());
    call_site(6);
    assert_eq!(capture.text(), "INFO|round 6 n=3\n");

    // Module prefixes match on `::` boundaries.
    capture.clear();
    log_modules();
    assert_eq!(capture.text(), "INFO|db\nINFO|db::pool\nINFO|dbx\n");

    let db = format!("{}::db", module_path!());
    capture.clear();
    hlog::disable(&db);
    log_modules();
    assert_eq!(capture.text(), "INFO|dbx\n", "disabling `{db}` must silence db and db::pool only");

    // The most specific rule wins: re-enable db::pool under a disabled db.
    capture.clear();
    hlog::enable(&format!("{db}::pool"));
    log_modules();
    assert_eq!(capture.text(), "INFO|db::pool\nINFO|dbx\n");

    // A prefix that is not on a boundary (`<crate>::d`) matches nothing.
    capture.clear();
    hlog::enable(&db);
    hlog::disable(&format!("{}::d", module_path!()));
    log_modules();
    assert_eq!(capture.text(), "INFO|db\nINFO|db::pool\nINFO|dbx\n");

    // Disabling the whole crate silences every module of it; the rest of the test's modules
    // were enabled by more specific rules, so only dbx (no rule of its own) goes quiet.
    capture.clear();
    hlog::disable(module_path!());
    log_modules();
    call_site(7);
    assert_eq!(capture.text(), "INFO|db\nINFO|db::pool\n");
    hlog::enable(module_path!());

    // remove_all(): nothing written, nothing evaluated.
    let before = EVALUATED.load(Ordering::Relaxed);
    capture.clear();
    hlog::remove_all();
    call_site(8);
    log_modules();
    assert_eq!(capture.text(), "");
    assert_eq!(EVALUATED.load(Ordering::Relaxed), before);
    assert!(hlog::stats().is_empty());
}
