//! Sinks: where formatted lines go. A sink receives finished bytes, one record a call; the
//! handler that owns it did the formatting.

mod capture;
mod console;
pub mod file;
mod func;
mod json;
#[cfg(feature = "opentelemetry")]
mod otel;
mod queued;
mod writer;

use std::error::Error;
use std::fmt;
use std::io;
use std::sync::{Arc, Weak};

pub use capture::Capture;
pub use console::{Console, color_from_env};
pub use file::FileSink;
pub use func::{FnSink, from_fn};
pub use json::JsonSink;
#[cfg(feature = "opentelemetry")]
pub use otel::OtelSink;
pub use queued::AsyncSink;
pub use writer::{WriterSink, from_writer};
// (`Fault` and `Flusher` are defined below.)

use crate::record::Record;
use crate::time::Timestamp;

/// The logger's clock ([`Logger::with_clock`](crate::Logger::with_clock), else the system
/// clock), given to [`Sink::attach`]: a sink that needs the time outside a record (a file
/// sink starting a file at `add()`, naming it, closing it) reads it here.
pub type Clock = Arc<dyn Fn() -> Timestamp + Send + Sync>;

/// A destination for formatted records.
///
/// Implement it for your own destinations; the built-in ones are [`Console`], [`Capture`],
/// [`from_fn`] and [`from_writer`].
///
/// # Examples
///
/// ```
/// use std::io;
/// use hlog::{Record, sink::Sink};
///
/// struct Count(usize);
///
/// impl Sink for Count {
///     fn write(&mut self, _line: &[u8], _record: &Record<'_>) -> io::Result<()> {
///         self.0 += 1;
///         Ok(())
///     }
/// }
///
/// let logger = hlog::Logger::new();
/// logger.add(Count(0)).install().unwrap();
/// ```
pub trait Sink: Send + 'static {
    /// Write one formatted record (`line` ends with `\n`). An error is counted in `stats()` and
    /// reported once on stderr; logging carries on. A plain error means this record was lost;
    /// a [`Fault`] says what else happened (the record was kept after all, earlier records
    /// were lost).
    fn write(&mut self, line: &[u8], record: &Record<'_>) -> io::Result<()>;

    /// Write a line that was logged to this sink's handler, on this thread, while the sink was
    /// writing `outer` (the sink itself, or code it called — a value's `Display`, a library's
    /// own diagnostics through a bridge — logged): the handler keeps such a line and gives it
    /// here right after `outer`'s write, instead of deadlocking on the sink. Only the line is
    /// kept, not the nested record. The default writes it as any line, with `outer`; a sink
    /// that reads the record rather than the line overrides it (the OpenTelemetry sink drops
    /// it: `outer` is not its record).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io;
    /// use hlog::{Record, sink::Sink};
    ///
    /// /// Counts records by level; a nested line has no record of its own to count.
    /// struct ByLevel(std::collections::BTreeMap<u32, usize>);
    ///
    /// impl Sink for ByLevel {
    ///     fn write(&mut self, _line: &[u8], record: &Record<'_>) -> io::Result<()> {
    ///         *self.0.entry(record.level().no()).or_default() += 1;
    ///         Ok(())
    ///     }
    ///
    ///     fn write_nested(&mut self, _line: &[u8], _outer: &Record<'_>) -> io::Result<()> {
    ///         Ok(())
    ///     }
    /// }
    /// # hlog::Logger::new().add(ByLevel(Default::default())).install().unwrap();
    /// ```
    fn write_nested(&mut self, line: &[u8], outer: &Record<'_>) -> io::Result<()> {
        self.write(line, outer)
    }

    /// Push buffered bytes to their destination (`hlog::complete()`). A [`Fault`] error says
    /// how many buffered records were lost.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }

    /// Called once, when the sink's handler is installed: `flusher` flushes this sink from
    /// another thread (a sink that buffers uses it on a timer, so that a quiet program's
    /// records still reach their destination); `clock` is the logger's clock, for times a
    /// record does not carry.
    fn attach(&mut self, flusher: Flusher, clock: Clock) {
        let _ = (flusher, clock);
    }

    /// The sink's handler is being removed: flush, and finish what the sink owes its
    /// destination (a file sink without rotation compresses its file and waits for it). An
    /// error is reported once on stderr and counted in the handler's errors; the sink is
    /// dropped all the same.
    fn close(&mut self) -> io::Result<()> {
        self.flush()
    }

    /// The program is exiting: flush, and finish what the sink owes its destination (a file
    /// sink without rotation compresses its file, as loguru does at exit).
    fn at_exit(&mut self) {
        let _ = self.flush();
    }

    /// The process is about to `fork` (called with the sink's lock held, just before): write
    /// out what the sink buffers, so that the child does not write it a second time. Errors
    /// are left for the next write to meet. Do nothing slow here: `fork` waits for it.
    fn before_fork(&mut self) {}

    /// In the child process, just after `fork`: only the thread that forked is left. Forget
    /// the threads the sink started (they do not exist here) and anything that waits for them;
    /// start them again when needed. The default does nothing.
    fn after_fork_in_child(&mut self) {}

    /// Close and reopen the destination (after logrotate moved a file away, on SIGHUP):
    /// `hlog::reopen()`.
    fn reopen(&mut self) -> io::Result<()> {
        Ok(())
    }

    /// Whether the handler should colourise when its colour setting is automatic. Only consoles
    /// say yes (when the environment and the terminal agree).
    fn auto_color(&self) -> bool {
        false
    }

    /// A short description for `stats()` and error reports.
    fn describe(&self) -> String {
        std::any::type_name::<Self>().rsplit("::").next().unwrap_or("sink").to_owned()
    }
}

