//! Deferred formatting: a queued handler's records are copied by the calling thread, in binary,
//! into that thread's ring, and formatted and written by the logger's writer thread with the
//! same code a synchronous handler runs.
//!
//! - `ring.rs`: one thread's bounded single-producer, single-consumer ring of entries.
//! - `entry.rs`: a record in binary, and the record rebuilt from it.
//! - this file: the writer thread, the rings it drains, and what a call does when its ring is
//!   full, too small, or when the call is made on the writer thread itself.
//!
//! Order: each thread's records are written in the order they were logged; across threads the
//! writer merges by timestamp what it has drained at once (a record queued later with an
//! earlier time, by a thread whose clock read came before a slow push, may follow records
//! newer than it).

mod entry;
mod ring;

use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use arc_swap::ArcSwap;

use crate::handler::Handler;
use crate::record::Record;
use crate::sink::{Queue, WhenFull};
use crate::thread::ThreadInfo;
use crate::time::{Timestamp, Zone};

use ring::{Pushed, Ring};

/// The writer thread is draining.
const RUNNING: u8 = 0;
/// The writer thread is parked (it wakes by itself within [`IDLE_PARK_LONG`]).
const IDLE: u8 = 1;
/// No writer thread (not started yet, or this is a child process after `fork`).
const STOPPED: u8 = 2;
/// The logger is gone: the thread drains what is left and ends.
const ENDING: u8 = 3;

/// How long the idle writer sleeps between looks at the rings, first, and after a while.
const IDLE_PARK: Duration = Duration::from_millis(1);
const IDLE_PARK_LONG: Duration = Duration::from_millis(20);
/// A drain round that wrote fewer records than this waits [`GATHER`] before the next.
const BATCH: usize = 64;
const GATHER: Duration = Duration::from_micros(100);

/// Empty rounds before the writer parks, and parks before it parks long.
const IDLE_SPINS: u32 = 16;
const IDLE_PARKS: u32 = 100;

/// The handlers a writer serves: the logger's list (it picks the queued ones), shared with the
/// logger so that a record queued before a handler is removed still finds it gone.
pub(crate) type Handlers = Arc<ArcSwap<Vec<Arc<Handler>>>>;

/// One logger's writer: its thread, the rings of the threads that log to it, and its queue
/// settings (from its queued handlers).
pub(crate) struct Writer {
    id: u64,
    handlers: Handlers,
    /// The logger's zone (the local one until it sets one).
    zone: Arc<OnceLock<Zone>>,
    rings: Mutex<Vec<Arc<Ring>>>,
    rings_changed: AtomicBool,
    state: AtomicU8,
    thread: Mutex<Option<std::thread::Thread>>,
    /// Size of the rings made from now on.
    capacity: AtomicUsize,
    /// A full ring blocks the call (else the record is dropped).
    block: AtomicBool,
}

/// What happened to a record given to [`Writer::push`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Queued {
    /// In its thread's ring.
    Yes,
    /// Dropped: the ring was full and no queued handler blocks.
    Dropped,
    /// Written on the calling thread instead, by the `sync` function given (a record larger
    /// than the ring, once the thread's earlier records are written; a call on the writer
    /// thread; a call during the thread's teardown).
    Synchronously,
}

thread_local! {
    /// This thread is a writer thread: its own records go straight to the sinks.
    static ON_WRITER: Cell<bool> = const { Cell::new(false) };
    static PRODUCER: RefCell<Producer> = const { RefCell::new(Producer { rings: Vec::new() }) };
    /// The text of a record's `Display`/`Debug` values and error, rendered before the record
    /// is written into the ring (its length is known only then).
    static TEXTS: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
}

/// A thread's rings, one per writer it logged to.
struct Producer {
    rings: Vec<Slot>,
}

struct Slot {
    writer: u64,
    ring: Arc<Ring>,
    /// The producer's last view of the ring's released position.
    cached_head: usize,
}

impl Drop for Producer {
    /// The thread is exiting: its rings are drained, then dropped by their writers.
    fn drop(&mut self) {
        self.rings.iter().for_each(|slot| slot.ring.close());
    }
}

impl Writer {
    /// A writer for the logger whose handler list is `handlers`, rendering times in `zone`.
    /// Its thread starts with the first record.
    pub(crate) fn new(handlers: Handlers, zone: Arc<OnceLock<Zone>>) -> Arc<Writer> {
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        Arc::new(Writer {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            handlers,
            zone,
            rings: Mutex::new(Vec::new()),
            rings_changed: AtomicBool::new(false),
            state: AtomicU8::new(STOPPED),
            thread: Mutex::new(None),
            capacity: AtomicUsize::new(Queue::DEFAULT_CAPACITY),
            block: AtomicBool::new(true),
        })
    }

