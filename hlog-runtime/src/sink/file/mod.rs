//! The file sink: append to a file, rotate it by size or time, keep or delete old files, and
//! compress them on a background thread — with loguru's rules and without its data losses
//! (see FILESINK.md in the design notes).
//!
//! ```no_run
//! use hlog::sink::FileSink;
//!
//! hlog::add(
//!     FileSink::new("logs/app.log")
//!         .rotation("10 MB")
//!         .retention("7 days")
//!         .compression("gz"),
//! )
//! .install()
//! .unwrap();
//! ```

pub mod compression;
mod naming;
mod primitives;
pub mod retention;
pub mod rotation;
mod spec;
#[cfg(test)]
mod test_dir;
mod worker;

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub use compression::Compression;
pub use naming::DEFAULT_NAMING;
pub use retention::Retention;
pub use rotation::{Frequency, Rotation, TimeOfDay, Weekday};
pub use spec::{FileInfo, SpecError};

use self::naming::Naming;
use self::primitives::{
    NAMES_TRIED, is_symlink_refusal, is_taken, mode_of, move_to_free_name, open_options, same_file,
    set_mode,
};
use self::rotation::RotationState;
use self::worker::{Matcher, Policies, Worker};
use super::Sink;
use crate::error::ConfigError;
use crate::record::Record;
use crate::time::{Timestamp, Zone};

/// A sink that writes to a file. `hlog::add("logs/app.log")` makes one with the defaults;
/// `FileSink::new(path)` sets more.
///
/// Defaults: append to the file (created with its folders), a 64 KiB write buffer flushed when
/// full, once a second, on `hlog::complete()`, at exit, and at once for ERROR and above; no
/// rotation; the file is reopened if something moves or deletes it (checked at most once a
/// second); a symlink at the path is refused.
///
/// # Examples
///
/// ```
/// use hlog::sink::FileSink;
///
/// let dir = std::env::temp_dir().join(format!("hlog-doc-{}", std::process::id()));
/// let logger = hlog::Logger::new();
/// logger
///     .add(FileSink::new(dir.join("app.log")).rotation("10 MB").retention(5).buffer_size(0))
///     .format("{level} {message}")
///     .install()
///     .unwrap();
/// hlog::info!(logger, "to the file");
/// assert_eq!(std::fs::read_to_string(dir.join("app.log")).unwrap(), "INFO to the file\n");
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
#[must_use = "a FileSink does nothing until it is added: hlog::add(sink).install()"]
pub struct FileSink {
    path: PathBuf,
    rotation: Option<Result<Rotation, SpecError>>,
    retention: Option<Result<Retention, SpecError>>,
    compression: Option<Result<Compression, SpecError>>,
    naming: String,
    truncate: bool,
    buffer_size: usize,
    flush_on: u32,
    delay: bool,
    watch: bool,
    follow_symlinks: bool,
    mode: Option<u32>,
    zone: Option<Zone>,
}

/// Values accepted where a setting can be a string or a typed value.
pub trait IntoSetting<T> {
    /// The setting, or why the string is none of the accepted forms.
    fn into_setting(self) -> Result<T, SpecError>;
}

macro_rules! string_settings {
    ($($ty:ty => $parse:path),*) => {$(
        impl IntoSetting<$ty> for &str {
            fn into_setting(self) -> Result<$ty, SpecError> {
                $parse(self)
            }
        }
        impl IntoSetting<$ty> for String {
            fn into_setting(self) -> Result<$ty, SpecError> {
                $parse(&self)
            }
        }
        impl IntoSetting<$ty> for $ty {
            fn into_setting(self) -> Result<$ty, SpecError> {
                Ok(self)
            }
        }
    )*};
}

string_settings!(Rotation => Rotation::parse, Retention => Retention::parse, Compression => Compression::parse);

impl IntoSetting<Rotation> for std::time::Duration {
    fn into_setting(self) -> Result<Rotation, SpecError> {
        Ok(Rotation::from(self))
    }
}

impl IntoSetting<Rotation> for u64 {
    fn into_setting(self) -> Result<Rotation, SpecError> {
        Ok(Rotation::from(self))
    }
}

impl IntoSetting<Retention> for std::time::Duration {
    fn into_setting(self) -> Result<Retention, SpecError> {
        Ok(Retention::from(self))
    }
}

impl IntoSetting<Retention> for usize {
    fn into_setting(self) -> Result<Retention, SpecError> {
        Ok(Retention::from(self))
    }
}

