use std::io;

use super::Sink;
use crate::record::Record;

/// A sink that calls a closure with each formatted line (it ends with `\n`) and its record —
/// loguru's callable sink.
///
/// # Examples
///
/// ```
/// use std::sync::{Arc, Mutex};
/// let seen = Arc::new(Mutex::new(Vec::new()));
/// let logger = hlog::Logger::new();
/// let store = seen.clone();
/// logger
///     .add(hlog::sink::from_fn(move |line, record| {
///         store.lock().unwrap().push((record.level().name(), line.to_owned()));
///     }))
///     .format("{message}")
///     .install()
///     .unwrap();
/// hlog::warning!(logger, "disk at {pct}%", pct = 91);
/// assert_eq!(*seen.lock().unwrap(), [("WARNING", "disk at 91%\n".to_owned())]);
/// ```
pub fn from_fn<F>(f: F) -> FnSink<F>
where
    F: FnMut(&str, &Record<'_>) + Send + 'static,
{
    FnSink { f }
}

/// The sink made by [`from_fn`].
pub struct FnSink<F> {
    f: F,
}

impl<F> Sink for FnSink<F>
where
    F: FnMut(&str, &Record<'_>) + Send + 'static,
{
    fn write(&mut self, line: &[u8], record: &Record<'_>) -> io::Result<()> {
        match std::str::from_utf8(line) {
            Ok(line) => (self.f)(line, record),
            Err(_) => (self.f)(&String::from_utf8_lossy(line), record),
        }
        Ok(())
    }

    fn describe(&self) -> String {
        "fn".into()
    }
}
