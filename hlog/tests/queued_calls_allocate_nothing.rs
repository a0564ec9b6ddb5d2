//! On the steady-state path, a queued handler allocates nothing: neither the calling thread
//! (encoding into its ring) nor the writer thread (rebuilding the record, formatting, writing
//! to a file sink). Counted by a global allocator over every thread of this test process (one
//! test in this file, so nothing else runs beside it).

#[path = "common/counting.rs"]
mod counting;

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use hlog::sink::{FileSink, Sink};
use hlog::{Logger, Record};

/// Counts the records the writer thread has written, without allocating.
struct Count(Arc<AtomicUsize>);

impl Sink for Count {
    fn write(&mut self, _line: &[u8], _record: &Record<'_>) -> io::Result<()> {
        self.0.fetch_add(1, Ordering::Release);
        Ok(())
    }
}

fn log_everything(logger: &Logger, i: u64) {
    let user = "alice";
    let ms = 3.25_f64 + i as f64;
    let ok = i % 2 == 0;
    hlog::info!(
        logger,
        "User {user} logged in from {ip} (id={i}, ms={ms}, ok={ok})",
        ip = "10.0.0.1"
    );
    hlog::warning!(
        logger,
        "<yellow>slow</yellow> {n} {f32} {d:?}",
        n = -7_i32,
        f32 = 1.5_f32,
        d = "debug"
    );
    hlog::debug!(logger, "literal only");
    // Call options: an attached error with a cause, a raw write, a caller's location.
    hlog::error!(logger, err = Declined(Timeout), "Payment {i} failed");
    hlog::info!(logger, raw, "progress {i}\r");
    from_the_caller(logger);
}

/// Records `log_everything` makes per round.
const PER_ROUND: usize = 6;

#[track_caller]
fn from_the_caller(logger: &Logger) {
    hlog::info!(logger, caller, "reported at the caller's line");
}

#[derive(Debug)]
struct Declined(Timeout);

#[derive(Debug)]
struct Timeout;

impl std::fmt::Display for Declined {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("card declined")
    }
}

impl std::fmt::Display for Timeout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("gateway timed out")
    }
}

impl std::error::Error for Declined {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

impl std::error::Error for Timeout {}

#[test]
fn caller_and_writer_allocate_nothing() {
    let dir = std::env::temp_dir().join(format!("hlog-queued-alloc-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let logger = Logger::new();
    let written = Arc::new(AtomicUsize::new(0));
    logger.add(FileSink::new(dir.join("app.log"))).enqueue(true).install().unwrap();
    logger.add(Count(Arc::clone(&written))).enqueue(true).install().unwrap();
    // Bound and contextual fields, made (and allocated) before counting: every queued record
    // carries them, merged on the calling thread.
    let child = hlog::bind!(logger; request_id = "abc-123", user = "alice", attempt = 3);
    let scope = hlog::Context::current().with(hlog::fields!(task = 7, step = "load", ok = true));
    // Warm-up: the thread's ring, the writer thread, its buffers (sized by the largest record:
    // the child's inside the scope), the time cache.
    for i in 0..1_000 {
        log_everything(&logger, i);
        let _guard = scope.enter();
        log_everything(&child, i);
    }
    logger.complete();
    let calls = 20_000u64;
    let before = written.load(Ordering::Acquire);
    counting::start_everywhere();
    for i in 0..calls / 2 {
        log_everything(&logger, i);
    }
    let guard = scope.enter();
    for i in calls / 2..calls {
        log_everything(&child, i);
    }
    drop(guard);
    while written.load(Ordering::Acquire) < before + PER_ROUND * calls as usize {
        std::hint::spin_loop();
    }
    let allocations = counting::stop_everywhere();
    logger.complete();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(allocations, 0, "allocations over {} records", PER_ROUND as u64 * calls);
}