impl FileSink {
    /// A file sink writing to `path` (made absolute now, so a later `chdir` changes nothing).
    /// A `{time:...}` placeholder in the file name is filled in when each file is opened
    /// (`"logs/app_{time:YYYY-MM-DD}.log"`).
    pub fn new(path: impl AsRef<Path>) -> Self {
        let path = path.as_ref();
        FileSink {
            path: std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()),
            rotation: None,
            retention: None,
            compression: None,
            naming: DEFAULT_NAMING.to_owned(),
            truncate: false,
            buffer_size: 64 * 1024,
            flush_on: crate::Level::ERROR.no(),
            delay: false,
            watch: true,
            follow_symlinks: false,
            mode: None,
            zone: None,
        }
    }

    /// When to start a new file: `"10 MB"`, `"1 day"`, `"00:00"`, `"monday at 12:00"`,
    /// `"daily"`, a [`Rotation`], a `Duration` or a size in bytes.
    pub fn rotation(mut self, rotation: impl IntoSetting<Rotation>) -> Self {
        self.rotation = Some(rotation.into_setting());
        self
    }

    /// Which rotated files to keep: `"7 days"`, a count (`5`), or a [`Retention`].
    pub fn retention(mut self, retention: impl IntoSetting<Retention>) -> Self {
        self.retention = Some(retention.into_setting());
        self
    }

    /// Compress rotated files: `"gz"`, `"bz2"`, `"xz"`, `"zip"`, `"tar.gz"`, … or a
    /// [`Compression`]. Done on a background thread.
    pub fn compression(mut self, compression: impl IntoSetting<Compression>) -> Self {
        self.compression = Some(compression.into_setting());
        self
    }

    /// How rotated files are named, default [`DEFAULT_NAMING`]:
    /// `{root}.{time:YYYY-MM-DD_HH-mm-ss_SSSSSS}{ext}`.
    pub fn naming(mut self, pattern: impl Into<String>) -> Self {
        self.naming = pattern.into();
        self
    }

    /// Empty the file when the sink starts, instead of appending.
    pub fn truncate(mut self, truncate: bool) -> Self {
        self.truncate = truncate;
        self
    }

    /// Bytes buffered before a write to the file (default 64 KiB); 0 writes every record at
    /// once.
    pub fn buffer_size(mut self, bytes: usize) -> Self {
        self.buffer_size = bytes;
        self
    }

    /// Records at this level and above reach the file at once (default ERROR).
    pub fn flush_on(mut self, level: crate::Level) -> Self {
        self.flush_on = level.no();
        self
    }

    /// Create the file with the first record rather than when the sink is added.
    pub fn delay(mut self, delay: bool) -> Self {
        self.delay = delay;
        self
    }

    /// Reopen the file when it was moved or deleted (default on; checked at most once a
    /// second, on a write).
    pub fn watch(mut self, watch: bool) -> Self {
        self.watch = watch;
        self
    }

    /// Allow a symlink at the path (refused by default: it could send logs anywhere).
    pub fn follow_symlinks(mut self, follow: bool) -> Self {
        self.follow_symlinks = follow;
        self
    }

    /// Permissions of new files and archives (default `0o666` less the umask).
    pub fn permissions(mut self, mode: u32) -> Self {
        self.mode = Some(mode);
        self
    }

    /// The time zone of time-based rotation and of rotated names (default: the local one).
    pub fn zone(mut self, zone: Zone) -> Self {
        self.zone = Some(zone);
        self
    }
}

impl super::IntoSink for FileSink {
    fn into_sink(self) -> Result<Box<dyn Sink>, crate::ConfigError> {
        FileWriter::open(self).map(|w| Box::new(w) as Box<dyn Sink>)
    }
}

impl super::IntoSink for &str {
    fn into_sink(self) -> Result<Box<dyn Sink>, crate::ConfigError> {
        FileSink::new(self).into_sink()
    }
}

impl super::IntoSink for String {
    fn into_sink(self) -> Result<Box<dyn Sink>, crate::ConfigError> {
        FileSink::new(self).into_sink()
    }
}

impl super::IntoSink for &Path {
    fn into_sink(self) -> Result<Box<dyn Sink>, crate::ConfigError> {
        FileSink::new(self).into_sink()
    }
}

impl super::IntoSink for PathBuf {
    fn into_sink(self) -> Result<Box<dyn Sink>, crate::ConfigError> {
        FileSink::new(self).into_sink()
    }
}

