// Call options: an attached error in every form it comes in, raw writes, a caller's location,
// through the global logger and a given one, with `log!` too.
use std::error::Error;

#[track_caller]
fn wrapper(logger: &hlog::Logger) {
    hlog::info!(logger, caller, "from the caller");
    hlog::info!(caller, raw, "raw, from the caller\n");
}

fn main() {
    let logger = hlog::Logger::new();
    let io = std::io::Error::other("io");
    hlog::error!(err = io, "by value");
    hlog::error!(err = &io, "by reference");
    hlog::error!(logger, err = io, "through a logger");
    let boxed: Box<dyn Error + Send + Sync> = Box::new(std::io::Error::other("boxed"));
    hlog::warning!(err = boxed, "boxed");
    let boxed: Box<dyn Error> = Box::new(std::io::Error::other("boxed"));
    hlog::warning!(err = boxed, "boxed");
    let dynamic: &dyn Error = &io;
    hlog::info!(err = dynamic, "dyn");
    hlog::log!(raw, hlog::Level::INFO, "raw via log!");
    hlog::log!(logger, raw, "INFO", err = io, "named level");
    let n = 3;
    hlog::info!(raw, "{n} left\r");
    // A logger held in a variable named like an option is written in parentheses.
    let raw = hlog::Logger::new();
    hlog::info!((raw), "through a logger named raw");
    wrapper(&logger);
}
