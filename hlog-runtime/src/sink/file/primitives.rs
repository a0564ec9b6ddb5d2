//! The file operations the file sink is built on, each written once: opening a file without
//! following a symlink and with the sink's permissions, telling whether two names are one file,
//! moving a file to the first free name of a sequence without ever replacing anything, and I/O
//! errors that say what was being done to which path.

use std::error::Error;
use std::fmt;
use std::fs::{self, File, Metadata, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

/// How many names a caller of [`move_to_free_name`] offers before giving up: `<name>`,
/// `<name>.2`, … `<name>.10000`.
pub(crate) const NAMES_TRIED: u32 = 10_000;

/// Options to open a file with: a symlink at the path is refused (see
/// [`is_symlink_refusal`]) unless `follow_symlinks`, and a file it creates gets `mode` (less
/// the umask; without one, `0o666` less the umask). The caller says how to read or write.
pub(crate) fn open_options(follow_symlinks: bool, mode: Option<u32>) -> OpenOptions {
    let mut options = OpenOptions::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        if !follow_symlinks {
            options.custom_flags(libc::O_NOFOLLOW);
        }
        if let Some(mode) = mode {
            options.mode(mode);
        }
    }
    #[cfg(not(unix))]
    let _ = (follow_symlinks, mode);
    options
}

/// Open a log file with `options` (from [`open_options`], which this keeps): without
/// blocking, so a FIFO at the path cannot hang the caller, and only if it is a regular file:
/// anything else (a FIFO, a device, a folder, a socket) is an error that
/// [`not_a_regular_file`] tells apart. The file is then switched back to blocking writes.
pub(crate) fn open_regular(
    mut options: OpenOptions,
    follow_symlinks: bool,
    path: &Path,
) -> io::Result<File> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let nofollow = if follow_symlinks { 0 } else { libc::O_NOFOLLOW };
        options.custom_flags(nofollow | libc::O_NONBLOCK);
    }
    let file = match options.open(path) {
        Ok(file) => file,
        Err(error) => {
            // A FIFO without a reader says ENXIO, a folder EISDIR: name what is there.
            return Err(match not_regular_at(path, follow_symlinks) {
                Some(kind) => io::Error::new(io::ErrorKind::InvalidInput, NotRegularFile(kind)),
                None => error,
            });
        }
    };
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(not_regular(&metadata));
    }
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        let fd = file.as_raw_fd();
        // SAFETY: `fd` is the open descriptor `file` owns; F_GETFL/F_SETFL read and set its
        // status flags only.
        let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
        // SAFETY: as above.
        if flags < 0 || unsafe { libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK) } < 0 {
            return Err(io::Error::last_os_error());
        }
    }
    Ok(file)
}

/// What is at a log path that is not a regular file, as an open error.
#[derive(Debug)]
pub(crate) struct NotRegularFile(pub(crate) &'static str);

impl fmt::Display for NotRegularFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "it is {}, not a regular file", self.0)
    }
}

impl Error for NotRegularFile {}

/// What is at `path` when it is something other than a regular file (or, not followed, a
/// symlink): `"a FIFO (named pipe)"`, `"a folder"`, …; `None` when nothing is there or a file is.
pub(crate) fn not_regular_at(path: &Path, follow_symlinks: bool) -> Option<&'static str> {
    let metadata = if follow_symlinks { fs::metadata(path) } else { fs::symlink_metadata(path) };
    match metadata {
        Ok(m) if !m.is_file() && !m.file_type().is_symlink() => Some(kind_of(&m)),
        _ => None,
    }
}

fn not_regular(metadata: &Metadata) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, NotRegularFile(kind_of(metadata)))
}

/// What kind of thing, other than a regular file, `metadata` describes.
fn kind_of(metadata: &Metadata) -> &'static str {
    let file_type = metadata.file_type();
    let mut kind = if file_type.is_dir() { "a folder" } else { "something other than a file" };
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            kind = "a FIFO (named pipe)";
        } else if file_type.is_char_device() {
            kind = "a character device";
        } else if file_type.is_block_device() {
            kind = "a block device";
        } else if file_type.is_socket() {
            kind = "a socket";
        }
    }
    kind
}

