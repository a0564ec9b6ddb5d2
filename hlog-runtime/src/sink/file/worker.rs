//! The file sink's background thread: compression and retention run there, so a log call never
//! waits for them.
//!
//! One thread per file sink, started by the first job (a sink that never rotates, or has
//! neither compression nor retention, costs no thread). Per sink rather than shared: one sink's
//! slow compression never delays another's retention, and dropping a sink simply finishes its
//! own jobs and joins its own thread.
//!
//! Jobs run in the order they were submitted. A failure is reported through the sink's
//! `on_error` and the thread carries on; so does a panic (in a user closure, say), which is
//! caught and reported.

use std::any::Any;
use std::ffi::OsStr;
use std::fs;
use std::io;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock};
use std::thread::{self, JoinHandle, ThreadId};

use crossbeam_channel::{Receiver, Sender};

use super::compression::Compression;
use super::primitives::same_file;
use super::retention::{Candidate, Retention};
use crate::time::Timestamp;

/// Where the worker reports a failure: one clear sentence, without a `hlog:` prefix.
pub(crate) type OnError = Arc<dyn Fn(String) + Send + Sync>;

/// Whether a file name is one the sink produced (rotated or archived), and then its start time
/// and counter.
pub(crate) type Matcher = Arc<dyn Fn(&OsStr) -> Option<(Timestamp, u32)> + Send + Sync>;

/// What to do after a rotation (or at close).
pub(crate) struct Job {
    /// The file just rotated (or the live file at close, when compression is set and there is
    /// no rotation); compressed when `compression` is set.
    pub rotated: Option<PathBuf>,
    pub compression: Option<Compression>,
    /// Run after compression, on the files of `dir` that `matcher` accepts.
    pub retention: Option<Retention>,
    pub dir: PathBuf,
    /// The file being written: never a candidate.
    pub live: PathBuf,
    pub matcher: Matcher,
    /// The time of the rotation, for age-based retention.
    pub now: Timestamp,
}

/// A file sink's background thread.
pub(crate) struct Worker {
    name: String,
    on_error: OnError,
    shared: Arc<Shared>,
    /// Started by the first job; `None` inside when the thread could not be started (jobs then
    /// run in the caller's thread).
    thread: OnceLock<Option<Running>>,
}

struct Running {
    jobs: Sender<Job>,
    handle: JoinHandle<()>,
    id: ThreadId,
}

/// Progress, for `wait_idle`.
#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

#[derive(Default)]
struct State {
    submitted: u64,
    done: u64,
    /// The thread has ended (it never should while the worker lives).
    stopped: bool,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn finished_one(&self) {
        self.lock().done += 1;
        self.changed.notify_all();
    }
}

/// Marks the thread stopped however it ends, so `wait_idle` never waits for a dead thread.
struct StopGuard(Arc<Shared>);

impl Drop for StopGuard {
    fn drop(&mut self) {
        self.0.lock().stopped = true;
        self.0.changed.notify_all();
    }
}

impl Worker {
    /// A worker for the sink `name` (used to name the thread); failures go to `on_error`. The
    /// thread starts with the first job.
    pub(crate) fn start(name: &str, on_error: OnError) -> Worker {
        Worker { name: name.to_owned(), on_error, shared: Arc::default(), thread: OnceLock::new() }
    }

    /// Queue a job; never waits for the jobs before it.
    pub(crate) fn submit(&self, job: Job) {
        let Some(running) = self.thread.get_or_init(|| self.spawn()) else {
            // No thread: do the work here rather than lose it.
            run_job(job, self.on_error.as_ref());
            return;
        };
        self.shared.lock().submitted += 1;
        if let Err(crossbeam_channel::SendError(job)) = running.jobs.send(job) {
            // The thread is gone (it never should be): do the work here.
            run_job(job, self.on_error.as_ref());
            self.shared.finished_one();
        }
    }

