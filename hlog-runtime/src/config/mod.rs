//! `configure()`: every handler replaced at once, with levels, default extra fields and an
//! activation list, from Rust values ([`Config`]) or a TOML file (feature `config`). Checked
//! whole before anything changes: a configuration with a mistake leaves the running one as it
//! was.

#[cfg(feature = "config")]
mod file;

use std::cell::RefCell;
use std::fmt;
use std::path::PathBuf;

use crate::error::ConfigError;
use crate::filter::Filter;
use crate::format::Format;
use crate::handler::{Handler, HandlerBuilder, HandlerId, Install};
use crate::level::Level;
use crate::logger::Logger;
use crate::sink::file::{Compression, FileSink, Retention, Rotation};
use crate::sink::{Console, IntoSink, Sink, SinkDefaults};

/// A whole logging configuration: handlers, custom levels, default extra fields, and module
/// activation (loguru's `configure(handlers=, levels=, extra=, activation=)`). Apply it with
/// [`Logger::configure`] or [`configure`](crate::configure); read one from a TOML file with
/// `configure_from_file` (feature `config`).
///
/// # Examples
///
/// ```
/// use hlog::{Config, HandlerConfig};
///
/// let logger = hlog::Logger::new();
/// let config = Config::new()
///     .handler(HandlerConfig::new("ext://stderr").level("INFO").format("{level} | {message}"))
///     .handler(HandlerConfig::new("ext://stdout").level("AUDIT").filter_module("my_app"))
///     .level("AUDIT", 35, "<cyan>", "@")
///     .extra("app", "my_app")
///     .activation("my_app::noisy", false);
/// let ids = logger.configure(config).unwrap();
/// assert_eq!(ids.len(), 2);
/// assert_eq!(logger.stats()[1].level, 35);
/// ```
#[derive(Default)]
pub struct Config {
    handlers: Vec<HandlerConfig>,
    levels: Vec<LevelConfig>,
    extra: Vec<(String, String)>,
    activation: Vec<(String, bool)>,
}

/// A custom level of a [`Config`]: registered when the configuration is applied.
#[derive(Clone, Debug, PartialEq, Eq)]
struct LevelConfig {
    name: String,
    no: u32,
    color: String,
    icon: String,
}

impl Config {
    /// An empty configuration: applied, it removes every handler.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::Config;
    ///
    /// let logger = hlog::Logger::new();
    /// logger.add(hlog::sink::Capture::new()).install().unwrap();
    /// logger.configure(Config::new()).unwrap(); // no handler left
    /// assert!(logger.stats().is_empty());
    /// ```
    pub fn new() -> Self {
        Config::default()
    }

    /// Add a handler.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{Config, HandlerConfig};
    /// use hlog::sink::Capture;
    ///
    /// let logger = hlog::Logger::new();
    /// let capture = Capture::new();
    /// let config = Config::new()
    ///     .handler(HandlerConfig::sink(capture.clone()).format("{message}"))
    ///     .handler(HandlerConfig::new("ext://stderr").level("ERROR"));
    /// assert_eq!(logger.configure(config).unwrap().len(), 2);
    /// hlog::info!(logger, "to the capture only");
    /// assert_eq!(capture.text(), "to the capture only\n");
    /// ```
    pub fn handler(mut self, handler: HandlerConfig) -> Self {
        self.handlers.push(handler);
        self
    }

    /// Register a custom level (as [`level()`](crate::level)) when the configuration is applied;
    /// the handlers may name it.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{Config, HandlerConfig};
    /// use hlog::sink::Capture;
    ///
    /// let logger = hlog::Logger::new();
    /// let capture = Capture::new();
    /// let config = Config::new()
    ///     .level("AUDIT", 35, "<cyan>", "@")
    ///     .handler(HandlerConfig::sink(capture.clone()).level("AUDIT").format("{level.icon} {message}"));
    /// logger.configure(config).unwrap();
    /// hlog::log!(logger, "AUDIT", "exported");
    /// hlog::info!(logger, "below AUDIT");
    /// assert_eq!(capture.text(), "@ exported\n");
    /// ```
    pub fn level(mut self, name: &str, no: u32, color: &str, icon: &str) -> Self {
        self.levels.push(LevelConfig {
            name: name.to_owned(),
            no,
            color: color.to_owned(),
            icon: icon.to_owned(),
        });
        self
    }

