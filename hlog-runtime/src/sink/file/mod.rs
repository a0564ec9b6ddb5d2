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

mod compression;
mod log_file;
mod naming;
mod primitives;
mod retention;
mod rotation;
mod spec;
#[cfg(test)]
mod test_dir;
mod worker;

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub use compression::Compression;
pub use naming::DEFAULT_NAMING;
pub use retention::{Cleanup, Retention};
pub use rotation::{Condition, Frequency, Rotation, TimeOfDay, Weekday};
pub use spec::{FileInfo, SpecError};

use self::log_file::{LogFile, Settings, Shared};
use self::naming::Names;
use self::primitives::{
    Hold, NAMES_TRIED, is_symlink_refusal, lock_path, not_a_regular_file, not_regular_at,
    open_options,
};
use self::rotation::RotationState;
use self::worker::{Policies, Worker};
use super::{Clock, Fault, Flusher, Sink};
use crate::error::ConfigError;
use crate::record::Record;
use crate::time::{Timestamp, Zone};

/// A sink that writes to a file. `hlog::add("logs/app.log")` makes one with the defaults;
/// `FileSink::new(path)` sets more.
///
/// Defaults: append to the file (created with its folders), a 64 KiB write buffer written out
/// when full, when its oldest record is a second old (by the next record, or else by the sink's
/// background thread within the next half second), on `hlog::complete()`, at exit, and at once
/// for ERROR and above; no rotation; a new file is started at the path if something moves the
/// file (checked at most once a second) or deletes it (checked before each write to the file,
/// so that nothing buffered is written into a deleted file); a symlink at the path is refused.
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
    shared: bool,
}

/// Values accepted where a setting can be a string or a typed value.
///
/// # Examples
///
/// ```
/// use hlog::sink::file::{IntoSetting, Rotation};
///
/// let parsed: Rotation = "100 B".into_setting().unwrap();
/// assert_eq!(parsed, Rotation::size(100));
/// let bytes: Rotation = 100u64.into_setting().unwrap();
/// assert_eq!(bytes, parsed);
/// let error = IntoSetting::<Rotation>::into_setting("10 parsecs").unwrap_err();
/// assert!(error.to_string().contains("10 parsecs"));
/// ```
pub trait IntoSetting<T> {
    /// The setting, or why the string is none of the accepted forms.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use hlog::sink::file::{IntoSetting, Retention};
    ///
    /// let week: Retention = "1 week".into_setting().unwrap();
    /// assert_eq!(week, Retention::max_age(Duration::from_secs(7 * 86_400)));
    /// ```
    fn into_setting(self) -> Result<T, SpecError>;
}

/// A setting's string forms (parsed), the policy itself, and the typed values it converts from.
macro_rules! settings {
    ($($ty:ty => $parse:path, from $($from:ty),*;)*) => {$(
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
        $(impl IntoSetting<$ty> for $from {
            fn into_setting(self) -> Result<$ty, SpecError> {
                Ok(<$ty>::from(self))
            }
        })*
    )*};
}

settings! {
    Rotation => Rotation::parse, from u64, std::time::Duration;
    Retention => Retention::parse, from usize, std::time::Duration;
    Compression => Compression::parse, from;
}

