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
#[cfg(feature = "syslog")]
pub mod syslog;
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
#[cfg(feature = "syslog")]
pub use syslog::SyslogSink;
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
    /// were lost), or that the sink did not take the record on purpose
    /// ([`Fault::not_taken`]: counted as dropped, not reported).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io;
    /// use std::sync::{Arc, Mutex};
    /// use hlog::{Record, sink::Sink};
    ///
    /// /// Keeps each line with its level's number.
    /// struct Lines(Arc<Mutex<Vec<(u32, String)>>>);
    ///
    /// impl Sink for Lines {
    ///     fn write(&mut self, line: &[u8], record: &Record<'_>) -> io::Result<()> {
    ///         let line = String::from_utf8_lossy(line).into_owned();
    ///         self.0.lock().unwrap().push((record.level().no(), line));
    ///         Ok(())
    ///     }
    /// }
    ///
    /// let lines = Arc::new(Mutex::new(Vec::new()));
    /// let logger = hlog::Logger::new();
    /// logger.add(Lines(lines.clone())).format("{message}").install().unwrap();
    /// hlog::error!(logger, "disk full");
    /// assert_eq!(*lines.lock().unwrap(), [(40, "disk full\n".to_owned())]);
    /// ```
    fn write(&mut self, line: &[u8], record: &Record<'_>) -> io::Result<()>;

    /// Write a line that was logged to this sink's handler, on this thread, while the sink was
    /// writing `outer` (the sink itself, or code it called — a value's `Display`, a library's
    /// own diagnostics through a bridge — logged): the handler keeps such a line and gives it
    /// here right after `outer`'s write, instead of deadlocking on the sink. Only the line is
    /// kept, not the nested record. The default writes it as any line, with `outer`; a sink
    /// that reads the record rather than the line overrides it (the OpenTelemetry sink drops
    /// it: `outer` is not its record, and returns [`Fault::not_taken`], so that the record
    /// counts in `stats()` as `dropped`).
    ///
    /// A sink that wraps another must forward this method to the inner sink's: the default
    /// would call the inner `write` with `outer`, and a sink that reads the record (the
    /// OpenTelemetry sink) would send `outer` a second time in the nested line's place.
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
    ///         Err(hlog::sink::Fault::not_taken()) // counted in `stats()` as dropped
    ///     }
    /// }
    /// # hlog::Logger::new().add(ByLevel(Default::default())).install().unwrap();
    /// ```
    fn write_nested(&mut self, line: &[u8], outer: &Record<'_>) -> io::Result<()> {
        self.write(line, outer)
    }

    /// Push buffered bytes to their destination (`hlog::complete()`). A [`Fault`] error says
    /// how many buffered records were lost.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::{self, Write};
    /// use hlog::{Record, sink::Sink};
    ///
    /// /// Buffers lines until `flush` (which `hlog::complete()` and `remove` call).
    /// struct Buffered<W: Write + Send + 'static>(io::BufWriter<W>);
    ///
    /// impl<W: Write + Send + 'static> Sink for Buffered<W> {
    ///     fn write(&mut self, line: &[u8], _record: &Record<'_>) -> io::Result<()> {
    ///         self.0.write_all(line)
    ///     }
    ///     fn flush(&mut self) -> io::Result<()> {
    ///         self.0.flush()
    ///     }
    /// }
    ///
    /// let logger = hlog::Logger::new();
    /// logger.add(Buffered(io::BufWriter::new(io::sink()))).install().unwrap();
    /// hlog::info!(logger, "buffered");
    /// logger.complete(); // flushes
    /// ```
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }

    /// Called once, when the sink's handler is installed: `flusher` flushes this sink from
    /// another thread (a sink that buffers uses it on a timer, so that a quiet program's
    /// records still reach their destination); `clock` is the logger's clock, for times a
    /// record does not carry.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io;
    /// use std::sync::{Arc, Mutex};
    /// use hlog::sink::{Clock, Flusher, Sink};
    /// use hlog::time::Timestamp;
    ///
    /// /// Notes the logger's time when it is installed.
    /// struct Started(Arc<Mutex<Option<i64>>>);
    ///
    /// impl Sink for Started {
    ///     fn write(&mut self, _line: &[u8], _record: &hlog::Record<'_>) -> io::Result<()> {
    ///         Ok(())
    ///     }
    ///     fn attach(&mut self, _flusher: Flusher, clock: Clock) {
    ///         *self.0.lock().unwrap() = Some(clock().secs());
    ///     }
    /// }
    ///
    /// let started = Arc::new(Mutex::new(None));
    /// let logger = hlog::Logger::new().with_clock(|| Timestamp::from_unix(1_774_535_400, 0));
    /// logger.add(Started(started.clone())).install().unwrap();
    /// assert_eq!(*started.lock().unwrap(), Some(1_774_535_400));
    /// ```
    fn attach(&mut self, flusher: Flusher, clock: Clock) {
        let _ = (flusher, clock);
    }

    /// The sink's handler is being removed: flush, and finish what the sink owes its
    /// destination (a file sink without rotation compresses its file and waits for it). An
    /// error is reported once on stderr and counted in the handler's errors; the sink is
    /// dropped all the same.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io;
    /// use std::sync::{Arc, atomic::{AtomicBool, Ordering}};
    /// use hlog::sink::Sink;
    ///
    /// struct Connection(Arc<AtomicBool>);
    ///
    /// impl Sink for Connection {
    ///     fn write(&mut self, _line: &[u8], _record: &hlog::Record<'_>) -> io::Result<()> {
    ///         Ok(())
    ///     }
    ///     fn close(&mut self) -> io::Result<()> {
    ///         self.0.store(true, Ordering::Relaxed); // say goodbye to the server
    ///         Ok(())
    ///     }
    /// }
    ///
    /// let closed = Arc::new(AtomicBool::new(false));
    /// let logger = hlog::Logger::new();
    /// let id = logger.add(Connection(closed.clone())).install().unwrap();
    /// logger.remove(id).unwrap();
    /// assert!(closed.load(Ordering::Relaxed));
    /// ```
    fn close(&mut self) -> io::Result<()> {
        self.flush()
    }

    /// The program is exiting: flush, and finish what the sink owes its destination (a file
    /// sink without rotation compresses its file, as loguru does at exit).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::{self, Write};
    /// use hlog::sink::Sink;
    ///
    /// struct Report(Vec<u8>);
    ///
    /// impl Sink for Report {
    ///     fn write(&mut self, line: &[u8], _record: &hlog::Record<'_>) -> io::Result<()> {
    ///         self.0.extend_from_slice(line);
    ///         Ok(())
    ///     }
    ///     fn at_exit(&mut self) {
    ///         // The process is ending: write what was kept, in one piece.
    ///         let _ = io::stderr().write_all(&self.0);
    ///     }
    /// }
    ///
    /// hlog::add(Report(Vec::new())).level("ERROR").install().unwrap();
    /// ```
    fn at_exit(&mut self) {
        let _ = self.flush();
    }

    /// The process is about to `fork` (called with the sink's lock held, just before): write
    /// out what the sink buffers, so that the child does not write it a second time. Errors
    /// are left for the next write to meet. Do nothing slow here: `fork` waits for it.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::{self, Write};
    /// use hlog::sink::Sink;
    ///
    /// struct Batched(io::BufWriter<io::Stdout>);
    ///
    /// impl Sink for Batched {
    ///     fn write(&mut self, line: &[u8], _record: &hlog::Record<'_>) -> io::Result<()> {
    ///         self.0.write_all(line)
    ///     }
    ///     fn before_fork(&mut self) {
    ///         let _ = self.0.flush(); // or the child writes these lines a second time
    ///     }
    /// }
    ///
    /// let logger = hlog::Logger::new();
    /// logger.add(Batched(io::BufWriter::new(io::stdout()))).install().unwrap();
    /// ```
    fn before_fork(&mut self) {}

    /// In the child process, just after `fork`: only the thread that forked is left. Forget
    /// the threads the sink started (they do not exist here) and anything that waits for them;
    /// start them again when needed. The default does nothing.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io;
    /// use std::thread::JoinHandle;
    /// use hlog::sink::Sink;
    ///
    /// struct Shipper {
    ///     worker: Option<JoinHandle<()>>,
    /// }
    ///
    /// impl Sink for Shipper {
    ///     fn write(&mut self, _line: &[u8], _record: &hlog::Record<'_>) -> io::Result<()> {
    ///         if self.worker.is_none() {
    ///             self.worker = Some(std::thread::spawn(|| { /* ship the lines */ }));
    ///         }
    ///         Ok(())
    ///     }
    ///     fn after_fork_in_child(&mut self) {
    ///         // The parent's thread does not exist in the child: start another when needed.
    ///         self.worker = None;
    ///     }
    /// }
    ///
    /// let logger = hlog::Logger::new();
    /// logger.add(Shipper { worker: None }).install().unwrap();
    /// ```
    fn after_fork_in_child(&mut self) {}

    /// Close and reopen the destination (after logrotate moved a file away, on SIGHUP):
    /// `hlog::reopen()`.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io;
    /// use std::sync::{Arc, atomic::{AtomicU32, Ordering}};
    /// use hlog::sink::Sink;
    ///
    /// struct Reopens(Arc<AtomicU32>);
    ///
    /// impl Sink for Reopens {
    ///     fn write(&mut self, _line: &[u8], _record: &hlog::Record<'_>) -> io::Result<()> {
    ///         Ok(())
    ///     }
    ///     fn reopen(&mut self) -> io::Result<()> {
    ///         self.0.fetch_add(1, Ordering::Relaxed); // open the destination again
    ///         Ok(())
    ///     }
    /// }
    ///
    /// let count = Arc::new(AtomicU32::new(0));
    /// let logger = hlog::Logger::new();
    /// logger.add(Reopens(count.clone())).install().unwrap();
    /// logger.reopen(); // on SIGHUP, after logrotate
    /// assert_eq!(count.load(Ordering::Relaxed), 1);
    /// ```
    fn reopen(&mut self) -> io::Result<()> {
        Ok(())
    }

    /// Whether the handler should colourise when its colour setting is automatic. Only consoles
    /// say yes (when the environment and the terminal agree).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io;
    /// use hlog::sink::{Capture, Sink};
    ///
    /// /// A capture that asks for colour, as a terminal would.
    /// struct Colourful(Capture);
    ///
    /// impl Sink for Colourful {
    ///     fn write(&mut self, line: &[u8], record: &hlog::Record<'_>) -> io::Result<()> {
    ///         self.0.write(line, record)
    ///     }
    ///     fn auto_color(&self) -> bool {
    ///         true
    ///     }
    /// }
    ///
    /// let capture = Capture::new();
    /// let logger = hlog::Logger::new();
    /// logger.add(Colourful(capture.clone())).format("<red>{message}</red>").install().unwrap();
    /// hlog::info!(logger, "alert");
    /// assert_eq!(capture.text(), "\x1b[31malert\x1b[0m\n");
    /// ```
    fn auto_color(&self) -> bool {
        false
    }

    /// A short description for `stats()` and error reports.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io;
    /// use hlog::sink::Sink;
    ///
    /// struct Udp;
    ///
    /// impl Sink for Udp {
    ///     fn write(&mut self, _line: &[u8], _record: &hlog::Record<'_>) -> io::Result<()> {
    ///         Ok(())
    ///     }
    ///     fn describe(&self) -> String {
    ///         "udp 10.0.0.2:514".into()
    ///     }
    /// }
    ///
    /// let logger = hlog::Logger::new();
    /// logger.add(Udp).install().unwrap();
    /// assert_eq!(logger.stats()[0].sink, "udp 10.0.0.2:514");
    /// ```
    fn describe(&self) -> String {
        std::any::type_name::<Self>().rsplit("::").next().unwrap_or("sink").to_owned()
    }
}

