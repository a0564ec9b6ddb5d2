//! A global allocator that counts allocations (and reallocations): those of the calling thread
//! inside [`on_this_thread`], or those of every thread between [`start_everywhere`] and
//! [`stop_everywhere`] (for a test file with one test, so nothing else runs beside it).
//! Included with `#[path]` by the allocation tests only: it becomes their global allocator.

#![allow(dead_code)] // each test file uses one of the two ways to count

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

struct Counting;

thread_local! {
    /// Whether this thread is being counted, and its count: per thread, so that tests running
    /// in parallel do not see each other's allocations.
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

/// Counting every thread, and the count.
static EVERYWHERE: AtomicBool = AtomicBool::new(false);
static ALL_ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

fn count() {
    if EVERYWHERE.load(Ordering::Relaxed) {
        ALL_ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
    }
    // (`try_with`: an allocation during a thread's teardown is not this thread's test.)
    if COUNTING.try_with(Cell::get).unwrap_or(false) {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
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
pub(crate) fn on_this_thread(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    COUNTING.with(|c| c.set(true));
    f();
    COUNTING.with(|c| c.set(false));
    ALLOCATIONS.with(Cell::get) - before
}

/// Count the allocations of every thread from now on.
pub(crate) fn start_everywhere() {
    ALL_ALLOCATIONS.store(0, Ordering::SeqCst);
    EVERYWHERE.store(true, Ordering::SeqCst);
}

/// Stop counting every thread; the allocations since [`start_everywhere`].
pub(crate) fn stop_everywhere() -> usize {
    EVERYWHERE.store(false, Ordering::SeqCst);
    ALL_ALLOCATIONS.load(Ordering::SeqCst)
}