    /// A default extra field for every record (see [`Logger::extra`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{Config, HandlerConfig};
    /// use hlog::sink::Capture;
    ///
    /// let logger = hlog::Logger::new();
    /// let capture = Capture::new();
    /// let config = Config::new()
    ///     .handler(HandlerConfig::sink(capture.clone()).format("{message} {extra}"))
    ///     .extra("app", "shop")
    ///     .extra("version", 2);
    /// logger.configure(config).unwrap();
    /// hlog::info!(logger, "started", version = 3); // the call's own field wins
    /// assert_eq!(capture.text(), "started {\"version\": 3, \"app\": \"shop\"}\n");
    /// ```
    pub fn extra(mut self, key: &str, value: impl fmt::Display) -> Self {
        self.extra.push((key.to_owned(), value.to_string()));
        self
    }

    /// Enable (`true`) or disable a module and its children, after the ones before
    /// ([`Logger::enable`], [`Logger::disable`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{Config, HandlerConfig};
    /// use hlog::sink::Capture;
    ///
    /// let logger = hlog::Logger::new();
    /// let capture = Capture::new();
    /// let config = Config::new()
    ///     .handler(HandlerConfig::sink(capture.clone()).format("{message}"))
    ///     .activation("", false) // everything off...
    ///     .activation(module_path!(), true); // ...but this module
    /// logger.configure(config).unwrap();
    /// hlog::info!(logger, "shown");
    /// assert_eq!(capture.text(), "shown\n");
    /// ```
    pub fn activation(mut self, module: &str, enabled: bool) -> Self {
        self.activation.push((module.to_owned(), enabled));
        self
    }
}

/// Where a handler writes: a name (`"ext://stdout"`, `"ext://stderr"`, a file's path) or a sink
/// of one's own.
enum SinkSpec {
    Name(String),
    /// How to make the sink, and the handler settings it brings ([`IntoSink::defaults`]).
    Custom(Box<dyn FnOnce() -> Result<Box<dyn Sink>, ConfigError> + Send>, SinkDefaults),
}

/// A filter as a configuration gives it.
#[derive(Clone, Debug)]
enum FilterSpec {
    Module(String),
    Levels(Vec<(String, String)>),
}

/// One handler of a [`Config`]: every option of [`HandlerBuilder`] and of a file sink, as
/// values (level names and the strings of rotation, retention and compression are checked
/// when the configuration is applied, before anything changes).
///
/// # Examples
///
/// ```
/// let handler = hlog::HandlerConfig::new("logs/app.log")
///     .level("DEBUG")
///     .rotation("10 MB")
///     .retention("1 week")
///     .compression("gz")
///     .enqueue(true);
/// # let _ = handler;
/// ```
pub struct HandlerConfig {
    sink: SinkSpec,
    level: Option<String>,
    format: Option<String>,
    colorize: Option<bool>,
    escape_values: Option<bool>,
    filter: Option<FilterSpec>,
    enqueue: bool,
    serialize: bool,
    rotation: Option<String>,
    retention: Option<String>,
    compression: Option<String>,
}

impl HandlerConfig {
    /// A handler writing to `sink`: `"ext://stdout"`, `"ext://stderr"`, or a file's path.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{Config, HandlerConfig};
    ///
    /// let dir = std::env::temp_dir().join(format!("hlog-doc-handler-config-{}", std::process::id()));
    /// let path = dir.join("app.log");
    /// let logger = hlog::Logger::new();
    /// let config = Config::new()
    ///     .handler(HandlerConfig::new("ext://stderr").level("ERROR"))
    ///     .handler(HandlerConfig::new(path.to_str().unwrap())); // a path: a file sink
    /// logger.configure(config).unwrap();
    /// assert_eq!(logger.stats()[1].sink, format!("file {}", path.display()));
    /// # drop(logger);
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn new(sink: &str) -> Self {
        HandlerConfig::with(SinkSpec::Name(sink.to_owned()))
    }

    /// A handler writing to a sink of one's own.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{Config, HandlerConfig};
    /// use hlog::sink::Capture;
    ///
    /// let logger = hlog::Logger::new();
    /// let capture = Capture::new();
    /// logger.configure(Config::new().handler(HandlerConfig::sink(capture.clone()).format("{message}"))).unwrap();
    /// hlog::info!(logger, "to a sink of our own");
    /// assert_eq!(capture.text(), "to a sink of our own\n");
    /// ```
    pub fn sink(sink: impl IntoSink + Send + 'static) -> Self {
        let defaults = sink.defaults();
        HandlerConfig::with(SinkSpec::Custom(Box::new(move || sink.into_sink()), defaults))
    }

