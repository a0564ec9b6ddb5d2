use std::io;
use std::sync::{Arc, Mutex, MutexGuard};

use super::Sink;
use crate::record::Record;

/// A sink that keeps everything in memory, for tests. Clones share the same buffer: add one
/// clone to a logger and read from another.
///
/// # Examples
///
/// ```
/// let capture = hlog::sink::Capture::new();
/// let logger = hlog::Logger::new();
/// logger.add(capture.clone()).format("{level} {message}").install().unwrap();
/// hlog::info!(logger, "hello {}", 42);
/// assert_eq!(capture.text(), "INFO hello 42\n");
/// ```
#[derive(Clone, Default)]
pub struct Capture {
    buf: Arc<Mutex<Vec<u8>>>,
}

impl Capture {
    /// An empty capture.
    ///
    /// # Examples
    ///
    /// ```
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new();
    /// logger.add(capture.clone()).format("{level} {message}").install().unwrap();
    /// hlog::info!(logger, "hello");
    /// assert_eq!(capture.text(), "INFO hello\n");
    /// ```
    pub fn new() -> Self {
        Capture::default()
    }

    /// An empty capture with room for `bytes` bytes (so that tests counting allocations see
    /// none from the capture growing).
    ///
    /// # Examples
    ///
    /// ```
    /// // Room for a test's whole output, reserved up front (no growth while logging).
    /// let capture = hlog::sink::Capture::with_capacity(64 * 1024);
    /// assert!(capture.bytes().is_empty());
    /// ```
    pub fn with_capacity(bytes: usize) -> Self {
        Capture { buf: Arc::new(Mutex::new(Vec::with_capacity(bytes))) }
    }

    fn lock(&self) -> MutexGuard<'_, Vec<u8>> {
        self.buf.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Everything captured so far, as raw bytes.
    ///
    /// # Examples
    ///
    /// ```
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new();
    /// logger.add(capture.clone()).format("{level} {message}").install().unwrap();
    /// hlog::info!(logger, "hello");
    /// assert_eq!(capture.bytes(), b"INFO hello\n");
    /// ```
    pub fn bytes(&self) -> Vec<u8> {
        self.lock().clone()
    }

    /// Everything captured so far, as text.
    ///
    /// # Examples
    ///
    /// ```
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new();
    /// logger.add(capture.clone()).format("{level} {message}").install().unwrap();
    /// hlog::info!(logger, "one");
    /// hlog::warning!(logger, "two");
    /// assert_eq!(capture.text(), "INFO one\nWARNING two\n");
    /// ```
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.lock()).into_owned()
    }

    /// The captured lines, without their `\n`.
    ///
    /// # Examples
    ///
    /// ```
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new();
    /// logger.add(capture.clone()).format("{level} {message}").install().unwrap();
    /// hlog::info!(logger, "one");
    /// hlog::warning!(logger, "two");
    /// assert_eq!(capture.lines(), ["INFO one", "WARNING two"]);
    /// ```
    pub fn lines(&self) -> Vec<String> {
        self.text().lines().map(str::to_owned).collect()
    }

    /// Forget what was captured (keeping the buffer's capacity).
    ///
    /// # Examples
    ///
    /// ```
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new();
    /// logger.add(capture.clone()).format("{level} {message}").install().unwrap();
    /// hlog::info!(logger, "setup");
    /// capture.clear();
    /// hlog::info!(logger, "the part under test");
    /// assert_eq!(capture.text(), "INFO the part under test\n");
    /// ```
    pub fn clear(&self) {
        self.lock().clear();
    }
}

impl Sink for Capture {
    fn write(&mut self, line: &[u8], _record: &Record<'_>) -> io::Result<()> {
        self.lock().extend_from_slice(line);
        Ok(())
    }

    fn describe(&self) -> String {
        "capture".into()
    }
}