impl FileSink {
    /// A file sink writing to `path` (made absolute now, so a later `chdir` changes nothing).
    /// `{time:...}` placeholders in the file name and in folders are filled in by the logger's
    /// clock when each file is created (`"logs/{time:YYYY}/app_{time:YYYY-MM-DD}.log"`,
    /// folders made as needed); a bare `{time}` is `YYYY-MM-DD_HH-mm-ss_SSSSSS`, as loguru's.
    ///
    /// A file the sink creates (or finds empty, or empties with [`truncate`](Self::truncate))
    /// starts when it is created: at `install()`, by the logger's clock, or at the first
    /// record with [`delay`](Self::delay). An existing file appended to starts at its birth
    /// time, else its last write. That start anchors interval rotation (`"1 hour"` added at
    /// 10:30 rotates at 11:30, 12:30, …) and names the file when it is rotated.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::FileSink;
    /// use hlog::time::{Timestamp, Zone};
    ///
    /// # let dir = std::env::temp_dir().join(format!("hlog-doc-new-{}", std::process::id()));
    /// # let names = |dir: &std::path::Path| {
    /// #     let mut names: Vec<String> =
    /// #         std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    /// #     names.sort();
    /// #     names
    /// # };
    /// let logger = hlog::Logger::new().with_clock(|| Timestamp::from_unix(1_774_535_400, 0));
    /// // One file a day, named by the day it starts: logs/app_2026-03-26.log.
    /// let sink = FileSink::new(dir.join("logs/app_{time:YYYY-MM-DD}.log")).zone(Zone::utc());
    /// logger.add(sink).install().unwrap();
    /// hlog::info!(logger, "started");
    /// logger.complete();
    /// assert_eq!(names(&dir.join("logs")), ["app_2026-03-26.log"]);
    /// # drop(logger);
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
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
            shared: false,
        }
    }

    /// When to start a new file: `"10 MB"`, `"1 day"`, `"00:00"`, `"monday at 12:00"`,
    /// `"daily"`, a [`Rotation`], a `Duration` or a size in bytes.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::FileSink;
    /// use hlog::sink::file::Rotation;
    ///
    /// # let dir = std::env::temp_dir().join(format!("hlog-doc-rotation-{}", std::process::id()));
    /// # let names = |dir: &std::path::Path| {
    /// #     let mut names: Vec<String> =
    /// #         std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    /// #     names.sort();
    /// #     names
    /// # };
    /// let logger = hlog::Logger::new();
    /// // Before a record that would take the file past 100 bytes ("100 B" and 100u64 say the same).
    /// let sink = FileSink::new(dir.join("app.log")).rotation(Rotation::size(100));
    /// logger.add(sink).format("{message}").install().unwrap();
    /// for _ in 0..3 {
    ///     hlog::info!(logger, "{}", "x".repeat(49)); // 50 bytes with its newline
    /// }
    /// logger.complete();
    /// assert_eq!(names(&dir).len(), 2); // app.log and one rotated file, 100 bytes
    /// # drop(logger);
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn rotation(mut self, rotation: impl IntoSetting<Rotation>) -> Self {
        self.rotation = Some(rotation.into_setting());
        self
    }

    /// Which rotated files to keep: `"7 days"`, a count (`5`), or a [`Retention`].
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::FileSink;
    ///
    /// # let dir = std::env::temp_dir().join(format!("hlog-doc-retention-{}", std::process::id()));
    /// # let names = |dir: &std::path::Path| {
    /// #     let mut names: Vec<String> =
    /// #         std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    /// #     names.sort();
    /// #     names
    /// # };
    /// let logger = hlog::Logger::new();
    /// // Keep the newest rotated file only ("7 days" keeps a week's).
    /// let sink = FileSink::new(dir.join("app.log")).rotation(10u64).retention(1);
    /// logger.add(sink).format("{message}").install().unwrap();
    /// for i in 0..4 {
    ///     hlog::info!(logger, "record {i}"); // 9 bytes: each one rotates the file
    /// }
    /// logger.complete(); // waits for retention, which runs on a background thread
    /// let kept = names(&dir);
    /// assert_eq!(kept.len(), 2, "{kept:?}");
    /// assert_eq!(std::fs::read_to_string(dir.join("app.log")).unwrap(), "record 3\n");
    /// # drop(logger);
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn retention(mut self, retention: impl IntoSetting<Retention>) -> Self {
        self.retention = Some(retention.into_setting());
        self
    }

    /// Compress rotated files: `"gz"`, `"bz2"`, `"xz"`, `"zip"`, `"tar.gz"`, … or a
    /// [`Compression`]. Done on a background thread.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::FileSink;
    ///
    /// # let dir = std::env::temp_dir().join(format!("hlog-doc-compression-{}", std::process::id()));
    /// # let names = |dir: &std::path::Path| {
    /// #     let mut names: Vec<String> =
    /// #         std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    /// #     names.sort();
    /// #     names
    /// # };
    /// let logger = hlog::Logger::new();
    /// let sink = FileSink::new(dir.join("app.log")).rotation(10u64).compression("gz");
    /// logger.add(sink).format("{message}").install().unwrap();
    /// hlog::info!(logger, "first file");
    /// hlog::info!(logger, "second file");
    /// logger.complete(); // waits for the compression
    /// let files = names(&dir);
    /// assert_eq!(files.len(), 2);
    /// assert!(files[0].ends_with(".log.gz"), "{files:?}");
    /// # drop(logger);
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn compression(mut self, compression: impl IntoSetting<Compression>) -> Self {
        self.compression = Some(compression.into_setting());
        self
    }

    /// How rotated files are named, default [`DEFAULT_NAMING`]:
    /// `{root}.{time:YYYY-MM-DD_HH-mm-ss_SSSSSS}{ext}`.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::FileSink;
    /// use hlog::time::{Timestamp, Zone};
    ///
    /// # let dir = std::env::temp_dir().join(format!("hlog-doc-naming-{}", std::process::id()));
    /// # let names = |dir: &std::path::Path| {
    /// #     let mut names: Vec<String> =
    /// #         std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    /// #     names.sort();
    /// #     names
    /// # };
    /// let logger = hlog::Logger::new().with_clock(|| Timestamp::from_unix(1_774_535_400, 0));
    /// let sink = FileSink::new(dir.join("app.log"))
    ///     .rotation(10u64)
    ///     .naming("{root}-{time:YYYY-MM-DD}{ext}")
    ///     .zone(Zone::utc());
    /// logger.add(sink).format("{message}").install().unwrap();
    /// hlog::info!(logger, "first file");
    /// hlog::info!(logger, "second file");
    /// logger.complete();
    /// assert_eq!(names(&dir), ["app-2026-03-26.log", "app.log"]);
    /// # drop(logger);
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn naming(mut self, pattern: impl Into<String>) -> Self {
        self.naming = pattern.into();
        self
    }

    /// Empty the file when the sink starts, instead of appending.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::FileSink;
    ///
    /// # let dir = std::env::temp_dir().join(format!("hlog-doc-truncate-{}", std::process::id()));
    /// # let names = |dir: &std::path::Path| {
    /// #     let mut names: Vec<String> =
    /// #         std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    /// #     names.sort();
    /// #     names
    /// # };
    /// # std::fs::create_dir_all(&dir).unwrap();
    /// std::fs::write(dir.join("app.log"), "from the last run\n").unwrap();
    /// let logger = hlog::Logger::new();
    /// logger.add(FileSink::new(dir.join("app.log")).truncate(true)).format("{message}").install().unwrap();
    /// hlog::info!(logger, "a fresh start");
    /// logger.complete();
    /// assert_eq!(std::fs::read_to_string(dir.join("app.log")).unwrap(), "a fresh start\n");
    /// # drop(logger);
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn truncate(mut self, truncate: bool) -> Self {
        self.truncate = truncate;
        self
    }

    /// Bytes buffered before a write to the file (default 64 KiB); 0 writes every record at
    /// once.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::FileSink;
    ///
    /// # let dir = std::env::temp_dir().join(format!("hlog-doc-buffer-{}", std::process::id()));
    /// # let names = |dir: &std::path::Path| {
    /// #     let mut names: Vec<String> =
    /// #         std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    /// #     names.sort();
    /// #     names
    /// # };
    /// let logger = hlog::Logger::new();
    /// // Every record written at once: another program tailing the file sees it now.
    /// logger.add(FileSink::new(dir.join("app.log")).buffer_size(0)).format("{message}").install().unwrap();
    /// hlog::info!(logger, "visible at once");
    /// assert_eq!(std::fs::read_to_string(dir.join("app.log")).unwrap(), "visible at once\n");
    /// # drop(logger);
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn buffer_size(mut self, bytes: usize) -> Self {
        self.buffer_size = bytes;
        self
    }

    /// Records at this level and above reach the file at once (default ERROR).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::Level;
    /// use hlog::sink::FileSink;
    ///
    /// # let dir = std::env::temp_dir().join(format!("hlog-doc-flush-on-{}", std::process::id()));
    /// # let names = |dir: &std::path::Path| {
    /// #     let mut names: Vec<String> =
    /// #         std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    /// #     names.sort();
    /// #     names
    /// # };
    /// let logger = hlog::Logger::new();
    /// let sink = FileSink::new(dir.join("app.log")).flush_on(Level::WARNING);
    /// logger.add(sink).format("{message}").install().unwrap();
    /// hlog::info!(logger, "buffered");
    /// hlog::warning!(logger, "written at once, with what was buffered");
    /// let text = std::fs::read_to_string(dir.join("app.log")).unwrap();
    /// assert_eq!(text, "buffered\nwritten at once, with what was buffered\n");
    /// # drop(logger);
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn flush_on(mut self, level: crate::Level) -> Self {
        self.flush_on = level.no();
        self
    }

    /// Create the file with the first record rather than when the sink is added (the file then
    /// starts at that record).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::FileSink;
    ///
    /// # let dir = std::env::temp_dir().join(format!("hlog-doc-delay-{}", std::process::id()));
    /// # let names = |dir: &std::path::Path| {
    /// #     let mut names: Vec<String> =
    /// #         std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    /// #     names.sort();
    /// #     names
    /// # };
    /// # std::fs::create_dir_all(&dir).unwrap();
    /// let logger = hlog::Logger::new();
    /// logger.add(FileSink::new(dir.join("app.log")).delay(true)).install().unwrap();
    /// assert!(!dir.join("app.log").exists()); // no empty file for a run that logs nothing
    /// hlog::info!(logger, "the first record");
    /// logger.complete();
    /// assert!(dir.join("app.log").exists());
    /// # drop(logger);
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn delay(mut self, delay: bool) -> Self {
        self.delay = delay;
        self
    }

    /// Start a new file at the path when the file was moved (default on; checked at most once
    /// a second, on a write) or deleted (checked before each write to the file: what was not
    /// written yet goes into the new file). A path that cannot be checked (a folder made
    /// unreadable) keeps the open file, reported once.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::FileSink;
    ///
    /// # let dir = std::env::temp_dir().join(format!("hlog-doc-watch-{}", std::process::id()));
    /// # let names = |dir: &std::path::Path| {
    /// #     let mut names: Vec<String> =
    /// #         std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    /// #     names.sort();
    /// #     names
    /// # };
    /// let logger = hlog::Logger::new();
    /// // The default: a deleted file is made again at the path.
    /// logger.add(FileSink::new(dir.join("app.log")).buffer_size(0)).install().unwrap();
    /// // Not watched: the sink keeps writing to the file it opened.
    /// logger.add(FileSink::new(dir.join("kept.log")).buffer_size(0).watch(false)).install().unwrap();
    /// std::fs::remove_file(dir.join("app.log")).unwrap();
    /// std::fs::remove_file(dir.join("kept.log")).unwrap();
    /// hlog::info!(logger, "after the deletion");
    /// assert!(dir.join("app.log").exists());
    /// assert!(!dir.join("kept.log").exists());
    /// # drop(logger);
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn watch(mut self, watch: bool) -> Self {
        self.watch = watch;
        self
    }

    /// Allow a symlink at the path (refused by default: it could send logs anywhere).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::FileSink;
    ///
    /// # let dir = std::env::temp_dir().join(format!("hlog-doc-symlinks-{}", std::process::id()));
    /// # let names = |dir: &std::path::Path| {
    /// #     let mut names: Vec<String> =
    /// #         std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    /// #     names.sort();
    /// #     names
    /// # };
    /// # std::fs::create_dir_all(&dir).unwrap();
    /// std::os::unix::fs::symlink(dir.join("real.log"), dir.join("app.log")).unwrap();
    /// let logger = hlog::Logger::new();
    /// assert!(logger.add(FileSink::new(dir.join("app.log"))).install().is_err());
    /// logger.add(FileSink::new(dir.join("app.log")).follow_symlinks(true)).install().unwrap();
    /// # drop(logger);
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn follow_symlinks(mut self, follow: bool) -> Self {
        self.follow_symlinks = follow;
        self
    }

    /// Permissions of new files and archives (default `0o666` less the umask).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::os::unix::fs::PermissionsExt;
    /// use hlog::sink::FileSink;
    ///
    /// # let dir = std::env::temp_dir().join(format!("hlog-doc-permissions-{}", std::process::id()));
    /// # let names = |dir: &std::path::Path| {
    /// #     let mut names: Vec<String> =
    /// #         std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    /// #     names.sort();
    /// #     names
    /// # };
    /// let logger = hlog::Logger::new();
    /// logger.add(FileSink::new(dir.join("private.log")).permissions(0o600)).install().unwrap();
    /// let mode = std::fs::metadata(dir.join("private.log")).unwrap().permissions().mode();
    /// assert_eq!(mode & 0o777, 0o600);
    /// # drop(logger);
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn permissions(mut self, mode: u32) -> Self {
        self.mode = Some(mode);
        self
    }

    /// The time zone of time-based rotation and of rotated names (default: the local one).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::FileSink;
    /// use hlog::time::{Timestamp, Zone};
    ///
    /// # let dir = std::env::temp_dir().join(format!("hlog-doc-zone-{}", std::process::id()));
    /// # let names = |dir: &std::path::Path| {
    /// #     let mut names: Vec<String> =
    /// #         std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    /// #     names.sort();
    /// #     names
    /// # };
    /// // 23:30 UTC on 2026-03-26 is already the 27th at UTC+1.
    /// let logger = hlog::Logger::new().with_clock(|| Timestamp::from_unix(1_774_567_800, 0));
    /// let sink = FileSink::new(dir.join("app_{time:YYYY-MM-DD}.log")).zone(Zone::fixed(3600));
    /// logger.add(sink).install().unwrap();
    /// assert_eq!(names(&dir), ["app_2026-03-27.log"]);
    /// # drop(logger);
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn zone(mut self, zone: Zone) -> Self {
        self.zone = Some(zone);
        self
    }

    /// Let several processes write this file, each with its own `shared(true)` sink, and
    /// rotate it together (default off).
    ///
    /// Every write-out of the buffer (64 KiB, or each record with `buffer_size(0)`) takes an
    /// exclusive advisory lock (`flock`) on a lock file beside the log, `.<name>.lock` (left
    /// in place). Under it the sink opens the file now at the path if that is no longer the one
    /// it has open (another process rotated it), reads the file's real size, and appends whole
    /// lines only (`O_APPEND`), starting a new file whenever the next line would take the real
    /// size past the size limit. A time rule or a [`Rotation::when`] condition asks for a new
    /// file before the record that is due; under the lock, the file is rotated only if it is
    /// still the one at the path and is not empty: the first process to get there rotates,
    /// the others write into its new file. Rotated files are named by the file's birth time
    /// on disk (else its last write), whoever started it. Several `shared` sinks of one
    /// process take turns the same way, and so does a child forked after the sink was added
    /// (it opens its own lock file).
    ///
    /// Without `shared`, a rotating sink holds an exclusive lock on its file, and a rotating
    /// sink of another process on the same path is refused at `install()`
    /// ([`ConfigError::PathLocked`]). A `{time}` placeholder in the path cannot be shared
    /// ([`ConfigError::FileName`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::FileSink;
    ///
    /// let dir = std::env::temp_dir().join(format!("hlog-doc-shared-{}", std::process::id()));
    /// let logger = hlog::Logger::new();
    /// // Each process of the service does the same.
    /// logger.add(FileSink::new(dir.join("app.log")).rotation("10 MB").shared(true)).install().unwrap();
    /// hlog::info!(logger, "from one of several processes");
    /// # logger.remove_all();
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn shared(mut self, shared: bool) -> Self {
        self.shared = shared;
        self
    }
}

