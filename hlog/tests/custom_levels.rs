//! Custom levels: `hlog::level(name, no, colour, icon)` registers a level that log calls name
//! (`log!(logger, "AUDIT", ...)`) and handlers filter by number like any built-in one;
//! re-registering a name with another number is an error, a built-in name is refused, and a
//! name never registered does not panic: its record is written with that name at ERROR
//! severity.

use std::sync::Mutex;

use hlog::Level;
use hlog::sink::Capture;

/// Held by every test of this file that uses the global logger (`log!("NAME", ...)`); today
/// there is one, and the lock keeps it safe when more are added.
static GLOBAL: Mutex<()> = Mutex::new(());

/// Registering the same name with the same number again is allowed, so every test may call it.
fn audit() -> Level {
    hlog::level("AUDIT", 35, "<magenta><bold>", "🔎").expect("AUDIT registers")
}

fn capture_logger(format: &str) -> (hlog::Logger, Capture) {
    let capture = Capture::new();
    let logger = hlog::Logger::new();
    logger.add(capture.clone()).format(format).colorize(false).install().unwrap();
    (logger, capture)
}

#[test]
fn registered_level_has_its_name_number_colour_and_icon() {
    let level = audit();
    assert_eq!(level.name(), "AUDIT");
    assert_eq!(level.no(), 35);
    assert_eq!(level.icon(), "🔎");
    assert_eq!(level.color(), "<magenta><bold>");
    assert_eq!(level.ansi(), "\x1b[35m\x1b[1m");
    assert!(level > Level::WARNING && level < Level::ERROR);
}

#[test]
fn lookup_finds_builtin_and_registered_levels() {
    let level = audit();
    assert_eq!(Level::lookup("AUDIT"), Some(level));
    assert_eq!(Level::lookup("WARNING"), Some(Level::WARNING));
    assert_eq!(Level::lookup("TRACE").map(|l| l.no()), Some(5));
    assert_eq!(Level::lookup("NEVER_REGISTERED"), None);
    assert_eq!(Level::lookup("audit"), None, "names are case-sensitive");
    assert_eq!(Level::lookup(""), None);
}

#[test]
fn log_with_a_custom_level_value_writes_name_number_and_icon() {
    let level = audit();
    let (logger, capture) = capture_logger("{level}|{level.no}|{level.icon}|{level: <7}|{message}");
    hlog::log!(logger, level, "user {} exported {what}", 42, what = "data");
    hlog::log!(logger, Level::lookup("AUDIT").unwrap(), "looked up");
    assert_eq!(
        capture.text(),
        "AUDIT|35|🔎|AUDIT  |user 42 exported data\nAUDIT|35|🔎|AUDIT  |looked up\n"
    );
}

#[test]
fn custom_level_colour_reaches_colourised_sinks() {
    let level = audit();
    let capture = Capture::new();
    let logger = hlog::Logger::new();
    logger
        .add(capture.clone())
        .format("<level>{level}</level> {message}")
        .colorize(true)
        .install()
        .unwrap();
    hlog::log!(logger, level, "x");
    assert_eq!(capture.text(), "\x1b[35m\x1b[1mAUDIT\x1b[0m x\n");
}

#[test]
fn handler_level_filters_custom_levels_by_number() {
    let level = audit();
    struct Case {
        handler_level: u32,
        expected: &'static str,
    }
    let cases = [
        Case { handler_level: 0, expected: "WARNING\nAUDIT\nERROR\n" },
        Case { handler_level: 30, expected: "WARNING\nAUDIT\nERROR\n" },
        Case { handler_level: 31, expected: "AUDIT\nERROR\n" },
        Case { handler_level: 35, expected: "AUDIT\nERROR\n" },
        Case { handler_level: 36, expected: "ERROR\n" },
        Case { handler_level: 41, expected: "" },
    ];
    for case in cases {
        let capture = Capture::new();
        let logger = hlog::Logger::new();
        logger.add(capture.clone()).level(case.handler_level).format("{level}").install().unwrap();
        hlog::warning!(logger, "w");
        hlog::log!(logger, level, "a");
        hlog::error!(logger, "e");
        assert_eq!(capture.text(), case.expected, "handler level {}", case.handler_level);
    }
}

#[test]
fn handler_level_by_custom_name() {
    let level = audit();
    let capture = Capture::new();
    let logger = hlog::Logger::new();
    logger.add(capture.clone()).level("AUDIT").format("{level}").install().unwrap();
    assert_eq!(logger.stats()[0].level, 35);
    hlog::warning!(logger, "w");
    hlog::log!(logger, level, "a");
    hlog::critical!(logger, "c");
    assert_eq!(capture.text(), "AUDIT\nCRITICAL\n");
}

#[test]
fn re_registering_with_another_number_is_an_error() {
    audit();
    let error = hlog::level("AUDIT", 36, "<magenta>", "🔎").unwrap_err();
    let message = error.to_string();
    assert!(message.contains("\"AUDIT\""), "{message}");
    assert!(message.contains("35") && message.contains("36"), "{message}");
    // The failed call changed nothing.
    assert_eq!(Level::lookup("AUDIT").map(|l| l.no()), Some(35));

    // The same number again is allowed (it updates colour and icon).
    let again = hlog::level("RECOLOUR", 33, "<blue>", "a").unwrap();
    assert_eq!(again.icon(), "a");
    let updated = hlog::level("RECOLOUR", 33, "<green>", "b").unwrap();
    assert_eq!((updated.no(), updated.color(), updated.icon()), (33, "<green>", "b"));
    assert_eq!(Level::lookup("RECOLOUR").map(|l| l.icon()), Some("b"));
}