/// Bytes kept for a retry when the file refuses a write.
const RETAINED_ON_ERROR: usize = 4 << 20;

/// Paths of this process's rotating file sinks: a second one on the same path would rename the
/// first one's files.
static ROTATING: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);

/// The running sink.
struct FileWriter {
    /// The path as configured (may hold `{time}`).
    template: PathBuf,
    /// The file name holds `{time}`: each file's name comes from its first record's time.
    dated: bool,
    /// The path of the current file.
    path: PathBuf,
    file: Option<File>,
    buffer: Vec<u8>,
    buffer_size: usize,
    /// The second of the oldest buffered record: the buffer is written once a second.
    buffered_since: i64,
    /// Bytes in the current file, buffered ones included.
    size: u64,
    started: Timestamp,
    /// The sink made this file (or emptied it) and nothing is in it yet: it starts with its
    /// first record (so a file added before a frozen or replayed clock starts on that clock).
    fresh: bool,
    /// No record written yet: the rotation schedule is anchored by the first one.
    anchor: bool,
    rotation: Option<RotationState>,
    naming: Naming,
    zone: Zone,
    truncate: bool,
    flush_on: u32,
    watch: bool,
    /// The second at which the path was last checked, for `watch`.
    watched_at: i64,
    follow_symlinks: bool,
    mode: Option<u32>,
    worker: Worker,
}

impl FileWriter {
    fn open(config: FileSink) -> Result<FileWriter, ConfigError> {
        let rotation = config.rotation.transpose()?;
        let retention = config.retention.transpose()?;
        let compression = config.compression.transpose()?;
        if let Some(rotation) = &rotation {
            rotation.validate()?;
        }
        if let Some(retention) = &retention {
            retention.validate()?;
        }
        let zone = config.zone.unwrap_or_else(|| Zone::local().clone());
        let now = Timestamp::now();
        let path = fill_time(&config.path, now, &zone).map_err(|reason| ConfigError::FileName {
            pattern: config.path.display().to_string(),
            reason,
        })?;
        let dated = config.path.file_name().and_then(|n| n.to_str()).filter(|n| n.contains('{'));
        let naming = Naming::new(&path, &config.naming)
            .map_err(|reason| ConfigError::FileName { pattern: config.naming.clone(), reason })?
            .with_dated(dated.unwrap_or(""))
            .map_err(|reason| ConfigError::FileName {
                pattern: dated.unwrap_or_default().to_owned(),
                reason,
            })?;
        let dated = dated.is_some();
        if rotation.is_some() {
            let mut rotating = ROTATING.lock().unwrap_or_else(|e| e.into_inner());
            if !rotating.get_or_insert_with(HashSet::new).insert(config.path.clone()) {
                return Err(ConfigError::PathInUse { path: config.path.clone() });
            }
        }
        let matcher: Matcher = {
            let naming = naming.clone();
            Arc::new(move |name| naming.parse(name))
        };
        let dir = naming.dir().to_path_buf();
        let worker = Worker::start(&path, Policies { compression, retention, dir, matcher });
        let mut writer = FileWriter {
            template: config.path.clone(),
            dated,
            path,
            file: None,
            buffer: Vec::with_capacity(config.buffer_size),
            buffer_size: config.buffer_size,
            buffered_since: now.secs(),
            size: 0,
            started: now,
            fresh: true,
            anchor: true,
            rotation: rotation.map(|r| RotationState::new(&r, now, &zone)),
            naming,
            zone,
            truncate: config.truncate,
            flush_on: config.flush_on,
            watch: config.watch,
            watched_at: now.secs(),
            follow_symlinks: config.follow_symlinks,
            mode: config.mode,
            worker,
        };
        // A dated name is the first record's time: that file is made by the first record.
        if !config.delay && !dated {
            writer.open_file(now).map_err(|error| writer.open_error(error))?;
        }
        Ok(writer)
    }

    fn open_error(&self, error: io::Error) -> ConfigError {
        let path = self.path.clone();
        if is_symlink_refusal(&error) {
            ConfigError::Symlink { path }
        } else {
            ConfigError::Open { path, source: error }
        }
    }

