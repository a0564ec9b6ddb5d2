//! Errors of the runtime, typed: why a handler could not be installed ([`ConfigError`]), why a
//! level could not be registered or found ([`LevelError`]), why a setting string is none of the
//! accepted forms ([`SpecError`]). At the bottom of the module stack, so every layer can return
//! them without importing the layer that reports them.

use std::error::Error;
use std::fmt;
use std::io;
use std::path::PathBuf;

use hlog_template::Error as TemplateError;

/// Why a handler could not be installed. Nothing is added when `install()` returns one.
///
/// # Examples
///
/// ```
/// use hlog::{ConfigError, LevelError};
///
/// let logger = hlog::Logger::new();
/// let error = logger.add(hlog::sink::Capture::new()).level("VERBOSE").install().unwrap_err();
/// assert!(matches!(&error, ConfigError::Level(LevelError::Unknown(name)) if name == "VERBOSE"));
/// assert!(error.to_string().starts_with("unknown level \"VERBOSE\""));
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum ConfigError {
    /// The format string does not parse.
    Format(FormatError),
    /// A level given by name is not registered.
    Level(LevelError),
    /// A rotation, retention or compression setting, or a syslog sink's setting, is none of
    /// the accepted forms.
    Setting(SpecError),
    /// The log file, or a folder on its path, could not be created or opened.
    Open {
        /// The file's path.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// A symlink is at the log path: refused unless the sink says `.follow_symlinks(true)`.
    Symlink {
        /// The path of the symlink.
        path: PathBuf,
    },
    /// Another rotating file sink of this process writes to this path: the two would rename
    /// each other's files.
    PathInUse {
        /// The path.
        path: PathBuf,
    },
    /// Another process's file sink writes this path, and one of the two rotates it without
    /// [`FileSink::shared`](crate::sink::FileSink::shared): renaming a file the other writes
    /// loses and duplicates records. Give every process's sink `.shared(true)`, or use one
    /// path per process.
    PathLocked {
        /// The log file's path.
        path: PathBuf,
        /// This sink is `shared` (and the other one is not).
        shared: bool,
    },
    /// A file name pattern (a `{time}` placeholder in the path, or the rotated files' naming
    /// pattern) that is not valid.
    FileName {
        /// The pattern as given.
        pattern: String,
        /// What is wrong with it and what is accepted.
        reason: String,
    },
    /// Something other than a regular file is at the log path: a FIFO, a device (`/dev/null`
    /// too), a folder or a socket. A file sink writes regular files only; it checks without
    /// blocking, so a FIFO cannot hang `install()`.
    NotAFile {
        /// The path.
        path: PathBuf,
        /// What is there: `"a FIFO (named pipe)"`, `"a character device"`, `"a folder"`, ….
        kind: &'static str,
    },
    /// The file sink's path is empty.
    EmptyPath,
    /// A sink of your own could not be made (returned by your `IntoSink`).
    Sink(Box<dyn Error + Send + Sync>),
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Format(error) => error.fmt(f),
            ConfigError::Level(error) => error.fmt(f),
            ConfigError::Setting(error) => error.fmt(f),
            ConfigError::Open { path, source } => {
                write!(f, "cannot open {}: {source}", path.display())
            }
            ConfigError::Symlink { path } => write!(
                f,
                "{} is a symlink; hlog does not follow it unless the sink says \
                 .follow_symlinks(true)",
                path.display()
            ),
            ConfigError::PathInUse { path } => write!(
                f,
                "{} already has a rotating file sink in this process; two would rename each \
                 other's files. Add one sink and share it, or use another path",
                path.display()
            ),
            ConfigError::PathLocked { path, shared } => {
                write!(f, "{}: {}", path.display(), path_locked_reason(*shared))
            }
            ConfigError::FileName { pattern, reason } => {
                write!(f, "invalid file name {pattern:?}: {reason}")
            }
            ConfigError::NotAFile { path, kind } => write!(
                f,
                "{} is {kind}, not a regular file: a file sink writes regular files only (use \
                 the console sink or a writer sink for a terminal, a pipe or a device)",
                path.display()
            ),
            ConfigError::EmptyPath => f.write_str(
                "the file sink's path is empty: give the path of a file, such as \"logs/app.log\"",
            ),
            ConfigError::Sink(error) => error.fmt(f),
        }
    }
}

impl Error for ConfigError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            ConfigError::Format(error) => Some(error),
            ConfigError::Level(error) => Some(error),
            ConfigError::Setting(error) => Some(error),
            ConfigError::Open { source, .. } => Some(source),
            ConfigError::Sink(error) => Some(&**error),
            ConfigError::Symlink { .. }
            | ConfigError::PathInUse { .. }
            | ConfigError::PathLocked { .. }
            | ConfigError::FileName { .. }
            | ConfigError::NotAFile { .. }
            | ConfigError::EmptyPath => None,
        }
    }
}

impl From<FormatError> for ConfigError {
    fn from(error: FormatError) -> Self {
        ConfigError::Format(error)
    }
}