impl super::IntoSink for FileSink {
    fn into_sink(self) -> Result<Box<dyn Sink>, crate::ConfigError> {
        FileWriter::open(self).map(|w| Box::new(w) as Box<dyn Sink>)
    }
}

/// A path is a file sink with the defaults.
macro_rules! path_sinks {
    ($($path:ty),*) => {$(
        impl super::IntoSink for $path {
            fn into_sink(self) -> Result<Box<dyn Sink>, crate::ConfigError> {
                FileSink::new(self).into_sink()
            }
        }
    )*};
}

path_sinks!(&str, String, &Path, PathBuf);

/// Paths of this process's rotating file sinks: a second one on the same path would rename the
/// first one's files.
static ROTATING: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);

/// A path claimed by a rotating sink of this process until it is dropped.
struct RotatingPath(PathBuf);

impl RotatingPath {
    fn claim(path: &Path) -> Result<RotatingPath, ConfigError> {
        let mut rotating = ROTATING.lock().unwrap_or_else(|e| e.into_inner());
        if !rotating.get_or_insert_with(HashSet::new).insert(path.to_path_buf()) {
            return Err(ConfigError::PathInUse { path: path.to_path_buf() });
        }
        Ok(RotatingPath(path.to_path_buf()))
    }
}

impl Drop for RotatingPath {
    fn drop(&mut self) {
        let mut rotating = ROTATING.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(paths) = rotating.as_mut() {
            paths.remove(&self.0);
        }
    }
}

