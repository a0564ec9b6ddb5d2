//! Handlers: a sink with its settings (level, format, colour, filter), and the builder that
//! installs one.

use std::fmt;
use std::io;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, TryLockError};
use std::time::Instant;

use arc_swap::ArcSwap;

use crate::error::{ConfigError, FormatError, SpecError};
use crate::filter::{Filter, IntoLevelNo, ModuleLevels, OFF};
use crate::format::Format;
use crate::level::Level;
use crate::record::Record;
use crate::reentry::Writing;
use crate::sink::{Clock, Fault, FlushTarget, Flusher, IntoSink, Queue, Sink};
use crate::time::Zone;

/// Identifies an installed handler, for `remove()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HandlerId(pub(crate) usize);

impl fmt::Display for HandlerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A handler's colour setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Colorize {
    /// Consoles decide from the environment and the terminal; other sinks get none.
    #[default]
    Auto,
    /// Always colour.
    On,
    /// Never colour.
    Off,
}

impl From<bool> for Colorize {
    fn from(on: bool) -> Self {
        if on { Colorize::On } else { Colorize::Off }
    }
}

/// How a failure's report ends, but for one met while closing.
const CARRIES_ON: &str = "logging carries on and later failures are counted in stats()";

pub(crate) struct Handler {
    pub(crate) id: HandlerId,
    /// The minimum level number; changed live by `set_level`.
    level_no: AtomicU32,
    format: Format,
    colorize: bool,
    escape_values: bool,
    /// Show the backtrace captured with an attached error (loguru's `backtrace=True`).
    pub(crate) backtrace: bool,
    /// Whether `filter` holds anything: without, a record pays one load for it.
    filtered: AtomicBool,
    /// Replaced live by `set_filter`: the filter given, laid over `modules_off`.
    filter: ArcSwap<Filter>,
    /// The modules the sink turns off
    /// ([`SinkDefaults::modules_off`](crate::sink::SinkDefaults::modules_off)), beneath every
    /// filter given.
    modules_off: Option<ModuleLevels>,
    /// `None` once the handler is removed (or its logger dropped): threads may still hold the
    /// handler in their cached lists for a while, but not its sink.
    sink: Mutex<Option<Box<dyn Sink>>>,
    description: String,
    written: AtomicU64,
    /// Bytes of the records written.
    bytes: AtomicU64,
    lost: AtomicU64,
    errors: AtomicU64,
    /// Records a full queue dropped (`WhenFull::DropNewest`), or the sink did not take
    /// ([`Fault::not_taken`]).
    dropped: AtomicU64,
    reported: AtomicBool,
    /// Formatted and written by the logger's writer thread, through this queue.
    pub(crate) queue: Option<Queue>,
}

impl Handler {
    fn with_filter(self, filter: Filter) -> Self {
        self.set_filter(filter);
        self
    }

    /// Formatted on the writer thread (`enqueue`), not on the calling thread.
    #[inline(always)]
    pub(crate) fn queued(&self) -> bool {
        self.queue.is_some()
    }

