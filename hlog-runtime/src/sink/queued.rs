//! [`AsyncSink`]: any sink, written by the logger's writer thread.

use super::{IntoSink, Queue, Sink, SinkDefaults, WhenFull};
use crate::error::ConfigError;

/// Any sink, formatted and written on the logger's writer thread instead of the calling thread
/// (the form of `enqueue(true)` that travels with the sink).
///
/// A call copies its record into its own thread's ring (numbers by value, text copied,
/// `Display` values rendered) and returns; the writer thread renders the record with the
/// handler's format and writes it, so the output is the same bytes a synchronous handler
/// writes. `hlog::complete()`, the end of `main`, `std::process::exit` and a panic wait until
/// everything queued is written.
///
/// # Examples
///
/// ```
/// use hlog::sink::{AsyncSink, Capture, WhenFull};
/// let capture = Capture::new();
/// let logger = hlog::Logger::new();
/// logger
///     .add(AsyncSink::new(capture.clone()).buffer_size(256 * 1024).when_full(WhenFull::Block))
///     .format("{message}")
///     .install()
///     .unwrap();
/// hlog::info!(logger, "written by the writer thread");
/// logger.complete();
/// assert_eq!(capture.text(), "written by the writer thread\n");
/// ```
pub struct AsyncSink<S> {
    inner: S,
    queue: Queue,
}

impl<S: IntoSink> AsyncSink<S> {
    /// `inner` (any sink, or a path), written on the writer thread through a
    /// [`Queue::default`] (1 MiB per thread, blocking when full).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::{AsyncSink, Capture};
    ///
    /// let capture = Capture::new();
    /// let logger = hlog::Logger::new();
    /// logger.add(AsyncSink::new(capture.clone())).format("{message}").install().unwrap();
    /// hlog::info!(logger, "written on the writer thread");
    /// logger.complete();
    /// assert_eq!(capture.text(), "written on the writer thread\n");
    /// ```
    pub fn new(inner: S) -> Self {
        AsyncSink { inner, queue: Queue::default() }
    }

    /// The size of each logging thread's ring, in bytes (at least 4 KiB). A record takes
    /// about 100 bytes plus its text values; a record larger than the ring is written on the
    /// calling thread, after that thread's queued records.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::{AsyncSink, Capture};
    ///
    /// let logger = hlog::Logger::new();
    /// logger.add(AsyncSink::new(Capture::new()).buffer_size(64 * 1024)).install().unwrap();
    /// ```
    pub fn buffer_size(mut self, bytes: usize) -> Self {
        self.queue = Queue::new(bytes).when_full(self.queue.when_full);
        self
    }

    /// What a call does when its thread's ring is full: wait (the default) or drop the record,
    /// counted in `stats()` as `dropped`.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::{AsyncSink, Capture, WhenFull};
    ///
    /// let logger = hlog::Logger::new();
    /// // A call never waits: a record that finds its thread's ring full is dropped and counted.
    /// logger.add(AsyncSink::new(Capture::new()).when_full(WhenFull::DropNewest)).install().unwrap();
    /// hlog::info!(logger, "fits");
    /// logger.complete();
    /// assert_eq!(logger.stats()[0].dropped, 0);
    /// ```
    pub fn when_full(mut self, when_full: WhenFull) -> Self {
        self.queue = self.queue.when_full(when_full);
        self
    }
}

impl<S: IntoSink> IntoSink for AsyncSink<S> {
    fn into_sink(self) -> Result<Box<dyn Sink>, ConfigError> {
        self.inner.into_sink()
    }

    fn defaults(&self) -> SinkDefaults {
        SinkDefaults { queue: Some(self.queue), ..self.inner.defaults() }
    }
}