/// The running sink.
struct FileWriter {
    /// The file being written, with its buffer.
    file: LogFile,
    /// How files are opened, and whether their path is watched.
    settings: Settings,
    /// What the live and the rotated files are called.
    names: Arc<Names>,
    /// When to start a new file (`None`: never).
    rotation: Option<RotationState>,
    /// The rotation grid is not anchored yet (nor a dated file opened): done when the sink is
    /// attached if the file is open then, else by the first record (`delay`).
    first_record: bool,
    /// The file is made by the first record, which it starts with.
    delay: bool,
    /// Compression and retention, on the sink's background thread, and their failures.
    worker: Worker,
    /// A rotating sink's hold on its path (released after the worker's last job).
    _rotating: Option<RotatingPath>,
}

impl FileWriter {
    fn open(config: FileSink) -> Result<FileWriter, ConfigError> {
        if config.path.as_os_str().is_empty() {
            return Err(ConfigError::EmptyPath);
        }
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
        // The logger's clock comes with `attach`, just after: a file made now starts then.
        let now = Timestamp::now();
        let (names, path) = Names::new(&config.path, &config.naming, zone, now)?;
        if config.shared && names.dated {
            return Err(ConfigError::FileName {
                pattern: config.path.display().to_string(),
                reason: "a {time} placeholder in the path cannot be shared(true): \
                         every process would name its own files"
                    .to_owned(),
            });
        }
        let names = Arc::new(names);
        // Shared sinks take turns under their lock, in one process as in several.
        let claim = rotation.is_some() && !config.shared;
        let rotating = claim.then(|| RotatingPath::claim(&config.path)).transpose()?;
        let files = Arc::clone(&names.files) as Arc<dyn retention::SinkFiles>;
        let archive = compression.as_ref().map(|c| c.extension()).filter(|e| !e.is_empty());
        let archive = archive.map(str::to_owned);
        let worker = Worker::start(&path, Policies { compression, retention, files });
        let mut file = LogFile::new(path, config.buffer_size, config.flush_on, now);
        file.archive = archive;
        file.replace_deleted = config.watch;
        file.follow_symlinks = config.follow_symlinks;
        file.hold = match (config.shared, &rotation) {
            (true, _) => Some(Hold::Shared),
            (false, Some(_)) => Some(Hold::Exclusive),
            (false, None) => None,
        };
        let mut writer = FileWriter {
            file,
            settings: Settings {
                truncate: config.truncate,
                follow_symlinks: config.follow_symlinks,
                mode: config.mode,
                watch: config.watch,
            },
            rotation: rotation.map(|r| RotationState::new(&r, now, &names.zone)),
            names,
            first_record: true,
            delay: config.delay,
            worker,
            _rotating: rotating,
        };
        // A dated name needs the logger's clock: that file is made when the sink is attached.
        let opens_now = !config.delay && !writer.names.dated;
        if !opens_now {
            // Opened by the first record: what is at the path now is checked all the same, so
            // that a FIFO, device or folder there is refused here, not at the first record.
            let path = &writer.file.path;
            if let Some(kind) = not_regular_at(path, config.follow_symlinks) {
                return Err(ConfigError::NotAFile { path: path.clone(), kind });
            }
        }
        if opens_now {
            if let Err(error) = writer.file.open(&mut writer.settings, now) {
                let path = writer.file.path.clone();
                return Err(if is_symlink_refusal(&error) {
                    ConfigError::Symlink { path }
                } else if let Some(kind) = not_a_regular_file(&error) {
                    ConfigError::NotAFile { path, kind }
                } else {
                    ConfigError::Open { path, source: error }
                });
            }
            if writer.file.contended {
                let path = writer.file.path.clone();
                writer.file.close();
                return Err(ConfigError::PathLocked { path, shared: config.shared });
            }
        }
        if config.shared {
            // Made once the file is known to be free for a shared sink.
            let lock = lock_path(&writer.file.path);
            let options = open_options(config.follow_symlinks, config.mode);
            let open = || options.clone().read(true).write(true).create(true).open(&lock);
            let opened = match (open(), lock.parent()) {
                // `delay`: the folder may not be there yet.
                (Err(e), Some(dir)) if e.kind() == io::ErrorKind::NotFound => {
                    std::fs::create_dir_all(dir).and_then(|()| open())
                }
                (opened, _) => opened,
            };
            let lock_file = match opened {
                Ok(file) => file,
                Err(source) => {
                    writer.file.close();
                    return Err(ConfigError::Open { path: lock, source });
                }
            };
            writer.file.shared = Some(Box::new(Shared {
                lock: lock_file,
                lock_path: lock,
                inherited: false,
                names: Arc::clone(&writer.names),
                limit: writer.rotation.as_ref().and_then(RotationState::size_limit),
                mode: config.mode,
                requested: false,
                rotated: Vec::new(),
                request_done: false,
                reopened: None,
            }));
        }
        Ok(writer)
    }