/// Anything `add()` accepts as a sink: a [`Sink`], a path (`"logs/app.log"`: a [`FileSink`])
/// or a [`FileSink`] with settings. Made when the handler is installed, so a handler that fails
/// to install leaves nothing behind (no empty file).
///
/// # Examples
///
/// ```
/// use hlog::sink::{Capture, IntoSink, Sink, SinkDefaults};
///
/// /// A capture that brings its own format.
/// struct Tagged(Capture);
///
/// impl IntoSink for Tagged {
///     fn into_sink(self) -> Result<Box<dyn Sink>, hlog::ConfigError> {
///         Ok(Box::new(self.0))
///     }
///     fn defaults(&self) -> SinkDefaults {
///         let mut defaults = SinkDefaults::default();
///         defaults.format = Some(hlog::Format::parse("[tagged] {message}").unwrap());
///         defaults
///     }
/// }
///
/// let capture = Capture::new();
/// let logger = hlog::Logger::new();
/// logger.add(Tagged(capture.clone())).install().unwrap();
/// hlog::info!(logger, "hello");
/// assert_eq!(capture.text(), "[tagged] hello\n");
/// ```
pub trait IntoSink {
    /// Make the sink, or say why it cannot be made (a bad rotation string, an unwritable path).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::{FileSink, IntoSink};
    ///
    /// // A bad setting is found when the sink is made: `install()` returns the error.
    /// let error = FileSink::new("app.log").rotation("10 parsecs").into_sink().err().unwrap();
    /// assert!(error.to_string().contains("10 parsecs"));
    /// ```
    fn into_sink(self) -> Result<Box<dyn Sink>, crate::ConfigError>;

