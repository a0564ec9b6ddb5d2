//! What a bridged record costs next to hlog's own call, per call, to a handler that formats
//! and writes to `io::sink()`: `cargo run --release -p hlog-bridge-dep --example bridge_cost`.
//! A rough measure (one thread, wall clock), not a benchmark of record.

use std::time::Instant;

use tracing_subscriber::layer::SubscriberExt;

/// Nanoseconds per call of `f`, after a tenth as many calls of warm-up.
fn per_call(n: u32, mut f: impl FnMut(u32)) -> f64 {
    (0..n / 10).for_each(&mut f);
    let start = Instant::now();
    (0..n).for_each(&mut f);
    start.elapsed().as_nanos() as f64 / f64::from(n)
}

fn main() {
    hlog::remove_all();
    hlog::add(hlog::sink::from_writer(std::io::sink()))
        .level("INFO")
        .format("{time} | {level} | {name}:{line} - {message} {extra}")
        .install()
        .unwrap();
    hlog::bridge::log::install("TRACE").unwrap();
    let n = 1_000_000;
    let direct = per_call(n, |i| hlog::warning!("request {i} done", user = "alice"));
    let bridged = per_call(n, |i| log::warn!(user = "alice"; "request {i} done"));
    let filtered = per_call(n, |i| log::debug!("request {i} done"));
    hlog::disable("bridge_cost::quiet");
    let disabled = per_call(n, |i| log::warn!(target: "bridge_cost::quiet", "request {i} done"));
    let subscriber = tracing_subscriber::registry().with(hlog::bridge::tracing::HlogLayer::new());
    let traced = tracing::subscriber::with_default(subscriber, || {
        per_call(n, |i| tracing::warn!(user = "alice", "request {i} done"))
    });
    println!("hlog::warning!              {direct:7.1} ns");
    println!("log::warn! bridged          {bridged:7.1} ns");
    println!("log::debug! below max_level {filtered:7.2} ns");
    println!("log::warn! disabled target  {disabled:7.1} ns");
    println!("tracing::warn! bridged      {traced:7.1} ns");
}
