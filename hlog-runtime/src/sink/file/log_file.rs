//! The file a file sink is writing: its handle, its write buffer and when the buffer is written
//! out, its size and when it was started; and the settings files are opened with.

use std::fs::{self, File, Metadata};
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Arc;

use super::naming::Names;
use super::primitives::{
    Hold, birth, lock, mode_of, move_to_free_name, open_options, open_regular, same_file, set_mode,
    try_hold, unlock,
};
use super::spec::FileInfo;
use crate::record::Record;
use crate::sink::{Clock, Fault};
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
    /// The sink made this file (or emptied it), and its start is not settled yet: the logger's
    /// clock settles it when the sink is attached (at `add()`), else the first record does (a
    /// file opened by a record: `delay`, a reopen).
    pub fresh: bool,
    /// The logger's clock (the system clock until the sink is attached).
    pub clock: Clock,
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
    /// The lock held on each file opened, against other processes (`None`: none).
    pub hold: Option<Hold>,
    /// Another process holds a lock on the opened file that conflicts with `hold`.
    pub contended: bool,
    /// The cross-process mode (`FileSink::shared`): `None` without it.
    pub shared: Option<Box<Shared>>,
    /// The archive extension of the compression, if any (rotated names leave its names free).
    pub archive: Option<String>,
    /// The start time and counter of the last rotated name this sink claimed: a file started
    /// at the same instant takes a higher counter, never a lower one that retention freed
    /// (it would then sort as older than the files before it).
    last_rotated: Option<(Timestamp, u32)>,
}