    /// Take the queue settings of the logger's queued handlers: the largest ring, and block
    /// when full if any of them blocks (nothing a blocking handler wants is dropped).
    pub(crate) fn configure(&self, queues: impl Iterator<Item = Queue>) {
        let (mut capacity, mut block, mut any) = (0, false, false);
        for queue in queues {
            capacity = capacity.max(queue.capacity);
            block |= queue.when_full == WhenFull::Block;
            any = true;
        }
        if any {
            self.capacity.store(capacity, Ordering::Relaxed);
            self.block.store(block, Ordering::Relaxed);
        }
    }

    /// Queue `record` for the writer thread, or hand it to `sync` (see [`Queued`]).
    pub(crate) fn push(
        self: &Arc<Self>,
        record: &Record<'_>,
        sync: &dyn Fn(&Record<'_>),
    ) -> Queued {
        if ON_WRITER.get() {
            sync(record);
            return Queued::Synchronously;
        }
        // Out of the thread-local while user code (`Display`) renders into it: it may log. A
        // record with nothing to render never takes it.
        let take = || TEXTS.try_with(Cell::take).unwrap_or_default();
        let mut texts = entry::Texts::new(&take);
        let prepared = entry::prepare(record, &mut texts);
        let pushed = PRODUCER.try_with(|producer| {
            let Ok(mut producer) = producer.try_borrow_mut() else { return None };
            let slot = producer.slot(self);
            Some(self.push_entry(slot, prepared.size(), |out| entry::write(record, &prepared, out)))
        });
        if let Some(texts) = texts.into_buffer() {
            let _ = TEXTS.try_with(|cell| {
                // Keep the larger buffer (a nested call may have put back its own).
                let other = cell.take();
                cell.set(if other.capacity() > texts.capacity() { other } else { texts });
            });
        }
        match pushed {
            Ok(Some(Pushed::Done)) => Queued::Yes,
            Ok(Some(Pushed::Full)) => Queued::Dropped,
            // Too big: the thread's earlier records are written (`push_entry` waited).
            _ => {
                sync(record);
                Queued::Synchronously
            }
        }
    }

    /// Push into the thread's ring, waiting for room when the writer blocks; a record larger
    /// than the ring waits until the ring is empty and comes back `TooBig`.
    fn push_entry(
        self: &Arc<Self>,
        slot: &mut Slot,
        len: usize,
        write: impl Fn(&mut [u8]),
    ) -> Pushed {
        let mut waited = 0u32;
        loop {
            match slot.ring.push_with(len, &mut slot.cached_head, &write) {
                Pushed::Done => {
                    let state = self.state.load(Ordering::Relaxed);
                    if state != RUNNING {
                        let used = slot.ring.published() - slot.cached_head;
                        self.nudge(state, used > slot.ring.capacity() / 2);
                    }
                    return Pushed::Done;
                }
                Pushed::Full if !self.block.load(Ordering::Relaxed) => return Pushed::Full,
                Pushed::Full => {
                    // Wait until the writer has emptied half the ring, not just room for this
                    // record: the calls after it then go straight in, instead of every call
                    // waiting for one record's worth of room (and writer and caller passing
                    // the same cache lines back and forth).
                    let half = slot.ring.capacity() / 2;
                    while slot.ring.published() - slot.ring.released() > half && !self.is_ending() {
                        self.wait(&mut waited);
                    }
                }
                Pushed::TooBig => {
                    while !slot.ring.is_empty() && !self.is_ending() {
                        self.wait(&mut waited);
                    }
                    return Pushed::TooBig;
                }
            }
        }
    }

    /// Wake the writer, then back off: spin, yield, then sleep a little.
    fn wait(self: &Arc<Self>, waited: &mut u32) {
        self.nudge(self.state.load(Ordering::Relaxed), true);
        *waited += 1;
        if *waited < 64 {
            std::hint::spin_loop();
        } else if *waited < 128 {
            std::thread::yield_now();
        } else {
            std::thread::sleep(Duration::from_micros(50));
        }
    }

    /// The writer is not draining: start its thread if there is none, wake it if `urgent`.
    #[cold]
    fn nudge(self: &Arc<Self>, state: u8, urgent: bool) {
        match state {
            STOPPED => self.start(),
            IDLE if urgent => self.unpark(),
            _ => {}
        }
    }

    fn unpark(&self) {
        if let Some(thread) = self.thread.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
            thread.unpark();
        }
    }

    fn is_ending(&self) -> bool {
        self.state.load(Ordering::Relaxed) == ENDING
    }

