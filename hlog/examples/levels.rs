//! The built-in levels, what each is for, and level filtering: `cargo run --example levels`.
//!
//! Seven levels with loguru's numbers. A handler takes records at its level and above: the
//! console here takes everything from TRACE, a second handler only WARNING and up.

use hlog::{Level, Logger};

/// One record per level, through `logger` (the global one when run; the test passes its own).
fn demo(logger: &Logger) {
    hlog::trace!(logger, "TRACE (5): the finest detail, e.g. every byte a parser reads");
    hlog::debug!(logger, "DEBUG (10): what a developer needs while debugging");
    hlog::info!(logger, "INFO (20): what the program is doing");
    hlog::success!(logger, "SUCCESS (25): something finished well");
    hlog::warning!(logger, "WARNING (30): unexpected, handled, worth a look");
    hlog::error!(logger, "ERROR (40): an operation failed");
    hlog::critical!(logger, "CRITICAL (50): the program cannot go on");
    // A level chosen at run time: `log!` takes a `Level` value (or a registered level's name).
    let slow = true;
    let level = if slow { Level::WARNING } else { Level::DEBUG };
    hlog::log!(logger, level, "request took {ms}ms", ms = 950);
}

/// Adds a handler that keeps WARNING and up; returns what it kept.
fn warnings_and_up(logger: &Logger) -> hlog::sink::Capture {
    let capture = hlog::sink::Capture::new();
    // The level is a name ("WARNING"), a number (30) or a `Level` (Level::WARNING).
    logger.add(capture.clone()).level(Level::WARNING).format("{level}").install().unwrap();
    capture
}

fn main() {
    hlog::remove_all();
    // The default console starts at DEBUG; this one shows TRACE too, with each level's icon.
    hlog::add(hlog::sink::Console::stdout())
        .level("TRACE")
        .format("{level.icon} <level>{level: <8}</level> | {message}")
        .install()
        .unwrap();
    let kept = warnings_and_up(hlog::logger());
    demo(hlog::logger());
    println!("The WARNING handler kept: {}", kept.lines().join(", "));
    // Levels compare by number, and carry their colour markup and icon.
    assert!(Level::ERROR > Level::WARNING);
    println!("SUCCESS is {} ({})", Level::SUCCESS.no(), Level::SUCCESS.color());
}

#[test]
fn each_handler_takes_its_level_and_up() {
    let logger = Logger::new();
    let everything = hlog::sink::Capture::new();
    logger.add(everything.clone()).level(5).format("{level.no} {level}").install().unwrap();
    let kept = warnings_and_up(&logger);
    demo(&logger);
    assert_eq!(
        everything.text(),
        "5 TRACE\n10 DEBUG\n20 INFO\n25 SUCCESS\n30 WARNING\n40 ERROR\n50 CRITICAL\n30 WARNING\n"
    );
    assert_eq!(kept.lines(), ["WARNING", "ERROR", "CRITICAL", "WARNING"]);
}