    /// Block until every job submitted so far is done (`hlog::complete()`). Returns at once on
    /// the worker's own thread (a closure calling `complete()` would otherwise wait for itself).
    pub(crate) fn wait_idle(&self) {
        let Some(Some(running)) = self.thread.get() else { return };
        if thread::current().id() == running.id {
            return;
        }
        let mut state = self.shared.lock();
        let target = state.submitted;
        while state.done < target && !state.stopped {
            state = self.shared.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }

    fn spawn(&self) -> Option<Running> {
        let (jobs, queue) = crossbeam_channel::unbounded();
        let shared = self.shared.clone();
        let on_error = self.on_error.clone();
        let spawned = thread::Builder::new()
            .name(format!("hlog file {}", self.name).replace('\0', ""))
            .spawn(move || work(queue, shared, on_error));
        match spawned {
            Ok(handle) => {
                let id = handle.thread().id();
                Some(Running { jobs, handle, id })
            }
            Err(error) => {
                report(
                    self.on_error.as_ref(),
                    format!(
                        "cannot start the background thread of {} ({error}); compressing and \
                         deleting old files in the logging thread instead",
                        self.name
                    ),
                );
                None
            }
        }
    }
}

impl Drop for Worker {
    /// Finish the queued jobs, then join the thread.
    fn drop(&mut self) {
        if let Some(Some(running)) = self.thread.take() {
            let Running { jobs, handle, id } = running;
            // Closing the channel ends the thread once the queue is empty.
            drop(jobs);
            if thread::current().id() != id {
                let _ = handle.join();
            }
        }
    }
}

/// The thread: run jobs until the channel closes.
fn work(queue: Receiver<Job>, shared: Arc<Shared>, on_error: OnError) {
    let _stop = StopGuard(shared.clone());
    for job in queue {
        run_job(job, on_error.as_ref());
        shared.finished_one();
    }
}

/// Compress, then apply retention; report every failure and panic, never unwind.
fn run_job(job: Job, on_error: &(dyn Fn(String) + Send + Sync)) {
    // A rotated file that an earlier job's retention already deleted (rotations outpacing the
    // worker, with a count retention) needs no compression: that is the policy, not an error.
    let rotated = job.rotated.as_ref().filter(|path| std::fs::symlink_metadata(path).is_ok());
    if let (Some(rotated), Some(compression)) = (rotated, &job.compression) {
        match catch_unwind(AssertUnwindSafe(|| compression.compress(rotated))) {
            Ok(Ok(_)) => {}
            Ok(Err(error)) => report(
                on_error,
                format!(
                    "cannot compress {} ({error}); the file is kept uncompressed",
                    rotated.display()
                ),
            ),
            Err(panic) => report(
                on_error,
                format!(
                    "the compression closure panicked on {} ({}); the file is kept as it is",
                    rotated.display(),
                    panic_message(panic.as_ref())
                ),
            ),
        }
    }
    if let Some(retention) = &job.retention {
        let outcome = catch_unwind(AssertUnwindSafe(|| apply_retention(&job, retention, on_error)));
        if let Err(panic) = outcome {
            report(
                on_error,
                format!(
                    "the retention closure panicked ({}) while cleaning {}",
                    panic_message(panic.as_ref()),
                    job.dir.display()
                ),
            );
        }
    }
    // A panicking destructor in a user closure must not end the thread either.
    let _ = catch_unwind(AssertUnwindSafe(move || drop(job)));
}

/// List this sink's rotated files and archives in `job.dir` and delete what the retention
/// selects (or hand them to its closure).
fn apply_retention(job: &Job, retention: &Retention, on_error: &(dyn Fn(String) + Send + Sync)) {
    let mut candidates = candidates(job, on_error);
    candidates
        .sort_by(|a, b| (a.started, a.counter, &a.path).cmp(&(b.started, b.counter, &b.path)));
    if let Some(custom) = retention.custom() {
        let paths: Vec<PathBuf> = candidates.into_iter().map(|c| c.path).collect();
        custom(&paths);
        return;
    }
    for path in retention.select(&candidates, job.now) {
        // Only ever delete a file that was offered.
        if !candidates.iter().any(|c| c.path == path) {
            continue;
        }
        match fs::remove_file(&path) {
            Ok(()) => {}
            Err(error) if error.kind() == io::ErrorKind::NotFound => {}
            Err(error) => {
                report(on_error, format!("retention: cannot delete {} ({error})", path.display()))
            }
        }
    }
}

/// The regular files of `job.dir` that the matcher accepts, the live file excepted.
fn candidates(job: &Job, on_error: &(dyn Fn(String) + Send + Sync)) -> Vec<Candidate> {
    let entries = match fs::read_dir(&job.dir) {
        Ok(entries) => entries,
        Err(error) => {
            report(on_error, format!("retention: cannot list {} ({error})", job.dir.display()));
            return Vec::new();
        }
    };
    // The live file under another spelling or a hard link is no candidate either.
    let live = fs::metadata(&job.live).ok();
    let mut candidates = Vec::new();
    for entry in entries {
        let Ok(entry) = entry else { continue };
        let name = entry.file_name();
        let Some((started, counter)) = (job.matcher)(&name) else { continue };
        let path = entry.path();
        if path == job.live {
            continue;
        }
        // Not followed: a symlink is never a candidate, whatever it points to.
        let Ok(metadata) = fs::symlink_metadata(&path) else { continue };
        let is_live = live.as_ref().is_some_and(|live| same_file(live, &metadata) == Some(true));
        if !metadata.file_type().is_file() || is_live {
            continue;
        }
        let modified = metadata.modified().map(Timestamp::from).unwrap_or(started);
        candidates.push(Candidate { path, started, counter, modified });
    }
    candidates
}

/// Call `on_error`; a panic in it is swallowed (there is nowhere left to report it).
fn report(on_error: &(dyn Fn(String) + Send + Sync), message: String) {
    let _ = catch_unwind(AssertUnwindSafe(|| on_error(message)));
}

fn panic_message(panic: &(dyn Any + Send)) -> &str {
    if let Some(text) = panic.downcast_ref::<&str>() {
        text
    } else if let Some(text) = panic.downcast_ref::<String>() {
        text
    } else {
        "a panic without a message"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::time::Duration;

    use crate::sink::file::test_dir::TempDir;

    /// An `on_error` that collects the messages.
    fn collector() -> (OnError, Arc<Mutex<Vec<String>>>) {
        let errors: Arc<Mutex<Vec<String>>> = Arc::default();
        let sink = errors.clone();
        (Arc::new(move |message| sink.lock().unwrap().push(message)), errors)
    }

    /// `app.<n>.log` (and its archives) → started at second n, counter 1.
    fn matcher() -> Matcher {
        Arc::new(|name: &OsStr| {
            let name = name.to_str()?;
            let rest = name.strip_prefix("app.")?;
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            let suffix = &rest[digits..];
            if digits == 0 || !matches!(suffix, ".log" | ".log.gz" | ".log.2.gz") {
                return None;
            }
            Some((Timestamp::from_unix(rest[..digits].parse().ok()?, 0), 1))
        })
    }

    fn job(dir: &Path) -> Job {
        Job {
            rotated: None,
            compression: None,
            retention: None,
            dir: dir.to_path_buf(),
            live: dir.join("app.log"),
            matcher: matcher(),
            now: Timestamp::now(),
        }
    }

    /// A job running `f` (as a custom compression of a file that need not exist).
    fn closure_job(dir: &Path, f: impl Fn() + Send + Sync + 'static) -> Job {
        let mut job = job(dir);
        // The closure returns the file itself: nothing is removed, nothing reported.
        fs::write(dir.join("unused"), b"").unwrap();
        job.rotated = Some(dir.join("unused"));
        job.compression = Some(Compression::custom(move |p: &Path| {
            f();
            Ok(p.to_path_buf())
        }));
        job
    }

    #[test]
    fn jobs_run_in_order_and_wait_idle_waits() {
        let dir = TempDir::new("order");
        let (on_error, errors) = collector();
        let worker = Worker::start("order", on_error);
        let seen: Arc<Mutex<Vec<u32>>> = Arc::default();
        for i in 0..20 {
            let seen = seen.clone();
            worker.submit(closure_job(&dir.0, move || {
                if i == 0 {
                    thread::sleep(Duration::from_millis(100));
                }
                seen.lock().unwrap().push(i);
            }));
        }
        worker.wait_idle();
        assert_eq!(*seen.lock().unwrap(), (0..20).collect::<Vec<_>>());
        assert!(errors.lock().unwrap().is_empty(), "{:?}", errors.lock().unwrap());
    }

    #[test]
    fn submit_does_not_wait_for_the_job() {
        let dir = TempDir::new("async");
        let (on_error, _) = collector();
        let worker = Worker::start("async", on_error);
        let (release, gate) = crossbeam_channel::bounded::<()>(0);
        let started = std::time::Instant::now();
        worker.submit(closure_job(&dir.0, move || {
            let _ = gate.recv_timeout(Duration::from_secs(10));
        }));
        assert!(started.elapsed() < Duration::from_secs(5), "submit returned at once");
        release.send(()).unwrap();
        worker.wait_idle();
    }

    #[test]
    fn drop_finishes_pending_jobs() {
        let dir = TempDir::new("drop");
        let (on_error, _) = collector();
        let worker = Worker::start("drop", on_error);
        let count = Arc::new(AtomicU64::new(0));
        for _ in 0..5 {
            let count = count.clone();
            worker.submit(closure_job(&dir.0, move || {
                thread::sleep(Duration::from_millis(10));
                count.fetch_add(1, Ordering::SeqCst);
            }));
        }
        drop(worker);
        assert_eq!(count.load(Ordering::SeqCst), 5);
    }

    #[test]
    fn wait_idle_without_jobs_returns() {
        let (on_error, _) = collector();
        let worker = Worker::start("idle", on_error);
        worker.wait_idle();
        assert!(worker.thread.get().is_none(), "no thread before the first job");
    }

    #[test]
    fn a_panicking_closure_is_reported_and_the_next_job_runs() {
        let dir = TempDir::new("panic");
        let (on_error, errors) = collector();
        let worker = Worker::start("panic", on_error);
        worker.submit(closure_job(&dir.0, || panic!("boom")));
        let ran = Arc::new(AtomicU64::new(0));
        let flag = ran.clone();
        worker.submit(closure_job(&dir.0, move || {
            flag.store(1, Ordering::SeqCst);
        }));
        worker.wait_idle();
        assert_eq!(ran.load(Ordering::SeqCst), 1, "the next job ran");
        let errors = errors.lock().unwrap();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].contains("panicked") && errors[0].contains("boom"), "{}", errors[0]);
    }

