//! Configuring every handler at once from Rust values: `cargo run --example configure`.
//!
//! loguru's `logger.configure(handlers=[...], levels=[...], extra={...}, activation=[...])` is
//! `hlog::configure(Config)`. Everything is checked, and every sink opened, before anything
//! changes: a configuration with a mistake is refused with where and why, and the running one
//! stays. The `configure_file` example reads the same from a TOML file (feature `config`).

use hlog::sink::Capture;
use hlog::{Config, HandlerConfig, Logger};

fn config(stdout: HandlerConfig, errors: Capture) -> Config {
    Config::new()
        // Handlers: a sink by name ("ext://stdout", "ext://stderr", a file's path) or a value.
        .handler(stdout.level("DEBUG").format("{level: <8} | {message} {extra}"))
        .handler(
            HandlerConfig::sink(errors)
                .level("ERROR")
                .format("{level} {extra[app]} {message}")
                .filter_levels([("", "ERROR"), ("configure::noisy", "OFF")]),
        )
        // A custom level, registered as `hlog::level` would.
        .level("AUDIT", 35, "<cyan>", "@")
        // Default fields: every record carries them (below its bound, contextual and call fields).
        .extra("app", "my_app")
        // Modules turned off (or on) for the whole logger.
        .activation("configure::noisy", false)
}

mod noisy {
    pub(crate) fn chatter(logger: &hlog::Logger) {
        hlog::error!(logger, "never shown: this module is deactivated");
    }
}

fn demo(logger: &Logger, stdout: HandlerConfig) -> (Capture, String) {
    let errors = Capture::new();
    let ids = logger.configure(config(stdout, errors.clone())).expect("a valid configuration");
    assert_eq!(ids.len(), 2);
    hlog::debug!(logger, "Configured {n} handlers", n = ids.len());
    hlog::log!(logger, "AUDIT", "User {user} exported data", user = "alice");
    hlog::error!(logger, "Payment failed");
    noisy::chatter(logger);

    // A mistake: refused, with where and why; the two handlers above stay.
    let refused = logger
        .configure(Config::new().handler(HandlerConfig::new("ext://stderr").rotation("10 parsecs")))
        .unwrap_err();
    assert_eq!(logger.stats().len(), 2);
    (errors, refused.to_string())
}

fn main() {
    let (errors, refused) = demo(hlog::logger(), HandlerConfig::new("ext://stdout"));
    println!("The ERROR handler got: {:?}", errors.text());
    println!("Refused: {refused}");
}

#[test]
fn applies_all_or_nothing() {
    let logger = Logger::new();
    let out = Capture::new();
    let (errors, refused) = demo(&logger, HandlerConfig::sink(out.clone()));
    assert_eq!(
        out.text(),
        "DEBUG    | Configured 2 handlers {\"n\": 2, \"app\": \"my_app\"}\n\
         AUDIT    | User alice exported data {\"user\": \"alice\", \"app\": \"my_app\"}\n\
         ERROR    | Payment failed {\"app\": \"my_app\"}\n"
    );
    assert_eq!(errors.text(), "ERROR my_app Payment failed\n");
    assert!(refused.starts_with("handler 0 (ext://stderr), field `rotation`: "), "{refused}");
}