    /// At `add()`, by the logger's clock: a file the sink made (or found empty) starts now, and
    /// anchors the time rules; a dated file (its name needs the clock) is made now unless
    /// `delay`. A dated file that cannot be made now is left to the first record, which meets
    /// the error again and reports it.
    fn start_at_install(&mut self) {
        let now = (self.file.clock)();
        if !self.file.is_open() && !self.delay && self.names.dated {
            let Ok(path) = self.names.live_path(now) else { return };
            self.file.path = path;
            if self.file.open(&mut self.settings, now).is_err() {
                return;
            }
        }
        if !self.file.is_open() {
            return;
        }
        if std::mem::take(&mut self.file.fresh) && self.file.size == 0 {
            self.file.started = now;
        }
        if std::mem::take(&mut self.first_record) {
            if let Some(rotation) = &mut self.rotation {
                rotation.start(self.file.started, &self.names.zone);
            }
        }
    }

    /// The rare part of [`Sink::write`]: open the file if it is not, check its path once a
    /// second, anchor the first record, and rotate when due.
    #[inline(never)]
    fn before_write(&mut self, line: &[u8], record: &Record<'_>) -> io::Result<()> {
        let now = record.time();
        if !self.file.is_open() {
            // `delay`, a dated name, or a reopen that failed earlier: open now.
            if self.first_record && self.names.dated {
                self.file.path = self.names.live_path(now)?;
            }
            self.file.open(&mut self.settings, now)?;
        }
        self.file.follow_path(&mut self.settings, now)?;
        if self.file.contended {
            self.give_up_rotation();
        }
        if std::mem::take(&mut self.file.fresh) && self.file.size == 0 {
            self.file.started = now;
        }
        let first_record = std::mem::take(&mut self.first_record);
        if self.file.shared.is_some() {
            return self.before_shared_write(now, record, first_record);
        }
        let Some(rotation) = &mut self.rotation else { return Ok(()) };
        let zone = &self.names.zone;
        if first_record {
            // The rotation grid starts with the first file's start; later files keep to it.
            rotation.start(self.file.started, zone);
        }
        let (size, len) = (self.file.size, line.len() as u64);
        if rotation.should_rotate(now, zone, size, len, record, &self.file.info()) {
            if let Err(error) = self.rotate(now) {
                // Keep writing to the current file (reopened if needed); retry in a second.
                if let Some(rotation) = &mut self.rotation {
                    rotation.failed(now);
                }
                if !self.file.is_open() {
                    let _ = self.file.open(&mut self.settings, now);
                }
                self.file.rotation_failed(&error);
            }
        }
        Ok(())
    }

