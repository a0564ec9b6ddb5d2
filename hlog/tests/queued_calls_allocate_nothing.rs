//! On the steady-state path, a queued handler allocates nothing: neither the calling thread
//! (encoding into its ring) nor the writer thread (rebuilding the record, formatting, writing
//! to a file sink). Counted by a global allocator over every thread of this test process (one
//! test in this file, so nothing else runs beside it).

use std::alloc::{GlobalAlloc, Layout, System};
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use hlog::sink::{FileSink, Sink};
use hlog::{Logger, Record};

struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

fn count() {
    if COUNTING.load(Ordering::Relaxed) {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
    }
}

// SAFETY: every call is forwarded unchanged to the system allocator; the counter is a side effect.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract, passed through unchanged.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` with `layout` (every allocation goes there).
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        // SAFETY: as for `dealloc`, and `new_size` comes from the caller's valid request.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

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
}

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
    // Warm-up: the thread's ring, the writer thread, its buffers, the time cache.
    for i in 0..1_000 {
        log_everything(&logger, i);
        log_everything(&child, i);
    }
    logger.complete();
    let calls = 20_000u64;
    let before = written.load(Ordering::Acquire);
    let scope = hlog::Context::current().with(hlog::fields!(task = 7, step = "load", ok = true));
    COUNTING.store(true, Ordering::SeqCst);
    for i in 0..calls / 2 {
        log_everything(&logger, i);
    }
    let guard = scope.enter();
    for i in calls / 2..calls {
        log_everything(&child, i);
    }
    drop(guard);
    while written.load(Ordering::Acquire) < before + 3 * calls as usize {
        std::hint::spin_loop();
    }
    COUNTING.store(false, Ordering::SeqCst);
    let allocations = ALLOCATIONS.load(Ordering::SeqCst);
    logger.complete();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(allocations, 0, "allocations over {} records", 3 * calls);
}
