// BUG: `log!(logger, "AUDIT", "template", args)` takes "AUDIT" as the template (the first string
// literal) and `logger` as the level, so every real argument is reported unused.
use hlog::sink::Capture;
use hlog::{Logger, log};

fn main() {
    hlog::level("AUDIT", 35, "<magenta>", "@").unwrap();
    let logger = Logger::new();
    let capture = Capture::new();
    logger.add(capture.clone()).format("{level}|{message}").install().unwrap();
    log!(logger, "AUDIT", "a {n}", n = 2);
    log!(logger, "AUDIT", "user {} exported data", 42);
    log!(logger, "AUDIT", "plain");
    assert_eq!(capture.lines(), ["AUDIT|a 2", "AUDIT|user 42 exported data", "AUDIT|plain"]);
}
