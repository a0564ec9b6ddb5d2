//! Raw writes: `cargo run --example raw`. loguru's `logger.opt(raw=True).info("Bypass sink
//! formatting\n")` is `info!(raw, "...")`: the message alone, no format, no newline added;
//! markup is compiled and shown only on colourised sinks, values are escaped as ever.

use hlog::Logger;

fn demo(logger: &Logger) {
    hlog::info!(logger, raw, "Bypass sink formatting\n");
    for percent in (0..=100).step_by(25) {
        hlog::info!(logger, raw, "progress: <green>{percent:>3}%</green>\r");
    }
    hlog::info!(logger, raw, "\n");
    hlog::info!(logger, "done");
}

fn main() {
    demo(hlog::logger());
}

#[test]
fn writes_the_messages_as_given() {
    let logger = Logger::new();
    let capture = hlog::sink::Capture::new();
    logger.add(capture.clone()).format("{level} | {message}").install().unwrap();
    demo(&logger);
    assert_eq!(
        capture.text(),
        "Bypass sink formatting\nprogress:   0%\rprogress:  25%\rprogress:  50%\r\
         progress:  75%\rprogress: 100%\r\nINFO | done\n"
    );
}
