//! Parse errors: what is wrong, where (a byte range in the source) and how to fix it.

use std::fmt;
use std::ops::Range;

/// A problem found in a template, format, spec or time pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// What kind of problem.
    pub kind: ErrorKind,
    /// Byte range in the parsed text that the problem is about.
    pub range: Range<usize>,
    /// One-line description, quoting the offending text.
    pub message: String,
    /// How to fix it, when there is something useful to say.
    pub help: Option<String>,
}

/// The kinds of [`Error`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// `{` with no matching `}`.
    UnclosedPlaceholder,
    /// A `}` that closes nothing (write `}}` for a literal brace).
    UnmatchedBrace,
    /// The text between `{` and `}` is not `name`, `index` or empty (plus accessors and spec).
    InvalidPlaceholder,
    /// The format spec after `:` is not valid.
    InvalidSpec,
    /// `<name>` where `name` is not a known tag.
    UnknownTag {
        /// The tag's name as written.
        name: String,
    },
    /// A tag opened and never closed.
    UnclosedTag {
        /// The tag's name as written.
        name: String,
    },
    /// `</name>` (or `</>`) with no open tag of that name.
    UnexpectedClose {
        /// The closing tag's name as written (empty for `</>`).
        name: String,
    },
    /// A bad colour value: `#hex`, 0–255 index or `R,G,B` out of range or malformed.
    InvalidColor,
    /// A malformed time pattern (for example an unclosed `[`).
    InvalidTime,
    /// The text is longer than [`MAX_LEN`](crate::MAX_LEN) bytes: nothing of it is parsed.
    TooLong {
        /// The most bytes accepted.
        max: usize,
    },
    /// More than [`MAX_DEPTH`](crate::MAX_DEPTH) tags are open at once: parsing stops at the
    /// tag that would open one more.
    TooDeep {
        /// The most tags open at once.
        max: usize,
    },
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, range: Range<usize>, message: impl Into<String>) -> Self {
        Error { kind, range, message: message.into(), help: None }
    }

    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The same error with its range moved by `offset` bytes (for text parsed out of a larger
    /// source, such as a spec inside a placeholder).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog_template::parse;
    ///
    /// // A template found at byte 10 of a larger text: its errors point into that text.
    /// let error = parse("<nope>").unwrap_err().remove(0).offset(10);
    /// assert_eq!(error.range, 10..16);
    /// ```
    pub fn offset(mut self, offset: usize) -> Self {
        self.range = self.range.start + offset..self.range.end + offset;
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(help) = &self.help {
            write!(f, " (help: {help})")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}
