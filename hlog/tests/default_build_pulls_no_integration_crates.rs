//! `cargo build` with default features pulls none of the crates of the integrations (the
//! bridges' `log`, `tracing`, `tracing-subscriber`; and the HTTP, syslog and OpenTelemetry
//! crates): each is behind a cargo feature. Read from `cargo tree`, with the features on as a
//! check that the test sees them when they are there.

use std::process::Command;

const INTEGRATIONS: &[&str] = &[
    "log",
    "tracing",
    "tracing-core",
    "tracing-subscriber",
    "tower",
    "tower-layer",
    "tower-service",
    "axum",
    "hyper",
    "http",
    "http-body",
    "bytes",
    "pin-project-lite",
    "opentelemetry",
    "opentelemetry_sdk",
    "tracing-opentelemetry",
    "syslog",
];

/// The names of the crates `hlog` depends on (normal dependencies, all the way down).
fn dependencies(features: &[&str]) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
    let mut command = Command::new(cargo);
    command.args(["tree", "--offline", "-e", "normal", "--prefix", "none", "--manifest-path"]);
    command.arg(manifest);
    if !features.is_empty() {
        command.arg("--features").arg(features.join(","));
    }
    let output = command.output().expect("cargo tree runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8(output.stdout).unwrap();
    text.lines().filter_map(|line| line.split(' ').next()).map(str::to_owned).collect()
}

#[test]
fn default_build_pulls_no_integration_crates() {
    let default = dependencies(&[]);
    assert!(default.iter().any(|name| name == "hlog-runtime"), "{default:?}");
    let pulled: Vec<_> = default.iter().filter(|n| INTEGRATIONS.contains(&n.as_str())).collect();
    assert!(pulled.is_empty(), "the default build pulls {pulled:?}");

    let bridges = dependencies(&["log", "tracing"]);
    for name in ["log", "tracing", "tracing-subscriber"] {
        assert!(bridges.iter().any(|n| n == name), "features log,tracing pull no {name}");
    }
    let access_log = dependencies(&["tower"]);
    for name in ["tower-layer", "tower-service", "http", "http-body"] {
        assert!(access_log.iter().any(|n| n == name), "feature tower pulls no {name}");
    }

    // The syslog sink is written with std and libc: its feature pulls no crate at all.
    let mut with_syslog = dependencies(&["syslog"]);
    let mut without = default;
    with_syslog.sort();
    with_syslog.dedup();
    without.sort();
    without.dedup();
    assert_eq!(with_syslog, without, "feature syslog pulls crates");

    // The OpenTelemetry output depends on the API crate alone: the program brings the SDK.
    let otel = dependencies(&["opentelemetry"]);
    assert!(
        otel.iter().any(|n| n == "opentelemetry"),
        "feature opentelemetry pulls no opentelemetry"
    );
    let sdk: Vec<_> = otel
        .iter()
        .filter(|n| n.starts_with("opentelemetry_") || n.starts_with("tracing"))
        .collect();
    assert!(sdk.is_empty(), "feature opentelemetry pulls {sdk:?}");
}