    #[test]
    fn a_failing_compression_keeps_the_file_and_reports() {
        let dir = TempDir::new("fail");
        let (on_error, errors) = collector();
        let worker = Worker::start("fail", on_error);
        let mut failing = job(&dir.0);
        // Not a regular file: compression refuses it.
        fs::create_dir(dir.0.join("app.1.log")).unwrap();
        failing.rotated = Some(dir.0.join("app.1.log"));
        failing.compression = Some(Compression::Gzip);
        worker.submit(failing);
        let mut ok = job(&dir.0);
        fs::write(dir.0.join("app.2.log"), b"two\n").unwrap();
        ok.rotated = Some(dir.0.join("app.2.log"));
        ok.compression = Some(Compression::Gzip);
        worker.submit(ok);
        worker.wait_idle();
        let errors = errors.lock().unwrap();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].starts_with("cannot compress "), "{}", errors[0]);
        assert!(errors[0].ends_with("the file is kept uncompressed"), "{}", errors[0]);
        assert_eq!(dir.names(), ["app.1.log", "app.2.log.gz"]);
    }

    #[test]
    fn a_rotated_file_already_gone_is_skipped_quietly() {
        // Count retention of an earlier job may delete files whose compression is still queued.
        let dir = TempDir::new("gone");
        let (on_error, errors) = collector();
        let worker = Worker::start("gone", on_error);
        let mut gone = job(&dir.0);
        gone.rotated = Some(dir.0.join("app.1.log"));
        gone.compression = Some(Compression::Gzip);
        worker.submit(gone);
        worker.wait_idle();
        assert!(errors.lock().unwrap().is_empty());
        assert!(dir.names().is_empty());
    }

    #[test]
    fn wait_idle_inside_a_job_does_not_deadlock() {
        let dir = TempDir::new("reentrant");
        let (on_error, _) = collector();
        let worker = Arc::new(Worker::start("reentrant", on_error));
        let inner = Arc::downgrade(&worker);
        let done = Arc::new(AtomicU64::new(0));
        let flag = done.clone();
        worker.submit(closure_job(&dir.0, move || {
            if let Some(worker) = inner.upgrade() {
                worker.wait_idle();
            }
            flag.store(1, Ordering::SeqCst);
        }));
        worker.wait_idle();
        assert_eq!(done.load(Ordering::SeqCst), 1);
    }

    /// Files for the retention tests: five of this sink's rotated files (seconds 1 to 5), the
    /// live file, and things retention must never touch.
    fn retention_dir(tag: &str) -> TempDir {
        let dir = TempDir::new(tag);
        for n in 1..=5 {
            fs::write(dir.0.join(format!("app.{n}.log")), b"old\n").unwrap();
        }
        fs::write(dir.0.join("app.log"), b"live\n").unwrap();
        fs::write(dir.0.join("app.notes.log"), b"notes\n").unwrap();
        fs::write(dir.0.join("elsewhere.log"), b"target\n").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.0.join("elsewhere.log"), dir.0.join("app.9.log")).unwrap();
        fs::create_dir(dir.0.join("app.8.log")).unwrap();
        dir
    }

    /// What `retention_dir` holds besides this sink's rotated files.
    fn untouchable() -> Vec<&'static str> {
        let mut names = vec!["app.8.log", "app.log", "app.notes.log", "elsewhere.log"];
        if cfg!(unix) {
            names.push("app.9.log");
        }
        names
    }

    #[test]
    fn count_retention_keeps_foreign_files_symlinks_and_the_live_file() {
        let dir = retention_dir("count");
        let (on_error, errors) = collector();
        let worker = Worker::start("count", on_error);
        let mut job = job(&dir.0);
        job.retention = Some(Retention::parse("2").unwrap());
        worker.submit(job);
        worker.wait_idle();
        let mut expected = untouchable();
        expected.extend(["app.4.log", "app.5.log"]);
        expected.sort();
        assert_eq!(dir.names(), expected);
        assert!(errors.lock().unwrap().is_empty(), "{:?}", errors.lock().unwrap());
    }

    #[test]
    fn compression_then_retention_in_one_job() {
        let dir = retention_dir("both");
        let (on_error, errors) = collector();
        let worker = Worker::start("both", on_error);
        let mut job = job(&dir.0);
        job.rotated = Some(dir.0.join("app.5.log"));
        job.compression = Some(Compression::Gzip);
        job.retention = Some(Retention::parse("3").unwrap());
        worker.submit(job);
        worker.wait_idle();
        let mut expected = untouchable();
        expected.extend(["app.3.log", "app.4.log", "app.5.log.gz"]);
        expected.sort();
        assert_eq!(dir.names(), expected);
        assert!(errors.lock().unwrap().is_empty(), "{:?}", errors.lock().unwrap());
    }

    #[test]
    fn a_retention_closure_gets_the_candidates_oldest_first() {
        let dir = retention_dir("closure");
        let (on_error, errors) = collector();
        let worker = Worker::start("closure", on_error);
        let seen: Arc<Mutex<Vec<PathBuf>>> = Arc::default();
        let sink = seen.clone();
        let mut job = job(&dir.0);
        job.retention = Some(Retention::from_fn(move |paths: &[PathBuf]| {
            sink.lock().unwrap().extend_from_slice(paths);
        }));
        worker.submit(job);
        let mut panicking = self::job(&dir.0);
        panicking.retention = Some(Retention::from_fn(|_: &[PathBuf]| panic!("retention boom")));
        worker.submit(panicking);
        worker.wait_idle();
        let expected: Vec<PathBuf> = (1..=5).map(|n| dir.0.join(format!("app.{n}.log"))).collect();
        assert_eq!(*seen.lock().unwrap(), expected);
        let errors = errors.lock().unwrap();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].contains("retention boom"), "{}", errors[0]);
        assert_eq!(dir.names().len(), 5 + untouchable().len(), "the closure deleted nothing");
    }

    #[test]
    fn a_missing_folder_is_reported() {
        let dir = TempDir::new("nofolder");
        let (on_error, errors) = collector();
        let worker = Worker::start("nofolder", on_error);
        let mut job = job(&dir.0.join("absent"));
        job.retention = Some(Retention::parse("1").unwrap());
        worker.submit(job);
        worker.wait_idle();
        let errors = errors.lock().unwrap();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].starts_with("retention: cannot list "), "{}", errors[0]);
    }
}
