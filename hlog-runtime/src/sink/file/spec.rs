//! What rotation, retention and compression settings share: the error for a string that is
//! none of the accepted forms, and what a closure is told about the current file.

use std::fmt;
use std::path::Path;

use crate::time::Timestamp;

/// A rotation, retention or compression string that is none of the accepted forms. Its message
/// quotes the input, says what kind of value was expected and lists the accepted forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    /// What was being parsed: `"rotation"`, `"retention"` or `"compression"`.
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

impl std::error::Error for SpecError {}

/// The file a [`crate::sink::FileSink`] is writing, as rotation closures see it.
#[derive(Debug, Clone, Copy)]
pub struct FileInfo<'a> {
    /// Its path.
    pub path: &'a Path,
    /// Bytes in it so far.
    pub size: u64,
    /// When it was started (created, or first written by this sink).
    pub started: Timestamp,
}
