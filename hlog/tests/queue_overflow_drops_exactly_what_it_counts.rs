//! A queued handler whose queue drops when full (`WhenFull::DropNewest`) counts every record it
//! drops in `stats().dropped`, and that count is exactly the number of records missing from
//! its output; with the default (`Block`) nothing is dropped however slow the sink.

use std::io;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use hlog::sink::{AsyncSink, Queue, Sink, WhenFull};
use hlog::{Logger, Record};

/// A sink slower than the caller: every write sleeps.
#[derive(Clone, Default)]
struct Slow(Arc<Mutex<Vec<String>>>);

impl Sink for Slow {
    fn write(&mut self, line: &[u8], _record: &Record<'_>) -> io::Result<()> {
        std::thread::sleep(Duration::from_micros(20));
        self.0.lock().unwrap().push(String::from_utf8_lossy(line).trim_end().to_owned());
        Ok(())
    }
}

const N: usize = 20_000;

#[test]
fn dropped_count_equals_the_missing_records() {
    let logger = Logger::new();
    let slow = Slow::default();
    logger
        .add(AsyncSink::new(slow.clone()).buffer_size(4096).when_full(WhenFull::DropNewest))
        .format("{message}")
        .install()
        .unwrap();
    for i in 0..N {
        hlog::info!(logger, "record {i}");
    }
    logger.complete();
    let stats = &logger.stats()[0];
    let lines = slow.0.lock().unwrap().clone();
    assert!(stats.dropped > 0, "a 4 KiB ring and a slow sink drop something");
    assert_eq!(stats.dropped as usize, N - lines.len(), "{stats:?}");
    assert_eq!(stats.written as usize, lines.len());
    // What was kept is in order, each once.
    let numbers: Vec<usize> =
        lines.iter().map(|l| l.strip_prefix("record ").unwrap().parse().unwrap()).collect();
    assert!(numbers.windows(2).all(|w| w[0] < w[1]), "out of order or twice");
}

#[test]
fn a_blocking_queue_drops_nothing() {
    let logger = Logger::new();
    let slow = Slow::default();
    logger.add(slow.clone()).format("{message}").queue(Queue::new(4096)).install().unwrap();
    for i in 0..2_000 {
        hlog::info!(logger, "record {i}");
    }
    logger.complete();
    let lines = slow.0.lock().unwrap().clone();
    let expected: Vec<String> = (0..2_000).map(|i| format!("record {i}")).collect();
    assert_eq!(lines, expected);
    assert_eq!(logger.stats()[0].dropped, 0);
}

/// A record larger than the whole ring is written on the calling thread, after the thread's
/// records queued before it and before those after it.
#[test]
fn a_record_larger_than_the_ring_keeps_its_place() {
    let logger = Logger::new();
    let slow = Slow::default();
    logger.add(slow.clone()).format("{message}").queue(Queue::new(4096)).install().unwrap();
    let big = "x".repeat(10_000);
    for i in 0..300 {
        if i % 100 == 50 {
            hlog::info!(logger, "big {i} {big}");
        } else {
            hlog::info!(logger, "record {i}");
        }
    }
    logger.complete();
    let lines = slow.0.lock().unwrap().clone();
    assert_eq!(lines.len(), 300);
    for (i, line) in lines.iter().enumerate() {
        if i % 100 == 50 {
            assert_eq!(line, &format!("big {i} {big}"));
        } else {
            assert_eq!(line, &format!("record {i}"));
        }
    }
}

/// Removing a queued handler first writes what was queued for it.
#[test]
fn remove_writes_the_queue_first() {
    let logger = Logger::new();
    let slow = Slow::default();
    let id = logger.add(slow.clone()).format("{message}").enqueue(true).install().unwrap();
    for i in 0..500 {
        hlog::info!(logger, "record {i}");
    }
    let stats = logger.remove(id).unwrap();
    assert_eq!(slow.0.lock().unwrap().len(), 500);
    assert_eq!(stats.written, 500);
}
