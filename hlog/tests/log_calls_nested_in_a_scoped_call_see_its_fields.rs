//! A log call made while another is being written (from a `Display` impl of one of its values)
//! sees the same contextual fields, and may open a scope of its own over them; the outer call's
//! context is current again after.

use std::fmt;

use hlog::Logger;
use hlog::sink::Capture;

struct LogsWhileShown(Logger);

impl fmt::Display for LogsWhileShown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        hlog::info!(self.0, "nested");
        {
            let _inner = hlog::contextualize!(inner = true);
            hlog::info!(self.0, "nested in its own scope");
        }
        f.write_str("shown")
    }
}

#[test]
fn nested_calls_see_the_scope_of_the_call_they_are_in() {
    let capture = Capture::new();
    let logger = Logger::new();
    logger
        .add(capture.clone())
        .format("{message} [{extra[request_id]}] [{extra[inner]}]")
        .install()
        .unwrap();
    let _scope = hlog::contextualize!(request_id = "r-1");
    let value = LogsWhileShown(logger.clone());
    hlog::info!(logger, "outer {value}");
    hlog::info!(logger, "after");
    assert_eq!(
        capture.text(),
        "nested [r-1] []\n\
         nested in its own scope [r-1] [true]\n\
         outer shown [r-1] []\n\
         after [r-1] []\n"
    );
}
