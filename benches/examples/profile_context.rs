//! Instructions a call with bound or contextual fields costs against a plain call (issue 17):
//! `cargo build --release --example profile_context`, then count each mode under
//! `valgrind --tool=callgrind` or `perf stat -e instructions` at two call counts and divide the
//! difference: `profile_context MODE CALLS`, MODE one of `plain`, `bound_3`, `context_3`.
//! Instruction counts do not depend on the machine's load, which the criterion rows do.
//! `profile_context race` instead times the three modes in turn, 30 rounds of 100,000 calls,
//! and prints each one's fastest round (the least disturbed by other processes).

use std::hint::black_box;

fn call(logger: &hlog::Logger) {
    let user = black_box("alice");
    let id = black_box(42u64);
    let ms = black_box(12.345f64);
    hlog::info!(
        logger,
        "User {user} logged in from {ip} (id={id}, ms={ms})",
        ip = black_box("10.0.0.1")
    );
}

fn race() {
    let logger = hlog::Logger::new();
    logger.add(hlog::sink::from_writer(std::io::sink())).colorize(false).install().unwrap();
    let child = hlog::bind!(logger; request_id = "abc-123", tenant = "acme", attempt = 3);
    let scope = hlog::Context::current().with(hlog::fields!(
        request_id = "abc-123",
        tenant = "acme",
        attempt = 3
    ));
    let mut best = [f64::MAX; 3];
    for _ in 0..30 {
        for (mode, best) in best.iter_mut().enumerate() {
            let _guard = (mode == 2).then(|| scope.enter());
            let target = if mode == 1 { &child } else { &logger };
            let start = std::time::Instant::now();
            for _ in 0..100_000 {
                call(target);
            }
            *best = best.min(start.elapsed().as_nanos() as f64 / 100_000.0);
        }
    }
    for (name, ns) in ["plain", "bound_3", "context_3"].iter().zip(best) {
        println!("{name:<10} {ns:6.1} ns  {:.3}x", ns / best[0]);
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "plain".into());
    if mode == "race" {
        return race();
    }
    let calls: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1_000_000);
    let logger = hlog::Logger::new();
    logger.add(hlog::sink::from_writer(std::io::sink())).colorize(false).install().unwrap();
    let child = hlog::bind!(logger; request_id = "abc-123", tenant = "acme", attempt = 3);
    let _scope = (mode == "context_3")
        .then(|| hlog::contextualize!(request_id = "abc-123", tenant = "acme", attempt = 3));
    let target = if mode == "bound_3" { &child } else { &logger };
    for _ in 0..calls {
        let user = black_box("alice");
        let id = black_box(42u64);
        let ms = black_box(12.345f64);
        hlog::info!(
            target,
            "User {user} logged in from {ip} (id={id}, ms={ms})",
            ip = black_box("10.0.0.1")
        );
    }
}