    /// Handler settings this kind of sink brings with it (a JSON sink's format, an async
    /// sink's queue), applied when `add()` starts the handler; the builder's own calls after
    /// that override them. The default brings none.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::{AsyncSink, Capture, IntoSink, JsonSink};
    ///
    /// assert!(JsonSink::to(Capture::new()).defaults().format.is_some()); // JSON lines
    /// assert!(AsyncSink::new(Capture::new()).defaults().queue.is_some()); // the writer thread
    /// assert!(Capture::new().defaults().format.is_none());
    /// ```
    fn defaults(&self) -> SinkDefaults {
        SinkDefaults::default()
    }
}

/// Handler settings a kind of sink brings with it: see [`IntoSink::defaults`].
///
/// # Examples
///
/// ```
/// use hlog::sink::{Capture, IntoSink, JsonSink};
///
/// let defaults = JsonSink::to(Capture::new()).defaults();
/// assert_eq!(defaults.format.map(|format| format.json_schema().is_some()), Some(true));
/// assert!(defaults.modules_off.is_empty() && defaults.calling_thread_only.is_none());
/// ```
#[derive(Clone, Default)]
#[non_exhaustive]
pub struct SinkDefaults {
    /// The handler's format, instead of the default one.
    pub format: Option<crate::Format>,
    /// Format on the logger's writer thread instead of the calling thread, through this queue.
    pub queue: Option<Queue>,
    /// Modules (module path prefixes, on `::` boundaries; a bridged record's target) the
    /// handler takes nothing from, beneath its own filter: the filter given to the builder
    /// (`filter_levels`, `filter_module`, `filter_with`, a configuration's) or later to
    /// [`Logger::set_filter`](crate::Logger::set_filter) is laid over these, its entry for the
    /// same prefix winning. The OpenTelemetry sink turns its exporters' own modules off with
    /// it.
    pub modules_off: &'static [&'static str],
    /// Why the sink must run on the calling thread, if it must (it reads the caller's state,
    /// as the OpenTelemetry sink reads the current trace context): a queued handler
    /// (`enqueue(true)`, `queue(...)`, an [`AsyncSink`] around it) is then refused at
    /// `install()` with a [`ConfigError::Setting`](crate::ConfigError::Setting) for
    /// `enqueue` whose message is this reason (say which sink and why).
    pub calling_thread_only: Option<&'static str>,
}

