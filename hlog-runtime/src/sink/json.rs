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
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::JsonSink;
    ///
    /// # let dir = std::env::temp_dir().join(format!("hlog-doc-json-new-{}", std::process::id()));
    /// let logger = hlog::Logger::new();
    /// logger.add(JsonSink::new(dir.join("app.jsonl"))).install().unwrap();
    /// hlog::info!(logger, "hello");
    /// logger.complete();
    /// let text = std::fs::read_to_string(dir.join("app.jsonl")).unwrap();
    /// assert!(text.contains(r#""message":"hello""#));
    /// # drop(logger);
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn new(path: impl AsRef<Path>) -> Self {
        JsonSink::file(FileSink::new(path))
    }

    /// JSON lines to a file sink with its settings (rotation, retention, compression...).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::{FileSink, JsonSink};
    ///
    /// # let dir = std::env::temp_dir().join(format!("hlog-doc-json-file-{}", std::process::id()));
    /// let logger = hlog::Logger::new();
    /// let file = FileSink::new(dir.join("app.jsonl")).rotation("100 MB").retention(10).buffer_size(0);
    /// logger.add(JsonSink::file(file)).install().unwrap();
    /// hlog::info!(logger, "hello");
    /// assert_eq!(std::fs::read_to_string(dir.join("app.jsonl")).unwrap().lines().count(), 1);
    /// # drop(logger);
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn file(file: FileSink) -> Self {
        JsonSink::from_sink(move || file.into_sink())
    }

    /// JSON lines to any `io::Write` (see [`from_writer`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::JsonSink;
    ///
    /// let logger = hlog::Logger::new();
    /// // To a socket, a pipe, a `BufWriter`...: here stdout.
    /// logger.add(JsonSink::writer(std::io::stdout())).install().unwrap();
    /// hlog::info!(logger, "one JSON object on a line");
    /// ```
    pub fn writer<W: Write + Send + 'static>(writer: W) -> Self {
        JsonSink::to(from_writer(writer))
    }

    /// JSON lines to any [`Sink`] (a [`Capture`](super::Capture) in tests).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::{Capture, JsonSink};
    ///
    /// let capture = Capture::new();
    /// let logger = hlog::Logger::new();
    /// logger.add(JsonSink::to(capture.clone())).install().unwrap();
    /// hlog::info!(logger, "hello", n = 1);
    /// let line: serde_json::Value = serde_json::from_str(&capture.text()).unwrap();
    /// assert_eq!(line["extra"]["n"], 1);
    /// ```
    pub fn to(sink: impl Sink) -> Self {
        JsonSink::from_sink(move || Ok(Box::new(sink) as Box<dyn Sink>))
    }

    fn from_sink(
        sink: impl FnOnce() -> Result<Box<dyn Sink>, crate::ConfigError> + 'static,
    ) -> Self {
        JsonSink { sink: Box::new(sink), schema: JsonFormat::new() }
    }

    /// Escape every non-ASCII character as `\uXXXX` (Python's `ensure_ascii`; default: off).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::{Capture, JsonSink};
    ///
    /// let capture = Capture::new();
    /// let logger = hlog::Logger::new();
    /// logger.add(JsonSink::to(capture.clone()).ensure_ascii(true)).install().unwrap();
    /// hlog::info!(logger, "naïve 😀");
    /// assert!(capture.text().contains(r#""message":"na\u00efve \ud83d\ude00""#), "{}", capture.text());
    /// ```
    pub fn ensure_ascii(mut self, on: bool) -> Self {
        self.schema = self.schema.ensure_ascii(on);
        self
    }

    /// Write with this schema instead of the default one.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::{Capture, JsonSink};
    /// use hlog::{JsonField, JsonFormat};
    ///
    /// let capture = Capture::new();
    /// let logger = hlog::Logger::new();
    /// let schema = JsonFormat::new().fields([JsonField::Level, JsonField::Message]);
    /// logger.add(JsonSink::to(capture.clone()).schema(schema)).install().unwrap();
    /// hlog::info!(logger, "hello");
    /// assert_eq!(capture.text(), "{\"level\":\"INFO\",\"message\":\"hello\"}\n");
    /// ```
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