    fn with(sink: SinkSpec) -> Self {
        HandlerConfig {
            sink,
            level: None,
            format: None,
            colorize: None,
            escape_values: None,
            filter: None,
            enqueue: false,
            serialize: false,
            rotation: None,
            retention: None,
            compression: None,
        }
    }

    /// The minimum level: a name (`"DEBUG"`, a custom one, `"OFF"`) or a number.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{Config, HandlerConfig};
    /// use hlog::sink::Capture;
    ///
    /// let logger = hlog::Logger::new();
    /// let capture = Capture::new();
    /// let handler = HandlerConfig::sink(capture.clone()).level("WARNING").format("{message}");
    /// logger.configure(Config::new().handler(handler)).unwrap();
    /// hlog::info!(logger, "dropped");
    /// hlog::warning!(logger, "kept");
    /// assert_eq!(capture.text(), "kept\n");
    /// ```
    pub fn level(mut self, level: impl fmt::Display) -> Self {
        self.level = Some(level.to_string());
        self
    }

    /// The format ([`HandlerBuilder::format`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{Config, HandlerConfig};
    /// use hlog::sink::Capture;
    ///
    /// let logger = hlog::Logger::new();
    /// let capture = Capture::new();
    /// let handler = HandlerConfig::sink(capture.clone()).format("{level} | {message}");
    /// logger.configure(Config::new().handler(handler)).unwrap();
    /// hlog::info!(logger, "hello");
    /// assert_eq!(capture.text(), "INFO | hello\n");
    /// ```
    pub fn format(mut self, format: &str) -> Self {
        self.format = Some(format.to_owned());
        self
    }

    /// Colour on or off ([`HandlerBuilder::colorize`]; unset: decided by the sink).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{Config, HandlerConfig};
    /// use hlog::sink::Capture;
    ///
    /// let logger = hlog::Logger::new();
    /// let capture = Capture::new();
    /// let handler = HandlerConfig::sink(capture.clone()).format("<red>{message}</red>").colorize(true);
    /// logger.configure(Config::new().handler(handler)).unwrap();
    /// hlog::info!(logger, "alert");
    /// assert_eq!(capture.text(), "\x1b[31malert\x1b[0m\n");
    /// ```
    pub fn colorize(mut self, colorize: bool) -> Self {
        self.colorize = Some(colorize);
        self
    }

    /// Escape control characters in values ([`HandlerBuilder::escape_values`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{Config, HandlerConfig};
    /// use hlog::sink::Capture;
    ///
    /// let logger = hlog::Logger::new();
    /// let capture = Capture::new();
    /// let handler = HandlerConfig::sink(capture.clone()).format("{message}").escape_values(false);
    /// logger.configure(Config::new().handler(handler)).unwrap();
    /// hlog::info!(logger, "{}", "trusted\ttext\nover two lines");
    /// assert_eq!(capture.text(), "trusted\ttext\nover two lines\n");
    /// ```
    pub fn escape_values(mut self, escape: bool) -> Self {
        self.escape_values = Some(escape);
        self
    }

    /// Only records from `module` and below ([`HandlerBuilder::filter_module`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{Config, HandlerConfig};
    /// use hlog::sink::Capture;
    ///
    /// let logger = hlog::Logger::new();
    /// let capture = Capture::new();
    /// let handler = HandlerConfig::sink(capture.clone()).format("{message}").filter_module(module_path!());
    /// logger.configure(Config::new().handler(handler)).unwrap();
    /// hlog::info!(logger, "from this module");
    /// assert_eq!(capture.text(), "from this module\n");
    /// ```
    pub fn filter_module(mut self, module: &str) -> Self {
        self.filter = Some(FilterSpec::Module(module.to_owned()));
        self
    }

    /// A minimum level per module prefix ([`HandlerBuilder::filter_levels`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{Config, HandlerConfig};
    /// use hlog::sink::Capture;
    ///
    /// let logger = hlog::Logger::new();
    /// let capture = Capture::new();
    /// let handler = HandlerConfig::sink(capture.clone())
    ///     .format("{message}")
    ///     .filter_levels([("", "WARNING"), (module_path!(), "DEBUG")]);
    /// logger.configure(Config::new().handler(handler)).unwrap();
    /// hlog::debug!(logger, "this module takes DEBUG");
    /// assert_eq!(capture.text(), "this module takes DEBUG\n");
    /// ```
    pub fn filter_levels<P: Into<String>, L: Into<String>>(
        mut self,
        pairs: impl IntoIterator<Item = (P, L)>,
    ) -> Self {
        let pairs = pairs.into_iter().map(|(p, l)| (p.into(), l.into())).collect();
        self.filter = Some(FilterSpec::Levels(pairs));
        self
    }

