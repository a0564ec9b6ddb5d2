//! What the criterion benchmarks share: the call's arguments, the filtered-out calls of hlog and
//! tracing, and criterion's timing.

#![allow(dead_code)] // each benchmark binary uses its part

use std::hint::black_box;
use std::time::Duration;

use criterion::Criterion;

pub const USER: &str = "alice";
pub const IP: &str = "10.0.0.1";
pub const ID: u64 = 42;
pub const MS: f64 = 12.345;

/// The call every `disabled` row of hlog makes: DEBUG, below what the handlers take.
#[inline(always)]
pub fn hlog_disabled_debug() {
    hlog::debug!(
        "User {user} logged in from {ip} (id={id}, ms={ms})",
        user = black_box(USER),
        ip = black_box(IP),
        id = black_box(ID),
        ms = black_box(MS)
    );
}

/// The same call through tracing.
#[inline(always)]
pub fn tracing_disabled_debug() {
    tracing::debug!(
        "User {user} logged in from {ip} (id={id}, ms={ms})",
        user = black_box(USER),
        ip = black_box(IP),
        id = black_box(ID),
        ms = black_box(MS)
    );
}

/// The global hlog logger with one no-colour `io::sink` handler whose module map takes INFO by
/// default, `db` from `my_app::db` and nothing from `hyper`: with `db` at DEBUG, no global
/// maximum can turn a DEBUG call from elsewhere away; its call site's interest does.
pub fn hlog_global_with_module_map(db: &str) {
    hlog::remove_all();
    hlog::add(hlog::sink::from_writer(std::io::sink()))
        .colorize(false)
        .filter_levels([("", "INFO"), ("my_app::db", db), ("hyper", "OFF")])
        .install()
        .unwrap();
}

/// Criterion's timing: 1 s of warm-up, `measure` of measurement.
pub fn config(measure: Duration) -> Criterion {
    Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(measure)
}
