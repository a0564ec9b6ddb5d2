//! The default console handler writes to stdout at DEBUG, and the environment changes it when
//! the global logger starts: `HLOG_LOG` directives (`RUST_LOG` syntax; `RUST_LOG` itself after
//! `hlog::use_rust_log()`), `HLOG_LEVEL`, `HLOG_FORMAT`, `HLOG_COLORIZE`. A bad directive or
//! value is reported once on stderr, saying which and why, and the rest applies.
//!
//! Environment variables belong to the whole process, so each case runs this test binary again
//! as a child with its own environment, and reads its stdout and stderr.

use std::process::Command;

const ROLE: &str = "HLOG_TEST_ENVIRONMENT_ROLE";
const TEST: &str = "environment_cases";

mod my_app {
    pub(crate) fn log() {
        hlog::trace!("app trace");
        hlog::debug!("app debug");
        hlog::info!("app info");
    }
    pub(crate) mod db {
        pub(crate) fn log() {
            hlog::trace!("db trace");
            hlog::debug!("db debug");
        }
    }
}

mod hyper {
    pub(crate) fn log() {
        hlog::error!("hyper error");
    }
}

/// What the child does: log from three modules at several levels.
fn child(role: &str) {
    if role == "rust_log" {
        hlog::use_rust_log();
    }
    my_app::log();
    my_app::db::log();
    hyper::log();
    if role == "rust_log_late" {
        hlog::use_rust_log();
        my_app::log();
        my_app::db::log();
        hyper::log();
    }
    hlog::complete();
}

/// Run the child with `vars`; its stdout (minus the test harness's lines) and its `hlog:`
/// reports.
fn run(role: &str, vars: &[(&str, &str)]) -> (String, Vec<String>) {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command.args([TEST, "--exact", "--nocapture", "--test-threads=1"]).env(ROLE, role);
    for name in ["HLOG_LOG", "RUST_LOG", "HLOG_LEVEL", "HLOG_FORMAT", "HLOG_COLORIZE"] {
        command.env_remove(name);
    }
    command.env("HLOG_FORMAT", "{level}|{message}");
    for (name, value) in vars {
        command.env(name, value);
    }
    let output = command.output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success() && stdout.contains("1 passed"), "{stdout}\n{stderr}");
    let harness = format!("test {TEST} ... ");
    let lines: Vec<&str> = stdout
        .lines()
        .map(|line| line.strip_prefix(harness.as_str()).unwrap_or(line))
        .filter(|line| line.contains('|'))
        .collect();
    let reports = stderr.lines().filter(|l| l.starts_with("hlog: ")).map(str::to_owned).collect();
    (lines.join("\n"), reports)
}

#[test]
fn environment_cases() {
    if let Ok(role) = std::env::var(ROLE) {
        child(&role);
        return;
    }
    // Nothing set: stdout, DEBUG and up.
    let (out, reports) = run("plain", &[]);
    assert_eq!(
        out, "DEBUG|app debug\nINFO|app info\nDEBUG|db debug\nERROR|hyper error",
        "the default console: stdout at DEBUG"
    );
    assert!(reports.is_empty(), "{reports:?}");

    let module = module_path!();
    let directives = format!("info,{module}::my_app::db=trace,{module}::hyper=off");
    let (out, reports) = run("directives", &[("HLOG_LOG", &directives)]);
    assert_eq!(out, "INFO|app info\nTRACE|db trace\nDEBUG|db debug");
    assert!(reports.is_empty(), "{reports:?}");

    // A module alone: that module at every level, the others off (as env_logger).
    let (out, _) = run("module", &[("HLOG_LOG", &format!("{module}::my_app::db"))]);
    assert_eq!(out, "TRACE|db trace\nDEBUG|db debug");

    // A bad directive: reported once, which and why; the others apply.
    let bad = format!("warn,{module}::my_app=loud,{module}::my_app::db=debug");
    let (out, reports) = run("bad", &[("HLOG_LOG", &bad)]);
    assert_eq!(out, "DEBUG|db debug\nERROR|hyper error");
    assert_eq!(
        reports,
        [format!(
            "hlog: HLOG_LOG={bad:?}: directive 2 `{module}::my_app=loud`: `loud` is not a level \
             (off, trace, debug, info, success, warn, error, critical, a registered level's \
             name, or a number); this directive is left out, the others apply"
        )]
    );

    // RUST_LOG only when asked, before the first call or later.
    let (out, _) = run("plain", &[("RUST_LOG", "error")]);
    assert!(out.contains("app debug"), "RUST_LOG is not read unless asked: {out}");
    let (out, _) = run("rust_log", &[("RUST_LOG", "error")]);
    assert_eq!(out, "ERROR|hyper error");
    let (out, _) = run("rust_log_late", &[("RUST_LOG", "error")]);
    assert_eq!(
        out,
        "DEBUG|app debug\nINFO|app info\nDEBUG|db debug\nERROR|hyper error\nERROR|hyper error"
    );
    // HLOG_LOG wins over RUST_LOG.
    let (out, _) = run("rust_log", &[("RUST_LOG", "error"), ("HLOG_LOG", "info")]);
    assert_eq!(out, "INFO|app info\nERROR|hyper error");

    // HLOG_LEVEL, HLOG_FORMAT and HLOG_COLORIZE.
    let (out, _) = run("level", &[("HLOG_LEVEL", "TRACE")]);
    assert_eq!(out.lines().count(), 6, "{out}");
    let (out, _) = run("level", &[("HLOG_LEVEL", "40")]);
    assert_eq!(out, "ERROR|hyper error");
    let (out, _) = run(
        "format",
        &[("HLOG_FORMAT", "<red>{level.no}</red>|{message}"), ("HLOG_LEVEL", "ERROR")],
    );
    assert_eq!(out, "40|hyper error", "not a terminal: no colour");
    let (out, _) = run(
        "colour",
        &[
            ("HLOG_COLORIZE", "true"),
            ("HLOG_LEVEL", "ERROR"),
            ("HLOG_FORMAT", "<red>{level}</red>|{message}"),
        ],
    );
    assert_eq!(out, "\x1b[31mERROR\x1b[0m|hyper error");

    // Bad values: reported once each, defaults apply.
    let (out, reports) = run(
        "bad values",
        &[("HLOG_LEVEL", "LOUD"), ("HLOG_COLORIZE", "maybe"), ("HLOG_FORMAT", "{nope}|")],
    );
    assert_eq!(reports.len(), 3, "{reports:?}");
    assert!(
        reports[0].starts_with("hlog: HLOG_LEVEL=\"LOUD\": unknown level \"LOUD\""),
        "{reports:?}"
    );
    assert!(reports[0].ends_with("; DEBUG applies"), "{reports:?}");
    assert!(reports[1].starts_with("hlog: HLOG_FORMAT=\"{nope}|\": invalid format"), "{reports:?}");
    assert_eq!(
        reports[2],
        "hlog: HLOG_COLORIZE=\"maybe\": expected true/false (1/0, yes/no, on/off) or auto; colour \
         is chosen from the terminal"
    );
    assert_eq!(out.lines().count(), 4, "DEBUG and the default format apply: {out}");
}
