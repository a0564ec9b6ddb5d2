// Every level macro, the `warn!` alias, and `log!` with a registered name, a `Level` value and
// through a logger; the leading logger argument of the level macros.
#![deny(warnings)]

use hlog::sink::Capture;
use hlog::{Level, Logger, critical, debug, error, info, log, success, trace, warn, warning};

fn main() {
    hlog::remove_all();
    trace!("trace");
    debug!("debug");
    info!("info");
    success!("success");
    warning!("warning");
    warn!("warn");
    error!("error");
    critical!("critical");

    hlog::level("AUDIT", 35, "<magenta>", "@").unwrap();
    log!("AUDIT", "audit {}", 1);
    log!(Level::ERROR, "by value");
    let level = Level::WARNING;
    log!(level, "by variable");
    log!(&level, "by reference");

    let logger = Logger::new();
    let capture = Capture::new();
    logger.add(capture.clone()).format("{level}|{message}").install().unwrap();
    trace!(logger, "t");
    debug!(logger, "d");
    info!(logger, "i {}", 1);
    success!(logger, "s");
    warning!(logger, "w");
    warn!(logger, "w2");
    error!(logger, "e");
    critical!(logger, "c");
    log!(logger, Level::INFO, "v");
    let by_ref = &logger;
    info!(by_ref, "through a reference");
    assert_eq!(
        capture.lines(),
        [
            "TRACE|t",
            "DEBUG|d",
            "INFO|i 1",
            "SUCCESS|s",
            "WARNING|w",
            "WARNING|w2",
            "ERROR|e",
            "CRITICAL|c",
            "INFO|v",
            "INFO|through a reference",
        ]
    );
}
