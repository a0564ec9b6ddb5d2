//! Each thread caches the handler list it last logged through. Removing a handler, removing
//! them all, or dropping the logger still closes the sinks at once — flushed, the file
//! closed — while another thread holds the old list; that thread's next call uses the new list.

mod common;

use std::path::Path;
use std::sync::mpsc;

use common::TempDir;
use hlog::sink::{Capture, FileSink};

/// Whether this process has `path` open (Linux: a link in `/proc/self/fd`).
fn is_open(path: &Path) -> bool {
    if !cfg!(target_os = "linux") {
        return false;
    }
    let path = std::fs::canonicalize(path).unwrap();
    std::fs::read_dir("/proc/self/fd")
        .unwrap()
        .filter_map(|entry| std::fs::read_link(entry.ok()?.path()).ok())
        .any(|target| target == path)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// How the file sink goes away while a thread holds the cached handler list.
#[derive(Clone, Copy, Debug)]
enum Removal {
    Remove,
    RemoveAll,
    DropLogger,
}

fn closed_while_cached(removal: Removal) {
    let dir = TempDir::new(&format!("cached-{removal:?}"));
    let path = dir.join("app.log");
    let logger = hlog::Logger::new();
    // Buffered (the default 64 KiB): only a flush puts the line in the file.
    let id = logger.add(FileSink::new(&path)).format("{message}").install().unwrap();
    let capture = Capture::new();

    // A thread logs once (caching the list) and lets go of the logger; later it gets the
    // logger again (unless it was dropped) and logs once more.
    let (go, wait) = mpsc::channel::<Option<hlog::Logger>>();
    let (done, logged) = mpsc::channel::<()>();
    let worker = {
        let logger = logger.clone();
        std::thread::spawn(move || {
            hlog::info!(logger, "before");
            drop(logger);
            done.send(()).unwrap();
            if let Some(logger) = wait.recv().unwrap() {
                hlog::info!(logger, "after");
            }
            done.send(()).unwrap();
        })
    };
    logged.recv().unwrap();
    assert!(is_open(&path) || !cfg!(target_os = "linux"));
    assert_eq!(read(&path), "", "still buffered");

    let logger = match removal {
        Removal::Remove => {
            logger.remove(id).unwrap();
            Some(logger)
        }
        Removal::RemoveAll => {
            logger.remove_all();
            Some(logger)
        }
        Removal::DropLogger => {
            drop(logger);
            None
        }
    };
    // Flushed and closed now, though the worker thread still holds the list it cached.
    assert_eq!(read(&path), "before\n", "{removal:?}");
    assert!(!is_open(&path), "{removal:?}: the removed sink's file is still open");

    // A handler added since reaches the worker's next call; the removed one gets nothing.
    if let Some(logger) = &logger {
        logger.add(capture.clone()).format("{message}").install().unwrap();
    }
    go.send(logger.clone()).unwrap();
    logged.recv().unwrap();
    worker.join().unwrap();
    assert_eq!(read(&path), "before\n", "{removal:?}");
    assert!(!is_open(&path), "{removal:?}");
    if logger.is_some() {
        assert_eq!(capture.text(), "after\n", "{removal:?}");
    }
}

#[test]
fn a_removed_file_sink_is_flushed_and_closed_while_another_thread_caches_it() {
    closed_while_cached(Removal::Remove);
}

#[test]
fn remove_all_closes_file_sinks_that_another_thread_caches() {
    closed_while_cached(Removal::RemoveAll);
}

#[test]
fn dropping_the_logger_closes_file_sinks_that_another_thread_caches() {
    closed_while_cached(Removal::DropLogger);
}

/// One thread alternating between two loggers gets each record to its own logger's handlers
/// (the cache holds one list at a time and is replaced on every switch).
#[test]
fn alternating_loggers_on_one_thread() {
    let (a, b) = (Capture::new(), Capture::new());
    let (la, lb) = (hlog::Logger::new(), hlog::Logger::new());
    la.add(a.clone()).format("{message}").install().unwrap();
    lb.add(b.clone()).format("{message}").install().unwrap();
    for i in 0..3 {
        hlog::info!(la, "a{i}");
        hlog::info!(lb, "b{i}");
    }
    assert_eq!(a.text(), "a0\na1\na2\n");
    assert_eq!(b.text(), "b0\nb1\nb2\n");
    // A logger made after the cached one is dropped never sees the dropped one's handlers,
    // even if it lands at the same address.
    hlog::info!(la, "a3");
    drop(la);
    let lc = hlog::Logger::new();
    hlog::info!(lc, "nowhere");
    assert_eq!(a.text(), "a0\na1\na2\na3\n");
    assert_eq!(b.text(), "b0\nb1\nb2\n");
}