    /// A full queue dropped a record this handler's level and module map take.
    pub(crate) fn count_dropped(&self, record: &Record<'_>) {
        if record.level().no() >= self.threshold_for(record.module_path()) {
            self.dropped.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Format `record` into `buf` and give it to the sink, if the level and filter accept it.
    pub(crate) fn handle(&self, record: &Record<'_>, buf: &mut Vec<u8>, zone: &Zone) {
        if record.level().no() < self.level_no() {
            return;
        }
        // A panic in user code (a `Display` impl, a filter, a sink) must not escape a log call.
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            if self.filtered.load(Ordering::Relaxed) && !self.filter_accepts(record) {
                return;
            }
            buf.clear();
            if record.backtrace.is_some() && !self.backtrace {
                // Captured for another handler: not this one's to show.
                let record = Record { backtrace: None, ..*record };
                self.format.render_with(buf, &record, self.colorize, self.escape_values, zone);
            } else {
                self.format.render_with(buf, record, self.colorize, self.escape_values, zone);
            }
            self.write(buf, record);
        }));
        if outcome.is_err() {
            self.panicked(record);
        }
    }

    /// The minimum level number.
    #[inline(always)]
    pub(crate) fn level_no(&self) -> u32 {
        self.level_no.load(Ordering::Relaxed)
    }

    /// Whether the filter (module map, then closure) takes `record`.
    fn filter_accepts(&self, record: &Record<'_>) -> bool {
        let filter = self.filter.load();
        record.level().no() >= filter.threshold(record.module_path())
            && filter.closure.as_ref().is_none_or(|closure| closure(record))
    }

    /// The lowest level number this handler takes from `module`, by its level and module map
    /// (its closure is asked later, on each record).
    pub(crate) fn threshold_for(&self, module: &str) -> u32 {
        let level = self.level_no();
        if !self.filtered.load(Ordering::Relaxed) {
            return level;
        }
        level.max(self.filter.load().threshold(module))
    }

    /// The lowest level number this handler takes from any module.
    pub(crate) fn lowest(&self) -> u32 {
        self.level_no().max(self.filter.load().lowest())
    }

    /// A new minimum level (the logger then re-folds the call sites' interest).
    pub(crate) fn set_level(&self, level_no: u32) {
        self.level_no.store(level_no, Ordering::Relaxed);
    }

    /// A new filter, laid over the sink's own (the logger then re-folds the call sites'
    /// interest).
    pub(crate) fn set_filter(&self, filter: Filter) {
        let filter = match &self.modules_off {
            Some(beneath) => overlay(beneath, filter),
            None => filter,
        };
        let filtered = filter.modules.is_some() || filter.closure.is_some();
        self.filter.store(Arc::new(filter));
        self.filtered.store(filtered, Ordering::Relaxed);
    }

    /// A record that panicked while being formatted or written is lost.
    #[cold]
    #[inline(never)]
    fn panicked(&self, record: &Record<'_>) {
        self.lost.fetch_add(1, Ordering::Relaxed);
        self.failed(format_args!(
            "a panic while formatting or writing a record from {}:{}",
            record.file(),
            record.line()
        ));
    }

    /// Give one line to the sink. A sink that logs to its own logger reaches this handler again
    /// while it holds the sink's lock: that line is kept and written right after the current
    /// one, instead of deadlocking.
    fn write(&self, line: &[u8], record: &Record<'_>) {
        let Some(writing) = Writing::enter(self.key(), line) else {
            return; // deferred: the outer write on this thread writes it next
        };
        let mut sink = self.sink.lock().unwrap_or_else(|e| e.into_inner());
        // Removed while this record was on its way: it goes where a record logged just after
        // the removal goes.
        let Some(sink) = sink.as_mut() else { return };
        self.count(sink.write(line, record), line.len());
        // A nested line the sink does not take counts as dropped (`Fault::not_taken`).
        while let Some(deferred) = writing.next_deferred() {
            self.count(sink.write_nested(&deferred, record), deferred.len());
        }
    }

    /// The handler's key for [`Writing`]: its address.
    #[inline]
    fn key(&self) -> usize {
        self as *const Handler as usize
    }

    /// Count a write; called with the sink's lock held.
    fn count(&self, result: io::Result<()>, len: usize) {
        match result {
            // Only lock holders update `written` and `bytes`, so a plain load and store
            // suffices: no locked read-modify-write on every record.
            Ok(()) => {
                self.written.store(self.written.load(Ordering::Relaxed) + 1, Ordering::Relaxed);
                let bytes = self.bytes.load(Ordering::Relaxed) + len as u64;
                self.bytes.store(bytes, Ordering::Relaxed);
            }
            Err(error) if Fault::of(&error).is_some_and(Fault::is_not_taken) => {
                self.dropped.fetch_add(1, Ordering::Relaxed);
            }
            Err(error) => self.write_failed(error),
        }
    }

    /// A failed write: out of line, so the write path keeps its registers.
    #[cold]
    #[inline(never)]
    fn write_failed(&self, error: io::Error) {
        self.count_failure(&error, true, "", CARRIES_ON);
    }

    /// Count a failed write (`for_a_record`) or flush, called with the sink's lock held: a
    /// plain error lost the record; a [`Fault`] says whether it was kept after all and how many
    /// records accepted earlier were dropped (they move from `written` to `lost`). One error
    /// either way, reported once.
    fn count_failure(&self, error: &io::Error, for_a_record: bool, what: &str, then: &str) {
        let fault = Fault::of(error);
        let earlier = fault.map_or(0, Fault::lost_count);
        let kept = for_a_record && fault.is_some_and(Fault::kept);
        let this_lost = u64::from(for_a_record && !kept);
        let written = self.written.load(Ordering::Relaxed).saturating_sub(earlier);
        self.written.store(written + u64::from(kept), Ordering::Relaxed);
        self.lost.fetch_add(earlier + this_lost, Ordering::Relaxed);
        self.failed_then(format_args!("{what}{error}"), then);
    }

    /// Count a failure, and report the first: logging carries on.
    fn failed(&self, what: fmt::Arguments<'_>) {
        self.failed_then(what, CARRIES_ON);
    }

    /// Count a failure, and report the first, saying `then` what happens next.
    fn failed_then(&self, what: fmt::Arguments<'_>, then: &str) {
        self.errors.fetch_add(1, Ordering::Relaxed);
        if !self.reported.swap(true, Ordering::Relaxed) {
            crate::report::report_once(format_args!(
                "handler {} ({}) failed: {what}; {then}",
                self.id, self.description
            ));
        }
    }

    pub(crate) fn reopen(&self) {
        let result = match self.sink.lock().unwrap_or_else(|e| e.into_inner()).as_mut() {
            Some(sink) => sink.reopen(),
            None => return,
        };
        // (The lock is released before reporting.)
        if let Err(error) = result {
            self.failed(format_args!("reopen: {error}"));
        }
    }

    /// At exit: wait for a write in progress on another thread (until `deadline`: a thread
    /// stuck in its sink must not hang the exit), then let the sink flush and finish. A file
    /// sink writes the records logged after this straight through.
    pub(crate) fn flush_at_exit(&self, deadline: Instant) {
        // Held past the deadline (by this very thread, if `exit` was called from a sink):
        // leave it.
        let Some(mut sink) = crate::lock::lock_until(&self.sink, deadline) else { return };
        if let Some(sink) = sink.as_mut() {
            sink.at_exit();
        }
    }

    /// Flush, waiting (until `deadline`) for a write in progress on another thread; a sink
    /// this thread is writing to (a panic inside it) is left alone.
    pub(crate) fn flush_until(&self, deadline: Instant) {
        if crate::reentry::writing_to(self.key()) {
            return;
        }
        if let Some(sink) = crate::lock::lock_until(&self.sink, deadline) {
            self.flush_locked(sink);
        }
    }

    /// A process is about to fork: take the sink's lock (waiting until `deadline` at most) and
    /// let the sink write out what it buffers, so that the child does not write it again.
    pub(crate) fn hold_for_fork(&self, deadline: Instant) -> ForkHold<'_> {
        if crate::reentry::writing_to(self.key()) {
            return ForkHold::ThisThread;
        }
        let Some(mut sink) = crate::lock::lock_until(&self.sink, deadline) else {
            return ForkHold::Busy;
        };
        if let Some(sink) = sink.as_mut() {
            sink.before_fork();
        }
        ForkHold::Held(SinkHeld(sink))
    }

    /// In a child process, this handler's sink was held by another thread when the process
    /// forked: its lock stays taken in the child, which leaves the handler out. Say so once.
    pub(crate) fn report_left_out_after_fork(&self) {
        crate::report::report_once(format_args!(
            "handler {} ({}) was busy in another thread for more than a second when the process \
             forked; the child process (pid {}) leaves it out",
            self.id,
            self.description,
            std::process::id()
        ));
    }

    pub(crate) fn flush(&self) {
        let _ = self.flush_locked(self.sink.lock().unwrap_or_else(|e| e.into_inner()));
    }

    /// Flush the sink whose lock is `sink`, counting what a failure lost.
    /// Flush the sink under its lock; false once the sink is gone (removed, dropped).
    fn flush_locked(&self, mut sink: MutexGuard<'_, Option<Box<dyn Sink>>>) -> bool {
        let Some(result) = sink.as_mut().map(|sink| sink.flush()) else { return false };
        if let Err(error) = result {
            self.count_failure(&error, false, "flush: ", CARRIES_ON);
        }
        true
    }

    /// Give the sink a way to be flushed from its own thread (a file sink's timer), and the
    /// logger's clock.
    pub(crate) fn attach(self: &Arc<Self>, clock: Clock) {
        let target: std::sync::Weak<dyn FlushTarget> = Arc::downgrade(self) as _;
        if let Some(sink) = self.sink.lock().unwrap_or_else(|e| e.into_inner()).as_mut() {
            sink.attach(Flusher(target), clock);
        }
    }

    /// The handler was removed: close its sink ([`Sink::close`]: flush, and for a file sink
    /// without rotation compress the file) and drop it, even while threads still hold the
    /// handler in their cached handler lists. A failure is reported once on stderr, counted in
    /// the handler's errors and returned; the sink goes all the same.
    pub(crate) fn close(&self) -> io::Result<()> {
        let result =
            self.sink.lock().unwrap_or_else(|e| e.into_inner()).as_mut().map(|s| s.close());
        // (The lock is released before reporting.)
        if let Some(Err(error)) = &result {
            self.count_failure(error, false, "close: ", "the handler is removed all the same");
        }
        self.drop_sink();
        result.unwrap_or(Ok(()))
    }

    /// Drop the sink now (its own `Drop` flushes and closes, as when the last reference to
    /// the handler goes).
    pub(crate) fn drop_sink(&self) {
        let sink = self.sink.lock().unwrap_or_else(|e| e.into_inner()).take();
        drop(sink); // after the lock is released: a sink's drop may do I/O
    }

    pub(crate) fn stats(&self) -> HandlerStats {
        HandlerStats {
            id: self.id,
            sink: self.description.clone(),
            level: self.level_no(),
            written: self.written.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
            lost: self.lost.load(Ordering::Relaxed),
            errors: self.errors.load(Ordering::Relaxed),
            dropped: self.dropped.load(Ordering::Relaxed),
        }
    }
}

