//! What each handler has done: `cargo run --example stats`.
//!
//! `hlog::stats()` (or `logger.stats()`) gives a row per handler: its id, level, sink and
//! counts — `written`, `lost` (records that did not reach the destination), `errors` (failures,
//! whether or not they cost a record), `dropped` (by a full queue) and `bytes` — and prints as a
//! table. A failing sink is reported once on stderr, counted here, and logging carries on.

use std::io;

use hlog::sink::{Capture, Sink};
use hlog::{Logger, Record};

/// A sink whose destination refuses every other write (a full disk, a closed pipe).
struct Flaky(u32);

impl Sink for Flaky {
    fn write(&mut self, _line: &[u8], _record: &Record<'_>) -> io::Result<()> {
        self.0 += 1;
        if self.0 % 2 == 0 { Err(io::Error::other("device full")) } else { Ok(()) }
    }

    fn describe(&self) -> String {
        "flaky".into()
    }
}

fn demo(logger: &Logger) -> hlog::StatsTable {
    logger.add(Capture::new()).format("{level} {message}").level("INFO").install().unwrap();
    logger.add(Flaky(0)).format("{message}").install().unwrap();
    for order in 1..=4 {
        hlog::info!(logger, "Order {order} placed");
    }
    hlog::debug!(logger, "only the flaky sink (at TRACE, a new handler's level) takes DEBUG");
    logger.stats()
}

fn main() {
    let logger = Logger::new();
    let table = demo(&logger);
    print!("{table}"); // the first failure was reported on stderr, once
    // The rows are `HandlerStats` values.
    let flaky = &table[1];
    println!(
        "\n{}: {} written, {} lost in {} errors",
        flaky.sink, flaky.written, flaky.lost, flaky.errors
    );
}

#[test]
fn counts_every_record() {
    let table = demo(&Logger::new());
    assert_eq!(
        table.to_string(),
        "id  level  sink     written  lost  errors  dropped  bytes\n\
         0   INFO   capture  4        0     0       0        80\n\
         1   TRACE  flaky    3        2     2       0        96\n"
    );
}
