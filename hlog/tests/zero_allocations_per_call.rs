//! A log call on the steady-state path allocates nothing: default format, console, writer and
//! capture sinks, integer, float, bool and `&str` arguments. Counted by a global allocator that
//! counts only the allocations of the thread under test.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use hlog::Logger;
use hlog::sink::{Capture, Console, from_writer};

struct Counting;

thread_local! {
    /// Whether this thread is being counted, and its count: per thread, so that tests running
    /// in parallel do not see each other's allocations.
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn count() {
    if COUNTING.with(Cell::get) {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
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

/// Allocations made on this thread by `f`.
fn allocations(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    COUNTING.with(|c| c.set(true));
    f();
    COUNTING.with(|c| c.set(false));
    ALLOCATIONS.with(Cell::get) - before
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
    hlog::warning!(logger, "<yellow>slow</yellow> {n} {f32}", n = -7_i32, f32 = 1.5_f32);
    hlog::debug!(logger, "literal only");
    hlog::info!(logger, order_id = i, "Order placed", total = ms); // fields the message hides
}

fn steady_state(logger: &Logger, calls: u64) -> usize {
    for i in 0..10 {
        log_everything(logger, i); // warm-up: thread-locals, call-site caches, time cache
    }
    allocations(|| (0..calls).for_each(|i| log_everything(logger, i)))
}

#[test]
fn capture_sink() {
    let logger = Logger::new();
    let capture = Capture::with_capacity(4 << 20);
    logger.add(capture.clone()).install().unwrap();
    assert_eq!(steady_state(&logger, 1000), 0);
    assert_eq!(capture.lines().len(), 4 * 1010);
}

#[test]
fn capture_sink_showing_extra() {
    let logger = Logger::new();
    let capture = Capture::with_capacity(8 << 20);
    logger.add(capture.clone()).format("{message} {extra}").install().unwrap();
    assert_eq!(steady_state(&logger, 1000), 0);
    assert!(capture.text().ends_with("Order placed {\"order_id\": 999, \"total\": 1002.25}\n"));
}

#[test]
fn coloured_capture_sink() {
    let logger = Logger::new();
    let capture = Capture::with_capacity(4 << 20);
    logger.add(capture.clone()).colorize(true).install().unwrap();
    assert_eq!(steady_state(&logger, 1000), 0);
    assert!(capture.text().contains("\x1b[33mslow\x1b[0m"));
}

#[test]
fn writer_sink() {
    let logger = Logger::new();
    logger.add(from_writer(std::io::sink())).install().unwrap();
    assert_eq!(steady_state(&logger, 1000), 0);
}

#[test]
fn console_sink() {
    let logger = Logger::new();
    // Only ERROR reaches the console, to keep the test output short; the gate, the formatting
    // and the write all run for the records that pass.
    logger.add(Console::stderr()).level("WARNING").install().unwrap();
    assert_eq!(steady_state(&logger, 3), 0);
}

#[test]
fn filtered_out_call() {
    let logger = Logger::new();
    logger.add(Capture::new()).level("ERROR").install().unwrap();
    assert_eq!(steady_state(&logger, 1000), 0);
}

#[test]
fn file_sink() {
    let dir = std::env::temp_dir().join(format!("hlog-alloc-{}", std::process::id()));
    let logger = Logger::new();
    // Watched, buffered, with a size rotation that does not fall due during the test.
    let sink = hlog::sink::FileSink::new(dir.join("app.log")).rotation("1 GB");
    logger.add(sink).install().unwrap();
    assert_eq!(steady_state(&logger, 1000), 0);
    logger.complete();
    assert_eq!(std::fs::read_to_string(dir.join("app.log")).unwrap().lines().count(), 4 * 1010);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_counter_sees_allocations() {
    let logger = Logger::new();
    logger.add(Capture::new()).install().unwrap();
    let owned = String::from("x");
    // A Display value that allocates while formatting is counted: the counter works.
    assert!(allocations(|| hlog::info!(logger, "{}", format!("{owned}!"))) >= 1);
}

/// A call through a child with 3 bound fields allocates nothing (binding allocated once).
#[test]
fn child_with_bound_fields() {
    let logger = Logger::new();
    let capture = Capture::with_capacity(8 << 20);
    logger.add(capture.clone()).format("{message} {extra}").install().unwrap();
    let child = hlog::bind!(logger; request_id = "abc-123", user = "alice", attempt = 3);
    assert_eq!(steady_state(&child, 1000), 0);
    assert!(capture.text().ends_with(
        "Order placed {\"order_id\": 999, \"total\": 1002.25, \"request_id\": \"abc-123\", \
         \"user\": \"alice\", \"attempt\": 3}\n"
    ));
}

/// A call inside a contextual scope with 3 fields allocates nothing (the scope allocated once).
#[test]
fn inside_a_contextual_scope() {
    let logger = Logger::new();
    let capture = Capture::with_capacity(8 << 20);
    logger.add(capture.clone()).format("{message} {extra}").install().unwrap();
    let _scope = hlog::contextualize!(request_id = "abc-123", user = "alice", attempt = 3);
    assert_eq!(steady_state(&logger, 1000), 0);
    assert!(capture.text().ends_with(
        "Order placed {\"order_id\": 999, \"total\": 1002.25, \"request_id\": \"abc-123\", \
         \"user\": \"alice\", \"attempt\": 3}\n"
    ));
}

/// A patched child allocates nothing per call: the patch writes into a fixed array.
#[test]
fn patched_child() {
    let logger = Logger::new();
    let capture = Capture::with_capacity(8 << 20);
    logger.add(capture.clone()).format("{message} {extra}").install().unwrap();
    let patched = logger.patch(|patch| {
        let secs = patch.record().time().secs();
        patch.set("secs_even", (secs % 2 == 0).into());
    });
    assert_eq!(steady_state(&patched, 1000), 0);
    assert!(capture.text().contains("\"secs_even\": "));
}