/// `filter` laid over the module map `beneath`: `filter`'s rules win for the same prefix.
fn overlay(beneath: &ModuleLevels, filter: Filter) -> Filter {
    let mut overlaid = Filter { modules: Some(beneath.clone()), closure: filter.closure };
    if let Some(modules) = filter.modules {
        overlaid.add_modules(modules);
    }
    overlaid
}

/// What [`Handler::hold_for_fork`] got.
pub(crate) enum ForkHold<'a> {
    /// The sink's lock, held until the fork is done.
    Held(SinkHeld<'a>),
    /// This thread is writing to the sink: it releases the lock itself, in both processes.
    ThisThread,
    /// Another thread held the lock past the deadline.
    Busy,
}

/// A sink's lock held across a `fork`; dropping it releases the lock.
pub(crate) struct SinkHeld<'a>(MutexGuard<'a, Option<Box<dyn Sink>>>);

impl SinkHeld<'_> {
    /// In the child: the sink forgets the threads that did not survive the fork, then the lock
    /// is released.
    pub(crate) fn release_in_child(mut self) {
        if let Some(sink) = self.0.as_mut() {
            sink.after_fork_in_child();
        }
    }
}

impl FlushTarget for Handler {
    fn flush_if_idle(&self) -> bool {
        match self.sink.try_lock() {
            Ok(sink) => self.flush_locked(sink),
            Err(TryLockError::Poisoned(poisoned)) => self.flush_locked(poisoned.into_inner()),
            // A log call holds the sink: it writes the buffer out itself when it is due.
            Err(TryLockError::WouldBlock) => true,
        }
    }
}

