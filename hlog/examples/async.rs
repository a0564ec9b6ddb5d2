//! Logging without formatting on the calling thread: `cargo run --example async`.
//!
//! loguru's `enqueue=True` is `.enqueue(true)` on a handler; `AsyncSink::new(sink)` makes any
//! sink queued. The call copies its record into a per-thread ring; a writer thread formats and
//! writes it, with the handler's own format, filter and sink (byte for byte the same output).
//! `complete()` waits until everything logged before it is written.

use hlog::Logger;
use hlog::sink::{AsyncSink, Capture, Queue, WhenFull};

fn demo(logger: &Logger) -> (Capture, Capture) {
    // A queued handler: a ring of 1 MiB per logging thread, and a call that waits for the
    // writer when its ring is full (`WhenFull::Block`, the default).
    let queued = Capture::new();
    logger.add(queued.clone()).format("{thread} {message}").enqueue(true).install().unwrap();

    // A queued sink with its own ring size, dropping the new record when full (counted in
    // `stats().dropped`); `.queue(Queue::new(..))` sets the same on any handler.
    let dropping = Capture::new();
    let sink =
        AsyncSink::new(dropping.clone()).buffer_size(64 * 1024).when_full(WhenFull::DropNewest);
    logger.add(sink).format("{message}").level("WARNING").install().unwrap();
    let _same = Queue::new(64 * 1024).when_full(WhenFull::DropNewest);

    // Four threads log at once; each thread's records stay in its order.
    std::thread::scope(|scope| {
        for worker in 0..4 {
            std::thread::Builder::new()
                .name(format!("worker-{worker}"))
                .spawn_scoped(scope, move || {
                    for job in 0..3 {
                        hlog::info!(logger, "job {job} done");
                    }
                    hlog::warning!(logger, "worker {worker} finished");
                })
                .unwrap();
        }
    });
    logger.complete(); // everything logged before this line is written and flushed
    (queued, dropping)
}

fn main() {
    let logger = Logger::new();
    let (queued, dropping) = demo(&logger);
    println!("The queued handler wrote {} lines, the first of worker-0's:", queued.lines().len());
    for line in queued.lines().iter().filter(|line| line.starts_with("worker-0 ")) {
        println!("  {line}");
    }
    println!("The WARNING handler wrote: {:?}", dropping.lines());
    print!("\n{}", logger.stats());
}

#[test]
fn every_record_is_written_in_each_threads_order() {
    let logger = Logger::new();
    let (queued, dropping) = demo(&logger);
    let lines = queued.lines();
    assert_eq!(lines.len(), 16);
    for worker in 0..4 {
        let name = format!("worker-{worker} ");
        let own: Vec<&str> =
            lines.iter().filter_map(|line| line.strip_prefix(name.as_str())).collect();
        assert_eq!(
            own,
            ["job 0 done", "job 1 done", "job 2 done", &format!("worker {worker} finished")]
        );
    }
    let mut warnings = dropping.lines();
    warnings.sort();
    assert_eq!(
        warnings,
        ["worker 0 finished", "worker 1 finished", "worker 2 finished", "worker 3 finished"]
    );
    assert!(logger.stats().iter().all(|row| row.dropped == 0 && row.lost == 0));
}
