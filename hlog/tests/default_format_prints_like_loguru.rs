//! The default format prints what loguru prints, with and without colour.

use hlog::Logger;
use hlog::sink::Capture;
use hlog::time::{Timestamp, Zone};

/// 2026-03-26 14:30:00.123456 UTC
fn frozen() -> Logger {
    Logger::new()
        .with_clock(|| Timestamp::from_unix(1_774_535_400, 123_456_789))
        .with_zone(Zone::utc())
}

#[test]
fn default_format_plain() {
    let logger = frozen();
    let capture = Capture::new();
    logger.add(capture.clone()).colorize(false).install().unwrap();
    let (host, port) = ("0.0.0.0", 8000);
    let line = line!() + 1;
    hlog::info!(logger, "Server started on {host}:{port}");
    assert_eq!(
        capture.text(),
        format!(
            "2026-03-26 14:30:00.123 | INFO     | default_format_prints_like_loguru:default_format_plain:{line} - Server started on 0.0.0.0:8000\n"
        )
    );
}

#[test]
fn default_format_coloured() {
    let logger = frozen();
    let capture = Capture::new();
    logger.add(capture.clone()).colorize(true).install().unwrap();
    let line = line!() + 1;
    hlog::warning!(
        logger,
        "Slow query: <yellow>{ms}ms</yellow> on {table}",
        ms = 150,
        table = "users"
    );
    let expected = format!(
        "\x1b[32m2026-03-26 14:30:00.123\x1b[0m | \x1b[33m\x1b[1mWARNING \x1b[0m | \
         \x1b[36mdefault_format_prints_like_loguru\x1b[0m:\x1b[36mdefault_format_coloured\x1b[0m:\
         \x1b[36m{line}\x1b[0m - \x1b[33m\x1b[1mSlow query: \x1b[33m150ms\x1b[0m\x1b[33m\x1b[1m on users\x1b[0m\n"
    );
    assert_eq!(capture.text(), expected);
}

#[test]
fn every_level_prints_its_name_padded() {
    let logger = frozen();
    let capture = Capture::new();
    logger.add(capture.clone()).format("{level: <8}|{level.no}").install().unwrap();
    hlog::trace!(logger, "m");
    hlog::debug!(logger, "m");
    hlog::info!(logger, "m");
    hlog::success!(logger, "m");
    hlog::warning!(logger, "m");
    hlog::warn!(logger, "m");
    hlog::error!(logger, "m");
    hlog::critical!(logger, "m");
    assert_eq!(
        capture.lines(),
        [
            "TRACE   |5",
            "DEBUG   |10",
            "INFO    |20",
            "SUCCESS |25",
            "WARNING |30",
            "WARNING |30",
            "ERROR   |40",
            "CRITICAL|50"
        ]
    );
}

#[test]
fn an_attached_error_follows_the_line() {
    use std::fmt;
    #[derive(Debug)]
    struct Outer(std::io::Error);
    impl fmt::Display for Outer {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("could not load config")
        }
    }
    impl std::error::Error for Outer {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.0)
        }
    }
    let error = Outer(std::io::Error::other("permission denied"));
    let capture = Capture::new();
    let logger = frozen();
    logger.add(capture.clone()).format("{level} {message}").install().unwrap();
    static CALLSITE: hlog::__private::Callsite = hlog::__private::Callsite::new(
        "app",
        "src/main.rs",
        7,
        "failed",
        || "app::main::__hlog_here",
    );
    let record = hlog::Record::new(
        logger.now(),
        &hlog::Level::ERROR,
        &CALLSITE,
        hlog::Message::Static("failed"),
        &[],
    )
    .with_error(&error);
    logger.log(&record);
    assert_eq!(
        capture.text(),
        "ERROR failed\nError: could not load config\nCaused by: permission denied\n"
    );
}