/// How a handler that formats on the writer thread queues records (`enqueue(true)`,
/// [`AsyncSink`]): the size of each thread's ring and what a call does when its ring is full.
///
/// # Examples
///
/// ```
/// use hlog::sink::{Queue, WhenFull};
///
/// let logger = hlog::Logger::new();
/// let capture = hlog::sink::Capture::new();
/// // 256 KiB a logging thread; a full ring drops the new record (counted) instead of waiting.
/// let queue = Queue::new(256 * 1024).when_full(WhenFull::DropNewest);
/// logger.add(capture.clone()).format("{message}").queue(queue).install().unwrap();
/// hlog::info!(logger, "queued");
/// logger.complete();
/// assert_eq!(capture.text(), "queued\n");
/// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::{Queue, WhenFull};
    ///
    /// let logger = hlog::Logger::new();
    /// let queue = Queue::default().when_full(WhenFull::DropNewest);
    /// logger.add(hlog::sink::Capture::new()).queue(queue).install().unwrap();
    /// ```
    pub fn when_full(mut self, when_full: WhenFull) -> Self {
        self.when_full = when_full;
        self
    }

    /// The size of each thread's ring, in bytes.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::Queue;
    ///
    /// assert_eq!(Queue::default().capacity(), Queue::DEFAULT_CAPACITY);
    /// assert_eq!(Queue::new(100).capacity(), 4096); // at least 4 KiB
    /// ```
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
///
/// # Examples
///
/// ```
/// use hlog::sink::{AsyncSink, Capture, WhenFull};
///
/// let logger = hlog::Logger::new();
/// let sink = AsyncSink::new(Capture::new()).when_full(WhenFull::DropNewest);
/// logger.add(sink).install().unwrap();
/// hlog::info!(logger, "queued");
/// logger.complete();
/// assert_eq!(logger.stats()[0].dropped, 0); // the ring had room
/// ```
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
///
/// # Examples
///
/// ```
/// use std::io;
/// use std::sync::{Arc, Mutex};
/// use hlog::sink::{Clock, Flusher, Sink};
///
/// /// Keeps the flusher, for a timer thread that would flush a quiet sink.
/// struct Timed(Arc<Mutex<Option<Flusher>>>);
///
/// impl Sink for Timed {
///     fn write(&mut self, _line: &[u8], _record: &hlog::Record<'_>) -> io::Result<()> {
///         Ok(())
///     }
///     fn attach(&mut self, flusher: Flusher, _clock: Clock) {
///         *self.0.lock().unwrap() = Some(flusher);
///     }
/// }
///
/// let kept = Arc::new(Mutex::new(None));
/// let logger = hlog::Logger::new();
/// let id = logger.add(Timed(kept.clone())).install().unwrap();
/// let flusher = kept.lock().unwrap().clone().unwrap();
/// assert!(flusher.flush()); // the sink is there: flushed
/// logger.remove(id).unwrap();
/// assert!(!flusher.flush()); // gone: stop
/// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io;
    /// use std::sync::{Arc, Mutex};
    /// use hlog::sink::{Clock, Flusher, Sink};
    ///
    /// /// Buffers its lines; a timer thread of its own flushes them when the program is quiet.
    /// struct Buffered {
    ///     pending: Arc<Mutex<Vec<u8>>>,
    /// }
    ///
    /// impl Sink for Buffered {
    ///     fn write(&mut self, line: &[u8], _record: &hlog::Record<'_>) -> io::Result<()> {
    ///         self.pending.lock().unwrap().extend_from_slice(line);
    ///         Ok(())
    ///     }
    ///     fn attach(&mut self, flusher: Flusher, _clock: Clock) {
    ///         std::thread::spawn(move || {
    ///             // Until the handler is removed: `flush` then says false.
    ///             while flusher.flush() {
    ///                 std::thread::sleep(std::time::Duration::from_secs(1));
    ///             }
    ///         });
    ///     }
    /// }
    ///
    /// let logger = hlog::Logger::new();
    /// logger.add(Buffered { pending: Arc::default() }).install().unwrap();
    /// ```
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
    /// The sink declined the record on purpose ([`Fault::not_taken`]).
    not_taken: bool,
}

