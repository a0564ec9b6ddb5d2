//! `log::max_level()` is the higher of the bridge's level and the lowest level any handler of
//! the global logger takes, updated when handlers change: a `log` call below it evaluates
//! nothing.

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};

use log::LevelFilter;

#[test]
fn log_max_level_follows_handlers() {
    // The default console handler takes DEBUG and up.
    hlog::bridge::log::install("TRACE").unwrap();
    assert_eq!(log::max_level(), LevelFilter::Debug);
    hlog::remove_all();
    assert_eq!(log::max_level(), LevelFilter::Off);
    let capture = hlog::sink::Capture::new();
    let info = hlog::add(capture.clone()).format("{message}").level("INFO").install().unwrap();
    assert_eq!(log::max_level(), LevelFilter::Info);
    let trace = hlog::add(hlog::sink::Capture::new()).level("TRACE").install().unwrap();
    assert_eq!(log::max_level(), LevelFilter::Trace);
    hlog::remove(trace).unwrap();
    assert_eq!(log::max_level(), LevelFilter::Info);
    // SUCCESS (25) takes no `log` level below WARNING.
    hlog::remove(info).unwrap();
    hlog::add(capture.clone()).format("{message}").level("SUCCESS").install().unwrap();
    assert_eq!(log::max_level(), LevelFilter::Warn);
    // The bridge's own level when it is the higher.
    hlog::bridge::log::install("ERROR").unwrap();
    assert_eq!(log::max_level(), LevelFilter::Error);
    hlog::bridge::log::install("DEBUG").unwrap();
    assert_eq!(log::max_level(), LevelFilter::Warn);

    // A filtered call evaluates nothing.
    struct Counted;
    static SHOWN: AtomicUsize = AtomicUsize::new(0);
    impl fmt::Display for Counted {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            SHOWN.fetch_add(1, Ordering::Relaxed);
            f.write_str("counted")
        }
    }
    log::info!("{}", Counted);
    assert_eq!(SHOWN.load(Ordering::Relaxed), 0);
    log::warn!("{}", Counted);
    assert_eq!(SHOWN.load(Ordering::Relaxed), 1);
    assert_eq!(capture.text(), "counted\n");

    // An unknown level name is refused.
    assert!(matches!(
        hlog::bridge::log::install("LOUD"),
        Err(hlog::bridge::log::InstallError::Level(_))
    ));
}
