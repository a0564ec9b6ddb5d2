//! A disabled call with a per-module filter installed, hlog and tracing like for like: both
//! filters take DEBUG from `my_app::db`, INFO from everything else and nothing from `hyper`, so
//! neither can turn a DEBUG call from this module away by its global maximum level alone (both
//! maxima are DEBUG); each answers from the call site's cached interest. The calls are `common`'s, so both come from
//! the module `disabled_module_map::common`. The rows without a
//! module filter are `disabled/*` in `log_call`. tracing's subscriber is process-wide and set
//! once, hence a benchmark binary of its own.
//!
//! Run: `cd benches && cargo bench --bench disabled_module_map`.

mod common;

use std::io;
use std::time::Duration;

use common::{hlog_disabled_debug, tracing_disabled_debug};
use criterion::{Criterion, criterion_group, criterion_main};
use tracing::level_filters::LevelFilter;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::prelude::*;

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
    group.bench_function("tracing", |b| b.iter(tracing_disabled_debug));

    common::hlog_global_with_module_map("DEBUG");
    group.bench_function("hlog", |b| b.iter(hlog_disabled_debug));
    hlog::remove_all();

    group.finish();
}

criterion_group! {
    name = benches;
    config = common::config(Duration::from_secs(3));
    targets = bench_disabled_module_map
}
criterion_main!(benches);
