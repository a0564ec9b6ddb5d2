use std::io::Write;
use std::path::Path;

use super::{FileSink, IntoSink, Sink, SinkDefaults, from_writer};
use crate::format::{Format, JsonFormat};

/// JSON lines (the seed's `JsonSink`; loguru's `serialize=True`): a file, a writer or any sink
/// whose handler writes each record as one JSON object on a line, with the default schema
/// ([`JsonFormat::new`]) or [`schema`](Self::schema)'s.
///
/// It brings its format to the handler ([`IntoSink::defaults`]): `add(JsonSink::new(path))`
/// needs nothing else, and a `.format(...)` on the builder still replaces it.
///
/// # Examples
///
/// ```
/// use hlog::sink::{Capture, JsonSink};
///
/// let capture = Capture::new();
/// let logger = hlog::Logger::new();
/// logger.add(JsonSink::to(capture.clone()).ensure_ascii(true)).install().unwrap();
/// hlog::info!(logger, "Café {n}", n = 2);
/// let line = capture.text();
/// assert!(line.contains(r#""message":"Caf\u00e9 2""#));
/// assert!(line.ends_with(",\"extra\":{\"n\":2}}\n"));
///
/// // A file, with the file sink's settings:
/// # let dir = std::env::temp_dir().join(format!("hlog-json-doc-{}", std::process::id()));
/// let path = dir.join("app.jsonl");
/// let file = hlog::sink::FileSink::new(&path).rotation("100 MB");
/// logger.add(JsonSink::file(file)).install().unwrap();
/// # logger.remove_all();
/// # let _ = std::fs::remove_dir_all(&dir);
/// ```
pub struct JsonSink {
    sink: Box<dyn FnOnce() -> Result<Box<dyn Sink>, crate::ConfigError>>,
    schema: JsonFormat,
}

impl JsonSink {
    /// JSON lines to a file at `path` (a [`FileSink`] with its defaults).
    pub fn new(path: impl AsRef<Path>) -> Self {
        JsonSink::file(FileSink::new(path))
    }

    /// JSON lines to a file sink with its settings (rotation, retention, compression...).
    pub fn file(file: FileSink) -> Self {
        JsonSink::from_sink(move || file.into_sink())
    }

    /// JSON lines to any `io::Write` (see [`from_writer`]).
    pub fn writer<W: Write + Send + 'static>(writer: W) -> Self {
        JsonSink::to(from_writer(writer))
    }

    /// JSON lines to any [`Sink`] (a [`Capture`](super::Capture) in tests).
    pub fn to(sink: impl Sink) -> Self {
        JsonSink::from_sink(move || Ok(Box::new(sink) as Box<dyn Sink>))
    }

    fn from_sink(
        sink: impl FnOnce() -> Result<Box<dyn Sink>, crate::ConfigError> + 'static,
    ) -> Self {
        JsonSink { sink: Box::new(sink), schema: JsonFormat::new() }
    }

    /// Escape every non-ASCII character as `\uXXXX` (Python's `ensure_ascii`; default: off).
    pub fn ensure_ascii(mut self, on: bool) -> Self {
        self.schema = self.schema.ensure_ascii(on);
        self
    }

    /// Write with this schema instead of the default one.
    pub fn schema(mut self, schema: JsonFormat) -> Self {
        self.schema = schema;
        self
    }
}

impl IntoSink for JsonSink {
    fn into_sink(self) -> Result<Box<dyn Sink>, crate::ConfigError> {
        (self.sink)()
    }

    fn defaults(&self) -> SinkDefaults {
        SinkDefaults { format: Some(Format::from(self.schema.clone())), ..SinkDefaults::default() }
    }
}
