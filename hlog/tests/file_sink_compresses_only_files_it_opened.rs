//! Without rotation, a file sink compresses its file when it is closed (loguru's behaviour) —
//! but only a file it opened. A sink that never opened the path (a `delay`ed sink that got no
//! record, an `add()` that failed) leaves whatever is there alone: before, closing it gzipped
//! and deleted a file it had never touched.

mod common;

use common::TempDir;
use hlog::sink::FileSink;

#[test]
fn a_delayed_sink_that_wrote_nothing_leaves_an_existing_file_alone() {
    let dir = TempDir::new("compress-opened-delay");
    let path = dir.join("app.log");
    std::fs::write(&path, "yesterday's records\n").unwrap();
    let logger = hlog::Logger::new();
    let id = logger.add(FileSink::new(&path).delay(true).compression("gz")).install().unwrap();
    logger.remove(id).unwrap();
    drop(logger);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "yesterday's records\n");
    assert!(!dir.join("app.log.gz").exists(), "nothing compressed");
}

#[cfg(unix)]
#[test]
fn a_failed_add_leaves_the_file_behind_a_refused_symlink_alone() {
    let dir = TempDir::new("compress-opened-symlink");
    let target = dir.join("elsewhere.log");
    std::fs::write(&target, "not ours\n").unwrap();
    let path = dir.join("app.log");
    std::os::unix::fs::symlink(&target, &path).unwrap();
    let logger = hlog::Logger::new();
    let error = logger.add(FileSink::new(&path).compression("gz")).install().unwrap_err();
    assert!(matches!(error, hlog::ConfigError::Symlink { .. }), "{error:?}");
    drop(logger);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "not ours\n");
    assert!(path.symlink_metadata().unwrap().file_type().is_symlink());
    assert_eq!(dir.names(), ["app.log", "elsewhere.log"], "no archive, no temporary file");
}

#[test]
fn a_sink_that_wrote_compresses_its_file_when_removed() {
    let dir = TempDir::new("compress-opened-wrote");
    let path = dir.join("app.log");
    let logger = hlog::Logger::new();
    let id = logger
        .add(FileSink::new(&path).delay(true).compression("gz").buffer_size(0))
        .format("{message}")
        .install()
        .unwrap();
    hlog::info!(logger, "kept");
    logger.remove(id).unwrap();
    logger.complete();
    drop(logger);
    let archive = dir.join("app.log.gz");
    for _ in 0..200 {
        if archive.exists() && !path.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(archive.exists() && !path.exists(), "compressed at close");
    let mut text = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::GzDecoder::new(std::fs::File::open(&archive).unwrap()),
        &mut text,
    )
    .unwrap();
    assert_eq!(text, "kept\n");
}