    /// Format and write on the writer thread ([`HandlerBuilder::enqueue`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{Config, HandlerConfig};
    /// use hlog::sink::Capture;
    ///
    /// let logger = hlog::Logger::new();
    /// let capture = Capture::new();
    /// let handler = HandlerConfig::sink(capture.clone()).format("{message}").enqueue(true);
    /// logger.configure(Config::new().handler(handler)).unwrap();
    /// hlog::info!(logger, "queued");
    /// logger.complete();
    /// assert_eq!(capture.text(), "queued\n");
    /// ```
    pub fn enqueue(mut self, enqueue: bool) -> Self {
        self.enqueue = enqueue;
        self
    }

    /// Write records as JSON lines (loguru's `serialize=True`, [`HandlerBuilder::serialize`]
    /// with the default schema); it takes the place of a `format` given too.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{Config, HandlerConfig};
    /// use hlog::sink::Capture;
    ///
    /// let logger = hlog::Logger::new();
    /// let capture = Capture::new();
    /// logger.configure(Config::new().handler(HandlerConfig::sink(capture.clone()).serialize(true))).unwrap();
    /// hlog::info!(logger, "as JSON", n = 1);
    /// let line = capture.text();
    /// assert!(line.starts_with("{\"time\":"), "{line}");
    /// assert!(line.ends_with(",\"extra\":{\"n\":1}}\n"), "{line}");
    /// ```
    pub fn serialize(mut self, serialize: bool) -> Self {
        self.serialize = serialize;
        self
    }

    /// A file sink's rotation (`"10 MB"`, `"00:00"`, ...; see
    /// [`FileSink::rotation`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{Config, HandlerConfig};
    ///
    /// let logger = hlog::Logger::new();
    /// let dir = std::env::temp_dir().join(format!("hlog-doc-config-rotation-{}", std::process::id()));
    /// let path = dir.join("app.log");
    /// let file = HandlerConfig::new(path.to_str().unwrap()).rotation("10 MB");
    /// logger.configure(Config::new().handler(file)).unwrap();
    /// // Checked before anything changes:
    /// let bad = HandlerConfig::new(path.to_str().unwrap()).rotation("10 parsecs");
    /// let error = logger.configure(Config::new().handler(bad)).unwrap_err();
    /// assert_eq!(error.field(), Some("rotation"));
    /// assert_eq!(logger.stats().len(), 1, "the running configuration stays");
    /// # drop(logger);
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn rotation(mut self, rotation: &str) -> Self {
        self.rotation = Some(rotation.to_owned());
        self
    }

    /// A file sink's retention (`"1 week"`, `"10 files"`, ...; see [`FileSink::retention`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{Config, HandlerConfig};
    ///
    /// let logger = hlog::Logger::new();
    /// let dir = std::env::temp_dir().join(format!("hlog-doc-config-retention-{}", std::process::id()));
    /// let path = dir.join("app.log");
    /// let file = HandlerConfig::new(path.to_str().unwrap()).retention("1 week");
    /// logger.configure(Config::new().handler(file)).unwrap();
    /// // Checked before anything changes:
    /// let bad = HandlerConfig::new(path.to_str().unwrap()).retention("1 fortnight");
    /// let error = logger.configure(Config::new().handler(bad)).unwrap_err();
    /// assert_eq!(error.field(), Some("retention"));
    /// assert_eq!(logger.stats().len(), 1, "the running configuration stays");
    /// # drop(logger);
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn retention(mut self, retention: &str) -> Self {
        self.retention = Some(retention.to_owned());
        self
    }

    /// A file sink's compression (`"gz"`, `"zip"`, ...; see [`FileSink::compression`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{Config, HandlerConfig};
    ///
    /// let logger = hlog::Logger::new();
    /// let dir = std::env::temp_dir().join(format!("hlog-doc-config-compression-{}", std::process::id()));
    /// let path = dir.join("app.log");
    /// let file = HandlerConfig::new(path.to_str().unwrap()).compression("gz");
    /// logger.configure(Config::new().handler(file)).unwrap();
    /// // Checked before anything changes:
    /// let bad = HandlerConfig::new(path.to_str().unwrap()).compression("rar");
    /// let error = logger.configure(Config::new().handler(bad)).unwrap_err();
    /// assert_eq!(error.field(), Some("compression"));
    /// assert_eq!(logger.stats().len(), 1, "the running configuration stays");
    /// # drop(logger);
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn compression(mut self, compression: &str) -> Self {
        self.compression = Some(compression.to_owned());
        self
    }