/// What is at the path when an open failed because it is not a regular file (see
/// [`open_regular`]): `"a FIFO (named pipe)"`, `"a folder"`, ….
pub(crate) fn not_a_regular_file(error: &io::Error) -> Option<&'static str> {
    error.get_ref()?.downcast_ref::<NotRegularFile>().map(|not| not.0)
}

/// Whether an open failed because a symlink is at the path (`O_NOFOLLOW` says `ELOOP`).
pub(crate) fn is_symlink_refusal(error: &io::Error) -> bool {
    #[cfg(unix)]
    {
        error.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = error;
        false
    }
}

/// A file's permission bits (`None` where there are none to copy: not Unix).
pub(crate) fn mode_of(metadata: &Metadata) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Some(metadata.permissions().mode() & 0o7777)
    }
    #[cfg(not(unix))]
    {
        let _ = metadata;
        None
    }
}

/// Give an open file the permission bits `mode`, umask or not.
pub(crate) fn set_mode(file: &File, mode: u32) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = (file, mode);
        Ok(())
    }
}

/// Whether `a` and `b` describe one file: the same device and inode. `None` where the platform
/// does not say (not Unix), for the caller to decide.
pub(crate) fn same_file(a: &Metadata, b: &Metadata) -> Option<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some(a.dev() == b.dev() && a.ino() == b.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        None
    }
}

/// How a sink holds its log file against other processes, for as long as it has the file open
/// (an advisory `flock`, which only other hlog sinks look at).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hold {
    /// A rotating sink without `shared`: no other process may write the file.
    Exclusive,
    /// A `shared` sink: other `shared` sinks may write the file, sinks without it may not.
    Shared,
}

/// Take `hold` on `file` without waiting: `false` when another process holds a lock that
/// conflicts with it. A system without advisory locks (or one that refuses them) says `true`.
pub(crate) fn try_hold(file: &File, hold: Hold) -> bool {
    #[cfg(unix)]
    {
        let kind = match hold {
            Hold::Exclusive => libc::LOCK_EX,
            Hold::Shared => libc::LOCK_SH,
        };
        match flock(file, kind | libc::LOCK_NB) {
            Ok(()) => true,
            Err(error) => error.raw_os_error() != Some(libc::EWOULDBLOCK),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, hold);
        true
    }
}

/// Wait for an exclusive lock on `file` (a `shared` sink's lock file, held only while it
/// writes or rotates), released by [`unlock`] or by closing the file.
pub(crate) fn lock(file: &File) -> io::Result<()> {
    #[cfg(unix)]
    {
        flock(file, libc::LOCK_EX)
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        Ok(())
    }
}

/// Release the lock [`lock`] took.
pub(crate) fn unlock(file: &File) -> io::Result<()> {
    #[cfg(unix)]
    {
        flock(file, libc::LOCK_UN)
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        Ok(())
    }
}

#[cfg(unix)]
fn flock(file: &File, operation: libc::c_int) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    loop {
        // SAFETY: the descriptor is open for as long as `file` is borrowed.
        if unsafe { libc::flock(file.as_raw_fd(), operation) } == 0 {
            return Ok(());
        }
        let error = io::Error::last_os_error();
        if error.kind() != io::ErrorKind::Interrupted {
            return Err(error);
        }
    }
}

/// The lock file of `shared` sinks writing `live`: `.<name>.lock` beside it.
pub(crate) fn lock_path(live: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(live.file_name().unwrap_or_default());
    name.push(".lock");
    live.with_file_name(name)
}

/// A file's start as the file system knows it: its birth time, else its last write.
pub(crate) fn birth(metadata: &Metadata) -> Option<std::time::SystemTime> {
    metadata.created().or_else(|_| metadata.modified()).ok()
}

/// Whether a name is taken: anything is there (a file, a folder, a symlink, even a dangling
/// one), or the system cannot say. Only "not found" is free.
pub(crate) fn is_taken(path: &Path) -> bool {
    !matches!(fs::symlink_metadata(path), Err(e) if e.kind() == io::ErrorKind::NotFound)
}

/// Move `from` to the first of `names` where nothing is, and return that name. Nothing at a
/// name is ever replaced, whatever it is: a file, a folder, a symlink, even a dangling one.
///
/// The name is claimed with a hard link, which fails if anything is there, and the old name
/// removed after it. On a file system without hard links, the name is claimed by creating an
/// empty file there (`create_new`, which fails the same way), and the rename replaces that
/// placeholder. On an error nothing is left behind: `from` keeps its name.
pub(crate) fn move_to_free_name(
    from: &Path,
    names: impl IntoIterator<Item = PathBuf>,
) -> io::Result<PathBuf> {
    move_to_free_name_by(from, names, |from, to| fs::hard_link(from, to))
}