#[test]
fn built_in_names_are_refused() {
    for level in [
        Level::TRACE,
        Level::DEBUG,
        Level::INFO,
        Level::SUCCESS,
        Level::WARNING,
        Level::ERROR,
        Level::CRITICAL,
    ] {
        let name = level.name();
        // Neither with another number nor with its own.
        for no in [level.no(), level.no() + 1] {
            let error = hlog::level(name, no, "<red>", "!").unwrap_err();
            assert!(error.to_string().contains(&format!("{name:?}")), "{error}");
            assert!(error.to_string().contains("built in"), "{error}");
        }
        assert_eq!(Level::lookup(name), Some(level), "{name} unchanged");
    }
}

#[test]
fn invalid_names_and_colours_are_refused() {
    for (name, colour) in
        [("", "<red>"), ("TWO WORDS", "<red>"), ("TAB\tBED", ""), ("BADCOLOUR", "<nope>")]
    {
        assert!(hlog::level(name, 12, colour, "").is_err(), "{name:?} {colour:?}");
        assert_eq!(Level::lookup(name), None, "{name:?} must not be registered");
    }
}

/// `log!(logger, "AUDIT", ...)`: a registered level by name, through a given logger.
#[test]
fn named_level_through_a_logger() {
    audit();
    let (logger, capture) = capture_logger("{level}|{level.no}|{level.icon}|{message}");
    hlog::log!(logger, "AUDIT", "user {} exported data", 42);
    hlog::log!(logger, "AUDIT", "plain");
    hlog::log!(logger, "INFO", "built-in by name {n}", n = 1);
    assert_eq!(
        capture.text(),
        "AUDIT|35|🔎|user 42 exported data\nAUDIT|35|🔎|plain\nINFO|20|ℹ️|built-in by name 1\n"
    );
}

#[test]
fn unknown_level_name_through_a_logger_is_written_at_error_severity() {
    let (logger, capture) = capture_logger("{level}|{level.no}|{level.icon}|{message}");
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        hlog::log!(logger, "NOPE", "x");
        hlog::log!(logger, "NOPE", "y {}", 2);
    }));
    assert!(outcome.is_ok(), "an unknown level name must not panic");
    assert_eq!(capture.text(), "NOPE|40|❌|x\nNOPE|40|❌|y 2\n");
    assert_eq!(Level::lookup("NOPE"), None, "logging with an unknown name does not register it");

    // Filtered as ERROR: a handler above ERROR drops it, one at ERROR keeps it.
    let above = Capture::new();
    let at = Capture::new();
    let logger = hlog::Logger::new();
    logger.add(above.clone()).level(41).format("{level}").install().unwrap();
    logger.add(at.clone()).level("ERROR").format("{level}").install().unwrap();
    hlog::log!(logger, "NOPE", "z");
    assert_eq!(above.text(), "");
    assert_eq!(at.text(), "NOPE\n");
}

#[test]
fn handler_level_filters_named_custom_levels() {
    audit();
    let capture = Capture::new();
    let logger = hlog::Logger::new();
    logger.add(capture.clone()).level(36).format("{level}").install().unwrap();
    hlog::log!(logger, "AUDIT", "dropped at 35 < 36");
    hlog::log!(logger, "ERROR", "kept");
    assert_eq!(capture.text(), "ERROR\n");
}

#[test]
fn named_levels_through_the_global_logger() {
    let _global = GLOBAL.lock().unwrap_or_else(|e| e.into_inner());
    audit();
    hlog::remove_all();
    let capture = Capture::new();
    hlog::add(capture.clone())
        .format("{level}|{level.no}|{level.icon}|{message}")
        .colorize(false)
        .install()
        .unwrap();

    hlog::log!("AUDIT", "user {} exported data", 42);
    // Never registered: no panic, written with its own name at ERROR's severity.
    hlog::log!("NOPE", "x");
    hlog::log!("NOPE", "y {}", 1);
    hlog::log!("WARNING", "built-in by name");

    assert_eq!(
        capture.text(),
        "AUDIT|35|🔎|user 42 exported data\nNOPE|40|❌|x\nNOPE|40|❌|y 1\nWARNING|30|⚠️|built-in by name\n"
    );
    assert_eq!(Level::lookup("NOPE"), None, "logging with an unknown name does not register it");

    // An unknown name is at ERROR severity for filtering too.
    hlog::remove_all();
    let strict = Capture::new();
    hlog::add(strict.clone()).level(41).format("{level}").install().unwrap();
    let errors = Capture::new();
    hlog::add(errors.clone()).level(Level::ERROR).format("{level}").install().unwrap();
    hlog::log!("NOPE", "z");
    hlog::log!("AUDIT", "filtered");
    assert_eq!(strict.text(), "");
    assert_eq!(errors.text(), "NOPE\n");

    // A name registered after its call site first ran is picked up by that call site.
    let late = |_: ()| hlog::log!("LATE_LEVEL", "late");
    errors.clear();
    hlog::remove_all();
    hlog::add(errors.clone()).format("{level}|{level.no}").install().unwrap();
    late(());
    hlog::level("LATE_LEVEL", 45, "<red>", "L").unwrap();
    late(());
    assert_eq!(errors.text(), "LATE_LEVEL|40\nLATE_LEVEL|45\n");
    hlog::remove_all();
}
