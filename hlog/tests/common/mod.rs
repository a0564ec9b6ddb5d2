//! Shared by the file sink tests: a clock the test moves, and a fresh folder.

#![allow(dead_code)]

#[cfg(unix)]
pub(crate) mod fork;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use hlog::Logger;
use hlog::time::{Timestamp, Zone};

/// A clock that stands still until the test moves it.
#[derive(Clone)]
pub(crate) struct Clock(Arc<AtomicI64>);

impl Clock {
    /// Starting at `secs` (Unix seconds).
    pub(crate) fn at(secs: i64) -> Clock {
        Clock(Arc::new(AtomicI64::new(secs * 1_000_000_000)))
    }

    pub(crate) fn now(&self) -> Timestamp {
        let nanos = self.0.load(Ordering::SeqCst);
        Timestamp::from_unix(
            nanos.div_euclid(1_000_000_000),
            nanos.rem_euclid(1_000_000_000) as u32,
        )
    }

    pub(crate) fn set(&self, secs: i64, nanos: u32) {
        self.0.store(secs * 1_000_000_000 + i64::from(nanos), Ordering::SeqCst);
    }

    pub(crate) fn advance(&self, secs: f64) {
        self.0.fetch_add((secs * 1e9) as i64, Ordering::SeqCst);
    }

    /// A logger on this clock, in UTC.
    pub(crate) fn logger(&self) -> Logger {
        let clock = self.clone();
        Logger::new().with_clock(move || clock.now()).with_zone(Zone::utc())
    }
}

/// A new empty folder for one test, removed when dropped.
pub(crate) struct TempDir(PathBuf);

impl TempDir {
    pub(crate) fn new(name: &str) -> TempDir {
        static COUNT: AtomicI64 = AtomicI64::new(0);
        let n = COUNT.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("hlog-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    pub(crate) fn path(&self) -> &Path {
        &self.0
    }

    pub(crate) fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    /// File names in the folder, sorted.
    pub(crate) fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.0)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Wait for the child process `pid` to end, at most `limit`: its exit status and how long it
/// took, or `None` when it was still running (then it is killed, so that a hang fails the test
/// instead of hanging it).
#[cfg(unix)]
pub(crate) fn wait_for_child(
    pid: libc::pid_t,
    limit: std::time::Duration,
) -> Option<(libc::c_int, std::time::Duration)> {
    let started = std::time::Instant::now();
    loop {
        let mut status = 0;
        // SAFETY: `status` lives across the call; `pid` is this process's child.
        let reaped = unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) };
        assert!(reaped >= 0, "waitpid: {}", std::io::Error::last_os_error());
        if reaped == pid {
            return Some((status, started.elapsed()));
        }
        if started.elapsed() > limit {
            // SAFETY: as above; the child is killed, then reaped.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
                libc::waitpid(pid, &mut status, 0);
            }
            return None;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
}

/// In a child process made by `fork`: run `body`, then end the process at once (never return
/// into the test harness) — with status 0, or 101 if `body` panicked.
#[cfg(unix)]
pub(crate) fn in_child(body: impl FnOnce()) -> ! {
    let ok = std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)).is_ok();
    // SAFETY: `_exit` ends this process without running anything more.
    unsafe { libc::_exit(if ok { 0 } else { 101 }) }
}