    /// The sink's name, for messages.
    fn sink_name(&self) -> &str {
        match &self.sink {
            SinkSpec::Name(name) => name,
            SinkSpec::Custom(..) => "a sink of one's own",
        }
    }
}

/// Why a configuration was not applied; the running one is left as it was. Says where: the
/// file and line (for a file), the handler (by position, from 0, and its sink) or level, and
/// the field.
///
/// # Examples
///
/// ```
/// use hlog::{Config, HandlerConfig};
///
/// let logger = hlog::Logger::new();
/// let config = Config::new().handler(HandlerConfig::new("logs/x.log").rotation("10 parsecs"));
/// let error = logger.configure(config).unwrap_err();
/// assert_eq!(error.handler(), Some(0));
/// assert_eq!(error.field(), Some("rotation"));
/// assert!(error.to_string().starts_with("handler 0 (logs/x.log), field `rotation`: invalid rotation"));
/// assert!(logger.stats().is_empty(), "nothing applied");
/// ```
#[derive(Debug)]
pub struct ConfigureError(Box<Parts>);

/// A [`ConfigureError`]'s parts (boxed: the error is returned through `Result`s).
#[derive(Debug)]
struct Parts {
    file: Option<PathBuf>,
    line: Option<usize>,
    place: Place,
    field: Option<String>,
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

/// What part of a configuration an error is about.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Place {
    /// The whole text (a file that does not parse).
    #[cfg_attr(not(feature = "config"), allow(dead_code))]
    Whole,
    Handler(usize, String),
    Level(usize, String),
    Extra(String),
    Activation(usize),
}

impl ConfigureError {
    fn new(place: Place, field: Option<&str>, message: impl Into<String>) -> Self {
        ConfigureError(Box::new(Parts {
            file: None,
            line: None,
            place,
            field: field.map(str::to_owned),
            message: message.into(),
            source: None,
        }))
    }

    fn handler_field(
        index: usize,
        handler: &HandlerConfig,
        field: &str,
        error: ConfigError,
    ) -> Self {
        let mut error_ = ConfigureError::new(
            Place::Handler(index, handler.sink_name().to_owned()),
            Some(field),
            error.to_string(),
        );
        error_.0.source = Some(Box::new(error));
        error_
    }

    /// The file the configuration was read from.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{Config, HandlerConfig};
    ///
    /// let logger = hlog::Logger::new();
    /// let config = Config::new().handler(HandlerConfig::new("ext://stderr").level("LOUD"));
    /// assert_eq!(logger.configure(config).unwrap_err().file(), None); // not read from a file
    /// # #[cfg(feature = "config")] {
    /// let text = "[[handlers]]\nsink = \"ext://stderr\"\nlevel = \"LOUD\"\n";
    /// let error = logger.configure_from_toml(text, "logging.toml").unwrap_err();
    /// assert_eq!(error.file(), Some(std::path::Path::new("logging.toml")));
    /// # }
    /// ```
    pub fn file(&self) -> Option<&std::path::Path> {
        self.0.file.as_deref()
    }

    /// The line in that file (from 1).
    ///
    /// # Examples
    ///
    /// ```
    /// # #[cfg(feature = "config")] {
    /// let logger = hlog::Logger::new();
    /// let text = "[[handlers]]\nsink = \"ext://stderr\"\nlevel = \"LOUD\"\n";
    /// let error = logger.configure_from_toml(text, "logging.toml").unwrap_err(); // feature `config`
    /// assert_eq!(error.line(), Some(3));
    /// # }
    /// ```
    pub fn line(&self) -> Option<usize> {
        self.0.line
    }

    /// The handler's position among the configuration's handlers (from 0).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{Config, HandlerConfig};
    ///
    /// let config = Config::new()
    ///     .handler(HandlerConfig::new("ext://stderr"))
    ///     .handler(HandlerConfig::new("ext://stdout").level("LOUD"));
    /// let error = hlog::Logger::new().configure(config).unwrap_err();
    /// assert_eq!(error.handler(), Some(1));
    /// ```
    pub fn handler(&self) -> Option<usize> {
        match self.0.place {
            Place::Handler(index, _) => Some(index),
            _ => None,
        }
    }