/// What a handler has done so far (`hlog::stats()`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandlerStats {
    /// The handler.
    pub id: HandlerId,
    /// Its sink, described.
    pub sink: String,
    /// Its minimum level number.
    pub level: u32,
    /// Records written: accepted by the sink (a file sink's buffer included) and not lost
    /// since.
    pub written: u64,
    /// Bytes given to the sink in the records accepted (counted when accepted: a record
    /// later lost stays counted here).
    pub bytes: u64,
    /// Records that did not reach the destination: a write that failed, a record that failed
    /// to format or write (a panicking filter or sink), records dropped from a buffer the
    /// destination kept refusing. `written + lost` is every record this handler took.
    pub lost: u64,
    /// Failures: of writes, flushes, reopens, background jobs (compression, retention). A
    /// failure that costs no record (a failed compression, a write retried and kept) is counted
    /// here and not in `lost`. The first is reported on stderr.
    pub errors: u64,
    /// Records a full queue dropped before they reached this handler (a queued handler with
    /// [`WhenFull::DropNewest`](crate::sink::WhenFull::DropNewest)): counted at the call, by
    /// level and module map (the handler's closure runs later, on the writer thread); and
    /// records the sink did not take ([`Fault::not_taken`](crate::sink::Fault::not_taken): an
    /// OpenTelemetry provider that filters a record out, a nested record the OpenTelemetry
    /// sink does not send). `written + lost + dropped` is every record this handler took.
    pub dropped: u64,
}

/// Every handler's [`HandlerStats`] ([`Logger::stats`](crate::Logger::stats)), a row per
/// handler; prints as a table. Reads as the `Vec` it holds.
///
/// # Examples
///
/// ```
/// let logger = hlog::Logger::new();
/// logger.add(hlog::sink::Capture::new()).format("{message}").level("INFO").install().unwrap();
/// hlog::info!(logger, "hello");
/// assert_eq!(
///     logger.stats().to_string(),
///     "id  level  sink     written  lost  errors  dropped  bytes\n\
///      0   INFO   capture  1        0     0       0        6\n"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StatsTable(Vec<HandlerStats>);

impl StatsTable {
    pub(crate) fn new(rows: Vec<HandlerStats>) -> Self {
        StatsTable(rows)
    }

    /// The rows.
    ///
    /// # Examples
    ///
    /// ```
    /// let logger = hlog::Logger::new();
    /// logger.add(hlog::sink::Capture::new()).install().unwrap();
    /// hlog::info!(logger, "one");
    /// let rows: Vec<hlog::HandlerStats> = logger.stats().into_vec();
    /// assert_eq!(rows[0].written, 1);
    /// ```
    pub fn into_vec(self) -> Vec<HandlerStats> {
        self.0
    }
}

impl std::ops::Deref for StatsTable {
    type Target = Vec<HandlerStats>;
    fn deref(&self) -> &Vec<HandlerStats> {
        &self.0
    }
}

impl IntoIterator for StatsTable {
    type Item = HandlerStats;
    type IntoIter = std::vec::IntoIter<HandlerStats>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a StatsTable {
    type Item = &'a HandlerStats;
    type IntoIter = std::slice::Iter<'a, HandlerStats>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl From<StatsTable> for Vec<HandlerStats> {
    fn from(table: StatsTable) -> Self {
        table.0
    }
}

impl fmt::Display for StatsTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const HEADS: [&str; 8] =
            ["id", "level", "sink", "written", "lost", "errors", "dropped", "bytes"];
        let rows: Vec<[String; 8]> = self
            .0
            .iter()
            .map(|s| {
                [
                    s.id.to_string(),
                    level_name(s.level),
                    s.sink.clone(),
                    s.written.to_string(),
                    s.lost.to_string(),
                    s.errors.to_string(),
                    s.dropped.to_string(),
                    s.bytes.to_string(),
                ]
            })
            .collect();
        let mut widths = HEADS.map(str::len);
        for row in &rows {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.chars().count());
            }
        }
        let line = |f: &mut fmt::Formatter<'_>, cells: [&str; 8]| -> fmt::Result {
            for (i, cell) in cells.iter().enumerate() {
                if i + 1 == cells.len() {
                    writeln!(f, "{cell}")?;
                } else {
                    let pad = widths[i] - cell.chars().count() + 2;
                    write!(f, "{cell}{:pad$}", "")?;
                }
            }
            Ok(())
        };
        line(f, HEADS)?;
        for row in &rows {
            line(f, row.each_ref().map(String::as_str))?;
        }
        Ok(())
    }
}

