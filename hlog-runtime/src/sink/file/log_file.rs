//! The file a file sink is writing: its handle, its write buffer and when the buffer is written
//! out, its size and when it was started; and the settings files are opened with.

use std::fs::{self, File, Metadata};
use std::io::{self, Write};
use std::path::PathBuf;

use super::primitives::{mode_of, open_options, same_file, set_mode};
use super::spec::FileInfo;
use crate::record::Record;
use crate::sink::Fault;
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
    /// Before each write to the file, check that it was not deleted; if it was, start a new
    /// one at the path and write there (`watch`).
    pub replace_deleted: bool,
    /// Open a replacement through a symlink at the path.
    pub follow_symlinks: bool,
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
            replace_deleted: false,
            follow_symlinks: false,
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
    /// keeps its start time (birth time, else last write), unless truncated.
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
        let file = options.open(&self.path)?;
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
    /// deleted), start a new one there. A path that cannot be checked (a folder made
    /// unreadable) keeps the open file, and says so once.
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
        match check_path(file.metadata(), fs::metadata(&self.path)) {
            PathCheck::Same => Ok(()),
            PathCheck::Replaced => self.reopen(settings, now),
            PathCheck::Unknown(error) => {
                crate::report::report_once(format_args!(
                    "file sink {}: cannot check the path ({error}); writing on to the open file",
                    self.path.display()
                ));
                Ok(())
            }
        }
    }

    /// Whether records are buffered at all.
    pub(super) fn buffers(&self) -> bool {
        self.capacity > 0
    }

    /// Records from now on are written at once, unbuffered (after the exit flush).
    pub(super) fn write_through(&mut self) {
        self.capacity = 0;
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
        // (A failed flush before the line is taken loses the line: a plain error, or a fault
        // counting the buffered lines it dropped.)
        if !self.buffer.is_empty() && self.buffer.len() + line.len() > self.capacity {
            self.flush()?;
        }
        self.size += line.len() as u64;
        if line.len() > self.capacity {
            self.write_now(line)?;
        } else {
            if self.buffer.is_empty() {
                self.buffered_since = now.secs();
            }
            self.buffer.extend_from_slice(line);
            if self.buffer.len() == self.capacity
                || record.level().no() >= self.flush_on
                || now.secs() != self.buffered_since
            {
                self.flush().map_err(line_taken)?;
            }
        }
        Ok(())
    }

    /// Write a line around the buffer (too long for it, or no buffer).
    #[inline(never)]
    fn write_now(&mut self, line: &[u8]) -> io::Result<()> {
        if self.replace_if_deleted()? {
            self.size += line.len() as u64;
        }
        self.file.as_mut().ok_or_else(not_open)?.write_all(line)
    }

    /// With `watch`: if the open file was deleted (by hand, or with its folder), start a new
    /// one at the path, so that what is written next is not written into a file nobody can
    /// read. One `fstat` a write to the file (not a record: a buffer's worth).
    fn replace_if_deleted(&mut self) -> io::Result<bool> {
        if !self.replace_deleted {
            return Ok(false);
        }
        let Some(file) = &self.file else { return Ok(false) };
        let Ok(metadata) = file.metadata() else { return Ok(false) };
        if !is_deleted(&metadata) {
            return Ok(false);
        }
        let mut settings = Settings {
            truncate: false,
            follow_symlinks: self.follow_symlinks,
            mode: mode_of(&metadata),
            watch: true,
        };
        self.file = None;
        self.open(&mut settings, Timestamp::now())?;
        // The buffered bytes were counted in the old file's size; they go into this one.
        self.size += self.buffer.len() as u64;
        crate::report::report_once(format_args!(
            "file sink {}: the file was deleted while open; a new one was started at its path \
             (nothing buffered was lost)",
            self.path.display()
        ));
        Ok(true)
    }

    /// Write the buffer to the file. When the file keeps refusing and the buffer is dropped,
    /// the error is a [`Fault`] counting the records (lines) dropped.
    pub(super) fn flush(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        self.replace_if_deleted()?;
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
        match result {
            Err(error) if self.buffer.len() > RETAINED_ON_ERROR => {
                // A line partly written is lost too: it ends in what is dropped.
                let lines = self.buffer.iter().filter(|&&b| b == b'\n').count() as u64;
                self.buffer.clear();
                Err(Fault::error(error, false, lines))
            }
            result => result,
        }
    }
}

fn not_open() -> io::Error {
    io::Error::other("the log file is not open")
}

/// A failed flush after the record's line joined the buffer: the line is kept for a retry
/// (the record counts as written), unless the buffer was dropped with it (then it is lost
/// with the others).
#[cold]
fn line_taken(error: io::Error) -> io::Error {
    match Fault::of(&error).map(Fault::lost_count) {
        Some(lines) => Fault::lost(error, lines.saturating_sub(1)),
        None => Fault::record_kept(error),
    }
}