    /// A file opened after `install()` (`delay`, a reopen) is held by another process's sink
    /// that conflicts with this one: say so once, and stop rotating (this sink would rename
    /// the other's file) while writing on.
    #[cold]
    fn give_up_rotation(&mut self) {
        self.file.contended = false;
        let was_rotating = self.rotation.take().is_some();
        let shared = match &mut self.file.shared {
            Some(shared) => {
                shared.limit = None;
                true
            }
            None => false,
        };
        crate::report::report_once(format_args!(
            "file sink {}: {}{}",
            self.file.path.display(),
            crate::error::path_locked_reason(shared),
            if was_rotating { "; this sink writes on without rotating" } else { "" }
        ));
    }

    /// The per-record part of a `shared` sink: settle what the last write-outs did, and ask
    /// for a new file (decided under the lock, at once) when a time rule or a condition is due.
    fn before_shared_write(
        &mut self,
        now: Timestamp,
        record: &Record<'_>,
        first_record: bool,
    ) -> io::Result<()> {
        self.settle_shared(now);
        let Some(rotation) = &mut self.rotation else { return Ok(()) };
        if first_record {
            rotation.start(self.file.started, &self.names.zone);
        }
        if rotation.due_apart_from_size(now, record, &self.file.info()) {
            if let Some(shared) = &mut self.file.shared {
                shared.requested = true;
            }
            let result = self.file.flush();
            self.settle_shared(now);
            result?;
        }
        Ok(())
    }

    /// Act on what a `shared` sink's write-outs did: hand the files this process rotated to
    /// the worker, and move the time rules past a new file's start (one this process started,
    /// or one another process did).
    fn settle_shared(&mut self, now: Timestamp) {
        let Some(shared) = &mut self.file.shared else { return };
        let reopened = shared.reopened.take();
        let request_done = std::mem::take(&mut shared.request_done);
        let rotated = std::mem::take(&mut shared.rotated);
        if let Some(rotation) = &mut self.rotation {
            if let Some(started) = reopened {
                rotation.rotated(started, &self.names.zone);
            }
            if request_done || !rotated.is_empty() {
                rotation.rotated(now, &self.names.zone);
            }
        }
        for path in rotated {
            self.worker.submit(Some(path), &self.file.path, now);
        }
    }

    /// Move the current file aside (or, with `{time}` in the path, leave it and open a new
    /// name), start a new one, and hand the old one to the worker.
    fn rotate(&mut self, now: Timestamp) -> io::Result<()> {
        self.file.flush()?;
        let next = self.names.live_path(now)?;
        let mode = self.file.mode();
        let previous = self.file.path.clone();
        let rotated = if !self.names.dated || next == self.file.path {
            self.file.move_aside(&self.names, self.file.started)?
        } else {
            self.file.path.clone()
        };
        // The next file keeps the mode of the one it replaces (loguru loses a chmod).
        self.settings.mode = self.settings.mode.or(mode);
        if let Err(error) = self.open_at_free_name(next, now) {
            // Write on to the file just moved aside (or left); rotation is retried later.
            self.file.path = rotated;
            return Err(error);
        }
        self.file.started = now;
        if let Some(rotation) = &mut self.rotation {
            rotation.rotated(now, &self.names.zone);
        }
        // A dated file reopened under its own name (`.2` of the same second) was not rotated.
        if self.file.path != previous || rotated != previous {
            self.worker.submit(Some(rotated), &self.file.path, now);
        }
        Ok(())
    }