/// [`move_to_free_name`] with the hard link made by `link` (tests pass one that fails, as a
/// file system without hard links does).
fn move_to_free_name_by(
    from: &Path,
    names: impl IntoIterator<Item = PathBuf>,
    link: impl Fn(&Path, &Path) -> io::Result<()>,
) -> io::Result<PathBuf> {
    let mut last = None;
    for target in names {
        match link(from, &target) {
            Ok(()) => {
                if let Err(error) = fs::remove_file(from) {
                    // Undo the link, so the file keeps one name: the old one.
                    let _ = fs::remove_file(&target);
                    return Err(error).context("removing", from);
                }
                return Ok(target);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(_) => match open_options(false, None).write(true).create_new(true).open(&target) {
                Ok(placeholder) => {
                    drop(placeholder);
                    if let Err(error) = fs::rename(from, &target) {
                        let _ = fs::remove_file(&target);
                        return Err(error).context("moving it to", &target);
                    }
                    return Ok(target);
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(error) => return Err(error).context("moving it to", &target),
            },
        }
        last = Some(target);
    }
    let message = match last {
        Some(last) => format!("no free name: {} and the names before it are taken", last.display()),
        None => "no free name".to_owned(),
    };
    Err(io::Error::new(io::ErrorKind::AlreadyExists, message))
}

/// An I/O error that says what was being done, to which path: `compressing
/// /logs/app.2026-03-26_14-30-00_123456.log: No space left on device (os error 28)`. Made
/// into an `io::Error` of the original's kind by [`IoContext::context`]; its `source()` is
/// the original.
#[derive(Debug)]
pub(crate) struct FileError {
    action: &'static str,
    path: PathBuf,
    source: io::Error,
}

impl FileError {
    /// `source` as an `io::Error` of its kind that says `<action> <path>: <source>`.
    pub(crate) fn wrap(action: &'static str, path: &Path, source: io::Error) -> io::Error {
        io::Error::new(source.kind(), FileError { action, path: path.to_path_buf(), source })
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.action, self.path.display(), self.source)
    }
}

impl Error for FileError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(&self.source)
    }
}