/// A level number as its name when a level has it (`"OFF"` for none).
fn level_name(no: u32) -> String {
    if no == crate::filter::OFF {
        return "OFF".into();
    }
    match Level::by_number(no) {
        Some(level) => level.name().to_owned(),
        None => no.to_string(),
    }
}

/// Why a live change ([`Logger::set_level`](crate::Logger::set_level),
/// [`Logger::set_filter`](crate::Logger::set_filter)) was not made. Nothing changed.
#[derive(Debug)]
#[non_exhaustive]
pub enum ChangeError {
    /// No handler of this logger has this id.
    NoSuchHandler(HandlerId),
    /// The new setting is not valid (a level name that is not registered).
    Invalid(ConfigError),
}

impl fmt::Display for ChangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChangeError::NoSuchHandler(id) => write!(
                f,
                "no handler {id} to change: it was never installed on this logger, or it was \
                 removed"
            ),
            ChangeError::Invalid(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for ChangeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ChangeError::NoSuchHandler(_) => None,
            ChangeError::Invalid(error) => Some(error),
        }
    }
}

/// Why [`Logger::remove`](crate::Logger::remove) did not simply remove a handler.
///
/// It lives here, beside [`HandlerStats`] which it carries, rather than with the other errors
/// (which sit below the handlers, so that every layer can return them).
///
/// # Examples
///
/// ```
/// use hlog::RemoveError;
///
/// let logger = hlog::Logger::new();
/// let id = logger.add(hlog::sink::Capture::new()).install().unwrap();
/// hlog::info!(logger, "one record");
/// let stats = logger.remove(id).unwrap();
/// assert_eq!((stats.written, stats.lost, stats.errors), (1, 0, 0));
/// assert!(matches!(logger.remove(id), Err(RemoveError::NoSuchHandler(gone)) if gone == id));
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum RemoveError {
    /// No handler of this logger has this id: it was never installed on this logger, or it
    /// was removed already. Nothing changed.
    NoSuchHandler(HandlerId),
    /// The handler was removed, but closing its sink failed: a flush, or the compression of a
    /// file sink without rotation. Nothing was lost to it (a file that could not be compressed
    /// stays as it was); the failure was reported on stderr (unless the handler had reported
    /// one before) and is counted in `stats.errors`.
    CloseFailed {
        /// The handler's final counts, this failure included.
        stats: HandlerStats,
        /// What failed.
        source: io::Error,
    },
}

impl RemoveError {
    /// The final counts of the handler when it was removed (its close having failed), `None`
    /// when there was no such handler.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io;
    /// use hlog::{RemoveError, sink::Sink};
    ///
    /// /// A sink whose destination fails as it is closed.
    /// struct Unclosable;
    ///
    /// impl Sink for Unclosable {
    ///     fn write(&mut self, _line: &[u8], _record: &hlog::Record<'_>) -> io::Result<()> {
    ///         Ok(())
    ///     }
    ///     fn close(&mut self) -> io::Result<()> {
    ///         Err(io::Error::other("connection reset"))
    ///     }
    /// }
    ///
    /// let logger = hlog::Logger::new();
    /// let id = logger.add(Unclosable).install().unwrap();
    /// hlog::info!(logger, "written");
    /// let error = logger.remove(id).unwrap_err(); // removed all the same
    /// assert!(matches!(error, RemoveError::CloseFailed { .. }));
    /// assert_eq!(error.stats().map(|stats| stats.written), Some(1));
    /// assert!(logger.remove(id).unwrap_err().stats().is_none()); // no such handler now
    /// ```
    pub fn stats(&self) -> Option<&HandlerStats> {
        match self {
            RemoveError::NoSuchHandler(_) => None,
            RemoveError::CloseFailed { stats, .. } => Some(stats),
        }
    }
}

impl fmt::Display for RemoveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RemoveError::NoSuchHandler(id) => write!(
                f,
                "no handler {id} to remove: it was never installed on this logger, or it was \
                 removed already"
            ),
            RemoveError::CloseFailed { stats, source } => write!(
                f,
                "handler {} ({}) was removed, but closing it failed: {source}",
                stats.id, stats.sink
            ),
        }
    }
}

impl std::error::Error for RemoveError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RemoveError::NoSuchHandler(_) => None,
            RemoveError::CloseFailed { source, .. } => Some(source),
        }
    }
}

/// Where [`HandlerBuilder::install`] puts a handler: the logger (which implements this), so
/// handlers need nothing from the module above them.
pub(crate) trait Install {
    /// Give `handler` its id and add it.
    fn install(&self, handler: Handler) -> HandlerId;
}

/// A handler's format: a [`Format`] (from `hlog::fmt!` or `Format::parse`) or a string
/// parsed when the handler is installed.
pub trait IntoFormat {
    /// The format, or why the text is not one.
    fn into_format(self) -> Result<Format, FormatError>;
}

impl IntoFormat for Format {
    fn into_format(self) -> Result<Format, FormatError> {
        Ok(self)
    }
}

impl IntoFormat for crate::format::JsonFormat {
    fn into_format(self) -> Result<Format, FormatError> {
        Ok(Format::from(self))
    }
}