impl From<LevelError> for ConfigError {
    fn from(error: LevelError) -> Self {
        ConfigError::Level(error)
    }
}

impl From<SpecError> for ConfigError {
    fn from(error: SpecError) -> Self {
        ConfigError::Setting(error)
    }
}

/// Why a level could not be registered (`hlog::level(...)`) or found by name.
///
/// # Examples
///
/// ```
/// use hlog::LevelError;
///
/// let error = hlog::level("INFO", 21, "", "").unwrap_err();
/// assert_eq!(error, LevelError::Builtin { name: "INFO".into(), no: 20 });
/// assert!(matches!(hlog::level("BAD", 1, "<nope>", ""), Err(LevelError::InvalidColor { .. })));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LevelError {
    /// No level has this name: it is neither built in nor registered.
    Unknown(String),
    /// Not a level name: empty, or with spaces or control characters.
    InvalidName(String),
    /// A built-in level's name (TRACE ... CRITICAL): built-in levels cannot be registered again.
    Builtin {
        /// The name.
        name: String,
        /// The built-in level's number.
        no: u32,
    },
    /// The name is already registered with another number.
    NumberTaken {
        /// The name.
        name: String,
        /// The number it is registered with.
        registered: u32,
        /// The number asked for.
        requested: u32,
    },
    /// The colour markup does not parse.
    InvalidColor {
        /// The level's name.
        name: String,
        /// The markup as given.
        color: String,
        /// What the parser found.
        error: Box<TemplateError>,
    },
}

impl fmt::Display for LevelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LevelError::Unknown(name) => write!(
                f,
                "unknown level {name:?}: use TRACE, DEBUG, INFO, SUCCESS, WARNING, ERROR, \
                 CRITICAL, a level registered with hlog::level(), or a number"
            ),
            LevelError::InvalidName(name) => write!(
                f,
                "invalid level name {name:?}: a level name is a non-empty word without spaces"
            ),
            LevelError::Builtin { name, no } => {
                write!(f, "level {name:?} is built in (number {no}) and cannot be registered again")
            }
            LevelError::NumberTaken { name, registered, requested } => write!(
                f,
                "level {name:?} is already registered with number {registered}, not {requested}"
            ),
            LevelError::InvalidColor { name, color, error } => {
                write!(f, "invalid colour {color:?} for level {name:?}: {error}")
            }
        }
    }
}

impl Error for LevelError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            LevelError::InvalidColor { error, .. } => Some(&**error),
            _ => None,
        }
    }
}

/// A rotation, retention or compression string, or a syslog sink's setting, that is none of the
/// accepted forms. Its message quotes the input, says what kind of value was expected and lists
/// the accepted forms.
///
/// # Examples
///
/// ```
/// let error = hlog::sink::file::Rotation::parse("10 parsecs").unwrap_err();
/// assert_eq!(error.setting, "rotation");
/// assert_eq!(error.input, "10 parsecs");
/// assert!(error.to_string().starts_with("invalid rotation \"10 parsecs\""));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    /// What was being parsed: `"rotation"`, `"retention"`, `"compression"`, or a syslog
    /// sink's setting (`"syslog facility"`, `"syslog app-name"`, `"syslog address"`, …).
    pub setting: &'static str,
    /// The text as given.
    pub input: String,
    /// What is wrong with it, and the accepted forms.
    pub message: String,
}

impl SpecError {
    pub(crate) fn new(setting: &'static str, input: &str, message: impl Into<String>) -> Self {
        SpecError { setting, input: input.to_owned(), message: message.into() }
    }
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {} {:?}: {}", self.setting, self.input, self.message)
    }
}

impl Error for SpecError {}

/// A format string that does not parse: the text and every problem found in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    source: String,
    errors: Vec<TemplateError>,
}

impl FormatError {
    pub(crate) fn new(source: &str, errors: Vec<TemplateError>) -> Self {
        FormatError { source: source.to_owned(), errors }
    }

    /// Each problem, with its byte range in the format text.
    ///
    /// # Examples
    ///
    /// ```
    /// let error = hlog::Format::parse("{levle} <rde>{message}</rde>").unwrap_err();
    /// assert_eq!(error.errors().len(), 2, "{error}"); // every mistake at once
    /// assert_eq!(error.errors()[0].range, 0..7); // `{levle}`
    /// ```
    pub fn errors(&self) -> &[TemplateError] {
        &self.errors
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid format {:?}: ", self.source)?;
        for (i, error) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{error} at bytes {}..{}", error.range.start, error.range.end)?;
        }
        Ok(())
    }
}

impl Error for FormatError {}

/// Why a file sink may not write a path another process's sink holds (see
/// [`ConfigError::PathLocked`]).
pub(crate) fn path_locked_reason(shared: bool) -> &'static str {
    if shared {
        "another process's file sink rotates this file without shared(true); \
         give every process's sink .shared(true), or use one path per process"
    } else {
        "another process's file sink writes this file, and this one rotates it; \
         give every process's sink .shared(true), or use one path per process"
    }
}