    /// Open the file at `path`, or, when something that is not a regular file holds that
    /// name (a folder, a FIFO, a symlink that is not followed), at the first of `<root>.2<ext>`, `<root>.3<ext>`, … that opens
    /// (said once): records are never lost to a name that is taken.
    fn open_at_free_name(&mut self, path: PathBuf, now: Timestamp) -> io::Result<()> {
        self.file.path = path.clone();
        let mut opened = self.file.reopen(&mut self.settings, now);
        let mut counter = 2;
        while let Err(error) = &opened {
            let taken = not_a_regular_file(error).is_some() || is_symlink_refusal(error);
            if !taken || counter > NAMES_TRIED {
                break;
            }
            self.file.path = numbered(&path, counter);
            opened = self.file.open(&mut self.settings, now);
            counter += 1;
        }
        if opened.is_ok() && self.file.path != path {
            crate::report::report_once(format_args!(
                "file sink {}: something that is not a regular file holds the name; \
                 writing to {} instead",
                path.display(),
                self.file.path.display()
            ));
        }
        opened
    }

    /// Close the file; without rotation, compress it when compression is set (loguru's
    /// behaviour) and this sink ever opened it.
    fn close(&mut self) {
        self.file.close();
        let now = (self.file.clock)();
        self.settle_shared(now);
        if self.rotation.is_none()
            && self.worker.compression().is_some()
            && self.file.ever_opened
            && self.file.path.exists()
        {
            self.worker.submit(Some(self.file.path.clone()), &self.file.path, now);
        }
    }
}

/// `path` with the counter `.<counter>` before its extension: `app.log` → `app.2.log`, as
/// rotated names take one.
fn numbered(path: &Path, counter: u32) -> PathBuf {
    let name = path.file_name().unwrap_or_default();
    match name.to_str() {
        Some(name) => {
            let (root, ext) = naming::split_name(name);
            path.with_file_name(format!("{root}.{counter}{ext}"))
        }
        None => {
            let mut name = name.to_os_string();
            name.push(format!(".{counter}"));
            path.with_file_name(name)
        }
    }
}

