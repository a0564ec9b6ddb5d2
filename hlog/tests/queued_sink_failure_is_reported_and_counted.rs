//! A sink that fails on the writer thread is counted exactly, as on the calling thread: every
//! other write of a queued handler's sink is refused; `stats()` counts the refused records as
//! lost and the accepted ones as written, and logging carries on.

use std::io;

use hlog::sink::Sink;
use hlog::{Logger, Record};

/// Refuses every other record.
struct EveryOther(u64);

impl Sink for EveryOther {
    fn write(&mut self, _line: &[u8], _record: &Record<'_>) -> io::Result<()> {
        self.0 += 1;
        if self.0 % 2 == 0 { Err(io::Error::other("refused")) } else { Ok(()) }
    }
}

#[test]
fn writer_thread_failures_are_counted_exactly() {
    let logger = Logger::new();
    logger.add(EveryOther(0)).enqueue(true).install().unwrap();
    for i in 0..1_001 {
        hlog::info!(logger, "record {i}");
    }
    logger.complete();
    let stats = &logger.stats()[0];
    assert_eq!((stats.written, stats.lost, stats.errors, stats.dropped), (501, 500, 500, 0));
}
