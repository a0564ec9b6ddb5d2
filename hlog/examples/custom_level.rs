//! Custom levels: `cargo run --example custom_level`.
//!
//! Two ways, as loguru's `logger.level(name, no, color, icon)`:
//! - `hlog::level(...)` registers a level at run time; log at it by name with `log!("NAME", ...)`
//!   (a misspelt name is reported once on stderr and the record still written, at ERROR);
//! - `hlog::levels! { ... }` declares levels at compile time: each is a `const Level` and a macro
//!   named after it (`notice!`), so a misspelt level does not compile.

use hlog::Logger;

hlog::levels! {
    // NAME = number, colour markup (checked at compile time), icon.
    NOTICE = 22, "<cyan>", "📣";
    SECURITY = 45, "<red><bold>", "🔒";
}

fn demo(logger: &Logger) {
    // Run time: the name, its severity number, its colour and its icon.
    hlog::level("AUDIT", 35, "<magenta><bold>", "🔎").expect("a new level");
    let user = "alice";
    hlog::log!(logger, "AUDIT", "User {user} exported {rows} rows", rows = 1_204);

    // Compile time: the generated macros take what `info!` takes.
    notice!(logger, "Maintenance tonight at {when}", when = "22:00");
    security!(logger, attempts = 5, "Account {user} locked");
    // The constants are ordinary `Level`s.
    hlog::log!(logger, NOTICE, "{} is level {}", NOTICE.name(), NOTICE.no());
}

fn main() {
    hlog::remove_all();
    hlog::add(hlog::sink::Console::stdout())
        .format("{level.icon} <level>{level: <8}</level> ({level.no}) | {message} {extra}")
        .install()
        .unwrap();
    // Register a declared level too if names must find it (a configuration file, HLOG_LEVEL).
    NOTICE.register().expect("NOTICE is free");
    demo(hlog::logger());
    assert_eq!(hlog::Level::lookup("NOTICE").map(|level| level.no()), Some(22));
}

#[test]
fn logs_at_the_custom_levels() {
    let logger = Logger::new();
    let capture = hlog::sink::Capture::new();
    logger
        .add(capture.clone())
        .format("{level}|{level.no}|{level.icon}|{message}")
        .install()
        .unwrap();
    demo(&logger);
    assert_eq!(
        capture.text(),
        "AUDIT|35|🔎|User alice exported 1204 rows\n\
         NOTICE|22|📣|Maintenance tonight at 22:00\n\
         SECURITY|45|🔒|Account alice locked\n\
         NOTICE|22|📣|NOTICE is level 22\n"
    );
}
