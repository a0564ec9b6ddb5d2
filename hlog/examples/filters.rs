//! Choosing which records a handler takes: `cargo run --example filters`.
//!
//! Besides its level, a handler takes a module filter (loguru's `filter="my_app"`), a map of
//! module prefixes to minimum levels (loguru's dict filter), `RUST_LOG`-style directives, or a
//! closure on the record. `enable`/`disable` turn modules on and off for the whole logger;
//! `set_level`/`set_filter` change a handler while the program runs. Module rules are checked
//! before any argument is evaluated: a call they turn away costs one cached check.

use hlog::{Filter, Logger};

mod db {
    pub(crate) fn query(logger: &hlog::Logger) {
        hlog::debug!(logger, "db: SELECT 1");
        hlog::info!(logger, "db: 1 row");
    }
}

mod web {
    pub(crate) fn request(logger: &hlog::Logger) {
        hlog::debug!(logger, "web: GET /");
        hlog::warning!(logger, "web: slow response", ms = 950);
    }
}

fn run_all(logger: &Logger) {
    db::query(logger);
    web::request(logger);
}

/// Each step's lines, as a handler with that filter sees them.
fn demo(logger: &Logger) -> Vec<String> {
    let here = module_path!(); // "filters" in this example
    let capture = hlog::sink::Capture::new();
    let mut steps = Vec::new();
    let mut step = |name: &str| {
        run_all(logger);
        steps.push(format!("{name}: {}", capture.lines().join(" / ")));
        capture.clear();
    };

    // One module and its children (`filters::db`, not `filters::dbx`).
    let id = logger
        .add(capture.clone())
        .format("{message}")
        .filter_module(format!("{here}::db"))
        .install()
        .unwrap();
    step("module");

    // A minimum level per module prefix: the longest prefix wins, "" is the default.
    logger.remove(id).unwrap();
    let map = [(String::new(), "WARNING"), (format!("{here}::db"), "DEBUG")];
    let id = logger.add(capture.clone()).format("{message}").filter_levels(map).install().unwrap();
    step("map");

    // Live changes, by handler id: the same map from directives, then a closure, then a level.
    logger.set_filter(id, Filter::directives(&format!("warn,{here}::db=info"))).unwrap();
    step("directives");
    logger.set_filter(id, Filter::all().with(|record| record.field("ms").is_some())).unwrap();
    step("closure");
    logger.set_filter(id, Filter::all()).unwrap();
    logger.set_level(id, "INFO").unwrap();
    step("level INFO");

    // For the whole logger, every handler: disable a module, enable a child of it again.
    logger.disable(here);
    logger.enable(&format!("{here}::web"));
    step("disable/enable");
    steps
}

fn main() {
    hlog::remove_all();
    for step in demo(hlog::logger()) {
        println!("{step}");
    }
}

#[test]
fn each_filter_takes_its_records() {
    assert_eq!(
        demo(&Logger::new()),
        [
            "module: db: SELECT 1 / db: 1 row",
            "map: db: SELECT 1 / db: 1 row / web: slow response",
            "directives: db: 1 row / web: slow response",
            "closure: web: slow response",
            "level INFO: db: 1 row / web: slow response",
            "disable/enable: web: slow response",
        ]
    );
}
