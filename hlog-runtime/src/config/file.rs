//! A [`Config`] read from TOML or JSON, each value's place kept so that an error names its
//! line.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::io;
use std::ops::Range;
use std::path::Path;
use std::rc::Rc;

use serde::{Deserialize, Deserializer};

use super::{Config, ConfigureError, FilterSpec, HandlerConfig, Place};
use crate::handler::HandlerId;
use crate::logger::Logger;

/// A value and the bytes of the text it came from. TOML gives the bytes itself (through
/// `toml::Spanned`); JSON is read through a [`Counted`] reader, whose count of the bytes read so
/// far is taken before and after the value.
struct Located<T> {
    value: T,
    span: Range<usize>,
}

impl<T> Located<T> {
    fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    fn get_ref(&self) -> &T {
        &self.value
    }

    fn into_inner(self) -> T {
        self.value
    }
}

thread_local! {
    /// While JSON is read on this thread: the count of bytes its reader has handed out.
    static JSON_READ: Cell<Option<Rc<Cell<usize>>>> = const { Cell::new(None) };
}

/// The bytes read so far, while JSON is read on this thread.
fn json_read() -> Option<usize> {
    JSON_READ.with(|read| {
        let count = read.take();
        let at = count.as_ref().map(|c| c.get());
        read.set(count);
        at
    })
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Located<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match json_read() {
            Some(start) => {
                let value = T::deserialize(deserializer)?;
                let end = json_read().unwrap_or(start);
                Ok(Located { value, span: start..end })
            }
            None => {
                let spanned = toml::Spanned::<T>::deserialize(deserializer)?;
                Ok(Located { span: spanned.span(), value: spanned.into_inner() })
            }
        }
    }
}

/// A reader that counts the bytes it hands out. serde_json reads a reader one byte at a time
/// (as it reads a value, it has read the value and at most one byte more), so the count is
/// where the parser is.
struct Counted<'a> {
    text: &'a [u8],
    read: Rc<Cell<usize>>,
}