    /// The field (`"level"`, `"rotation"`, ...).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{Config, HandlerConfig};
    ///
    /// let config = Config::new().handler(HandlerConfig::new("ext://stderr").format("{mesage}"));
    /// let error = hlog::Logger::new().configure(config).unwrap_err();
    /// assert_eq!(error.field(), Some("format"));
    /// ```
    pub fn field(&self) -> Option<&str> {
        self.0.field.as_deref()
    }

    /// What is wrong.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{Config, HandlerConfig};
    ///
    /// let config = Config::new().handler(HandlerConfig::new("ext://stderr").level("LOUD"));
    /// let error = hlog::Logger::new().configure(config).unwrap_err();
    /// assert!(error.message().starts_with("unknown level \"LOUD\""), "{}", error.message());
    /// ```
    pub fn message(&self) -> &str {
        &self.0.message
    }
}

impl fmt::Display for ConfigureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.0.file {
            write!(f, "{}", file.display())?;
            if let Some(line) = self.0.line {
                write!(f, ":{line}")?;
            }
            f.write_str(": ")?;
        }
        match &self.0.place {
            Place::Whole => {}
            Place::Handler(index, sink) => write!(f, "handler {index} ({sink})")?,
            Place::Level(index, name) => write!(f, "level {index} ({name})")?,
            Place::Extra(key) => write!(f, "extra field `{key}`")?,
            Place::Activation(index) => write!(f, "activation {index}")?,
        }
        match (&self.0.place, &self.0.field) {
            (Place::Whole, None) => {}
            (Place::Whole, Some(field)) => write!(f, "field `{field}`: ")?,
            (_, Some(field)) => write!(f, ", field `{field}`: ")?,
            (_, None) => f.write_str(": ")?,
        }
        f.write_str(&self.0.message)
    }
}

impl std::error::Error for ConfigureError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source.as_deref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// Handlers built but not installed: [`Install`] for a [`HandlerBuilder`] that stops short of
/// the logger.
struct Staging(RefCell<Vec<Handler>>);

impl Install for Staging {
    fn install(&self, handler: Handler) -> HandlerId {
        let mut handlers = self.0.borrow_mut();
        handlers.push(handler);
        HandlerId(handlers.len() - 1)
    }
}

/// A handler checked: everything but its sink, which is made when the configuration is applied.
struct Checked {
    level: u32,
    format: Option<Format>,
    filter: Filter,
    /// The file's path, for a file sink.
    file: Option<String>,
}

/// The file sink of handler `h`, or the field whose string does not parse and why.
fn file_sink(
    path: &str,
    h: &HandlerConfig,
) -> Result<FileSink, (&'static str, crate::error::SpecError)> {
    let mut sink = FileSink::new(path);
    if let Some(text) = &h.rotation {
        sink = sink.rotation(Rotation::parse(text).map_err(|e| ("rotation", e))?);
    }
    if let Some(text) = &h.retention {
        sink = sink.retention(Retention::parse(text).map_err(|e| ("retention", e))?);
    }
    if let Some(text) = &h.compression {
        sink = sink.compression(Compression::parse(text).map_err(|e| ("compression", e))?);
    }
    Ok(sink)
}

impl Config {
    /// Every problem that needs no I/O: levels, formats, filters, file settings. The first is
    /// returned.
    fn check(&self) -> Result<Vec<Checked>, ConfigureError> {
        for (i, level) in self.levels.iter().enumerate() {
            check_level(level).map_err(|(field, message)| {
                ConfigureError::new(Place::Level(i, level.name.clone()), Some(field), message)
            })?;
        }
        for (i, (key, _)) in self.extra.iter().enumerate() {
            if key.is_empty() || self.extra[..i].iter().any(|(k, _)| k == key) {
                let why = if key.is_empty() { "an empty key" } else { "given twice" };
                return Err(ConfigureError::new(Place::Extra(key.clone()), None, why));
            }
        }
        for (i, (module, _)) in self.activation.iter().enumerate() {
            if module.contains(char::is_whitespace) {
                return Err(ConfigureError::new(
                    Place::Activation(i),
                    Some("module"),
                    format!("{module:?} is not a module path"),
                ));
            }
        }
        self.handlers.iter().enumerate().map(|(i, h)| self.check_handler(i, h)).collect()
    }

    fn level_no(&self, name: &str) -> Result<u32, ConfigError> {
        if let Some(level) = self.levels.iter().find(|l| l.name == name) {
            return Ok(level.no);
        }
        crate::filter::level_no_by_name(name)
    }

