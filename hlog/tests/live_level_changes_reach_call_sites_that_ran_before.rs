//! A handler's level and filter change while the program runs (`set_level`, `set_filter`, by
//! handler id), and call sites that already ran — whose interest is cached — see the change on
//! their next call, through the global logger and through a logger of one's own. A call the
//! new setting filters out again evaluates nothing.

use std::sync::atomic::{AtomicU32, Ordering};

use hlog::sink::Capture;
use hlog::{ChangeError, Filter, HandlerId, Logger};

static EVALUATED: AtomicU32 = AtomicU32::new(0);

fn evaluated() -> u32 {
    EVALUATED.fetch_add(1, Ordering::Relaxed) + 1
}

/// One call site, run again and again.
fn debug_call() {
    hlog::debug!("debug {}", evaluated());
}

/// The only test of this file that uses the global logger.
#[test]
fn global_call_sites_that_ran_before_see_level_and_filter_changes() {
    hlog::remove_all();
    let capture = Capture::new();
    let id = hlog::add(capture.clone()).format("{message}").level("INFO").install().unwrap();
    debug_call();
    debug_call();
    assert_eq!(EVALUATED.load(Ordering::Relaxed), 0, "filtered out: nothing evaluated");

    hlog::set_level(id, "DEBUG").unwrap();
    debug_call();
    assert_eq!(capture.text(), "debug 1\n");

    hlog::set_filter(id, Filter::module("somewhere_else")).unwrap();
    debug_call();
    assert_eq!(EVALUATED.load(Ordering::Relaxed), 1, "the new filter turns it off again");

    hlog::set_filter(id, Filter::levels([(module_path!(), "TRACE")]).unwrap()).unwrap();
    debug_call();
    assert_eq!(capture.text(), "debug 1\ndebug 2\n");

    hlog::set_level(id, 50u32).unwrap();
    debug_call();
    assert_eq!(EVALUATED.load(Ordering::Relaxed), 2);
    assert_eq!(hlog::stats()[0].level, 50);

    hlog::disable(module_path!());
    hlog::set_level(id, "TRACE").unwrap();
    debug_call();
    assert_eq!(EVALUATED.load(Ordering::Relaxed), 2, "disable() still wins");
    hlog::enable(module_path!());
    debug_call();
    assert_eq!(capture.text(), "debug 1\ndebug 2\ndebug 3\n");
    hlog::remove_all();
}

#[test]
fn a_logger_of_ones_own_follows_too() {
    let logger = Logger::new();
    let capture = Capture::new();
    let id = logger.add(capture.clone()).format("{message}").level("WARNING").install().unwrap();
    let call = |n: u32| hlog::info!(logger, "info {n}");
    call(1);
    logger.set_level(id, "INFO").unwrap();
    call(2);
    logger.set_level(id, "OFF").unwrap();
    call(3);
    hlog::critical!(logger, "not even critical");
    assert_eq!(capture.text(), "info 2\n");
}

#[test]
fn changing_what_is_not_there_says_so_and_changes_nothing() {
    let logger = Logger::new();
    let capture = Capture::new();
    let id = logger.add(capture.clone()).format("{message}").level("INFO").install().unwrap();
    assert!(matches!(logger.set_level(id, "LOUD"), Err(ChangeError::Invalid(_))));
    let gone: HandlerId = logger.add(Capture::new()).install().unwrap();
    logger.remove(gone).unwrap();
    let error = logger.set_level(gone, "DEBUG").unwrap_err();
    assert!(matches!(error, ChangeError::NoSuchHandler(g) if g == gone));
    assert!(logger.set_filter(gone, Filter::all()).is_err());
    hlog::info!(logger, "level unchanged");
    hlog::debug!(logger, "hidden");
    assert_eq!(capture.text(), "level unchanged\n");
    assert_eq!(logger.stats()[0].level, 20);
}
