//! Shared by the file sink tests: a clock the test moves, and a fresh folder.

#![allow(dead_code)]

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
