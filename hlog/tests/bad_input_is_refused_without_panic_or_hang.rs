//! Bad input is refused at `install()` (or by the parser) with a clear error: never a panic,
//! never a hang. Each case that could block runs on a thread of its own with a deadline, so a
//! hang fails the test instead of hanging the suite.

mod common;

use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use common::TempDir;
use hlog::sink::FileSink;
use hlog::{ConfigError, Format, TemplateError};

/// `install()` of `sink` into a fresh logger, on a thread, within 10 seconds.
fn install(sink: FileSink) -> Result<(), ConfigError> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let logger = hlog::Logger::new();
        let result = logger.add(sink).install().map(|id| {
            let _ = logger.remove(id);
        });
        let _ = tx.send(result);
    });
    rx.recv_timeout(Duration::from_secs(10)).expect("install() hung")
}

fn mkfifo(path: &Path) {
    let c = CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: `c` is a valid NUL-terminated path.
    assert_eq!(
        unsafe { libc::mkfifo(c.as_ptr(), 0o600) },
        0,
        "{}",
        std::io::Error::last_os_error()
    );
}

fn not_a_file(error: ConfigError, expected_path: &Path, expected_kind: &str) {
    let text = error.to_string();
    let ConfigError::NotAFile { path, kind } = error else { panic!("{text}") };
    assert_eq!((path.as_path(), kind), (expected_path, expected_kind));
    assert_eq!(
        text,
        format!(
            "{} is {expected_kind}, not a regular file: a file sink writes regular files only \
             (use the console sink or a writer sink for a terminal, a pipe or a device)",
            expected_path.display()
        )
    );
}

#[test]
fn a_fifo_at_the_path_is_refused_at_once() {
    let dir = TempDir::new("bad-input-fifo");
    let path = dir.join("app.log");
    mkfifo(&path);
    // No reader: opening it for writing would block forever; it is refused instead.
    not_a_file(install(FileSink::new(&path)).unwrap_err(), &path, "a FIFO (named pipe)");
    // With a reader the open succeeds without blocking, and the file's type refuses it.
    let reader =
        std::fs::OpenOptions::new().read(true).custom_flags_nonblock().open(&path).unwrap();
    not_a_file(install(FileSink::new(&path)).unwrap_err(), &path, "a FIFO (named pipe)");
    drop(reader);
    // The same through a rotation and `truncate`: the same check.
    let sink = FileSink::new(&path).rotation("1 MB").truncate(true);
    not_a_file(install(sink).unwrap_err(), &path, "a FIFO (named pipe)");
    // A sink whose file the first record makes (`delay`) looks at the path at install() too.
    let sink = FileSink::new(&path).delay(true);
    not_a_file(install(sink).unwrap_err(), &path, "a FIFO (named pipe)");
}

#[test]
fn a_folder_or_a_device_at_the_path_is_refused() {
    let dir = TempDir::new("bad-input-folder");
    let path = dir.join("app.log");
    std::fs::create_dir(&path).unwrap();
    not_a_file(install(FileSink::new(&path)).unwrap_err(), &path, "a folder");
    not_a_file(install(FileSink::new(&path).delay(true)).unwrap_err(), &path, "a folder");
    assert!(path.is_dir());
    // A device, even `/dev/null`: a file sink rotates, names and compresses regular files.
    let null = Path::new("/dev/null");
    not_a_file(install(FileSink::new(null)).unwrap_err(), null, "a character device");
}

#[test]
fn an_empty_path_says_so() {
    let error = install(FileSink::new("")).unwrap_err();
    assert!(matches!(error, ConfigError::EmptyPath), "{error:?}");
    assert_eq!(
        error.to_string(),
        "the file sink's path is empty: give the path of a file, such as \"logs/app.log\""
    );
}

#[test]
fn a_naming_pattern_cannot_leave_the_log_folder() {
    let dir = TempDir::new("bad-input-naming");
    let logs = dir.join("logs");
    for pattern in [
        "../{root}.{time:YYYY-MM-DD_HH-mm-ss_SSSSSS}{ext}",
        "{root}/../../{time:YYYY}{ext}",
        "/tmp/{root}.{time:YYYY}{ext}",
        "..\\{root}.{time:YYYY}{ext}",
        "{root}.{time:YYYY/MM/DD}{ext}",
    ] {
        let sink = FileSink::new(logs.join("app.log")).rotation("1 KB").naming(pattern);
        let error = install(sink).unwrap_err();
        let text = error.to_string();
        let ConfigError::FileName { pattern: quoted, reason } = error else { panic!("{text}") };
        assert_eq!(quoted, pattern);
        assert_eq!(
            reason,
            "a rotated file's name cannot hold `/`, `\\` or a NUL byte: rotated files stay in the \
             log file's folder (write the pattern of a file name, such as \
             \"{root}.{time:YYYY-MM-DD}{ext}\")"
        );
    }
    // A failed `install()` creates nothing.
    assert!(dir.names().is_empty(), "{:?}", dir.names());
}

#[test]
fn a_megabyte_of_nested_tags_is_refused_as_too_long() {
    let format = format!("{}{{message}}{}", "<red>".repeat(200_000), "</red>".repeat(200_000));
    let error = Format::parse(&format).unwrap_err();
    let errors: &[TemplateError] = error.errors();
    assert_eq!(errors.len(), 1);
    assert_eq!(format!("{:?}", errors[0].kind), "TooLong { max: 65536 }");
    // Deep but short: the 65th open tag is the one error.
    let deep = format!("{}{{message}}", "<b>".repeat(100));
    let error = Format::parse(&deep).unwrap_err();
    assert_eq!(error.errors().len(), 1);
    assert!(error.to_string().contains("at most 64 tags may be open at once"), "{error}");
}

/// `O_NONBLOCK` on an `OpenOptions`, for the FIFO's reader.
trait NonBlock {
    fn custom_flags_nonblock(&mut self) -> &mut Self;
}

impl NonBlock for std::fs::OpenOptions {
    fn custom_flags_nonblock(&mut self) -> &mut Self {
        use std::os::unix::fs::OpenOptionsExt;
        self.custom_flags(libc::O_NONBLOCK)
    }
}