    /// Start the writer thread, unless one runs.
    fn start(self: &Arc<Self>) {
        let mut thread = self.thread.lock().unwrap_or_else(|e| e.into_inner());
        if self.state.load(Ordering::Acquire) != STOPPED {
            return;
        }
        let this = Arc::clone(self);
        self.state.store(RUNNING, Ordering::Release);
        let spawned =
            std::thread::Builder::new().name("hlog-writer".into()).spawn(move || this.run());
        match spawned {
            Ok(handle) => *thread = Some(handle.thread().clone()),
            Err(error) => {
                self.state.store(STOPPED, Ordering::Release);
                crate::report::report_once(format_args!(
                    "could not start the writer thread of queued handlers: {error}; their \
                     records wait in their threads' rings"
                ));
            }
        }
    }

    /// Wait until every record queued before this call is written (its sink's `write`
    /// returned), or until `deadline`. False if the deadline came first. On a writer thread
    /// (a sink that calls `complete()`, a panic in a sink) this returns at once.
    pub(crate) fn drain(self: &Arc<Self>, deadline: Instant) -> bool {
        if on_writer_thread() {
            return true;
        }
        let targets: Vec<(Arc<Ring>, usize)> = {
            let rings = self.rings.lock().unwrap_or_else(|e| e.into_inner());
            rings.iter().map(|r| (Arc::clone(r), r.published())).collect()
        };
        loop {
            if targets.iter().all(|(ring, target)| ring.released() >= *target) {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            match self.state.load(Ordering::Relaxed) {
                STOPPED => self.start(),
                _ => self.unpark(),
            }
            std::thread::sleep(Duration::from_micros(100));
        }
    }

    /// The logger is gone: drain what is queued (until `deadline`), then let the thread end.
    pub(crate) fn end(self: &Arc<Self>, deadline: Instant) {
        self.drain(deadline);
        self.state.store(ENDING, Ordering::Release);
        self.unpark();
    }

    /// A process is about to fork: take this writer's locks (until `deadline`), so that no
    /// other thread holds them in the child. `None`: another thread kept one.
    pub(crate) fn hold_for_fork(&self, deadline: Instant) -> Option<WriterHeld<'_>> {
        let rings = crate::lock::lock_until(&self.rings, deadline)?;
        let thread = crate::lock::lock_until(&self.thread, deadline)?;
        Some(WriterHeld { writer: self, rings, thread })
    }

    /// The writer thread: drain every ring, merging threads by time, until the logger is gone.
    fn run(self: Arc<Self>) {
        ON_WRITER.set(true);
        let mut cursors: Vec<Cursor> = Vec::new();
        let mut buf = Vec::new();
        let mut decoder = entry::Decoder::default();
        let mut idle = 0u32;
        loop {
            if self.rings_changed.swap(false, Ordering::Acquire) {
                let rings = self.rings.lock().unwrap_or_else(|e| e.into_inner());
                cursors.retain(|c| rings.iter().any(|r| Arc::ptr_eq(r, &c.ring)));
                for ring in rings.iter() {
                    if !cursors.iter().any(|c| Arc::ptr_eq(&c.ring, ring)) {
                        cursors.push(Cursor::new(Arc::clone(ring)));
                    }
                }
            }
            let ending = self.is_ending();
            let written = self.drain_once(&mut cursors, &mut buf, &mut decoder);
            self.drop_closed_rings(&mut cursors);
            if written > 0 {
                idle = 0;
                if written < BATCH && !ending {
                    // A few records: let more gather before the next look. A writer that takes
                    // each record as it is published reads the cache lines the calling thread
                    // is writing, and each of its next writes waits for them to come back.
                    std::thread::park_timeout(GATHER);
                }
                continue;
            }
            if ending {
                return;
            }
            idle += 1;
            if idle < IDLE_SPINS {
                std::thread::yield_now();
                continue;
            }
            if self
                .state
                .compare_exchange(RUNNING, IDLE, Ordering::SeqCst, Ordering::Relaxed)
                .is_err()
            {
                continue; // ending, or a child process's reset
            }
            // A record pushed after the drain above but before the state said IDLE wakes
            // nobody: it waits at most one park.
            let long = idle > IDLE_SPINS + IDLE_PARKS;
            std::thread::park_timeout(if long { IDLE_PARK_LONG } else { IDLE_PARK });
            let _ = self.state.compare_exchange(IDLE, RUNNING, Ordering::SeqCst, Ordering::Relaxed);
        }
    }

