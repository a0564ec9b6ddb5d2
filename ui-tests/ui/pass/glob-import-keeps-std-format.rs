// `use hlog::*` brings the log macros and `fmt!` into scope and leaves std's `format!` alone.
use hlog::*;

fn main() {
    let text = format!("{} items", 3);
    assert_eq!(text, "3 items");
    let logger = Logger::new();
    logger.add(sink::Capture::new()).format(fmt!("{level} {message}")).install().unwrap();
    info!(logger, "{text}");
}