/// A `shared` sink's part: every write-out of the buffer happens under an exclusive lock on
/// the lock file, which all the processes writing the path take, and decides there, from the
/// file at the path and its real size, whether to start a new file.
pub(super) struct Shared {
    /// `.<name>.lock` beside the log file. A child forked since shares that open file and with
    /// it the lock, so the fork hook marks it `inherited` and the child opens its own at its
    /// next write-out (see `flush_shared`).
    pub lock: fs::File,
    pub lock_path: PathBuf,
    pub inherited: bool,
    /// What rotated files are called.
    pub names: Arc<Names>,
    /// The size rule's limit, if any: checked against the file's real size, line by line.
    pub limit: Option<u64>,
    /// The configured permissions of new files.
    pub mode: Option<u32>,
    /// A time rule or a condition asks for a new file: decided at the next write-out, under
    /// the lock: unless another process started one since (the path names another file), and
    /// unless the file is empty.
    pub requested: bool,
    /// What the write-outs did, for the sink to settle: files this process rotated (for the
    /// worker), ...
    pub rotated: Vec<PathBuf>,
    /// ... a request decided, ...
    pub request_done: bool,
    /// ... and the start of a file another process started, which this one reopened.
    pub reopened: Option<Timestamp>,
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
            clock: Arc::new(Timestamp::now),
            checked_at: now.secs(),
            ever_opened: false,
            replace_deleted: false,
            follow_symlinks: false,
            hold: None,
            contended: false,
            shared: None,
            archive: None,
            last_rotated: None,
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
        self.started = if self.fresh { now } else { birth(&metadata).map_or(now, Timestamp::from) };
        settings.truncate = false;
        if let Some(hold) = self.hold {
            self.contended |= !try_hold(&file, hold);
        }
        if let Some(shared) = &mut self.shared {
            // A `watch` reopen: the file may be one another process started (see `reopened`).
            shared.reopened = Some(birth(&metadata).map_or(now, Timestamp::from));
        }
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
        if self.shared.is_some() {
            // Written out like a buffer: under the lock, whole lines.
            self.buffer.extend_from_slice(line);
            return self.flush();
        }
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
        let mut settings = self.settings_for_new_file(mode_of(&metadata));
        self.file = None;
        self.open(&mut settings, (self.clock)())?;
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
        if let Some(mut shared) = self.shared.take() {
            let result = self.flush_shared(&mut shared);
            self.shared = Some(shared);
            return result;
        }
        if self.buffer.is_empty() {
            return Ok(());
        }
        self.replace_if_deleted()?;
        let Some(file) = &mut self.file else {
            return Err(not_open());
        };
        let (written, result) = write_counted(file, &self.buffer);
        self.buffer.drain(..written);
        self.keep_for_retry(result)
    }

    /// What did not reach the file stays for the next attempt (a full disk may free up), up
    /// to a bound, so a file that stays broken cannot eat the memory.
    fn keep_for_retry(&mut self, result: io::Result<()>) -> io::Result<()> {
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

impl LogFile {
    /// A `shared` sink's write-out, under the lock: follow the path to the file there now,
    /// decide a requested rotation, then write the buffer in whole lines, starting a new file
    /// whenever the next line would take the real size past the limit.
    fn flush_shared(&mut self, shared: &mut Shared) -> io::Result<()> {
        if self.buffer.is_empty() && !shared.requested {
            return Ok(());
        }
        if shared.inherited {
            // A forked child: a lock taken through its parent's open file would not keep the
            // two apart (`flock` locks belong to the open file, which `fork` shares).
            let mut options = open_options(self.follow_symlinks, None);
            shared.lock = options.read(true).write(true).open(&shared.lock_path)?;
            shared.inherited = false;
        }
        lock(&shared.lock)?;
        let result = self.write_out_locked(shared);
        let _ = unlock(&shared.lock);
        result
    }

    fn write_out_locked(&mut self, shared: &mut Shared) -> io::Result<()> {
        let now = (self.clock)();
        let reopened = self.follow_locked(shared, now)?;
        let mut real = self.file.as_ref().ok_or_else(not_open)?.metadata()?.len();
        let mut limit = shared.limit;
        if std::mem::take(&mut shared.requested) {
            shared.request_done = true;
            // Another process started a new file since: it won; this one writes into it.
            if !reopened && real > 0 {
                match self.rotate_locked(shared, now) {
                    Ok(()) => real = 0,
                    Err(error) => self.rotation_failed(&error),
                }
            }
        }
        let mut written = 0;
        let result = loop {
            let rest = &self.buffer[written..];
            if rest.is_empty() {
                break Ok(());
            }
            let room = limit.map_or(u64::MAX, |limit| limit.saturating_sub(real));
            let mut chunk = whole_lines_within(rest, room);
            if chunk == 0 {
                if real > 0 {
                    match self.rotate_locked(shared, now) {
                        Ok(()) => real = 0,
                        Err(error) => {
                            self.rotation_failed(&error);
                            limit = None;
                        }
                    }
                    continue;
                }
                // An empty file takes a line longer than the limit.
                chunk = rest.iter().position(|&b| b == b'\n').map_or(rest.len(), |i| i + 1);
            }
            let file = self.file.as_mut().ok_or_else(not_open)?;
            let (n, result) = write_counted(file, &rest[..chunk]);
            written += n;
            real += n as u64;
            if result.is_err() {
                break result;
            }
        };
        self.buffer.drain(..written);
        self.size = real + self.buffer.len() as u64;
        self.keep_for_retry(result)
    }

    /// Under the lock: if the path no longer names the open file (another process rotated
    /// it, or it was moved or deleted), open the file there. Whether it did.
    fn follow_locked(&mut self, shared: &mut Shared, now: Timestamp) -> io::Result<bool> {
        let mut mode = shared.mode;
        if let Some(file) = &self.file {
            let open = file.metadata();
            mode = mode.or_else(|| open.as_ref().ok().and_then(mode_of));
            match check_path(open, fs::metadata(&self.path)) {
                PathCheck::Same | PathCheck::Unknown(_) => return Ok(false),
                PathCheck::Replaced => self.file = None,
            }
        }
        let mut settings = self.settings_for_new_file(mode);
        self.open(&mut settings, now)?;
        let started = self.file.as_ref().and_then(|f| f.metadata().ok()).and_then(|m| birth(&m));
        shared.reopened = Some(started.map_or(now, Timestamp::from));
        Ok(true)
    }

    /// Under the lock: move the file at the path (the open one) to its rotated name, named by
    /// its start on disk (another process may have started it), and open a new one.
    fn rotate_locked(&mut self, shared: &mut Shared, now: Timestamp) -> io::Result<()> {
        let metadata = self.file.as_ref().ok_or_else(not_open)?.metadata()?;
        let started = birth(&metadata).map_or(self.started, Timestamp::from);
        let rotated = self.move_aside(&shared.names, started)?;
        shared.rotated.push(rotated);
        self.file = None;
        let mode = shared.mode.or_else(|| mode_of(&metadata));
        let mut settings = self.settings_for_new_file(mode);
        self.open(&mut settings, now)
    }

    /// Move the file at `path` (started at `started`) to the first free rotated name for that
    /// time, and return that name. Its counter comes after every name of that time in the
    /// folder (another process's or sink's too) and after the last one this sink claimed, so
    /// a name that retention freed is not taken again.
    pub(super) fn move_aside(&mut self, names: &Names, started: Timestamp) -> io::Result<PathBuf> {
        let mut first = names.next_counter(&self.path, started);
        if let Some((last, counter)) = self.last_rotated {
            if last == started {
                first = first.max(counter.saturating_add(1));
            }
        }
        let archive = self.archive.as_deref();
        let rotated = move_to_free_name(
            &self.path,
            names.rotated_paths_from(&self.path, started, archive, first),
        )?;
        self.last_rotated = Some((started, names.counter_of(&self.path, &rotated)));
        Ok(rotated)
    }

    /// How a file this sink starts by itself (after a deletion, another process's rotation, its
    /// own shared rotation) is opened: never truncated, with `mode`.
    fn settings_for_new_file(&self, mode: Option<u32>) -> Settings {
        Settings { truncate: false, follow_symlinks: self.follow_symlinks, mode, watch: true }
    }

    /// A rotation failed: said once; the sink writes on to the current file.
    #[cold]
    pub(super) fn rotation_failed(&self, error: &io::Error) {
        crate::report::report_once(format_args!(
            "file sink {}: rotation failed ({error}); writing on to the current file",
            self.path.display()
        ));
    }
}

/// Write `bytes` to `file`, as far as it goes: how many were written, and why not all.
fn write_counted(file: &mut fs::File, bytes: &[u8]) -> (usize, io::Result<()>) {
    let mut written = 0;
    while written < bytes.len() {
        match file.write(&bytes[written..]) {
            Ok(0) => return (written, Err(io::Error::from(io::ErrorKind::WriteZero))),
            Ok(n) => written += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return (written, Err(e)),
        }
    }
    (written, Ok(()))
}

/// The length of the longest run of whole lines at the start of `bytes` that fits in `room`
/// bytes (0 if the first line does not).
fn whole_lines_within(bytes: &[u8], room: u64) -> usize {
    if bytes.len() as u64 <= room {
        return bytes.len();
    }
    let room = room as usize; // less than bytes.len()
    bytes[..room].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)
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

    /// A `shared` sink fills a file up to the limit with whole lines only.
    #[test]
    fn whole_lines_fit_the_room_left() {
        let lines = b"aaaa\nbbbb\ncc\n";
        assert_eq!(whole_lines_within(lines, 100), 13);
        assert_eq!(whole_lines_within(lines, 13), 13);
        assert_eq!(whole_lines_within(lines, 12), 10);
        assert_eq!(whole_lines_within(lines, 10), 10);
        assert_eq!(whole_lines_within(lines, 9), 5);
        assert_eq!(whole_lines_within(lines, 4), 0);
        assert_eq!(whole_lines_within(lines, 0), 0);
        assert_eq!(whole_lines_within(b"", 0), 0);
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
