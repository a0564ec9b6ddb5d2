//! A `log::warn!` from another crate reaches hlog's handlers with its level, its target as
//! `{name}`, its file and line, and its key-values as fields; `disable` and a per-sink filter
//! apply to it by target; a queued handler writes the same bytes.
//!
//! One test: the `log` crate's logger and hlog's global logger are one per process.

use hlog_bridge_dep as dep;

const FORMAT: &str = "{level} | {name} | {file}:{line} | {function} | {message} | {extra}";
const FILE: &str = "tests/bridge-dep/src/lib.rs";

#[test]
fn log_records_arrive_with_target_location_and_fields() {
    hlog::remove_all();
    let all = hlog::sink::Capture::new();
    let not_db = hlog::sink::Capture::new();
    let queued = hlog::sink::Capture::new();
    hlog::add(all.clone()).format(FORMAT).install().unwrap();
    hlog::add(not_db.clone())
        .format(FORMAT)
        .filter(|record| record.module_path() != "hlog_bridge_dep::db")
        .install()
        .unwrap();
    hlog::add(queued.clone()).format(FORMAT).enqueue(true).install().unwrap();
    hlog::bridge::log::install("DEBUG").unwrap();

    let warning = dep::log_warning("alice");
    let info = dep::log_info_in_db();
    let debug = dep::log_debug();
    let expected = [
        format!(
            "WARNING | hlog_bridge_dep | {FILE}:{warning} | <unknown> | login failed for alice | \
             {{\"user\": \"alice\", \"attempts\": 3, \"ratio\": 0.5, \"locked\": true}}"
        ),
        format!("INFO | hlog_bridge_dep::db | {FILE}:{info} | <unknown> | query took 12ms | {{}}"),
        format!("DEBUG | hlog_bridge_dep | {FILE}:{debug} | <unknown> | cache miss | {{}}"),
    ];
    assert_eq!(all.lines(), expected);
    assert_eq!(not_db.lines(), [expected[0].as_str(), expected[2].as_str()]);
    hlog::complete();
    assert_eq!(queued.text(), all.text(), "queued and synchronous output differ");

    // `disable` applies to the target, and to its children only.
    for capture in [&all, &not_db, &queued] {
        capture.clear();
    }
    hlog::disable("hlog_bridge_dep::db");
    let warning = dep::log_warning("bob");
    dep::log_info_in_db();
    hlog::complete();
    let expected = format!(
        "WARNING | hlog_bridge_dep | {FILE}:{warning} | <unknown> | login failed for bob | \
         {{\"user\": \"bob\", \"attempts\": 3, \"ratio\": 0.5, \"locked\": true}}"
    );
    assert_eq!(all.lines(), [expected.as_str()]);
    assert!(!log::log_enabled!(target: "hlog_bridge_dep::db", log::Level::Warn));
    assert!(log::log_enabled!(target: "hlog_bridge_dep", log::Level::Warn));
    hlog::enable("hlog_bridge_dep::db");
    all.clear();
    queued.clear();
    let info = dep::log_info_in_db();
    assert_eq!(
        all.lines(),
        [format!(
            "INFO | hlog_bridge_dep::db | {FILE}:{info} | <unknown> | query took 12ms | {{}}"
        )]
    );
    hlog::complete();
    assert_eq!(queued.text(), all.text());

    // A target made at run time (copied once), through the queue too.
    all.clear();
    queued.clear();
    let target = format!("plugin::{}", 7);
    let line = dep::log_with_target(&target);
    drop(target);
    hlog::complete();
    assert_eq!(
        all.lines(),
        [format!("INFO | plugin::7 | {FILE}:{line} | <unknown> | from plugin::7 | {{}}")]
    );
    assert_eq!(queued.text(), all.text());

    // More key-values than the bridge keeps on the stack.
    all.clear();
    let many = dep::log_many_fields();
    let fields: Vec<String> = (1..=17).map(|i| format!("\"k{i}\": {i}")).collect();
    assert_eq!(
        all.lines(),
        [format!(
            "ERROR | hlog_bridge_dep | {FILE}:{many} | <unknown> | many | {{{}, \"k18\": \"last\"}}",
            fields.join(", ")
        )]
    );

    // Below the bridge's own level: nothing.
    hlog::bridge::log::install("INFO").unwrap();
    all.clear();
    dep::log_debug();
    assert_eq!(all.text(), "");
}
