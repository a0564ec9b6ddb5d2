//! Records of a queued handler keep each thread's order, and the writer merges threads by
//! time within what it has drained at once: 4 threads log while the writer is held on an
//! earlier record, so that it then drains all of them at once; every record arrives once,
//! each thread's in the order it logged them, all in time order, each with its own thread's
//! `{thread.id}`.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, Barrier};

use hlog::Logger;
use hlog::sink::{Capture, Queue};
use hlog::time::Timestamp;

const THREADS: usize = 4;
const PER_THREAD: usize = 10_000;

#[test]
fn four_threads_each_in_order_merged_by_time() {
    // Every clock read is a later second: times are unique and follow the reads.
    let ticks = Arc::new(AtomicI64::new(1));
    let clock = Arc::clone(&ticks);
    let logger = Logger::new()
        .with_clock(move || Timestamp::from_unix(clock.fetch_add(1, Ordering::SeqCst), 0));
    let capture = Capture::new();
    let (reached, open) = (Arc::new(AtomicBool::new(false)), Arc::new(AtomicBool::new(false)));
    let gate = (Arc::clone(&reached), Arc::clone(&open));
    logger
        .add(capture.clone())
        .format("{time:X} {thread.id} {message}")
        .queue(Queue::new(8 << 20))
        // The writer thread stops at the first record until the threads are done.
        .filter(move |record| {
            if record.message().to_string() == "gate" {
                gate.0.store(true, Ordering::SeqCst);
                while !gate.1.load(Ordering::SeqCst) {
                    std::thread::yield_now();
                }
            }
            true
        })
        .install()
        .unwrap();
    hlog::info!(logger, "gate");
    while !reached.load(Ordering::SeqCst) {
        std::thread::yield_now();
    }
    let barrier = Arc::new(Barrier::new(THREADS));
    let threads: Vec<_> = (0..THREADS)
        .map(|t| {
            let (logger, barrier) = (logger.clone(), Arc::clone(&barrier));
            std::thread::spawn(move || {
                barrier.wait();
                for i in 0..PER_THREAD {
                    hlog::info!(logger, "{t} {i}");
                }
            })
        })
        .collect();
    threads.into_iter().for_each(|t| t.join().unwrap());
    open.store(true, Ordering::SeqCst);
    logger.complete();

    let text = capture.text();
    let mut lines = text.lines();
    assert!(lines.next().unwrap().ends_with(" gate"));
    let mut next: HashMap<usize, usize> = HashMap::new();
    let mut thread_ids: HashMap<usize, String> = HashMap::new();
    let mut last_time = 0i64;
    let mut count = 0;
    for line in lines {
        let parts: Vec<&str> = line.split(' ').collect();
        let [time, id, t, i] = parts[..] else { panic!("bad line {line:?}") };
        let (time, t, i): (i64, usize, usize) =
            (time.parse().unwrap(), t.parse().unwrap(), i.parse().unwrap());
        assert!(time > last_time, "not merged by time at {line:?}");
        last_time = time;
        let expected = next.entry(t).or_insert(0);
        assert_eq!(i, *expected, "thread {t} out of order");
        *expected += 1;
        // `{thread.id}` is the logging thread's, not the writer's.
        assert_eq!(thread_ids.entry(t).or_insert_with(|| id.to_owned()), id);
        count += 1;
    }
    assert_eq!(count, THREADS * PER_THREAD);
    assert_eq!(thread_ids.values().collect::<HashSet<_>>().len(), THREADS);
}