impl Fault {
    /// `error` happened, but the record of this `write` was written (or is kept to be written
    /// later): it counts as written, and `error` is reported.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io;
    /// use hlog::sink::{Fault, Sink};
    ///
    /// /// Writes every record, but its first write's background upload fails.
    /// struct Uploading(bool);
    ///
    /// impl Sink for Uploading {
    ///     fn write(&mut self, _line: &[u8], _record: &hlog::Record<'_>) -> io::Result<()> {
    ///         if std::mem::replace(&mut self.0, false) {
    ///             return Err(Fault::record_kept(io::Error::other("upload failed")));
    ///         }
    ///         Ok(())
    ///     }
    /// }
    ///
    /// let logger = hlog::Logger::new();
    /// logger.add(Uploading(true)).install().unwrap();
    /// hlog::info!(logger, "kept");
    /// let stats = &logger.stats()[0];
    /// assert_eq!((stats.written, stats.lost, stats.errors), (1, 0, 1));
    /// ```
    pub fn record_kept(error: io::Error) -> io::Error {
        Fault::error(error, true, 0)
    }

    /// `lost` records that earlier calls accepted were dropped (and, from `write`, this
    /// record too): they count as lost, not written.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io;
    /// use hlog::sink::{Fault, Sink};
    ///
    /// /// Buffers two records; its flush finds the destination gone.
    /// struct Doomed(u64);
    ///
    /// impl Sink for Doomed {
    ///     fn write(&mut self, _line: &[u8], _record: &hlog::Record<'_>) -> io::Result<()> {
    ///         self.0 += 1;
    ///         Ok(())
    ///     }
    ///     fn flush(&mut self) -> io::Result<()> {
    ///         let buffered = std::mem::take(&mut self.0);
    ///         Err(Fault::lost(io::Error::from(io::ErrorKind::BrokenPipe), buffered))
    ///     }
    /// }
    ///
    /// let logger = hlog::Logger::new();
    /// logger.add(Doomed(0)).install().unwrap();
    /// hlog::info!(logger, "one");
    /// hlog::info!(logger, "two");
    /// logger.complete();
    /// let stats = &logger.stats()[0];
    /// assert_eq!((stats.written, stats.lost, stats.errors), (0, 2, 1));
    /// ```
    pub fn lost(error: io::Error, lost: u64) -> io::Error {
        Fault::error(error, false, lost)
    }

