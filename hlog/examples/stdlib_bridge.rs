//! Records of the `log` crate into hlog: `cargo run --example stdlib_bridge --features log`.
//!
//! The seed's `add_stdlib_bridge(level="WARNING")`: dependencies that log through the `log`
//! facade reach hlog's handlers, with their target as `{name}` (what `enable`/`disable` and
//! filters see), their file and line, and their key-values as typed fields.

/// A dependency that knows only the `log` crate.
mod dependency {
    pub(crate) fn connect() {
        log::debug!("below the bridge's level: not even evaluated");
        log::info!(target: "pool", "opening {} connections", 4);
        log::warn!(target: "pool", idle = 0; "no idle connection");
        log::error!(target: "noisy::io", "disabled in hlog: not shown");
    }
}

fn demo() -> hlog::sink::Capture {
    hlog::remove_all();
    let capture = hlog::sink::Capture::new();
    hlog::add(capture.clone())
        .format("{level: <7} | {name} | {message} {extra}")
        .install()
        .unwrap();
    // Make hlog the `log` crate's logger; records at INFO and above pass.
    hlog::bridge::log::install("INFO").expect("no other `log` logger");
    // `log::max_level()` follows hlog's configuration: calls nobody takes cost one compare.
    assert_eq!(log::max_level(), log::LevelFilter::Info);
    hlog::disable("noisy");
    dependency::connect();
    capture
}

fn main() {
    let capture = demo();
    print!("{}", capture.text());
}

#[test]
fn bridged_records_reach_the_handlers() {
    assert_eq!(
        demo().text(),
        "INFO    | pool | opening 4 connections {}\n\
         WARNING | pool | no idle connection {\"idle\": 0}\n"
    );
}