    fn check_handler(&self, i: usize, h: &HandlerConfig) -> Result<Checked, ConfigureError> {
        let fail =
            |field: &str, error: ConfigError| ConfigureError::handler_field(i, h, field, error);
        let level = match &h.level {
            Some(name) => self.level_no(name).map_err(|e| fail("level", e))?,
            None => Level::TRACE.no(),
        };
        let format = match &h.format {
            Some(text) => Some(Format::parse(text).map_err(|e| fail("format", e.into()))?),
            None => None,
        };
        let filter = match &h.filter {
            None => Filter::all(),
            Some(FilterSpec::Module(module)) => Filter::module(module.clone()),
            Some(FilterSpec::Levels(pairs)) => {
                let mut rules = Vec::new();
                for (prefix, level) in pairs {
                    rules.push((
                        prefix.clone(),
                        self.level_no(level).map_err(|e| fail("filter", e))?,
                    ));
                }
                Filter::levels(rules).map_err(|e| fail("filter", e))?
            }
        };
        let file_settings =
            h.rotation.is_some() || h.retention.is_some() || h.compression.is_some();
        let file = match &h.sink {
            SinkSpec::Name(name) => match name.as_str() {
                "ext://stdout" | "ext://stderr" => None,
                "" => return Err(fail("sink", ConfigError::EmptyPath)),
                other if other.contains("://") => {
                    return Err(ConfigureError::new(
                        Place::Handler(i, name.clone()),
                        Some("sink"),
                        format!(
                            "unknown sink {other:?}: use \"ext://stdout\", \"ext://stderr\" or a \
                             file's path"
                        ),
                    ));
                }
                path => {
                    // Checked now, made again when applied (the strings parse the same).
                    let _ = file_sink(path, h).map_err(|(field, e)| fail(field, e.into()))?;
                    Some(path.to_owned())
                }
            },
            SinkSpec::Custom(..) => None,
        };
        if file.is_none() && file_settings {
            let field = if h.rotation.is_some() {
                "rotation"
            } else if h.retention.is_some() {
                "retention"
            } else {
                "compression"
            };
            return Err(ConfigureError::new(
                Place::Handler(i, h.sink_name().to_owned()),
                Some(field),
                "only a file sink rotates, retains and compresses",
            ));
        }
        Ok(Checked { level, format, filter, file })
    }
}

/// A custom level's problems, without registering it: `(field, message)`.
fn check_level(level: &LevelConfig) -> Result<(), (&'static str, String)> {
    if level.name.is_empty() || level.name.contains(|c: char| c.is_whitespace() || c.is_control()) {
        return Err(("name", "a level name is a non-empty word without spaces".into()));
    }
    if let Some(existing) = Level::lookup(&level.name) {
        if existing.no() != level.no {
            return Err((
                "no",
                format!(
                    "level {:?} is already {} with number {}",
                    level.name,
                    if Level::builtin_index(&existing).is_some() {
                        "built in"
                    } else {
                        "registered"
                    },
                    existing.no()
                ),
            ));
        }
        if Level::builtin_index(&existing).is_some() {
            return Err(("name", format!("level {:?} is built in", level.name)));
        }
    }
    hlog_template::parse_color_markup(&level.color).map_err(|e| ("color", e.to_string()))?;
    Ok(())
}