/// Anything `add()` accepts as a sink: a [`Sink`], a path (`"logs/app.log"`: a [`FileSink`])
/// or a [`FileSink`] with settings. Made when the handler is installed, so a handler that fails
/// to install leaves nothing behind (no empty file).
pub trait IntoSink {
    /// Make the sink, or say why it cannot be made (a bad rotation string, an unwritable path).
    fn into_sink(self) -> Result<Box<dyn Sink>, crate::ConfigError>;

    /// Handler settings this kind of sink brings with it (a JSON sink's format, an async
    /// sink's queue), applied when `add()` starts the handler; the builder's own calls after
    /// that override them. The default brings none.
    fn defaults(&self) -> SinkDefaults {
        SinkDefaults::default()
    }
}

/// Handler settings a kind of sink brings with it: see [`IntoSink::defaults`].
#[derive(Clone, Default)]
#[non_exhaustive]
pub struct SinkDefaults {
    /// The handler's format, instead of the default one.
    pub format: Option<crate::Format>,
    /// Format on the logger's writer thread instead of the calling thread, through this queue.
    pub queue: Option<Queue>,
}

/// How a handler that formats on the writer thread queues records (`enqueue(true)`,
/// [`AsyncSink`]): the size of each thread's ring and what a call does when its ring is full.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Queue {
    pub(crate) capacity: usize,
    pub(crate) when_full: WhenFull,
}

impl Queue {
    /// The default size of each thread's ring, in bytes.
    pub const DEFAULT_CAPACITY: usize = 1 << 20;

    /// A queue whose thread rings hold `capacity` bytes each (at least 4 KiB), blocking when
    /// full.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::{Queue, WhenFull};
    /// let queue = Queue::new(64 * 1024).when_full(WhenFull::DropNewest);
    /// assert_eq!(queue.capacity(), 64 * 1024);
    /// ```
    pub fn new(capacity: usize) -> Self {
        Queue { capacity: capacity.max(4096), when_full: WhenFull::Block }
    }

    /// What a call does when its thread's ring is full.
    pub fn when_full(mut self, when_full: WhenFull) -> Self {
        self.when_full = when_full;
        self
    }

    /// The size of each thread's ring, in bytes.
    pub fn capacity(&self) -> usize {
        self.capacity
    }
}

impl Default for Queue {
    fn default() -> Self {
        Queue::new(Queue::DEFAULT_CAPACITY)
    }
}

/// What a log call does when its thread's queue is full.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum WhenFull {
    /// Wait for the writer thread to make room (the default): nothing is lost.
    #[default]
    Block,
    /// Drop the new record and count it in `stats()` (`dropped`).
    DropNewest,
}

impl<S: Sink> IntoSink for S {
    fn into_sink(self) -> Result<Box<dyn Sink>, crate::ConfigError> {
        Ok(Box::new(self))
    }
}

/// Flushes a sink from another thread: given to [`Sink::attach`].
///
/// It holds no strong reference: once the handler is removed, [`Flusher::flush`] returns
/// false.
#[derive(Clone)]
pub struct Flusher(pub(crate) Weak<dyn FlushTarget>);

/// What a [`Flusher`] flushes: the handler, implemented above the sinks.
pub(crate) trait FlushTarget: Send + Sync {
    /// Flush unless a log call holds the sink; false once the sink is gone.
    fn flush_if_idle(&self) -> bool;
}

impl Flusher {
    /// Flush the sink, unless a log call is using it at this moment (that call writes the
    /// buffer out itself once it is a second old). Returns false once the sink's handler is
    /// gone: stop calling.
    pub fn flush(&self) -> bool {
        self.0.upgrade().is_some_and(|target| target.flush_if_idle())
    }
}

impl fmt::Debug for Flusher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Flusher")
    }
}

/// An error that says more than "this record was lost": returned (inside an [`io::Error`],
/// with the original's kind) by [`Sink::write`] and [`Sink::flush`], so that `stats()` counts
/// exactly.
///
/// # Examples
///
/// ```
/// use std::io;
/// use hlog::sink::Fault;
///
/// // The record was written, but a background job failed: counted as written, reported once.
/// let error = Fault::record_kept(io::Error::other("compression failed"));
/// assert_eq!(error.to_string(), "compression failed");
/// // Three records written (buffered) earlier were dropped: counted as lost, not written.
/// let error = Fault::lost(io::Error::from(io::ErrorKind::StorageFull), 3);
/// assert_eq!(error.kind(), io::ErrorKind::StorageFull);
/// ```
#[derive(Debug)]
pub struct Fault {
    error: io::Error,
    record_kept: bool,
    lost: u64,
}

impl Fault {
    /// `error` happened, but the record of this `write` was written (or is kept to be written
    /// later): it counts as written, and `error` is reported.
    pub fn record_kept(error: io::Error) -> io::Error {
        Fault::error(error, true, 0)
    }

    /// `lost` records that earlier calls accepted were dropped (and, from `write`, this
    /// record too): they count as lost, not written.
    pub fn lost(error: io::Error, lost: u64) -> io::Error {
        Fault::error(error, false, lost)
    }

    pub(crate) fn error(error: io::Error, record_kept: bool, lost: u64) -> io::Error {
        io::Error::new(error.kind(), Fault { error, record_kept, lost })
    }

    /// The fault inside `error`, if it holds one.
    pub(crate) fn of(error: &io::Error) -> Option<&Fault> {
        error.get_ref().and_then(|inner| inner.downcast_ref::<Fault>())
    }

    /// Whether the record of the failed `write` was kept.
    pub(crate) fn kept(&self) -> bool {
        self.record_kept
    }

    /// How many earlier records were dropped.
    pub(crate) fn lost_count(&self) -> u64 {
        self.lost
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.fmt(f)
    }
}

impl Error for Fault {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        self.error.source()
    }
}