/// Whether the open file has been deleted: no name links to it any more.
fn is_deleted(metadata: &Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        metadata.nlink() == 0
    }
    #[cfg(not(unix))]
    {
        let _ = metadata;
        false
    }
}

/// What the path of the open file names now.
#[derive(Debug)]
enum PathCheck {
    /// The open file.
    Same,
    /// Nothing (moved or deleted), or another file: start a new file there.
    Replaced,
    /// Cannot tell (a folder made unreadable, say): keep writing to the open file.
    Unknown(io::Error),
}

/// Decide from the open file's metadata and the path's: only "not found" or a different file
/// at the path means the file was moved or deleted.
fn check_path(open: io::Result<Metadata>, at_path: io::Result<Metadata>) -> PathCheck {
    match (open, at_path) {
        (Ok(open), Ok(at_path)) => match same_file(&open, &at_path) {
            Some(false) => PathCheck::Replaced,
            _ => PathCheck::Same,
        },
        (Ok(_), Err(error)) if error.kind() == io::ErrorKind::NotFound => PathCheck::Replaced,
        (Ok(_), Err(error)) | (Err(error), _) => PathCheck::Unknown(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sink::file::test_dir::TempDir;

    fn check(at_path: io::Result<Metadata>, open: &Path) -> String {
        format!("{:?}", check_path(fs::metadata(open), at_path))
    }

    use std::path::Path;

    /// A folder made unreadable (`chmod 000`: EACCES) is not a moved file: the open file is
    /// kept. Only "not found" or another file at the path start a new file.
    #[test]
    fn only_a_missing_or_different_file_is_moved() {
        let dir = TempDir::new("check-path");
        let (a, b) = (dir.join("a.log"), dir.join("b.log"));
        fs::write(&a, b"a").unwrap();
        fs::write(&b, b"b").unwrap();
        assert_eq!(check(fs::metadata(&a), &a), "Same");
        assert_eq!(check(fs::metadata(&b), &a), "Replaced");
        assert_eq!(check(Err(io::ErrorKind::NotFound.into()), &a), "Replaced");
        for kind in [
            io::ErrorKind::PermissionDenied,
            io::ErrorKind::NotADirectory,
            io::ErrorKind::Interrupted,
            io::ErrorKind::Other,
        ] {
            let verdict = check_path(fs::metadata(&a), Err(kind.into()));
            assert!(matches!(&verdict, PathCheck::Unknown(e) if e.kind() == kind), "{verdict:?}");
        }
        let verdict = check_path(Err(io::ErrorKind::Other.into()), fs::metadata(&a));
        assert!(matches!(verdict, PathCheck::Unknown(_)), "{verdict:?}");
    }

    /// What `stats()` is told when the file keeps refusing: a line that joined the buffer is
    /// kept for a retry; when the buffer outgrows the retry bound it is dropped, and the fault
    /// counts its lines (the record at hand among them: lost, not kept).
    #[cfg(target_os = "linux")]
    #[test]
    fn a_refusing_file_keeps_then_drops_and_counts_lines() {
        use crate::callsite::Callsite;
        use crate::level::Level;
        use crate::message::Message;

        static CALLSITE: Callsite = Callsite::new("tests", "log_file.rs", 1, "t", || "tests");
        let now = Timestamp::now();
        let (info, error) = (Level::INFO, Level::ERROR);
        let at = |level| Record::new(now, level, &CALLSITE, Message::Static("m"), &[]);
        let line = [b'x'; 99].iter().copied().chain([b'\n']).collect::<Vec<u8>>();

        let mut file = LogFile::new("/dev/full".into(), 5 << 20, Level::ERROR.no(), now);
        file.file = Some(fs::OpenOptions::new().write(true).open("/dev/full").unwrap());
        // Small: the failed flush keeps the buffer, and the record with it.
        file.write(&line, &at(&info), now).unwrap();
        let kept = file.write(&line, &at(&error), now).unwrap_err();
        assert_eq!(kept.kind(), io::ErrorKind::StorageFull);
        let fault = Fault::of(&kept).expect("a fault");
        assert!(fault.kept() && fault.lost_count() == 0);
        assert_eq!(file.buffer.len(), 2 * line.len());
        // Past the retry bound (4 MiB): dropped, every line counted, this one among them.
        let lines = RETAINED_ON_ERROR / line.len() + 1;
        for _ in 2..lines {
            file.write(&line, &at(&info), now).unwrap();
        }
        let dropped = file.write(&line, &at(&error), now).unwrap_err();
        let fault = Fault::of(&dropped).expect("a fault");
        assert!(!fault.kept());
        assert_eq!(fault.lost_count(), lines as u64, "the others; this record is the one more");
        assert!(file.buffer.is_empty());
    }
}
