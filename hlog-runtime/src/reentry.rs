//! Re-entrant log calls: the per-thread state that lets a sink, a filter or a `Display` impl
//! log while this thread is writing a record, without deadlocking on the sink's lock and
//! without losing the nested line. All of it is here, in one place.
//!
//! A nested write to a handler this thread is already writing to is queued and written by the
//! outer write right after its own line; a nested write to another handler goes straight
//! through. During thread teardown (thread-locals gone) every write goes straight through.

use std::cell::{Cell, RefCell};
#[cfg(any(feature = "log", feature = "tracing", feature = "tower"))]
use std::thread::LocalKey;

thread_local! {
    /// How many sinks this thread is writing to right now (more than one when a sink logs).
    static DEPTH: Cell<u32> = const { Cell::new(0) };
    /// The handler of the outermost write, so the usual, unnested write touches two `Cell`s.
    static OUTER: Cell<usize> = const { Cell::new(0) };
    /// Handlers of nested writes.
    static NESTED: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
    /// Lines logged to a handler while this thread was writing to it, and whether there are any.
    static DEFERRED: RefCell<Vec<(usize, Vec<u8>)>> = const { RefCell::new(Vec::new()) };
    static ANY_DEFERRED: Cell<bool> = const { Cell::new(false) };
}

/// Whether this thread is in the middle of a write to the handler `key` (and so holds its
/// sink's lock): `fork` then does not wait for that lock, which this thread releases itself, in
/// the parent and in the child alike.
pub(crate) fn writing_to(key: usize) -> bool {
    OUTER.try_with(Cell::get).is_ok_and(|outer| outer == key)
        || NESTED.try_with(|nested| nested.borrow().contains(&key)).unwrap_or(false)
}

/// This thread is writing to a handler's sink; dropping it (also on unwind) ends that.
pub(crate) struct Writing {
    key: usize,
    nested: bool,
}

impl Writing {
    /// `Some` when the caller should write; `None` when this thread is already writing to
    /// the handler `key` (its address; the line is queued for that outer write).
    #[inline]
    pub(crate) fn enter(key: usize, line: &[u8]) -> Option<Writing> {
        let Ok(depth) = DEPTH.try_with(|depth| depth.replace(depth.get() + 1)) else {
            return Some(Writing { key: 0, nested: false }); // thread teardown: just write
        };
        if depth == 0 {
            OUTER.with(|outer| outer.set(key));
            return Some(Writing { key, nested: false });
        }
        // (`try_with`: during thread teardown the vectors may be gone; then write directly.)
        let nested_busy = NESTED.try_with(|n| n.borrow().contains(&key)).unwrap_or(false);
        if OUTER.with(Cell::get) == key || nested_busy {
            let queued = DEFERRED.try_with(|d| d.borrow_mut().push((key, line.to_vec())));
            if queued.is_ok() {
                ANY_DEFERRED.with(|any| any.set(true));
                DEPTH.with(|d| d.set(d.get() - 1));
                return None;
            }
        }
        let pushed = NESTED.try_with(|n| n.borrow_mut().push(key)).is_ok();
        Some(Writing { key, nested: pushed })
    }

    /// The next line deferred for this handler, oldest first.
    #[inline]
    pub(crate) fn next_deferred(&self) -> Option<Vec<u8>> {
        if !ANY_DEFERRED.try_with(Cell::get).unwrap_or(false) {
            return None;
        }
        DEFERRED
            .try_with(|deferred| {
                let mut deferred = deferred.borrow_mut();
                let at = deferred.iter().position(|(k, _)| *k == self.key)?;
                let (_, line) = deferred.remove(at);
                if deferred.is_empty() {
                    ANY_DEFERRED.with(|any| any.set(false));
                }
                Some(line)
            })
            .ok()
            .flatten()
    }
}

impl Drop for Writing {
    #[inline]
    fn drop(&mut self) {
        if self.key == 0 {
            return;
        }
        let _ = DEPTH.try_with(|d| d.set(d.get() - 1));
        if self.nested {
            let _ = NESTED.try_with(|nested| {
                let mut nested = nested.borrow_mut();
                if let Some(at) = nested.iter().rposition(|k| *k == self.key) {
                    nested.remove(at);
                }
            });
        } else {
            let _ = OUTER.try_with(|outer| outer.set(0));
        }
    }
}

/// Run `f` with this thread's scratch value in `key`, reset by `reset`: a buffer a bridge or
/// layer reuses from record to record. A call nested in `f` (a `Display` impl that logs) gets a
/// fresh `T::default()`, as does a call during the thread's teardown.
#[cfg(any(feature = "log", feature = "tracing", feature = "tower"))]
pub(crate) fn with_scratch<T: Default + 'static, R>(
    key: &'static LocalKey<RefCell<T>>,
    reset: fn(&mut T),
    f: impl FnOnce(&mut T) -> R,
) -> R {
    let mut f = Some(f);
    let done = key
        .try_with(|scratch| {
            let mut scratch = scratch.try_borrow_mut().ok()?;
            reset(&mut scratch);
            f.take().map(|f| f(&mut scratch))
        })
        .ok()
        .flatten();
    match (done, f) {
        (Some(done), _) => done,
        (None, Some(f)) => f(&mut T::default()),
        (None, None) => unreachable!("`f` ran, so it returned"),
    }
}
