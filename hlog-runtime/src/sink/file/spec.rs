//! What rotation, retention and compression settings share: the error for a string that is
//! none of the accepted forms (defined with the other errors), and what a closure is told about
//! the current file.

use std::path::Path;

pub use crate::error::SpecError;
use crate::time::Timestamp;

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