    /// Open (or create) the current file; a file that was already there keeps its start time
    /// (birth time, else last write), unless truncated.
    fn open_file(&mut self, now: Timestamp) -> io::Result<()> {
        if let Some(dir) = self.path.parent() {
            fs::create_dir_all(dir)?;
        }
        let mut options = open_options(self.follow_symlinks, self.mode);
        options.create(true);
        if self.truncate {
            options.write(true).truncate(true);
        } else {
            options.append(true);
        }
        let existed = fs::symlink_metadata(&self.path).is_ok();
        let file = options.open(&self.path)?;
        let metadata = file.metadata()?;
        if let Some(mode) = self.mode {
            set_mode(&file, mode)?;
        }
        self.size = metadata.len();
        self.fresh = !existed || self.truncate || self.size == 0;
        self.started = if self.fresh {
            now
        } else {
            metadata.created().or_else(|_| metadata.modified()).map(Timestamp::from).unwrap_or(now)
        };
        // Truncation applies to the first file only; later ones start empty anyway.
        self.truncate = false;
        self.file = Some(file);
        Ok(())
    }

    /// Write the buffer to the file.
    fn flush_buffer(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let Some(file) = &mut self.file else {
            return Err(io::Error::other("the log file is not open"));
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

    /// `watch`: once a second, check that the path still names our file; if it was moved or
    /// deleted, start a new one there.
    fn check_path(&mut self, now: Timestamp) -> io::Result<()> {
        if !self.watch || now.secs() == self.watched_at {
            return Ok(());
        }
        self.watched_at = now.secs();
        let Some(file) = &self.file else { return Ok(()) };
        let still_there = match (file.metadata(), fs::metadata(&self.path)) {
            (Ok(open), Ok(at_path)) => same_file(&open, &at_path).unwrap_or(true),
            _ => false,
        };
        if still_there {
            return Ok(());
        }
        self.flush_buffer()?;
        self.file = None;
        self.open_file(now)
    }

    fn rotate(&mut self, now: Timestamp) -> io::Result<()> {
        self.flush_buffer()?;
        let old_path = self.path.clone();
        let new_path = fill_time(&self.template, now, &self.zone).map_err(io::Error::other)?;
        let mode = self.file.as_ref().and_then(|f| f.metadata().ok()).and_then(|m| mode_of(&m));
        let rotated = if new_path == old_path {
            let rotated = self.rename_aside(&old_path)?;
            Some(rotated)
        } else {
            // `{time}` in the path: the next file has another name; the old one stays as is.
            Some(old_path.clone())
        };
        self.file = None;
        self.path = new_path;
        if let (Some(mode), None) = (mode, self.mode) {
            // The next file keeps the mode of the one it replaces (loguru loses a chmod).
            self.mode = Some(mode);
        }
        self.open_file(now)?;
        self.started = now;
        if let Some(state) = &mut self.rotation {
            state.rotated(now, &self.zone);
        }
        self.worker.submit(rotated, &self.path, now);
        Ok(())
    }

    /// Move the current file to its rotated name, never over anything. A name whose archive
    /// is taken is skipped too, so archives never need a name of their own.
    fn rename_aside(&self, path: &Path) -> io::Result<PathBuf> {
        let archive = self.worker.compression().map(|c| c.extension()).filter(|e| !e.is_empty());
        let names = (1..=NAMES_TRIED)
            .map(|counter| self.naming.rotated_path(self.started, &self.zone, counter))
            .filter(|name| {
                archive.is_none_or(|ext| {
                    let mut archived = name.clone().into_os_string();
                    archived.push(".");
                    archived.push(ext);
                    !is_taken(Path::new(&archived))
                })
            });
        move_to_free_name(path, names)
    }

    /// The rare part of [`Sink::write`]: open the file if it is not, check its path once a
    /// second, anchor the first record, and rotate when due.
    #[inline(never)]
    fn before_write(&mut self, line: &[u8], record: &Record<'_>) -> io::Result<()> {
        let now = record.time();
        if self.file.is_none() {
            // `delay`, a dated name, or a reopen that failed earlier: open now.
            if self.anchor && self.dated {
                self.path = fill_time(&self.template, now, &self.zone).map_err(io::Error::other)?;
            }
            self.open_file(now)?;
        }
        self.check_path(now)?;
        if std::mem::take(&mut self.fresh) && self.size == 0 {
            self.started = now;
        }
        if std::mem::take(&mut self.anchor) {
            // The rotation grid starts with the first file's start; later files keep to it.
            if let Some(state) = &mut self.rotation {
                state.start(self.started, &self.zone);
            }
        }
        let due = match &mut self.rotation {
            Some(state) => {
                let info = FileInfo { path: &self.path, size: self.size, started: self.started };
                state.should_rotate(now, &self.zone, self.size, line.len() as u64, record, &info)
            }
            _ => false,
        };
        if due {
            if let Err(error) = self.rotate(now) {
                // Keep writing to the current file (reopened if needed); retry in a second.
                if let Some(state) = &mut self.rotation {
                    state.failed(now);
                }
                if self.file.is_none() {
                    let _ = self.open_file(now);
                }
                crate::report::report_once(format_args!(
                    "file sink {}: rotation failed ({error}); writing on to the current file",
                    self.path.display()
                ));
            }
        }
        Ok(())
    }

    /// Append a line to the buffer, writing the buffer out when it is full, a second old, or
    /// the record's level asks for it.
    #[inline]
    fn buffer_line(&mut self, line: &[u8], record: &Record<'_>, now: Timestamp) -> io::Result<()> {
        // The buffer never grows past its size: make room first, and write a line too long for
        // it straight through.
        if !self.buffer.is_empty() && self.buffer.len() + line.len() > self.buffer_size {
            self.flush_buffer()?;
        }
        self.size += line.len() as u64;
        if line.len() > self.buffer_size {
            let file =
                self.file.as_mut().ok_or_else(|| io::Error::other("the log file is not open"))?;
            file.write_all(line)?;
        } else {
            if self.buffer.is_empty() {
                self.buffered_since = now.secs();
            }
            self.buffer.extend_from_slice(line);
            if self.buffer.len() == self.buffer_size
                || record.level().no() >= self.flush_on
                || now.secs() != self.buffered_since
            {
                self.flush_buffer()?;
            }
        }
        Ok(())
    }
}

impl Sink for FileWriter {
    fn write(&mut self, line: &[u8], record: &Record<'_>) -> io::Result<()> {
        let now = record.time();
        // One test for the rare per-record work: opening, the once-a-second path check, the
        // first record's bookkeeping and rotation.
        if self.file.is_none()
            || self.fresh
            || self.anchor
            || self.rotation.is_some()
            || (self.watch && now.secs() != self.watched_at)
        {
            self.before_write(line, record)?;
        }
        self.buffer_line(line, record, now)?;
        match self.worker.take_error() {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.flush_buffer()?;
        if let Some(file) = &mut self.file {
            file.flush()?;
        }
        self.worker.wait_idle();
        match self.worker.take_error() {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }

    fn at_exit(&mut self) {
        self.close();
        self.worker.wait_idle();
    }

    fn reopen(&mut self) -> io::Result<()> {
        self.flush_buffer()?;
        self.file = None;
        self.open_file(Timestamp::now())
    }

    fn describe(&self) -> String {
        format!("file {}", self.path.display())
    }
}

impl FileWriter {
    /// Without rotation, closing the sink compresses the live file (loguru's behaviour).
    fn close(&mut self) {
        let _ = self.flush_buffer();
        self.file = None;
        if self.rotation.is_none() && self.worker.compression().is_some() && self.path.exists() {
            self.worker.submit(Some(self.path.clone()), &self.path, Timestamp::now());
        }
    }
}

impl Drop for FileWriter {
    fn drop(&mut self) {
        self.close();
        if self.rotation.is_some() {
            let mut rotating = ROTATING.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(paths) = rotating.as_mut() {
                paths.remove(&self.template);
            }
        }
        // The worker's Drop finishes its jobs.
    }
}

/// Fill a `{time:...}` placeholder in the file name, if any.
fn fill_time(template: &Path, now: Timestamp, zone: &Zone) -> Result<PathBuf, String> {
    let Some(name) = template.file_name().and_then(|n| n.to_str()) else {
        return Ok(template.to_path_buf());
    };
    if !name.contains('{') {
        return Ok(template.to_path_buf());
    }
    let parsed = hlog_template::parse_format(name).map_err(|errors| {
        let problems: Vec<String> = errors.iter().map(ToString::to_string).collect();
        problems.join("; ")
    })?;
    let mut out = Vec::new();
    for piece in &parsed.pieces {
        match piece {
            hlog_template::FormatPiece::Literal(text) => out.extend_from_slice(text.as_bytes()),
            hlog_template::FormatPiece::Field {
                field: hlog_template::Field::Time(pattern),
                ..
            } => {
                let pattern = match pattern {
                    Some(pattern) => pattern,
                    None => crate::time::default_time_format(),
                };
                crate::time::render(&mut out, pattern, now, zone);
            }
            _ => return Err("only {time} can be filled in".to_owned()),
        }
    }
    Ok(template.with_file_name(String::from_utf8_lossy(&out).as_ref()))
}