impl Logger {
    /// Replace every handler of this logger at once, register the configuration's levels, set
    /// its default extra fields and apply its activation list (loguru's `configure()`). Returns
    /// the new handlers' ids, in order.
    ///
    /// Everything is checked first — level names, formats, filters, the file settings, then the
    /// sinks are opened — and only then applied: a configuration with a mistake leaves the
    /// running one as it was. (One exception: a rotating file that the running configuration
    /// writes too is handed over, its old handler closing before the new one opens it; if a
    /// later sink then fails to open, that old handler stays closed.)
    ///
    /// # Errors
    ///
    /// [`ConfigureError`], naming the handler (or level, extra field, activation) and field.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{Config, HandlerConfig};
    /// use hlog::sink::Capture;
    ///
    /// let logger = hlog::Logger::new();
    /// let capture = Capture::new();
    /// let ids = logger
    ///     .configure(Config::new().handler(HandlerConfig::sink(capture.clone()).format("{message}")))
    ///     .unwrap();
    /// hlog::info!(logger, "configured");
    /// assert_eq!(capture.text(), "configured\n");
    /// assert_eq!(logger.stats()[0].id, ids[0]);
    /// ```
    pub fn configure(&self, config: Config) -> Result<Vec<HandlerId>, ConfigureError> {
        let checked = config.check()?;
        let staging = Staging(RefCell::new(Vec::new()));
        let mut handed_over = false;
        let Config { handlers, levels, extra, activation } = config;
        for (i, (mut handler, checked)) in handlers.into_iter().zip(checked).enumerate() {
            let sink_name = handler.sink_name().to_owned();
            let placeholder = SinkSpec::Name(sink_name.clone());
            let custom = match std::mem::replace(&mut handler.sink, placeholder) {
                SinkSpec::Custom(make, defaults) => Some((make, defaults)),
                name => {
                    handler.sink = name;
                    None
                }
            };
            let place = || Place::Handler(i, sink_name.clone());
            let builder = |sink: Box<dyn FnOnce() -> Result<Box<dyn Sink>, ConfigError>>,
                           defaults: SinkDefaults| {
                let mut builder = HandlerBuilder::new(&staging, Deferred(sink, defaults))
                    .level(checked.level)
                    .filter_with(checked.filter.clone());
                if let Some(format) = checked.format.clone() {
                    builder = builder.format(format);
                }
                if let Some(colorize) = handler.colorize {
                    builder = builder.colorize(colorize);
                }
                if let Some(escape) = handler.escape_values {
                    builder = builder.escape_values(escape);
                }
                if handler.enqueue {
                    builder = builder.enqueue(true);
                }
                if handler.serialize {
                    // JSON lines, in place of a format given too.
                    builder = builder.serialize(true);
                }
                builder.install()
            };
            let file = |path: &str| -> Box<dyn FnOnce() -> _> {
                match file_sink(path, &handler) {
                    Ok(sink) => Box::new(move || sink.into_sink()),
                    Err((_, error)) => Box::new(move || Err(error.into())),
                }
            };
            let result = match (&checked.file, custom) {
                (_, Some((make, defaults))) => builder(make, defaults),
                (Some(path), None) => match builder(file(path), SinkDefaults::default()) {
                    Err(ConfigError::PathInUse { path: taken }) if !handed_over => {
                        handed_over = self.close_file_handlers(&taken);
                        builder(file(path), SinkDefaults::default())
                    }
                    other => other,
                },
                (None, None) => {
                    let console = if sink_name == "ext://stdout" {
                        Console::stdout()
                    } else {
                        Console::stderr()
                    };
                    builder(Box::new(move || console.into_sink()), SinkDefaults::default())
                }
            };
            if let Err(error) = result {
                let mut error_ = ConfigureError::new(place(), Some("sink"), error.to_string());
                error_.0.source = Some(Box::new(error));
                return Err(error_);
            }
        }
        for level in &levels {
            // Checked above; a race with another registration is reported, not fatal.
            if let Err(error) =
                crate::level::register(&level.name, level.no, &level.color, &level.icon)
            {
                crate::report::report_once(format_args!("configure: {error}"));
            }
        }
        self.set_extra(extra);
        for (module, enabled) in activation {
            if enabled { self.enable(&module) } else { self.disable(&module) }
        }
        Ok(self.replace_handlers(staging.0.into_inner()))
    }

    /// Close this logger's file handlers writing `path` (a configuration takes the path over).
    fn close_file_handlers(&self, path: &std::path::Path) -> bool {
        let description = format!("file {}", path.display());
        let ids: Vec<HandlerId> =
            self.stats().iter().filter(|s| s.sink == description).map(|s| s.id).collect();
        for id in &ids {
            let _ = self.remove(*id);
        }
        !ids.is_empty()
    }
}

/// A sink made when the builder installs, and the handler settings it brings.
struct Deferred(Box<dyn FnOnce() -> Result<Box<dyn Sink>, ConfigError>>, SinkDefaults);

impl IntoSink for Deferred {
    fn into_sink(self) -> Result<Box<dyn Sink>, ConfigError> {
        (self.0)()
    }

    fn defaults(&self) -> SinkDefaults {
        self.1.clone()
    }
}

/// Replace every handler of the global logger at once (see [`Logger::configure`]).
///
/// # Errors
///
/// [`ConfigureError`]; the running configuration is left as it was.
///
/// # Examples
///
/// ```no_run
/// // (Not run here: it would take the global handlers of the other examples away.)
/// let ids = hlog::configure(
///     hlog::Config::new().handler(hlog::HandlerConfig::new("ext://stderr").level("WARNING")),
/// )
/// .unwrap();
/// assert_eq!(ids.len(), 1);
/// ```
pub fn configure(config: Config) -> Result<Vec<HandlerId>, ConfigureError> {
    crate::logger::logger().configure(config)
}

#[cfg(feature = "config")]
pub use file::configure_from_file;