impl IntoFormat for &str {
    fn into_format(self) -> Result<Format, FormatError> {
        Format::parse(self)
    }
}

impl IntoFormat for String {
    fn into_format(self) -> Result<Format, FormatError> {
        Format::parse(&self)
    }
}

/// Settings of a handler being added; [`HandlerBuilder::install`] adds it.
///
/// # Examples
///
/// ```
/// use hlog::{Level, sink::Capture};
/// let capture = Capture::new();
/// let logger = hlog::Logger::new();
/// let id = logger
///     .add(capture.clone())
///     .level(Level::WARNING)
///     .format("{level}: {message}")
///     .colorize(false)
///     .filter(|record| !record.module_path().contains("noisy"))
///     .install()
///     .unwrap();
/// hlog::info!(logger, "dropped");
/// hlog::error!(logger, "kept");
/// assert_eq!(capture.text(), "ERROR: kept\n");
/// logger.remove(id).unwrap();
/// ```
#[must_use = "a handler is added only by .install()"]
pub struct HandlerBuilder<'l> {
    target: &'l dyn Install,
    sink: Box<dyn FnOnce() -> Result<Box<dyn Sink>, ConfigError> + 'l>,
    level: Result<u32, ConfigError>,
    format: Result<Format, FormatError>,
    colorize: Colorize,
    escape_values: bool,
    backtrace: bool,
    filter: Filter,
    /// The first invalid level of `filter_levels`.
    filter_error: Option<ConfigError>,
    queue: Option<Queue>,
    /// The modules the sink turns off, beneath `filter`.
    modules_off: &'static [&'static str],
    /// Why the sink refuses a queue.
    calling_thread_only: Option<&'static str>,
}

impl<'l> HandlerBuilder<'l> {
    pub(crate) fn new(target: &'l dyn Install, sink: impl IntoSink + 'l) -> Self {
        let defaults = sink.defaults();
        HandlerBuilder {
            target,
            sink: Box::new(move || sink.into_sink()),
            level: Ok(Level::TRACE.no()),
            format: Ok(defaults.format.unwrap_or_else(Format::default_format)),
            colorize: Colorize::Auto,
            escape_values: true,
            backtrace: false,
            filter: Filter::all(),
            filter_error: None,
            queue: defaults.queue,
            modules_off: defaults.modules_off,
            calling_thread_only: defaults.calling_thread_only,
        }
    }

    /// The minimum level (default: everything, TRACE and up).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::Level;
    ///
    /// let logger = hlog::Logger::new();
    /// let capture = hlog::sink::Capture::new();
    /// // A name ("WARNING", a registered one), a number (30) or a `Level`.
    /// logger.add(capture.clone()).level(Level::WARNING).format("{level}").install().unwrap();
    /// hlog::info!(logger, "dropped");
    /// hlog::error!(logger, "kept");
    /// assert_eq!(capture.text(), "ERROR\n");
    /// assert!(logger.add(hlog::sink::Capture::new()).level("LOUD").install().is_err());
    /// ```
    pub fn level(mut self, level: impl IntoLevelNo) -> Self {
        self.level = level.into_level_no();
        self
    }

    /// The format (default: loguru's, [`Format::default_format`]).
    ///
    /// # Examples
    ///
    /// ```
    /// let logger = hlog::Logger::new();
    /// let capture = hlog::sink::Capture::new();
    /// // Checked at compile time with `hlog::fmt!`, or a string parsed at `install()`.
    /// logger.add(capture.clone()).format(hlog::fmt!("{level: <7}| {message}")).install().unwrap();
    /// logger.add(capture.clone()).format("{level.no} {message}").install().unwrap();
    /// hlog::info!(logger, "hello");
    /// assert_eq!(capture.text(), "INFO   | hello\n20 hello\n");
    /// let error = logger.add(capture.clone()).format("{mesage}").install().unwrap_err();
    /// assert!(error.to_string().contains("mesage"));
    /// ```
    pub fn format(mut self, format: impl IntoFormat) -> Self {
        self.format = format.into_format();
        self
    }

    /// Write each record as one JSON object on a line (loguru's `serialize=True`), with the
    /// default schema ([`Format::json`]; `.format(JsonFormat::new()...)` chooses another).
    /// `false` turns a JSON format back into the default text format and leaves a text format
    /// as it is.
    ///
    /// # Examples
    ///
    /// ```
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new();
    /// logger.add(capture.clone()).serialize(true).install().unwrap();
    /// hlog::info!(logger, "User {user} logged in", user = "alice");
    /// let line = capture.text();
    /// assert!(line.starts_with("{\"time\":\""));
    /// assert!(line.ends_with(",\"extra\":{\"user\":\"alice\"}}\n"));
    /// ```
    pub fn serialize(mut self, serialize: bool) -> Self {
        // (A format that failed to parse stays, so that `install` reports it.)
        if let Ok(format) = &self.format {
            match (serialize, format.json_schema().is_some()) {
                (true, false) => self.format = Ok(Format::json()),
                (false, true) => self.format = Ok(Format::default_format()),
                _ => {}
            }
        }
        self
    }