impl io::Read for Counted<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.text.read(buf)?;
        self.read.set(self.read.get() + n);
        Ok(n)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    #[serde(default)]
    activation: Vec<Located<(String, bool)>>,
    #[serde(default)]
    handlers: Vec<Located<FileHandler>>,
    #[serde(default)]
    levels: Vec<Located<FileLevel>>,
    #[serde(default)]
    extra: BTreeMap<String, Located<Scalar>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileHandler {
    sink: Located<String>,
    level: Option<Located<Scalar>>,
    format: Option<Located<String>>,
    colorize: Option<Located<bool>>,
    escape_values: Option<Located<bool>>,
    filter: Option<Located<FileFilter>>,
    enqueue: Option<Located<bool>>,
    serialize: Option<Located<bool>>,
    rotation: Option<Located<String>>,
    retention: Option<Located<String>>,
    compression: Option<Located<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileLevel {
    name: String,
    no: u32,
    #[serde(default)]
    color: String,
    #[serde(default)]
    icon: String,
}

/// A level, an extra value: text, a number or a boolean.
#[derive(Deserialize)]
#[serde(untagged)]
enum Scalar {
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
}

impl Scalar {
    fn text(&self) -> String {
        match self {
            Scalar::Bool(b) => b.to_string(),
            Scalar::Int(n) => n.to_string(),
            Scalar::Float(x) => x.to_string(),
            Scalar::Text(s) => s.clone(),
        }
    }

    /// As a level: `false` is off, `true` every level.
    fn level(&self) -> String {
        match self {
            Scalar::Bool(false) => "OFF".into(),
            Scalar::Bool(true) => "0".into(),
            other => other.text(),
        }
    }
}

/// loguru's filter forms: a module path, or a table of module prefixes to levels.
#[derive(Deserialize)]
#[serde(untagged)]
enum FileFilter {
    Module(String),
    Levels(BTreeMap<String, Scalar>),
}

/// `(field, bytes)` of a handler's fields.
type FieldSpans = Vec<(&'static str, Range<usize>)>;

/// Where each value was, in bytes of the text.
#[derive(Default)]
struct Spans {
    /// Each handler's bytes, and its fields'.
    handlers: Vec<(Range<usize>, FieldSpans)>,
    levels: Vec<Range<usize>>,
    extra: Vec<(String, Range<usize>)>,
    activation: Vec<Range<usize>>,
}

impl Config {
    /// Read a configuration from TOML text, with the places of its values.
    fn from_toml(text: &str) -> Result<(Config, Spans), ConfigureError> {
        let file: FileConfig = toml::from_str(text).map_err(|error| {
            let mut e = ConfigureError::new(Place::Whole, None, error.message().trim_end());
            e.0.line = error.span().map(|span| line_of(text, span.start));
            e
        })?;
        Ok(Config::from_file(file))
    }

    /// Read a configuration from JSON text (the TOML file's structure as a JSON object), with
    /// the places of its values.
    fn from_json(text: &str) -> Result<(Config, Spans), ConfigureError> {
        /// Ends the count when the reading ends, also by a panic.
        struct Reading;
        impl Drop for Reading {
            fn drop(&mut self) {
                JSON_READ.with(|read| read.set(None));
            }
        }
        // serde would take a struct from an array of its fields too; a configuration is an
        // object, as its TOML form is a table.
        let first = text.bytes().position(|b| !b.is_ascii_whitespace());
        if let Some(at) = first.filter(|&at| text.as_bytes()[at] != b'{') {
            let found: String = text[at..].chars().take(12).collect();
            let mut e = ConfigureError::new(
                Place::Whole,
                None,
                format!("a JSON configuration is an object ({{...}}), found {found:?}"),
            );
            e.0.line = Some(line_of(text, at));
            return Err(e);
        }
        let read = Rc::new(Cell::new(0));
        JSON_READ.with(|r| r.set(Some(Rc::clone(&read))));
        let reading = Reading;
        let parsed = serde_json::from_reader(Counted { text: text.as_bytes(), read });
        drop(reading);
        let file: FileConfig = parsed.map_err(|error| {
            // serde_json's message ends with its place, which the error gives as its line.
            let message = error.to_string();
            let place = format!(" at line {} column {}", error.line(), error.column());
            let message = message.strip_suffix(&place).unwrap_or(&message);
            let mut e = ConfigureError::new(Place::Whole, None, message);
            e.0.line = (error.line() > 0).then_some(error.line());
            e
        })?;
        Ok(Config::from_file(file))
    }

    fn from_file(file: FileConfig) -> (Config, Spans) {
        let mut config = Config::new();
        let mut spans = Spans::default();
        for handler in file.handlers {
            let span = handler.span();
            let h = handler.into_inner();
            let mut fields = vec![("sink", h.sink.span())];
            let mut config_h = HandlerConfig::new(h.sink.get_ref());
            if let Some(level) = h.level {
                fields.push(("level", level.span()));
                config_h = config_h.level(level.get_ref().level());
            }
            if let Some(format) = h.format {
                fields.push(("format", format.span()));
                config_h = config_h.format(format.get_ref());
            }
            if let Some(colorize) = h.colorize {
                fields.push(("colorize", colorize.span()));
                config_h = config_h.colorize(*colorize.get_ref());
            }
            if let Some(escape) = h.escape_values {
                fields.push(("escape_values", escape.span()));
                config_h = config_h.escape_values(*escape.get_ref());
            }
            if let Some(filter) = h.filter {
                fields.push(("filter", filter.span()));
                config_h.filter = Some(match filter.into_inner() {
                    FileFilter::Module(module) => FilterSpec::Module(module),
                    FileFilter::Levels(map) => FilterSpec::Levels(
                        map.into_iter().map(|(prefix, level)| (prefix, level.level())).collect(),
                    ),
                });
            }
            if let Some(enqueue) = h.enqueue {
                fields.push(("enqueue", enqueue.span()));
                config_h = config_h.enqueue(*enqueue.get_ref());
            }
            if let Some(serialize) = h.serialize {
                fields.push(("serialize", serialize.span()));
                config_h = config_h.serialize(*serialize.get_ref());
            }
            if let Some(rotation) = h.rotation {
                fields.push(("rotation", rotation.span()));
                config_h = config_h.rotation(rotation.get_ref());
            }
            if let Some(retention) = h.retention {
                fields.push(("retention", retention.span()));
                config_h = config_h.retention(retention.get_ref());
            }
            if let Some(compression) = h.compression {
                fields.push(("compression", compression.span()));
                config_h = config_h.compression(compression.get_ref());
            }
            config = config.handler(config_h);
            spans.handlers.push((span, fields));
        }
        for level in file.levels {
            spans.levels.push(level.span());
            let l = level.into_inner();
            config = config.level(&l.name, l.no, &l.color, &l.icon);
        }
        for (key, value) in file.extra {
            spans.extra.push((key.clone(), value.span()));
            config = config.extra(&key, value.get_ref().text());
        }
        for activation in file.activation {
            spans.activation.push(activation.span());
            let (module, enabled) = activation.into_inner();
            config = config.activation(&module, enabled);
        }
        (config, spans)
    }
}

impl Spans {
    /// The bytes an error is about: its field's, else its handler's (or level's...).
    fn of(&self, error: &ConfigureError) -> Option<Range<usize>> {
        match &error.0.place {
            Place::Whole => None,
            Place::Handler(i, _) => {
                let (whole, fields) = self.handlers.get(*i)?;
                let field = error.0.field.as_deref();
                let at = fields.iter().find(|(name, _)| Some(*name) == field);
                Some(at.map_or_else(|| whole.clone(), |(_, span)| span.clone()))
            }
            Place::Level(i, _) => self.levels.get(*i).cloned(),
            Place::Extra(key) => self.extra.iter().find(|(k, _)| k == key).map(|(_, s)| s.clone()),
            Place::Activation(i) => self.activation.get(*i).cloned(),
        }
    }
}

/// The line (from 1) of byte `at`.
fn line_of(text: &str, at: usize) -> usize {
    text.as_bytes()[..at.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

impl Logger {
    /// Replace every handler from a TOML file, or a JSON file when its name ends in `.json`:
    /// [`Logger::configure`] with the configuration the file holds. The file's format is in the
    /// README ("Configuration"); a JSON file has the same structure as an object.
    ///
    /// # Errors
    ///
    /// [`ConfigureError`] naming the file, the line, the handler and the field; the running
    /// configuration is left as it was.
    ///
    /// # Examples
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("hlog-doc-configure-file-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir).unwrap();
    /// let path = dir.join("logging.toml");
    /// std::fs::write(&path, "[[handlers]]\nsink = \"ext://stderr\"\nlevel = \"WARNING\"\n").unwrap();
    /// let logger = hlog::Logger::new();
    /// logger.configure_from_file(&path).unwrap();
    /// assert_eq!(logger.stats()[0].level, 30);
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn configure_from_file(
        &self,
        path: impl AsRef<Path>,
    ) -> Result<Vec<HandlerId>, ConfigureError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|error| {
            let mut e = ConfigureError::new(Place::Whole, None, format!("cannot read: {error}"));
            e.0.file = Some(path.to_path_buf());
            e.0.source = Some(Box::new(error));
            e
        })?;
        let json = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
        let read = if json { Config::from_json } else { Config::from_toml };
        self.configure_text(&text, path, read)
    }

    /// Replace every handler from TOML text; `origin` names it in errors. See
    /// [`Logger::configure_from_file`].
    ///
    /// # Errors
    ///
    /// As [`Logger::configure_from_file`].
    ///
    /// # Examples
    ///
    /// ```
    /// let text = r#"
    /// [[handlers]]
    /// sink = "ext://stderr"
    /// level = "LOUD"
    /// "#;
    /// let logger = hlog::Logger::new();
    /// let error = logger.configure_from_toml(text, "inline.toml").unwrap_err();
    /// assert_eq!((error.line(), error.handler(), error.field()), (Some(4), Some(0), Some("level")));
    /// assert!(error.to_string().starts_with("inline.toml:4: handler 0 (ext://stderr), field `level`: unknown level"));
    /// ```
    pub fn configure_from_toml(
        &self,
        text: &str,
        origin: &str,
    ) -> Result<Vec<HandlerId>, ConfigureError> {
        self.configure_text(text, Path::new(origin), Config::from_toml)
    }

    /// Replace every handler from JSON text (the TOML file's structure as an object); `origin`
    /// names it in errors. See [`Logger::configure_from_file`].
    ///
    /// # Errors
    ///
    /// As [`Logger::configure_from_file`].
    ///
    /// # Examples
    ///
    /// ```
    /// let text = r#"{
    ///   "handlers": [
    ///     { "sink": "ext://stderr", "level": "INFO" },
    ///     { "sink": "ext://stdout",
    ///       "level": "LOUD" }
    ///   ]
    /// }"#;
    /// let logger = hlog::Logger::new();
    /// let error = logger.configure_from_json(text, "inline.json").unwrap_err();
    /// assert_eq!((error.line(), error.handler(), error.field()), (Some(5), Some(1), Some("level")));
    /// assert!(error.to_string().starts_with("inline.json:5: handler 1 (ext://stdout), field `level`: unknown level"));
    /// ```
    pub fn configure_from_json(
        &self,
        text: &str,
        origin: &str,
    ) -> Result<Vec<HandlerId>, ConfigureError> {
        self.configure_text(text, Path::new(origin), Config::from_json)
    }

    fn configure_text(
        &self,
        text: &str,
        path: &Path,
        read: fn(&str) -> Result<(Config, Spans), ConfigureError>,
    ) -> Result<Vec<HandlerId>, ConfigureError> {
        let locate = |mut error: ConfigureError, spans: Option<&Spans>| {
            error.0.file = Some(path.to_path_buf());
            if error.0.line.is_none() {
                error.0.line =
                    spans.and_then(|s| s.of(&error)).map(|span| line_of(text, span.start));
            }
            error
        };
        let (config, spans) = read(text).map_err(|e| locate(e, None))?;
        self.configure(config).map_err(|e| locate(e, Some(&spans)))
    }
}

/// Replace every handler of the global logger from a TOML file, or a JSON file named `*.json` (see
/// [`Logger::configure_from_file`]). Feature `config`.
///
/// # Errors
///
/// [`ConfigureError`] naming the file, the line, the handler and the field; the running
/// configuration is left as it was.
///
/// # Examples
///
/// ```no_run
/// hlog_runtime::configure_from_file("logging.toml").unwrap_or_else(|error| panic!("{error}"));
/// ```
pub fn configure_from_file(path: impl AsRef<Path>) -> Result<Vec<HandlerId>, ConfigureError> {
    crate::logger::logger().configure_from_file(path)
}