    /// Write what the rings hold now, oldest first across rings. Returns how many records.
    fn drain_once(
        &self,
        cursors: &mut [Cursor],
        buf: &mut Vec<u8>,
        decoder: &mut entry::Decoder,
    ) -> usize {
        for cursor in cursors.iter_mut() {
            cursor.refresh();
        }
        let handlers = self.handlers.load();
        let zone = self.zone.get().unwrap_or_else(|| Zone::local());
        let mut written = 0;
        loop {
            let next = match cursors {
                [only] => only.front.is_some().then_some(0),
                _ => cursors
                    .iter()
                    .enumerate()
                    .filter_map(|(i, c)| c.front.map(|time| (time, i)))
                    .min()
                    .map(|(_, i)| i),
            };
            let Some(i) = next else { return written };
            let cursor = &mut cursors[i];
            let (entry, after) = cursor.ring.entry(cursor.position);
            // Handlers catch what user code throws; this guards the writer itself, so that it
            // never stops draining (callers that wait for room would wait forever).
            let rendered = catch_unwind(AssertUnwindSafe(|| {
                decoder.decode(entry, cursor.ring.thread(), |record| {
                    for handler in handlers.iter().filter(|h| h.queued()) {
                        handler.handle(record, buf, zone);
                    }
                });
            }));
            if rendered.is_err() {
                *decoder = entry::Decoder::default();
                crate::report::report_once(format_args!(
                    "the writer thread of queued handlers failed on a record and skipped it"
                ));
            }
            cursor.advance(after);
            written += 1;
        }
    }

    /// Rings whose thread exited, once drained, leave the list.
    fn drop_closed_rings(&self, cursors: &mut Vec<Cursor>) {
        let before = cursors.len();
        cursors.retain(|c| !(c.ring.is_closed() && c.ring.is_empty()));
        if cursors.len() != before {
            let mut rings = self.rings.lock().unwrap_or_else(|e| e.into_inner());
            rings.retain(|r| !(r.is_closed() && r.is_empty()));
        }
    }
}

/// A writer's locks, held across a `fork`; dropping them releases them (in the parent).
pub(crate) struct WriterHeld<'a> {
    writer: &'a Writer,
    rings: MutexGuard<'a, Vec<Arc<Ring>>>,
    thread: MutexGuard<'a, Option<std::thread::Thread>>,
}

impl WriterHeld<'_> {
    /// In the child process: the writer thread did not survive, and what the rings hold is the
    /// parent's to write. Forget both (a thread starts with the next record), then release.
    pub(crate) fn release_in_child(mut self) {
        self.rings.iter().for_each(|ring| ring.discard());
        *self.thread = None;
        if self.writer.state.load(Ordering::Relaxed) != ENDING {
            self.writer.state.store(STOPPED, Ordering::Release);
        }
    }
}

/// The writer's place in one ring, and the time of the record there.
struct Cursor {
    ring: Arc<Ring>,
    position: usize,
    end: usize,
    front: Option<Timestamp>,
}

impl Cursor {
    fn new(ring: Arc<Ring>) -> Cursor {
        let position = ring.released();
        Cursor { ring, position, end: position, front: None }
    }

    /// See what the producer has published since.
    fn refresh(&mut self) {
        // After a `fork` the child's rings were emptied under the cursor.
        self.position = self.position.max(self.ring.released());
        self.end = self.ring.published();
        self.front = self.front_time();
    }

    fn advance(&mut self, to: usize) {
        self.position = to;
        self.ring.release(to);
        self.front = self.front_time();
    }

    fn front_time(&self) -> Option<Timestamp> {
        (self.position < self.end).then(|| entry::time_of(self.ring.entry(self.position).0))
    }
}

impl Producer {
    /// This thread's ring for `writer`, made (and given to the writer) on first use.
    fn slot(&mut self, writer: &Writer) -> &mut Slot {
        let index = match self.rings.iter().position(|s| s.writer == writer.id) {
            Some(index) => index,
            None => {
                // Rings of writers that are gone (their logger dropped) go first.
                self.rings.retain(|s| Arc::strong_count(&s.ring) > 1);
                let capacity = writer.capacity.load(Ordering::Relaxed);
                let ring = Arc::new(Ring::new(capacity, ThreadInfo::current()));
                writer.rings.lock().unwrap_or_else(|e| e.into_inner()).push(Arc::clone(&ring));
                writer.rings_changed.store(true, Ordering::Release);
                self.rings.push(Slot { writer: writer.id, ring, cached_head: 0 });
                self.rings.len() - 1
            }
        };
        &mut self.rings[index]
    }
}

/// This thread is a writer thread (or is being torn down).
pub(crate) fn on_writer_thread() -> bool {
    ON_WRITER.try_with(Cell::get).unwrap_or(true)
}