    /// Colour: `true`, `false`, or [`Colorize::Auto`] (the default).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::Colorize;
    ///
    /// let logger = hlog::Logger::new();
    /// let coloured = hlog::sink::Capture::new();
    /// let plain = hlog::sink::Capture::new();
    /// logger.add(coloured.clone()).format("<red>{message}</red>").colorize(true).install().unwrap();
    /// logger.add(plain.clone()).format("<red>{message}</red>").colorize(Colorize::Off).install().unwrap();
    /// hlog::info!(logger, "alert");
    /// assert_eq!(coloured.text(), "\x1b[31malert\x1b[0m\n");
    /// assert_eq!(plain.text(), "alert\n");
    /// ```
    pub fn colorize(mut self, colorize: impl Into<Colorize>) -> Self {
        self.colorize = colorize.into();
        self
    }

    /// Escape control characters in values (default: `true`). With `false`, the text of values
    /// (arguments, fields, `{extra[key]}`, the error in `{exception}`) reaches the sink as it
    /// is: a value holding `\n` then starts a line that reads as a record of its own, and one
    /// holding ESC sequences drives the terminal that shows it (colours, window title, cursor).
    /// Turn it off only for sinks whose values are trusted, or whose reader unescapes nothing
    /// and expects raw bytes. `{extra}` and JSON lines stay JSON-escaped either way. See the
    /// README, "Escaping", for what is escaped and how.
    ///
    /// # Examples
    ///
    /// ```
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new();
    /// logger.add(capture.clone()).format("{message}").install().unwrap();
    /// let raw = hlog::sink::Capture::new();
    /// logger.add(raw.clone()).format("{message}").escape_values(false).install().unwrap();
    /// let text = "two\nlines";
    /// hlog::info!(logger, "{text}");
    /// assert_eq!(capture.text(), "two\\nlines\n");
    /// assert_eq!(raw.text(), "two\nlines\n");
    /// ```
    pub fn escape_values(mut self, escape: bool) -> Self {
        self.escape_values = escape;
        self
    }

    /// Show a backtrace after an attached error's chain (loguru's `backtrace=True`; default
    /// `false`). While a handler of the logger asks for one, a call that attaches an error
    /// (`error!(err = e, "...")`) captures `std::backtrace::Backtrace` (whatever
    /// `RUST_BACKTRACE` says); calls without an error, and every call while no handler asks,
    /// capture nothing. The backtrace is the logging call's, not the place the error was made.
    ///
    /// # Examples
    ///
    /// ```
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new();
    /// logger.add(capture.clone()).format("{message}").backtrace(true).install().unwrap();
    /// let e = std::io::Error::other("disk full");
    /// hlog::error!(logger, err = e, "Write failed");
    /// let text = capture.text();
    /// assert!(text.starts_with("Write failed\nError: disk full\nStack backtrace:\n"), "{text}");
    /// ```
    pub fn backtrace(mut self, backtrace: bool) -> Self {
        self.backtrace = backtrace;
        self
    }

    /// Format and write on the logger's writer thread (loguru's `enqueue=True`): a call copies
    /// its record into its thread's ring ([`Queue::default`]) and returns.
    ///
    /// # Examples
    ///
    /// ```
    /// let logger = hlog::Logger::new();
    /// let capture = hlog::sink::Capture::new();
    /// logger.add(capture.clone()).format("{message}").enqueue(true).install().unwrap();
    /// hlog::info!(logger, "copied into the ring, formatted on the writer thread");
    /// logger.complete();
    /// assert_eq!(capture.text(), "copied into the ring, formatted on the writer thread\n");
    /// ```
    pub fn enqueue(mut self, enqueue: bool) -> Self {
        self.queue = enqueue.then(|| self.queue.unwrap_or_default());
        self
    }

    /// Format and write on the logger's writer thread through `queue` (ring size, what to do
    /// when full).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::{Queue, WhenFull};
    ///
    /// let logger = hlog::Logger::new();
    /// let capture = hlog::sink::Capture::new();
    /// let queue = Queue::new(256 * 1024).when_full(WhenFull::DropNewest);
    /// logger.add(capture.clone()).format("{message}").queue(queue).install().unwrap();
    /// hlog::info!(logger, "queued");
    /// logger.complete();
    /// assert_eq!(capture.text(), "queued\n");
    /// assert_eq!(logger.stats()[0].dropped, 0);
    /// ```
    pub fn queue(mut self, queue: Queue) -> Self {
        self.queue = Some(queue);
        self
    }