/// Context for an I/O result's error (see [`FileError`]).
pub(crate) trait IoContext<T> {
    /// The error, if any, as `<action> <path>: <error>`, of the same kind.
    fn context(self, action: &'static str, path: &Path) -> io::Result<T>;
}

impl<T> IoContext<T> for io::Result<T> {
    fn context(self, action: &'static str, path: &Path) -> io::Result<T> {
        self.map_err(|source| FileError::wrap(action, path, source))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sink::file::test_dir::TempDir;

    /// `app.1.log` to `app.5.log` in `dir`.
    fn names(dir: &TempDir) -> impl Iterator<Item = PathBuf> {
        let dir = dir.0.clone();
        (1..=5).map(move |n| dir.join(format!("app.{n}.log")))
    }

    /// A file system without hard links.
    fn no_hard_links(_: &Path, _: &Path) -> io::Result<()> {
        Err(io::Error::from(io::ErrorKind::Unsupported))
    }

    /// The dangling-symlink case of the copy that rotation had: its fallback asked
    /// `!target.exists()`, which follows the link, so a dangling one looked free and the rename
    /// replaced it.
    #[cfg(unix)]
    #[test]
    fn without_hard_links_a_dangling_symlink_is_not_replaced() {
        let dir = TempDir::new("claim-dangling");
        let from = dir.join("app.log");
        fs::write(&from, b"rotated\n").unwrap();
        let dangling = dir.join("app.1.log");
        std::os::unix::fs::symlink(dir.join("nowhere"), &dangling).unwrap();
        assert!(!dangling.exists(), "what the old check saw: nothing there");

        let claimed = move_to_free_name_by(&from, names(&dir), no_hard_links).unwrap();
        assert_eq!(claimed, dir.join("app.2.log"));
        assert_eq!(fs::read_link(&dangling).unwrap(), dir.join("nowhere"), "the link stays");
        assert_eq!(fs::read(&claimed).unwrap(), b"rotated\n");
        assert_eq!(dir.names(), ["app.1.log", "app.2.log"]);
    }

    /// With hard links and without: a file, a folder and symlinks (dangling or not) at a name
    /// are all left as they are; the file goes to the first free name.
    #[test]
    fn nothing_at_a_name_is_ever_replaced() {
        type Link = fn(&Path, &Path) -> io::Result<()>;
        let hard_link: Link = |from, to| fs::hard_link(from, to);
        for (tag, link) in [("link", hard_link), ("nolink", no_hard_links as Link)] {
            let dir = TempDir::new(&format!("claim-{tag}"));
            fs::write(dir.join("app.1.log"), b"a file\n").unwrap();
            fs::create_dir(dir.join("app.2.log")).unwrap();
            #[cfg(unix)]
            {
                std::os::unix::fs::symlink(dir.join("nowhere"), dir.join("app.3.log")).unwrap();
                std::os::unix::fs::symlink(dir.join("app.1.log"), dir.join("app.4.log")).unwrap();
            }
            let from = dir.join("app.log");
            fs::write(&from, b"rotated\n").unwrap();
            let claimed = move_to_free_name_by(&from, names(&dir), link).unwrap();
            let free = if cfg!(unix) { "app.5.log" } else { "app.3.log" };
            assert_eq!(claimed, dir.join(free), "{tag}");
            assert_eq!(fs::read(&claimed).unwrap(), b"rotated\n", "{tag}");
            assert!(!from.exists(), "{tag}");
            assert_eq!(fs::read(dir.join("app.1.log")).unwrap(), b"a file\n", "{tag}");
            assert!(dir.join("app.2.log").is_dir(), "{tag}");
        }
    }

    #[test]
    fn failures_leave_nothing_behind() {
        let dir = TempDir::new("claim-fail");
        // The file to move is missing: an error, and no placeholder left at the free name.
        let error =
            move_to_free_name_by(&dir.join("absent"), names(&dir), no_hard_links).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::NotFound, "{error}");
        assert!(error.to_string().starts_with("moving it to "), "{error}");
        assert!(error.source().is_some());
        assert!(dir.names().is_empty(), "{:?}", dir.names());
        // Every name taken.
        let from = dir.join("app.log");
        fs::write(&from, b"x").unwrap();
        for name in names(&dir) {
            fs::write(name, b"taken").unwrap();
        }
        let error = move_to_free_name(&from, names(&dir)).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(
            error.to_string(),
            format!(
                "no free name: {} and the names before it are taken",
                dir.join("app.5.log").display()
            )
        );
        assert!(from.exists());
    }

    #[test]
    fn context_keeps_the_kind_and_the_source() {
        let original = io::Error::from(io::ErrorKind::StorageFull);
        let expected = format!("compressing /logs/app.log: {original}");
        let error = Err::<(), _>(original).context("compressing", Path::new("/logs/app.log"));
        let error = error.unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::StorageFull);
        assert_eq!(error.to_string(), expected);
        let source = error.source().unwrap().downcast_ref::<io::Error>().unwrap();
        assert_eq!(source.kind(), io::ErrorKind::StorageFull);
    }

    #[cfg(unix)]
    #[test]
    fn identity_and_symlinks() {
        let dir = TempDir::new("identity");
        fs::write(dir.join("a"), b"a").unwrap();
        fs::hard_link(dir.join("a"), dir.join("b")).unwrap();
        fs::write(dir.join("c"), b"c").unwrap();
        std::os::unix::fs::symlink(dir.join("a"), dir.join("link")).unwrap();
        let meta = |name: &str| fs::metadata(dir.join(name)).unwrap();
        assert_eq!(same_file(&meta("a"), &meta("b")), Some(true));
        assert_eq!(same_file(&meta("a"), &meta("c")), Some(false));
        assert_eq!(same_file(&meta("a"), &meta("link")), Some(true), "followed");
        let error = open_options(false, None).read(true).open(dir.join("link")).unwrap_err();
        assert!(is_symlink_refusal(&error), "{error}");
        assert!(open_options(true, None).read(true).open(dir.join("link")).is_ok());
        assert!(is_taken(&dir.join("link")) && !is_taken(&dir.join("absent")));
    }
}
