//! A [`Config`] read from TOML, each value's place kept so that an error names its line.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{Config, ConfigureError, FilterSpec, HandlerConfig, Place};
use crate::handler::HandlerId;
use crate::logger::Logger;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    #[serde(default)]
    activation: Vec<Spanned<(String, bool)>>,
    #[serde(default)]
    handlers: Vec<Spanned<FileHandler>>,
    #[serde(default)]
    levels: Vec<Spanned<FileLevel>>,
    #[serde(default)]
    extra: BTreeMap<String, Spanned<Scalar>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileHandler {
    sink: Spanned<String>,
    level: Option<Spanned<Scalar>>,
    format: Option<Spanned<String>>,
    colorize: Option<Spanned<bool>>,
    escape_values: Option<Spanned<bool>>,
    filter: Option<Spanned<FileFilter>>,
    enqueue: Option<Spanned<bool>>,
    serialize: Option<Spanned<bool>>,
    rotation: Option<Spanned<String>>,
    retention: Option<Spanned<String>>,
    compression: Option<Spanned<String>>,
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
        Ok((config, spans))
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
    /// Replace every handler from a TOML file: [`Logger::configure`] with the configuration
    /// the file holds. The file's format is in the README ("Configuration").
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
        self.configure_toml(&text, path)
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
        self.configure_toml(text, Path::new(origin))
    }

    fn configure_toml(&self, text: &str, path: &Path) -> Result<Vec<HandlerId>, ConfigureError> {
        let locate = |mut error: ConfigureError, spans: Option<&Spans>| {
            error.0.file = Some(path.to_path_buf());
            if error.0.line.is_none() {
                error.0.line =
                    spans.and_then(|s| s.of(&error)).map(|span| line_of(text, span.start));
            }
            error
        };
        let (config, spans) = Config::from_toml(text).map_err(|e| locate(e, None))?;
        self.configure(config).map_err(|e| locate(e, Some(&spans)))
    }
}

/// Replace every handler of the global logger from a TOML file (see
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