    /// The sink did not take this record, on purpose: its destination declines it (an
    /// OpenTelemetry provider whose processors filter it out), or it is a nested line the sink
    /// does not send ([`Sink::write_nested`]). Returned by [`Sink::write`] or
    /// [`Sink::write_nested`], it is neither a failure nor a loss: the record counts in
    /// `stats()` as `dropped`, not `written`, and nothing is reported.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io;
    /// use hlog::sink::{Fault, Sink};
    ///
    /// /// Takes only records with a message of their own.
    /// struct NonEmpty;
    ///
    /// impl Sink for NonEmpty {
    ///     fn write(&mut self, _line: &[u8], record: &hlog::Record<'_>) -> io::Result<()> {
    ///         if record.message().to_string().is_empty() {
    ///             return Err(Fault::not_taken());
    ///         }
    ///         Ok(())
    ///     }
    /// }
    ///
    /// let logger = hlog::Logger::new();
    /// logger.add(NonEmpty).install().unwrap();
    /// hlog::info!(logger, "");
    /// hlog::info!(logger, "kept");
    /// let stats = &logger.stats()[0];
    /// assert_eq!((stats.written, stats.dropped, stats.errors), (1, 1, 0));
    /// ```
    pub fn not_taken() -> io::Error {
        let error = io::Error::other("the sink did not take the record");
        io::Error::other(Fault { error, record_kept: false, lost: 0, not_taken: true })
    }

    pub(crate) fn error(error: io::Error, record_kept: bool, lost: u64) -> io::Error {
        io::Error::new(error.kind(), Fault { error, record_kept, lost, not_taken: false })
    }

    /// Whether the sink declined the record on purpose ([`Fault::not_taken`]).
    pub(crate) fn is_not_taken(&self) -> bool {
        self.not_taken
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
