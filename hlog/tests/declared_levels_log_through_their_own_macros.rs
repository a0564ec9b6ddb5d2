//! Levels declared with `hlog::levels!` are `const` levels with a logging macro each, named
//! after the level in lower case: the macro logs at the level's number, colour and icon,
//! through the global logger or a given one, with fields before the template; it is usable
//! across the crate; `register()` makes the name known to lookups; run-time `hlog::level()`
//! stays beside them.

use hlog::Logger;
use hlog::sink::Capture;

hlog::levels! {
    AUDIT = 35, "<cyan>", "@";
    pub NOTICE = 22, "<fg #FF8800><bold>";
    QUIET = 1;
}

mod elsewhere {
    pub(crate) fn log(logger: &hlog::Logger) {
        crate::audit!(logger, "from elsewhere");
    }
}

#[test]
fn a_declared_level_logs_with_its_number_colour_and_icon() {
    let logger = Logger::new();
    let capture = Capture::new();
    logger
        .add(capture.clone())
        .format("<level>{level}</level>|{level.no}|{level.icon}|{message}|{extra}")
        .colorize(true)
        .level("INFO")
        .install()
        .unwrap();
    let user = "alice";
    audit!(logger, "{user} exported");
    notice!(logger, id = 7, "notice");
    quiet!(logger, "below INFO: filtered");
    elsewhere::log(&logger);
    assert_eq!(
        capture.text(),
        "\x1b[36mAUDIT\x1b[0m|35|@|alice exported|{\"user\": \"alice\"}\n\
         \x1b[38;2;255;136;0m\x1b[1mNOTICE\x1b[0m|22||notice|{\"id\": 7}\n\
         \x1b[36mAUDIT\x1b[0m|35|@|from elsewhere|{}\n"
    );
    assert_eq!(
        (AUDIT.name(), AUDIT.no(), AUDIT.color(), AUDIT.icon()),
        ("AUDIT", 35, "<cyan>", "@")
    );
    assert!(NOTICE > hlog::Level::INFO && NOTICE < hlog::Level::SUCCESS);
}

#[test]
fn a_declared_level_filters_like_any_other_through_the_global_logger() {
    hlog::remove_all();
    let capture = Capture::new();
    let id = hlog::add(capture.clone()).format("{level}:{message}").level(AUDIT).install().unwrap();
    notice!("below AUDIT");
    audit!("kept");
    hlog::log!(AUDIT, "by value");
    assert_eq!(capture.text(), "AUDIT:kept\nAUDIT:by value\n");
    hlog::remove(id).unwrap();
}

#[test]
fn register_makes_the_name_known_to_lookups() {
    assert_eq!(AUDIT.register().unwrap(), AUDIT);
    assert_eq!(hlog::Level::lookup("AUDIT"), Some(AUDIT));
    assert_eq!(AUDIT.register().unwrap(), AUDIT, "again: nothing changes");
    let logger = Logger::new();
    let capture = Capture::new();
    logger
        .add(capture.clone())
        .format("{level}|{level.icon}|{message}")
        .level("AUDIT")
        .install()
        .unwrap();
    hlog::log!(logger, "AUDIT", "by name");
    hlog::info!(logger, "below");
    assert_eq!(capture.text(), "AUDIT|@|by name\n");
    // Run-time registration stays for names known only at run time.
    let runtime = hlog::level("RUNTIME_ONLY", 33, "<blue>", "").unwrap();
    assert_eq!(runtime.no(), 33);
}