    /// Only records for which `filter` returns true reach this handler (besides what
    /// [`filter_module`](Self::filter_module) and [`filter_levels`](Self::filter_levels)
    /// say). It runs on each record: prefer the module forms, which a call site folds into its
    /// cached interest.
    ///
    /// # Examples
    ///
    /// ```
    /// let logger = hlog::Logger::new();
    /// let capture = hlog::sink::Capture::new();
    /// logger
    ///     .add(capture.clone())
    ///     .format("{message}")
    ///     .filter(|record| record.field("user").is_some_and(|user| user.to_string() != "healthcheck"))
    ///     .install()
    ///     .unwrap();
    /// hlog::info!(logger, "request", user = "alice");
    /// hlog::info!(logger, "request", user = "healthcheck");
    /// hlog::info!(logger, "no user");
    /// assert_eq!(capture.text(), "request\n");
    /// ```
    pub fn filter(mut self, filter: impl Fn(&Record<'_>) -> bool + Send + Sync + 'static) -> Self {
        self.filter = std::mem::take(&mut self.filter).with(filter);
        self
    }

    /// Only records from `module` and its children (on `::` boundaries: `"my_app"` takes
    /// `my_app::db`, not `my_app_extra`). Loguru's `filter="my_app"`. See [`Filter`].
    ///
    /// # Examples
    ///
    /// ```
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new();
    /// logger.add(capture.clone()).format("{message}").filter_module("elsewhere").install().unwrap();
    /// hlog::info!(logger, "not from there");
    /// assert_eq!(capture.text(), "");
    /// ```
    pub fn filter_module(mut self, module: impl Into<String>) -> Self {
        self.filter.add_modules(ModuleLevels::only(module.into()));
        self
    }

    /// A minimum level per module prefix, `""` the default, `"OFF"` turning a module off; the
    /// longest matching prefix wins (loguru's dict filter). Combined with the handler's own
    /// level: a record passes both. See [`Filter::levels`].
    ///
    /// # Examples
    ///
    /// ```
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new();
    /// logger
    ///     .add(capture.clone())
    ///     .format("{message}")
    ///     .filter_levels([("", "WARNING"), (module_path!(), "DEBUG"), ("hyper", "OFF")])
    ///     .install()
    ///     .unwrap();
    /// hlog::debug!(logger, "from this module, at DEBUG");
    /// assert_eq!(capture.text(), "from this module, at DEBUG\n");
    /// ```
    pub fn filter_levels<P, L>(mut self, pairs: impl IntoIterator<Item = (P, L)>) -> Self
    where
        P: Into<String>,
        L: IntoLevelNo,
    {
        match Filter::levels(pairs) {
            Ok(filter) => self.filter.add_modules(filter.modules.unwrap_or_default()),
            Err(error) => self.filter_error = self.filter_error.or(Some(error)),
        }
        self
    }

    /// Replace the whole filter (module map and closure) with `filter`.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::Filter;
    ///
    /// let logger = hlog::Logger::new();
    /// let capture = hlog::sink::Capture::new();
    /// // A filter built apart (from `HLOG_LOG`-style directives here), with a closure added.
    /// let filter = Filter::directives("warn").with(|record| !record.message().to_string().contains("noise"));
    /// logger.add(capture.clone()).format("{message}").filter_with(filter).install().unwrap();
    /// hlog::info!(logger, "below warn");
    /// hlog::warning!(logger, "noise");
    /// hlog::warning!(logger, "signal");
    /// assert_eq!(capture.text(), "signal\n");
    /// ```
    pub fn filter_with(mut self, filter: Filter) -> Self {
        self.filter = filter;
        self
    }

    /// Add the handler. Fails, adding nothing, if a setting is invalid.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::ConfigError;
    ///
    /// let logger = hlog::Logger::new();
    /// let id = logger.add(hlog::sink::Capture::new()).install().unwrap();
    /// assert_eq!(logger.stats()[0].id, id);
    /// // A mistake adds nothing and says what and where.
    /// let error = logger.add(hlog::sink::FileSink::new("app.log").rotation("10 parsecs")).install();
    /// assert!(matches!(error, Err(ConfigError::Setting(_))), "{error:?}");
    /// assert_eq!(logger.stats().len(), 1);
    /// ```
    pub fn install(self) -> Result<HandlerId, ConfigError> {
        let level_no = self.level?;
        let format = self.format?;
        if let Some(error) = self.filter_error {
            return Err(error);
        }
        if let (Some(_), Some(reason)) = (self.queue, self.calling_thread_only) {
            return Err(ConfigError::Setting(SpecError::new("enqueue", "true", reason)));
        }
        let sink = (self.sink)()?;
        let colorize = match self.colorize {
            Colorize::Auto => sink.auto_color(),
            Colorize::On => true,
            Colorize::Off => false,
        };
        let description = sink.describe();
        Ok(self.target.install(
            Handler {
                id: HandlerId(usize::MAX), // given by `install`
                level_no: AtomicU32::new(level_no),
                format,
                colorize,
                escape_values: self.escape_values,
                backtrace: self.backtrace,
                filtered: AtomicBool::new(false),
                filter: ArcSwap::from_pointee(Filter::all()),
                modules_off: (!self.modules_off.is_empty()).then(|| {
                    ModuleLevels::new(self.modules_off.iter().map(|m| (String::from(*m), OFF)))
                }),
                sink: Mutex::new(Some(sink)),
                description,
                written: AtomicU64::new(0),
                bytes: AtomicU64::new(0),
                lost: AtomicU64::new(0),
                errors: AtomicU64::new(0),
                dropped: AtomicU64::new(0),
                reported: AtomicBool::new(false),
                queue: self.queue,
            }
            .with_filter(self.filter),
        ))
    }
}
