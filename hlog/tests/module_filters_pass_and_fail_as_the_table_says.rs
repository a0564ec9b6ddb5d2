//! A handler's module filters — a module path (`filter_module`), a map of module prefixes to
//! minimum levels (`filter_levels`, loguru's dict filter) — pass and fail records as the tables
//! below say: prefixes match on `::` boundaries, the longest wins, `""` is the default and
//! `"OFF"` turns a module off. Through the global logger, a call the map turns off does not
//! evaluate its arguments (the map is folded into the call site's interest).

use std::sync::atomic::{AtomicU32, Ordering};

use hlog::sink::Capture;
use hlog::{Filter, Level, Logger};

/// The seed's dict filter, in Rust module paths, with `hyper` turned off.
const SEED_MAP: [(&str, &str); 4] =
    [("", "INFO"), ("my_app::views", "DEBUG"), ("my_app::models", "WARNING"), ("hyper", "OFF")];

#[test]
fn the_seed_map_passes_and_fails_records_as_the_table_says() {
    let filter = Filter::levels(SEED_MAP).unwrap();
    #[rustfmt::skip]
    let table: [(&str, Level, bool); 16] = [
        ("main", Level::DEBUG, false),
        ("main", Level::INFO, true),
        ("my_app", Level::DEBUG, false),
        ("my_app", Level::INFO, true),
        ("my_app::views", Level::DEBUG, true),
        ("my_app::views", Level::TRACE, false),
        ("my_app::views::list", Level::DEBUG, true),
        ("my_app::viewsx", Level::DEBUG, false),
        ("my_app::viewsx", Level::INFO, true),
        ("my_app::models", Level::INFO, false),
        ("my_app::models", Level::WARNING, true),
        ("my_app::models::user", Level::ERROR, true),
        ("hyper", Level::CRITICAL, false),
        ("hyper::client::pool", Level::CRITICAL, false),
        ("hyperx", Level::INFO, true),
        ("hyperx", Level::DEBUG, false),
    ];
    for (module, level, passes) in table {
        assert_eq!(filter.accepts(module, &level), passes, "{module} at {level}");
    }
}

#[test]
fn a_module_path_passes_that_module_and_below() {
    let filter = Filter::module("my_app");
    let table = [
        ("my_app", true),
        ("my_app::db", true),
        ("my_app::db::pool", true),
        ("my_app_extra", false),
        ("other", false),
        ("", false),
    ];
    for (module, passes) in table {
        assert_eq!(filter.accepts(module, &Level::TRACE), passes, "{module}");
    }
}

#[test]
fn an_unknown_level_in_the_map_fails_install_and_adds_nothing() {
    let logger = Logger::new();
    let error = logger
        .add(Capture::new())
        .filter_levels([("", "INFO"), ("x", "LOUD")])
        .install()
        .unwrap_err();
    assert!(error.to_string().starts_with("unknown level \"LOUD\""), "{error}");
    assert!(logger.stats().is_empty());
}

mod my_app {
    pub(crate) fn log(logger: &hlog::Logger) {
        hlog::debug!(logger, "my_app debug");
        hlog::info!(logger, "my_app info");
    }
    pub(crate) mod views {
        pub(crate) fn log(logger: &hlog::Logger) {
            hlog::debug!(logger, "views debug");
        }
    }
}

mod my_app_extra {
    pub(crate) fn log(logger: &hlog::Logger) {
        hlog::info!(logger, "extra info");
    }
}

#[test]
fn handlers_of_one_logger_filter_each_on_their_own() {
    let logger = Logger::new();
    let module = module_path!();
    let mine = Capture::new();
    let map = Capture::new();
    let all = Capture::new();
    logger
        .add(mine.clone())
        .format("{message}")
        .filter_module(format!("{module}::my_app"))
        .install()
        .unwrap();
    logger
        .add(map.clone())
        .format("{message}")
        .filter_levels([
            ("".to_owned(), "INFO"),
            (format!("{module}::my_app::views"), "DEBUG"),
            (format!("{module}::my_app_extra"), "OFF"),
        ])
        .install()
        .unwrap();
    logger.add(all.clone()).format("{message}").level("INFO").install().unwrap();
    my_app::log(&logger);
    my_app::views::log(&logger);
    my_app_extra::log(&logger);
    assert_eq!(mine.text(), "my_app debug\nmy_app info\nviews debug\n");
    assert_eq!(map.text(), "my_app info\nviews debug\n");
    assert_eq!(all.text(), "my_app info\nextra info\n");
}

#[test]
fn a_closure_and_a_map_both_apply() {
    let logger = Logger::new();
    let capture = Capture::new();
    logger
        .add(capture.clone())
        .format("{message}")
        .filter_levels([("", "INFO")])
        .filter(|record| !record.message().to_string().contains("secret"))
        .install()
        .unwrap();
    hlog::debug!(logger, "debug");
    hlog::info!(logger, "a secret");
    hlog::info!(logger, "public");
    assert_eq!(capture.text(), "public\n");
}

static EVALUATED: AtomicU32 = AtomicU32::new(0);

fn evaluated() -> u32 {
    EVALUATED.fetch_add(1, Ordering::Relaxed) + 1
}

mod noisy {
    pub(crate) fn log() {
        hlog::info!("noisy {}", super::evaluated());
    }
}

mod quiet {
    pub(crate) fn log() {
        hlog::info!("quiet {}", super::evaluated());
    }
}

/// The only test of this file that uses the global logger.
#[test]
fn through_the_global_logger_a_call_the_map_turns_off_evaluates_nothing() {
    hlog::remove_all();
    let capture = Capture::new();
    let noisy = format!("{}::noisy", module_path!());
    hlog::add(capture.clone())
        .format("{message}")
        .filter_levels([("", "INFO"), (noisy.as_str(), "OFF")])
        .install()
        .unwrap();
    for _ in 0..3 {
        noisy::log();
        quiet::log();
    }
    assert_eq!(capture.text(), "quiet 1\nquiet 2\nquiet 3\n");
    assert_eq!(EVALUATED.load(Ordering::Relaxed), 3, "the noisy calls evaluated nothing");
    hlog::remove_all();
}

#[test]
fn a_queued_handler_applies_its_map_on_the_writer_thread() {
    let logger = Logger::new();
    let capture = Capture::new();
    let module = module_path!();
    logger
        .add(capture.clone())
        .format("{message}")
        .enqueue(true)
        .filter_levels([("".to_owned(), "INFO"), (format!("{module}::my_app::views"), "DEBUG")])
        .install()
        .unwrap();
    my_app::log(&logger);
    my_app::views::log(&logger);
    my_app_extra::log(&logger);
    logger.complete();
    assert_eq!(capture.text(), "my_app info\nviews debug\nextra info\n");
}
