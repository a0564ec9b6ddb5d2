//! Compression and retention through a real file sink (public API only): rotated files are
//! compressed in the background, `complete()` waits for that, retention then keeps the newest
//! archives and nothing foreign, and closing a sink without rotation compresses its file.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use hlog_runtime::Logger;
use hlog_runtime::sink::FileSink;

/// A fresh folder under the system's temporary folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir()
            .join(format!("hlog-file-compression-{tag}-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }

    fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(&self.0)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn gunzip(path: &Path) -> String {
    let mut decoder = flate2::read::GzDecoder::new(fs::File::open(path).unwrap());
    let mut out = String::new();
    decoder.read_to_string(&mut out).unwrap();
    out
}

/// `app.<timestamp>.log.gz`: a compressed rotated file of the sink `app.log`.
fn is_archive(name: &str) -> bool {
    name.starts_with("app.") && name.ends_with(".log.gz") && name.len() > "app..log.gz".len()
}

/// 40-byte lines: a 100-byte limit holds two.
fn line(i: usize) -> String {
    format!("record {i:03} ..............................\n")
}

#[test]
fn rotated_files_are_compressed_and_complete_waits_for_it() {
    let dir = TempDir::new("rotate");
    let logger = Logger::new();
    logger
        .add(FileSink::new(dir.0.join("app.log")).rotation(100u64).compression("gz").buffer_size(0))
        .format("{message}")
        .install()
        .unwrap();
    for i in 0..10 {
        let text = line(i);
        hlog::info!(logger, "{}", text.trim_end());
    }
    logger.complete();
    let names = dir.names();
    let archives: Vec<&String> = names.iter().filter(|n| is_archive(n)).collect();
    assert_eq!(archives.len(), 4, "{names:?}");
    assert_eq!(names.len(), 5, "four archives and the live file, nothing else: {names:?}");
    // Names sort by start time: the archives, oldest first, then the live file, hold every
    // line in order.
    let mut all: String = archives.iter().map(|n| gunzip(&dir.0.join(n))).collect();
    all.push_str(&fs::read_to_string(dir.0.join("app.log")).unwrap());
    assert_eq!(all, (0..10).map(line).collect::<String>());
}

#[test]
fn retention_keeps_the_newest_archives_and_nothing_foreign() {
    let dir = TempDir::new("retention");
    fs::write(dir.0.join("app.notes.log"), "mine\n").unwrap();
    fs::write(dir.0.join("app.log.bak"), "mine too\n").unwrap();
    let logger = Logger::new();
    logger
        .add(
            FileSink::new(dir.0.join("app.log"))
                .rotation(100u64)
                .compression("gz")
                .retention(2usize)
                .buffer_size(0),
        )
        .format("{message}")
        .install()
        .unwrap();
    for i in 0..10 {
        let text = line(i);
        hlog::info!(logger, "{}", text.trim_end());
    }
    logger.complete();
    let names = dir.names();
    let archives: Vec<&String> = names.iter().filter(|n| is_archive(n)).collect();
    assert_eq!(archives.len(), 2, "{names:?}");
    assert_eq!(gunzip(&dir.0.join(archives[0])), line(4) + &line(5));
    assert_eq!(gunzip(&dir.0.join(archives[1])), line(6) + &line(7));
    assert_eq!(fs::read_to_string(dir.0.join("app.log")).unwrap(), line(8) + &line(9));
    assert_eq!(fs::read_to_string(dir.0.join("app.notes.log")).unwrap(), "mine\n");
    assert_eq!(fs::read_to_string(dir.0.join("app.log.bak")).unwrap(), "mine too\n");
    assert_eq!(names.len(), 5, "{names:?}");
}

#[test]
fn without_rotation_closing_compresses_the_file() {
    let dir = TempDir::new("close");
    let logger = Logger::new();
    let id = logger
        .add(FileSink::new(dir.0.join("app.log")).compression("gz").buffer_size(0))
        .format("{message}")
        .install()
        .unwrap();
    hlog::info!(logger, "one");
    hlog::info!(logger, "two");
    assert_eq!(dir.names(), ["app.log"], "nothing is compressed while the sink is open");
    logger.remove(id).unwrap();
    assert_eq!(dir.names(), ["app.log.gz"]);
    assert_eq!(gunzip(&dir.0.join("app.log.gz")), "one\ntwo\n");
}

/// A compression that fails when the sink is removed loses nothing: the file stays as it was,
/// the failure is reported once on stderr and counted in the handler's errors (not retried
/// when the sink is dropped), and `remove()` returns it with the final counts: the handler is
/// gone all the same.
#[test]
fn a_compression_failure_at_remove_keeps_the_file_and_is_tried_once() {
    use std::sync::Arc;

    use hlog_runtime::sink::file::Compression;

    let dir = TempDir::new("close-fails");
    let calls = Arc::new(AtomicU64::new(0));
    let counted = Arc::clone(&calls);
    let failing = Compression::custom(move |_: &Path| {
        counted.fetch_add(1, Ordering::Relaxed);
        Err(std::io::Error::other("disk on fire"))
    });
    let logger = Logger::new();
    let id = logger
        .add(FileSink::new(dir.0.join("app.log")).compression(failing).buffer_size(0))
        .format("{message}")
        .install()
        .unwrap();
    hlog::info!(logger, "one");
    hlog::info!(logger, "two");
    assert_eq!(logger.stats()[0].errors, 0);
    match logger.remove(id) {
        Err(hlog_runtime::RemoveError::CloseFailed { stats, source }) => {
            assert_eq!((stats.id, stats.written, stats.lost, stats.errors), (id, 2, 0, 1));
            assert!(source.to_string().ends_with("disk on fire"), "{source}");
        }
        other => panic!("expected the close failure, got {other:?}"),
    }
    assert!(logger.stats().is_empty(), "the handler is removed even though closing failed");
    assert_eq!(calls.load(Ordering::Relaxed), 1, "tried once, at remove(), not again at drop");
    assert_eq!(dir.names(), ["app.log"]);
    assert_eq!(fs::read_to_string(dir.0.join("app.log")).unwrap(), "one\ntwo\n");
}
