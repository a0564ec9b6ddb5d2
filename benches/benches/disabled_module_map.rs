//! A disabled call with a per-module filter installed, hlog and tracing like for like: both
//! filters take DEBUG from `my_app::db`, INFO from everything else and nothing from `hyper`, so
//! neither can turn a DEBUG call from this module away by its global maximum level alone (both
//! maxima are DEBUG); each answers from the call site's cached interest. The rows without a
//! module filter are `disabled/*` in `log_call`. tracing's subscriber is process-wide and set
//! once, hence a benchmark binary of its own.
//!
//! Run: `cd benches && cargo bench --bench disabled_module_map`.

use std::hint::black_box;
use std::io;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use tracing::level_filters::LevelFilter;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::prelude::*;

const USER: &str = "alice";
const IP: &str = "10.0.0.1";
const ID: u64 = 42;
const MS: f64 = 12.345;

fn bench_disabled_module_map(c: &mut Criterion) {
    let mut group = c.benchmark_group("disabled_module_map");

    let targets = Targets::new()
        .with_default(LevelFilter::INFO)
        .with_target("my_app::db", LevelFilter::DEBUG)
        .with_target("hyper", LevelFilter::OFF);
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(io::sink)
        .with_ansi(false)
        .with_line_number(true)
        .with_filter(targets);
    tracing::subscriber::set_global_default(tracing_subscriber::registry().with(layer)).unwrap();
    assert_eq!(LevelFilter::current(), LevelFilter::DEBUG, "tracing's maximum lets DEBUG by");
    group.bench_function("tracing", |b| {
        b.iter(|| {
            tracing::debug!(
                "User {user} logged in from {ip} (id={id}, ms={ms})",
                user = black_box(USER),
                ip = black_box(IP),
                id = black_box(ID),
                ms = black_box(MS)
            );
        })
    });

    hlog::remove_all();
    hlog::add(hlog::sink::from_writer(io::sink()))
        .colorize(false)
        .filter_levels([("", "INFO"), ("my_app::db", "DEBUG"), ("hyper", "OFF")])
        .install()
        .unwrap();
    group.bench_function("hlog", |b| {
        b.iter(|| {
            hlog::debug!(
                "User {user} logged in from {ip} (id={id}, ms={ms})",
                user = black_box(USER),
                ip = black_box(IP),
                id = black_box(ID),
                ms = black_box(MS)
            );
        })
    });
    hlog::remove_all();

    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = bench_disabled_module_map
}
criterion_main!(benches);