impl Sink for FileWriter {
    fn write(&mut self, line: &[u8], record: &Record<'_>) -> io::Result<()> {
        let now = record.time();
        // One test for the rare per-record work: opening, the once-a-second path check, the
        // first record's bookkeeping and rotation.
        if !self.file.is_open()
            || self.file.fresh
            || self.first_record
            || self.rotation.is_some()
            || (self.settings.watch && now.secs() != self.file.checked_at)
        {
            self.before_write(line, record)?;
        }
        self.file.write(line, record, now)?;
        match self.worker.take_error() {
            // The record was written: the failure was a background job's.
            Some(error) => Err(Fault::record_kept(error)),
            None => Ok(()),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        let result = self.file.flush();
        self.settle_shared((self.file.clock)());
        result?;
        self.worker.wait_idle();
        match self.worker.take_error() {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }

    /// Flush, close the file and compress it as [`FileWriter::close`] does, and wait for the
    /// worker: a failure of any of them (compression included) is the result, for the handler
    /// to report and count. `Drop` then finds nothing left to do (a failed compression is
    /// not tried a second time there).
    fn close(&mut self) -> io::Result<()> {
        let flushed = Sink::flush(self);
        FileWriter::close(self);
        self.file.ever_opened = false;
        self.worker.wait_idle();
        flushed?;
        self.worker.take_error().map_or(Ok(()), Err)
    }

    /// Write the buffer out; from now on (other threads, other exit handlers) records are
    /// written straight through. Without rotation and with compression, close and compress the
    /// file (a record logged after that starts a new file at the path).
    fn at_exit(&mut self) {
        let _ = self.file.flush();
        self.file.write_through();
        if self.rotation.is_none() && self.worker.compression().is_some() {
            self.close();
        }
        self.worker.wait_idle();
    }

    /// A buffering sink's worker thread writes the buffer out when nothing else has for a
    /// while (see [`Worker::keep_flushed`]). From now on the sink reads the logger's clock;
    /// a file the sink made at `add()` starts now by that clock.
    fn attach(&mut self, flusher: Flusher, clock: Clock) {
        if self.file.buffers() {
            self.worker.keep_flushed(flusher);
        }
        self.file.clock = clock;
        self.start_at_install();
    }

    fn before_fork(&mut self) {
        let _ = self.file.flush();
    }

    fn after_fork_in_child(&mut self) {
        self.worker.after_fork_in_child();
        if let Some(shared) = &mut self.file.shared {
            shared.inherited = true;
        }
    }

    fn reopen(&mut self) -> io::Result<()> {
        let now = (self.file.clock)();
        self.file.reopen(&mut self.settings, now)?;
        // A file made here starts now, not at its first record.
        self.file.fresh = false;
        Ok(())
    }

    fn describe(&self) -> String {
        format!("file {}", self.file.path.display())
    }
}

impl Drop for FileWriter {
    fn drop(&mut self) {
        self.close();
        // Then the worker's Drop finishes its jobs, and the path is released.
    }
}

#[cfg(test)]
mod tests {
    use std::error::Error;

    use super::*;
    use crate::callsite::Callsite;
    use crate::level::Level;
    use crate::message::Message;
    use crate::sink::file::test_dir::TempDir;

    static CALLSITE: Callsite = Callsite::new("tests", "mod.rs", 1, "m", || "tests");

    /// What the handler reports and counts: a background failure comes back from the sink's
    /// next write or flush as an `io::Error` of the original kind that names what was done to
    /// which file, with the original as its source.
    #[test]
    fn a_background_failure_comes_back_with_its_kind_and_file() {
        let dir = TempDir::new("sink-failure");
        let full = Compression::custom(|_: &Path| Err(io::Error::from(io::ErrorKind::StorageFull)));
        let config =
            FileSink::new(dir.join("app.log")).rotation(16_u64).compression(full).buffer_size(0);
        let mut writer = FileWriter::open(config).unwrap();
        let level = Level::INFO;
        let record = Record::new(Timestamp::now(), &level, &CALLSITE, Message::Static("m"), &[]);
        writer.write(b"the first line\n", &record).unwrap();
        // This one rotates; the failure comes with it, or with the flush that waits for it.
        let failed = writer.write(b"the second line\n", &record).err();
        let error = failed.or_else(|| writer.flush().err()).expect("the failure comes back");
        assert_eq!(error.kind(), io::ErrorKind::StorageFull);
        let rotated = dir.names().into_iter().find(|n| n != "app.log").unwrap();
        let original = io::Error::from(io::ErrorKind::StorageFull);
        let expected = format!("compressing {}: {original}", dir.join(&rotated).display());
        assert_eq!(error.to_string(), expected);
        assert!(error.source().unwrap().downcast_ref::<io::Error>().is_some());
        assert!(writer.flush().is_ok(), "reported once");
    }

    /// The live file's next name when something that is not a file holds its own: the
    /// counter goes before the extension, as in rotated names.
    #[test]
    fn a_numbered_live_name_keeps_the_extension_last() {
        let name = |path: &str, n| numbered(Path::new(path), n);
        assert_eq!(name("/l/app.log", 2), Path::new("/l/app.2.log"));
        assert_eq!(name("/l/app.log.txt", 3), Path::new("/l/app.log.3.txt"));
        assert_eq!(name("/l/app", 2), Path::new("/l/app.2"));
        assert_eq!(name("/l/.hidden", 2), Path::new("/l/.hidden.2"));
    }

    /// A shared sink and a rotating one without `shared` never write one file together,
    /// whichever comes first (their locks are taken as another process's would be); a sink
    /// that does not rotate joins either.
    #[test]
    fn shared_and_exclusive_sinks_refuse_each_other() {
        let dir = TempDir::new("shared-exclusive");
        let sink = || FileSink::new(dir.join("app.log"));
        let refused = |config: FileSink| match FileWriter::open(config) {
            Err(ConfigError::PathLocked { shared, .. }) => shared,
            Err(other) => panic!("{other}"),
            Ok(_) => panic!("accepted"),
        };
        let shared = FileWriter::open(sink().rotation("1 MB").shared(true)).unwrap();
        assert!(!refused(sink().rotation("1 MB")));
        let plain = FileWriter::open(sink()).unwrap();
        drop((shared, plain));
        let exclusive = FileWriter::open(sink().rotation("1 MB")).unwrap();
        assert!(refused(sink().rotation("1 MB").shared(true)));
        assert!(refused(sink().shared(true)), "a shared sink would append under no lock it shares");
        drop(exclusive);
        assert_eq!(dir.names(), [".app.log.lock", "app.log"]);
    }

    /// Two `shared` sinks on one path (as in two processes) with an hourly rule: the boundary
    /// is decided once. The first to write past it rotates; the other finds another file at
    /// the path, started after the boundary, and writes into it without rotating again.
    #[test]
    fn shared_sinks_rotate_at_a_time_boundary_once() {
        let dir = TempDir::new("shared-time");
        let open = || {
            let sink = FileSink::new(dir.join("app.log")).rotation("1 hour").shared(true);
            FileWriter::open(sink.buffer_size(0)).unwrap()
        };
        let (mut a, mut b) = (open(), open());
        // Records two hours back: the file the rotation starts is born after the boundary, as
        // it is when records carry the real time.
        let at = |secs| Timestamp::from_unix(Timestamp::now().secs() - 7200 + secs, 0);
        let level = Level::INFO;
        let record = |time| Record::new(time, &level, &CALLSITE, Message::Static("m"), &[]);
        a.write(b"a before\n", &record(at(0))).unwrap();
        b.write(b"b before\n", &record(at(0))).unwrap();
        a.write(b"a after\n", &record(at(3601))).unwrap();
        b.write(b"b after\n", &record(at(3601))).unwrap();
        b.write(b"b later\n", &record(at(3700))).unwrap();
        drop((a, b));
        let names = dir.names();
        assert_eq!(names.len(), 3, "{names:?}");
        assert_eq!(names[0], ".app.log.lock");
        let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
        assert_eq!(read("app.log"), "a after\nb after\nb later\n");
        let rotated = names.iter().find(|n| n.starts_with("app.2")).unwrap();
        assert_eq!(read(rotated), "a before\nb before\n");
    }
}
