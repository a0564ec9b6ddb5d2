// BUG: `{u.name}` records its root `u` as a structured field with `Display`, so a struct that is
// not `Display` fails ("`User` doesn't implement `std::fmt::Display`", pointing at the whole
// call) although only `u.name` is written.
use hlog::sink::Capture;
use hlog::{Logger, info};

struct User {
    name: &'static str,
}

fn main() {
    let logger = Logger::new();
    let capture = Capture::new();
    logger.add(capture.clone()).format("{message}").install().unwrap();
    let u = User { name: "bob" };
    info!(logger, "{u.name} logged in");
    info!(logger, "{who.name} again", who = &u);
    assert_eq!(capture.lines(), ["bob logged in", "bob again"]);
}
