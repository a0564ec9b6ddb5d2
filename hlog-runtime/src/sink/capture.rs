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
    pub fn new() -> Self {
        Capture::default()
    }

    /// An empty capture with room for `bytes` bytes (so that tests counting allocations see
    /// none from the capture growing).
    pub fn with_capacity(bytes: usize) -> Self {
        Capture { buf: Arc::new(Mutex::new(Vec::with_capacity(bytes))) }
    }

    fn lock(&self) -> MutexGuard<'_, Vec<u8>> {
        self.buf.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Everything captured so far, as raw bytes.
    pub fn bytes(&self) -> Vec<u8> {
        self.lock().clone()
    }

    /// Everything captured so far, as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.lock()).into_owned()
    }

    /// The captured lines, without their `\n`.
    pub fn lines(&self) -> Vec<String> {
        self.text().lines().map(str::to_owned).collect()
    }

    /// Forget what was captured (keeping the buffer's capacity).
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
