//! The file a file sink is writing: its handle, its write buffer and when the buffer is written
//! out, its size and when it was started; and the settings files are opened with.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::PathBuf;

use super::primitives::{mode_of, open_options, open_regular, same_file, set_mode};
use super::spec::FileInfo;
use crate::record::Record;
use crate::time::Timestamp;

/// Bytes kept for a retry when the file refuses a write.
const RETAINED_ON_ERROR: usize = 4 << 20;

/// How a sink opens its files and watches their path.
pub(super) struct Settings {
    /// Empty the file when it is opened: the first file only (later ones start empty anyway).
    pub truncate: bool,
    /// Open through a symlink at the path.
    pub follow_symlinks: bool,
    /// Permissions of new files: the configured ones, else, after a rotation, those of the
    /// file it replaced.
    pub mode: Option<u32>,
    /// Start a new file at the path when the file was moved or deleted (checked at most once a
    /// second).
    pub watch: bool,
}

/// The file being written, with its buffer.
pub(super) struct LogFile {
    pub path: PathBuf,
    /// `None` until opened (`delay`, a dated name, or a reopen that failed).
    file: Option<File>,
    buffer: Vec<u8>,
    /// The most the buffer holds (0: every record is written at once).
    capacity: usize,
    /// Records at this level number and above are written at once.
    flush_on: u32,
    /// The second of the oldest buffered record: the buffer is written once a second.
    buffered_since: i64,
    /// Bytes in the file, buffered ones included.
    pub size: u64,
    pub started: Timestamp,
    /// The sink made this file (or emptied it) and nothing is in it yet: it starts with its
    /// first record (so a file added before a frozen or replayed clock starts on that clock).
    pub fresh: bool,
    /// The second at which the path was last checked, for `watch`.
    pub checked_at: i64,
    /// This sink has opened a file at `path`: only then may closing compress what is there
    /// (a failed `add()` or a `delay`ed sink that never wrote leaves the path alone, as loguru
    /// does).
    pub ever_opened: bool,
}

impl LogFile {
    /// The file at `path`, not opened yet, with a buffer of `capacity` bytes that records at
    /// level number `flush_on` and above write out at once.
    pub(super) fn new(path: PathBuf, capacity: usize, flush_on: u32, now: Timestamp) -> LogFile {
        LogFile {
            path,
            file: None,
            buffer: Vec::with_capacity(capacity),
            capacity,
            flush_on,
            buffered_since: now.secs(),
            size: 0,
            started: now,
            fresh: true,
            checked_at: now.secs(),
            ever_opened: false,
        }
    }

    #[inline]
    pub(super) fn is_open(&self) -> bool {
        self.file.is_some()
    }

    /// What rotation closures are told about the file.
    pub(super) fn info(&self) -> FileInfo<'_> {
        FileInfo { path: &self.path, size: self.size, started: self.started }
    }

    /// The permission bits of the open file.
    pub(super) fn mode(&self) -> Option<u32> {
        self.file.as_ref().and_then(|f| f.metadata().ok()).and_then(|m| mode_of(&m))
    }

    /// Open (or create, with its folders) the file at `path`; a file that was already there
    /// keeps its start time (birth time, else last write), unless truncated. Anything at the
    /// path that is not a regular file (a FIFO, a device, a folder) is refused without
    /// blocking.
    pub(super) fn open(&mut self, settings: &mut Settings, now: Timestamp) -> io::Result<()> {
        if let Some(dir) = self.path.parent() {
            fs::create_dir_all(dir)?;
        }
        let mut options = open_options(settings.follow_symlinks, settings.mode);
        options.create(true);
        if settings.truncate {
            options.write(true).truncate(true);
        } else {
            options.append(true);
        }
        let existed = fs::symlink_metadata(&self.path).is_ok();
        // Not blocking on a FIFO, and refused unless it is a regular file.
        let file = open_regular(options, settings.follow_symlinks, &self.path)?;
        let metadata = file.metadata()?;
        if let Some(mode) = settings.mode {
            set_mode(&file, mode)?;
        }
        self.size = metadata.len();
        self.fresh = !existed || settings.truncate || self.size == 0;
        self.started = if self.fresh {
            now
        } else {
            metadata.created().or_else(|_| metadata.modified()).map(Timestamp::from).unwrap_or(now)
        };
        settings.truncate = false;
        self.file = Some(file);
        self.ever_opened = true;
        Ok(())
    }

    /// Write the buffer out, close the file and open the one at `path` (which the caller may
    /// have changed).
    pub(super) fn reopen(&mut self, settings: &mut Settings, now: Timestamp) -> io::Result<()> {
        self.flush()?;
        self.file = None;
        self.open(settings, now)
    }

    /// Write the buffer out (as far as it goes) and close the file.
    pub(super) fn close(&mut self) {
        let _ = self.flush();
        self.file = None;
    }

    /// `watch`, at most once a second: if the path no longer names this file (moved or
    /// deleted), start a new one there.
    pub(super) fn follow_path(
        &mut self,
        settings: &mut Settings,
        now: Timestamp,
    ) -> io::Result<()> {
        if !settings.watch || now.secs() == self.checked_at {
            return Ok(());
        }
        self.checked_at = now.secs();
        let Some(file) = &self.file else { return Ok(()) };
        let still_there = match (file.metadata(), fs::metadata(&self.path)) {
            (Ok(open), Ok(at_path)) => same_file(&open, &at_path).unwrap_or(true),
            _ => false,
        };
        if still_there { Ok(()) } else { self.reopen(settings, now) }
    }

    /// Append a record's line, writing the buffer out when it is full, a second old, or the
    /// record's level asks for it.
    #[inline]
    pub(super) fn write(
        &mut self,
        line: &[u8],
        record: &Record<'_>,
        now: Timestamp,
    ) -> io::Result<()> {
        // The buffer never grows past its size: make room first, and write a line too long for
        // it straight through.
        if !self.buffer.is_empty() && self.buffer.len() + line.len() > self.capacity {
            self.flush()?;
        }
        self.size += line.len() as u64;
        if line.len() > self.capacity {
            let file = self.file.as_mut().ok_or_else(not_open)?;
            file.write_all(line)?;
        } else {
            if self.buffer.is_empty() {
                self.buffered_since = now.secs();
            }
            self.buffer.extend_from_slice(line);
            if self.buffer.len() == self.capacity
                || record.level().no() >= self.flush_on
                || now.secs() != self.buffered_since
            {
                self.flush()?;
            }
        }
        Ok(())
    }

    /// Write the buffer to the file.
    pub(super) fn flush(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let Some(file) = &mut self.file else {
            return Err(not_open());
        };
        let mut written = 0;
        let result = loop {
            match file.write(&self.buffer[written..]) {
                Ok(0) => break Err(io::Error::from(io::ErrorKind::WriteZero)),
                Ok(n) => {
                    written += n;
                    if written == self.buffer.len() {
                        break Ok(());
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => break Err(e),
            }
        };
        // What did not reach the file stays for the next attempt (a full disk may free up),
        // up to a bound, so a file that stays broken cannot eat the memory.
        self.buffer.drain(..written);
        if result.is_err() && self.buffer.len() > RETAINED_ON_ERROR {
            self.buffer.clear();
        }
        result
    }
}

fn not_open() -> io::Error {
    io::Error::other("the log file is not open")
}
