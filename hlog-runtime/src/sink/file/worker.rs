//! The file sink's background thread: compression and retention run there, so a log call never
//! waits for them; and a buffering sink's timer, which writes out a buffer that no record came
//! to write out (a quiet program's last records reach the file within a second).
//!
//! One thread per file sink, started when a buffering sink is installed, else by the first job
//! (an unbuffered sink that never rotates, or has neither compression nor retention, costs no
//! thread). Per sink rather than shared: one sink's slow compression never delays another's
//! retention, and dropping a sink simply finishes its own jobs and joins its own thread.
//!
//! The timer takes nothing from the log call's path: the buffer stays the sink's, behind its
//! handler's lock, and every half second the thread flushes through a [`Flusher`], which only
//! *tries* that lock (a log call holding it writes the buffer out itself once it is a second
//! old; and waiting could deadlock with a `complete()` waiting for this thread's jobs). A long
//! compression delays the timer until it is done.
//!
//! Jobs run in the order they were submitted. A failure is kept, as an `io::Error` that says
//! what was being done to which file, for the sink's next write or flush to return, and the
//! thread carries on; so does a panic (in a user closure, say), which is caught and kept too.

use std::any::Any;
use std::error::Error;
use std::fmt;
use std::fs;
use std::io;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock};
use std::thread::{self, JoinHandle, ThreadId};
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender};

use super::compression::Compression;
use super::primitives::{FileError, IoContext, same_file};
use super::retention::{Candidate, Retention, SinkFiles};
use crate::sink::Flusher;
use crate::time::Timestamp;

/// How often a buffering sink's thread writes out what no record did.
const FLUSH_EVERY: Duration = Duration::from_millis(500);

/// What a sink's worker does after each rotation: the same for every job.
pub(crate) struct Policies {
    /// Compress the rotated file.
    pub compression: Option<Compression>,
    /// Then apply retention to the sink's `files`.
    pub retention: Option<Retention>,
    pub files: Arc<dyn SinkFiles>,
}

/// One rotation (or the close of a sink without rotation) for the worker to follow up.
struct Job {
    /// The file just rotated, or the live file at close; compressed when compression is set.
    rotated: Option<PathBuf>,
    /// The file being written: never a candidate for retention.
    live: PathBuf,
    /// The time of the rotation, for age-based retention.
    now: Timestamp,
}

/// A file sink's background thread.
pub(crate) struct Worker {
    /// The sink's path: names the thread.
    name: PathBuf,
    policies: Arc<Policies>,
    shared: Arc<Shared>,
    /// Started by the first job; `None` inside when the thread could not be started (jobs then
    /// run in the caller's thread).
    thread: OnceLock<Option<Running>>,
    /// Flushes the sink on the thread's timer (a buffering sink's, once installed).
    flusher: Option<Flusher>,
}

struct Running {
    jobs: Sender<Job>,
    handle: JoinHandle<()>,
    id: ThreadId,
}

/// What the thread shares with the sink: progress, for `wait_idle`, and failures.
#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    changed: Condvar,
    failures: Failures,
    /// In a child process after `fork`: the timer's thread is to be started again by the next
    /// write (which sees it as one more failure to take: nothing on the write's usual path).
    restart_timer: AtomicBool,
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

/// Failures not yet returned by the sink: the first one, and how many there were.
#[derive(Default)]
struct Failures {
    /// Read on every write, so that the common case is one load and no lock.
    count: AtomicUsize,
    first: Mutex<Option<io::Error>>,
}

impl Failures {
    fn push(&self, error: io::Error) {
        let mut first = self.first.lock().unwrap_or_else(|e| e.into_inner());
        first.get_or_insert(error);
        self.count.fetch_add(1, Ordering::Release);
    }

    /// The first failure not yet taken, with how many others (`count` is not 0: the caller
    /// checked).
    fn take_slow(&self) -> Option<io::Error> {
        let mut first = self.first.lock().unwrap_or_else(|e| e.into_inner());
        let count = self.count.swap(0, Ordering::Acquire);
        let first = first.take()?;
        Some(match count {
            0 | 1 => first,
            _ => io::Error::new(first.kind(), AndMore { first, more: count - 1 }),
        })
    }
}

/// Several background failures returned as one: the first, and how many followed it.
#[derive(Debug)]
struct AndMore {
    first: io::Error,
    more: usize,
}

impl fmt::Display for AndMore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (and {} more background failures)", self.first, self.more)
    }
}

impl Error for AndMore {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(&self.first)
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
    /// The worker of the sink writing `name`, which applies `policies` after each rotation. The
    /// thread starts with the first job.
    pub(crate) fn start(name: &Path, policies: Policies) -> Worker {
        Worker {
            name: name.to_path_buf(),
            policies: Arc::new(policies),
            shared: Arc::default(),
            thread: OnceLock::new(),
            flusher: None,
        }
    }

    /// Start the thread now, and have it flush the sink every [`FLUSH_EVERY`] through
    /// `flusher`. Only before the thread started (the sink's `attach`, at install).
    pub(crate) fn keep_flushed(&mut self, flusher: Flusher) {
        if self.thread.get().is_none() {
            self.flusher = Some(flusher);
            self.thread.get_or_init(|| self.spawn());
        }
    }

    /// The compression of rotated files, if any.
    pub(crate) fn compression(&self) -> Option<&Compression> {
        self.policies.compression.as_ref()
    }

    /// Follow up the rotation of `rotated` (or the close of `live`, its path given as
    /// `rotated`) at `now`: compress it, then apply retention. Queued; never waits for the
    /// jobs before it. Nothing to do without compression and retention.
    pub(crate) fn submit(&self, rotated: Option<PathBuf>, live: &Path, now: Timestamp) {
        if self.policies.compression.is_none() && self.policies.retention.is_none() {
            return;
        }
        let job = Job { rotated, live: live.to_path_buf(), now };
        let Some(running) = self.thread.get_or_init(|| self.spawn()) else {
            // No thread: do the work here rather than lose it.
            run_job(&job, &self.policies, &self.shared.failures);
            return;
        };
        self.shared.lock().submitted += 1;
        if let Err(crossbeam_channel::SendError(job)) = running.jobs.send(job) {
            // The thread is gone (it never should be): do the work here.
            run_job(&job, &self.policies, &self.shared.failures);
            self.shared.finished_one();
        }
    }

    /// The failures since the last call, as one error: the first, with the number of others
    /// (each says what was being done to which file, and keeps the original error's kind and,
    /// as its `source()`, the error itself).
    #[inline]
    pub(crate) fn take_error(&self) -> Option<io::Error> {
        if self.shared.failures.count.load(Ordering::Acquire) == 0 {
            return None;
        }
        self.take_error_slow()
    }

    #[cold]
    #[inline(never)]
    fn take_error_slow(&self) -> Option<io::Error> {
        if self.shared.restart_timer.swap(false, Ordering::Relaxed) {
            self.shared.failures.count.fetch_sub(1, Ordering::AcqRel);
            self.thread.get_or_init(|| self.spawn());
        }
        self.shared.failures.take_slow()
    }

    /// In a child process, just after `fork`: the thread does not exist here. Forget it and
    /// the progress it shared (its channel and handle are leaked: dropping them could wait for
    /// locks the parent's thread held at the fork), so `wait_idle` and exit never wait for it;
    /// the jobs queued before the fork are the parent's, done by the parent's thread. The next
    /// job starts a new thread, and so does a buffering sink's next write (for its timer).
    pub(crate) fn after_fork_in_child(&mut self) {
        let Some(running) = self.thread.take() else { return };
        std::mem::forget(running);
        self.shared = Arc::default();
        if self.flusher.is_some() {
            self.shared.restart_timer.store(true, Ordering::Relaxed);
            self.shared.failures.count.fetch_add(1, Ordering::Release);
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
        let policies = self.policies.clone();
        let flusher = self.flusher.clone();
        let spawned = thread::Builder::new()
            .name(format!("hlog file {}", self.name.display()).replace('\0', ""))
            .spawn(move || work(queue, shared, policies, flusher));
        match spawned {
            Ok(handle) => {
                let id = handle.thread().id();
                Some(Running { jobs, handle, id })
            }
            Err(error) => {
                // The jobs run in the logging thread instead.
                let error = FileError::wrap("starting the background thread of", &self.name, error);
                self.shared.failures.push(error);
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

/// The thread: run jobs until the channel closes, and flush the sink on the timer (until its
/// handler is gone).
fn work(
    queue: Receiver<Job>,
    shared: Arc<Shared>,
    policies: Arc<Policies>,
    mut flusher: Option<Flusher>,
) {
    let _stop = StopGuard(shared.clone());
    let mut next_flush = Instant::now() + FLUSH_EVERY;
    loop {
        let job = match &flusher {
            None => queue.recv().map_err(|_| RecvTimeoutError::Disconnected),
            Some(_) => queue.recv_deadline(next_flush),
        };
        match job {
            Ok(job) => {
                run_job(&job, &policies, &shared.failures);
                shared.finished_one();
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        if let Some(sink) = &flusher {
            if Instant::now() >= next_flush {
                if !sink.flush() {
                    flusher = None; // the handler is gone
                }
                next_flush = Instant::now() + FLUSH_EVERY;
            }
        }
    }
}

/// Compress, then apply retention; keep every failure and panic, never unwind.
fn run_job(job: &Job, policies: &Policies, failures: &Failures) {
    // A rotated file that an earlier job's retention already deleted (rotations outpacing the
    // worker, with a count retention) needs no compression: that is the policy, not an error.
    let rotated = job.rotated.as_ref().filter(|path| fs::symlink_metadata(path).is_ok());
    if let (Some(rotated), Some(compression)) = (rotated, &policies.compression) {
        let compressed = catch_unwind(AssertUnwindSafe(|| compression.compress(rotated)))
            .unwrap_or_else(|panic| Err(panicked("the compression closure", panic.as_ref())));
        if let Err(error) = compressed.context("compressing", rotated) {
            failures.push(error);
        }
    }
    if let Some(retention) = &policies.retention {
        let cleaned = match catch_unwind(AssertUnwindSafe(|| {
            apply_retention(job, policies, retention, failures)
        })) {
            Ok(cleaned) => cleaned,
            Err(panic) => Err(panicked("the retention closure", panic.as_ref()))
                .context("cleaning", policies.files.base()),
        };
        if let Err(error) = cleaned {
            failures.push(error);
        }
    }
}

/// List this sink's rotated files and archives in the folder and delete what the retention
/// selects (or hand them to its closure). A file that cannot be deleted is kept as a failure
/// and the others are still deleted; a folder that cannot be listed is the error.
fn apply_retention(
    job: &Job,
    policies: &Policies,
    retention: &Retention,
    failures: &Failures,
) -> io::Result<()> {
    let mut candidates = candidates(job, policies)?;
    candidates.sort_by(|a, b| (a.rank, &a.path).cmp(&(b.rank, &b.path)));
    if let Some(custom) = retention.custom() {
        let paths: Vec<PathBuf> = candidates.into_iter().map(|c| c.path).collect();
        custom(&paths);
        return Ok(());
    }
    // A count never deletes the file just rotated (nor its archive), whatever sorts after it.
    let just_rotated = match retention {
        Retention::KeepLast(_) => job.rotated.as_deref().and_then(|p| policies.files.rank(p)),
        _ => None,
    };
    for path in retention.select(&candidates, job.now) {
        // Only ever delete a file that was offered.
        let Some(candidate) = candidates.iter().find(|c| c.path == path) else { continue };
        if just_rotated == Some(candidate.rank) {
            continue;
        }
        match fs::remove_file(&path) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => {
                failures.push(FileError::wrap("deleting", &path, error));
            }
            _ => {}
        }
    }
    Ok(())
}

/// The sink's regular files (in its folder, and in the folders of its `{time}` folders), the
/// live file excepted.
fn candidates(job: &Job, policies: &Policies) -> io::Result<Vec<Candidate>> {
    let base = policies.files.base();
    let files = policies.files.list().context("listing", base)?;
    // The live file under another spelling or a hard link is no candidate either.
    let live = fs::metadata(&job.live).ok();
    let mut candidates = Vec::new();
    for (path, rank) in files {
        if path == job.live {
            continue;
        }
        // Not followed: a symlink is never a candidate, whatever it points to.
        let Ok(metadata) = fs::symlink_metadata(&path) else { continue };
        let is_live = live.as_ref().is_some_and(|live| same_file(live, &metadata) == Some(true));
        if !metadata.file_type().is_file() || is_live {
            continue;
        }
        // (Where the system keeps no last write: the newest time its path holds.)
        let modified = metadata.modified().map_or(rank.started.max(rank.period), Timestamp::from);
        candidates.push(Candidate { path, rank, modified });
    }
    Ok(candidates)
}

/// A caught panic as an error: `<what> panicked: <its message>`.
fn panicked(what: &str, panic: &(dyn Any + Send)) -> io::Error {
    let message = if let Some(text) = panic.downcast_ref::<&str>() {
        text
    } else if let Some(text) = panic.downcast_ref::<String>() {
        text
    } else {
        "a panic without a message"
    };
    io::Error::other(format!("{what} panicked: {message}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;
    use std::sync::atomic::AtomicU64;
    use std::time::Duration;

    use crate::sink::file::retention::Rank;
    use crate::sink::file::test_dir::TempDir;

    /// The files of a sink writing `app.log` in a folder: `app.<n>.log` (and its archives),
    /// started at second n, counter 1.
    struct Numbered(PathBuf);

    impl Numbered {
        fn rank_of(name: &OsStr) -> Option<Rank> {
            let name = name.to_str()?;
            let rest = name.strip_prefix("app.")?;
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            let suffix = &rest[digits..];
            if digits == 0 || !matches!(suffix, ".log" | ".log.gz" | ".log.2.gz") {
                return None;
            }
            Some(Rank::rotated(Timestamp::from_unix(rest[..digits].parse().ok()?, 0), 1))
        }
    }

    impl SinkFiles for Numbered {
        fn base(&self) -> &Path {
            &self.0
        }

        fn list(&self) -> io::Result<Vec<(PathBuf, Rank)>> {
            let entries = fs::read_dir(&self.0)?.filter_map(Result::ok);
            Ok(entries.filter_map(|e| Some((e.path(), Self::rank_of(&e.file_name())?))).collect())
        }

        fn rank(&self, path: &Path) -> Option<Rank> {
            Self::rank_of(path.file_name()?)
        }
    }

    /// The worker of a sink writing `app.log` in `dir`.
    fn worker(
        dir: &Path,
        compression: Option<Compression>,
        retention: Option<Retention>,
    ) -> Worker {
        let files = Arc::new(Numbered(dir.to_path_buf()));
        let policies = Policies { compression, retention, files };
        Worker::start(&dir.join("app.log"), policies)
    }

    /// A worker whose compression calls `f` with each rotated file and leaves the file as it
    /// is (nothing removed, nothing reported).
    fn closure_worker(dir: &Path, f: impl Fn(&Path) + Send + Sync + 'static) -> Worker {
        let compression = Compression::custom(move |p: &Path| {
            f(p);
            Ok(p.to_path_buf())
        });
        worker(dir, Some(compression), None)
    }

    /// Submit the rotation of `name` in `dir`, made empty first unless it exists.
    fn rotate(worker: &Worker, dir: &TempDir, name: &str) {
        let path = dir.join(name);
        if fs::symlink_metadata(&path).is_err() {
            fs::write(&path, b"").unwrap();
        }
        worker.submit(Some(path), &dir.join("app.log"), Timestamp::now());
    }

    /// Submit a job with nothing to compress: retention only.
    fn clean(worker: &Worker, dir: &Path) {
        worker.submit(None, &dir.join("app.log"), Timestamp::now());
    }

    fn file_name(path: &Path) -> String {
        path.file_name().unwrap().to_string_lossy().into_owned()
    }

    #[test]
    fn jobs_run_in_order_and_wait_idle_waits() {
        let dir = TempDir::new("order");
        let seen: Arc<Mutex<Vec<String>>> = Arc::default();
        let sink = seen.clone();
        let worker = closure_worker(&dir.0, move |path| {
            if file_name(path) == "job00" {
                thread::sleep(Duration::from_millis(100));
            }
            sink.lock().unwrap().push(file_name(path));
        });
        let names: Vec<String> = (0..20).map(|i| format!("job{i:02}")).collect();
        for name in &names {
            rotate(&worker, &dir, name);
        }
        worker.wait_idle();
        assert_eq!(*seen.lock().unwrap(), names);
        assert!(worker.take_error().is_none());
    }

    #[test]
    fn submit_does_not_wait_for_the_job() {
        let dir = TempDir::new("async");
        let (release, gate) = crossbeam_channel::bounded::<()>(0);
        let worker = closure_worker(&dir.0, move |_| {
            let _ = gate.recv_timeout(Duration::from_secs(10));
        });
        let started = std::time::Instant::now();
        rotate(&worker, &dir, "app.1.log");
        assert!(started.elapsed() < Duration::from_secs(5), "submit returned at once");
        release.send(()).unwrap();
        worker.wait_idle();
    }

    #[test]
    fn drop_finishes_pending_jobs() {
        let dir = TempDir::new("drop");
        let count = Arc::new(AtomicU64::new(0));
        let counter = count.clone();
        let worker = closure_worker(&dir.0, move |_| {
            thread::sleep(Duration::from_millis(10));
            counter.fetch_add(1, Ordering::SeqCst);
        });
        for n in 1..=5 {
            rotate(&worker, &dir, &format!("app.{n}.log"));
        }
        drop(worker);
        assert_eq!(count.load(Ordering::SeqCst), 5);
    }

    #[test]
    fn no_thread_before_the_first_job_nor_without_work() {
        let dir = TempDir::new("idle");
        let worker = closure_worker(&dir.0, |_| {});
        worker.wait_idle();
        assert!(worker.thread.get().is_none(), "no thread before the first job");
        let idle = self::worker(&dir.0, None, None);
        rotate(&idle, &dir, "app.1.log");
        idle.wait_idle();
        assert!(idle.thread.get().is_none(), "neither compression nor retention: no thread");
    }

    #[test]
    fn a_panicking_closure_is_reported_and_the_next_job_runs() {
        let dir = TempDir::new("panic");
        let ran = Arc::new(AtomicU64::new(0));
        let flag = ran.clone();
        let worker = closure_worker(&dir.0, move |path| {
            if file_name(path) == "app.1.log" {
                panic!("boom");
            }
            flag.store(1, Ordering::SeqCst);
        });
        rotate(&worker, &dir, "app.1.log");
        rotate(&worker, &dir, "app.2.log");
        worker.wait_idle();
        assert_eq!(ran.load(Ordering::SeqCst), 1, "the next job ran");
        let error = worker.take_error().unwrap().to_string();
        let expected = format!(
            "compressing {}: the compression closure panicked: boom",
            dir.join("app.1.log").display()
        );
        assert_eq!(error, expected);
    }

    #[test]
    fn a_failing_compression_keeps_the_file_and_reports() {
        let dir = TempDir::new("fail");
        let worker = worker(&dir.0, Some(Compression::Gzip), None);
        // Not a regular file: compression refuses it.
        fs::create_dir(dir.join("app.1.log")).unwrap();
        rotate(&worker, &dir, "app.1.log");
        fs::write(dir.join("app.2.log"), b"two\n").unwrap();
        rotate(&worker, &dir, "app.2.log");
        worker.wait_idle();
        let error = worker.take_error().unwrap();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
        let expected =
            format!("compressing {}: not a regular file", dir.join("app.1.log").display());
        assert_eq!(error.to_string(), expected);
        assert_eq!(dir.names(), ["app.1.log", "app.2.log.gz"]);
    }

    /// What the sink's write returns: the original error's kind, context in the message, the
    /// original as `source()`; several failures as the first and a count.
    #[test]
    fn failures_keep_their_kind_and_source_and_add_up() {
        let dir = TempDir::new("kinds");
        let full = Compression::custom(|_: &Path| Err(io::Error::from(io::ErrorKind::StorageFull)));
        let worker = worker(&dir.0, Some(full), None);
        rotate(&worker, &dir, "app.1.log");
        worker.wait_idle();
        let error = worker.take_error().unwrap();
        assert_eq!(error.kind(), io::ErrorKind::StorageFull);
        let original = io::Error::from(io::ErrorKind::StorageFull);
        let expected = format!("compressing {}: {original}", dir.join("app.1.log").display());
        assert_eq!(error.to_string(), expected);
        let source = error.source().and_then(|s| s.downcast_ref::<io::Error>()).unwrap();
        assert_eq!(source.kind(), io::ErrorKind::StorageFull);
        assert!(worker.take_error().is_none(), "taken once");

        for n in 2..=4 {
            rotate(&worker, &dir, &format!("app.{n}.log"));
        }
        worker.wait_idle();
        let error = worker.take_error().unwrap();
        assert_eq!(error.kind(), io::ErrorKind::StorageFull);
        let first = format!("compressing {}: {original}", dir.join("app.2.log").display());
        assert_eq!(error.to_string(), format!("{first} (and 2 more background failures)"));
        assert_eq!(error.source().unwrap().to_string(), first);
    }

    #[test]
    fn a_rotated_file_already_gone_is_skipped_quietly() {
        // Count retention of an earlier job may delete files whose compression is still queued.
        let dir = TempDir::new("gone");
        let worker = worker(&dir.0, Some(Compression::Gzip), None);
        worker.submit(Some(dir.join("app.1.log")), &dir.join("app.log"), Timestamp::now());
        worker.wait_idle();
        assert!(worker.take_error().is_none());
        assert!(dir.names().is_empty());
    }

    #[test]
    fn wait_idle_inside_a_job_does_not_deadlock() {
        let dir = TempDir::new("reentrant");
        let this: Arc<OnceLock<std::sync::Weak<Worker>>> = Arc::default();
        let done = Arc::new(AtomicU64::new(0));
        let (inner, flag) = (this.clone(), done.clone());
        let worker = Arc::new(closure_worker(&dir.0, move |_| {
            if let Some(worker) = inner.get().and_then(std::sync::Weak::upgrade) {
                worker.wait_idle();
            }
            flag.store(1, Ordering::SeqCst);
        }));
        this.set(Arc::downgrade(&worker)).unwrap();
        rotate(&worker, &dir, "app.1.log");
        worker.wait_idle();
        assert_eq!(done.load(Ordering::SeqCst), 1);
    }

    /// A child process after `fork` (simulated: the "parent's" thread here goes on, blocked in
    /// its job): `wait_idle` no longer waits for that thread, and the next job starts a new
    /// one.
    #[test]
    fn after_fork_in_child_forgets_the_thread_and_starts_a_new_one() {
        let dir = TempDir::new("fork");
        let (release, gate) = crossbeam_channel::bounded::<()>(0);
        let seen: Arc<Mutex<Vec<String>>> = Arc::default();
        let sink = seen.clone();
        let mut worker = closure_worker(&dir.0, move |path| {
            if file_name(path) == "app.1.log" {
                let _ = gate.recv_timeout(Duration::from_secs(10));
            }
            sink.lock().unwrap().push(file_name(path));
        });
        rotate(&worker, &dir, "app.1.log");
        worker.after_fork_in_child();
        let started = Instant::now();
        worker.wait_idle();
        assert!(started.elapsed() < Duration::from_secs(5), "did not wait for the old thread");
        assert!(worker.thread.get().is_none());
        rotate(&worker, &dir, "app.2.log");
        worker.wait_idle();
        assert_eq!(*seen.lock().unwrap(), ["app.2.log"], "a new thread did the new job");
        release.send(()).unwrap();
    }

    /// A buffering sink's timer thread is started again by the sink's next write after `fork`
    /// (which takes the worker's failures, finding none).
    #[test]
    fn after_fork_in_child_the_next_write_restarts_the_timer() {
        struct Target;
        impl crate::sink::FlushTarget for Target {
            fn flush_if_idle(&self) -> bool {
                true
            }
        }
        let dir = TempDir::new("fork-timer");
        let target: Arc<dyn crate::sink::FlushTarget> = Arc::new(Target);
        let mut worker = self::worker(&dir.0, None, None);
        worker.keep_flushed(Flusher(Arc::downgrade(&target)));
        assert!(worker.thread.get().is_some());
        worker.after_fork_in_child();
        assert!(worker.thread.get().is_none());
        assert!(worker.take_error().is_none(), "no failure to report");
        assert!(matches!(worker.thread.get(), Some(Some(_))), "the timer's thread runs again");
        assert!(worker.take_error().is_none());
    }

    /// Files for the retention tests: five of this sink's rotated files (seconds 1 to 5), the
    /// live file, and things retention must never touch.
    fn retention_dir(tag: &str) -> TempDir {
        let dir = TempDir::new(tag);
        for n in 1..=5 {
            fs::write(dir.join(&format!("app.{n}.log")), b"old\n").unwrap();
        }
        fs::write(dir.join("app.log"), b"live\n").unwrap();
        fs::write(dir.join("app.notes.log"), b"notes\n").unwrap();
        fs::write(dir.join("elsewhere.log"), b"target\n").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.join("elsewhere.log"), dir.join("app.9.log")).unwrap();
        fs::create_dir(dir.join("app.8.log")).unwrap();
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
        let worker = worker(&dir.0, None, Some(Retention::keep_last(2)));
        clean(&worker, &dir.0);
        worker.wait_idle();
        let mut expected = untouchable();
        expected.extend(["app.4.log", "app.5.log"]);
        expected.sort();
        assert_eq!(dir.names(), expected);
        assert!(worker.take_error().is_none());
    }

    /// A rotated file that sorts as older than others (its name's time is earlier) is the
    /// one just rotated: a count keeps it all the same, and the newest besides.
    #[test]
    fn count_retention_keeps_the_file_just_rotated() {
        let dir = retention_dir("just-rotated");
        let worker = worker(&dir.0, None, Some(Retention::keep_last(1)));
        rotate(&worker, &dir, "app.2.log");
        worker.wait_idle();
        let mut expected = untouchable();
        expected.extend(["app.2.log", "app.5.log"]);
        expected.sort();
        assert_eq!(dir.names(), expected);
        // The next job, for another file, applies the count.
        rotate(&worker, &dir, "app.5.log");
        worker.wait_idle();
        let mut expected = untouchable();
        expected.push("app.5.log");
        expected.sort();
        assert_eq!(dir.names(), expected);
        assert!(worker.take_error().is_none());
    }

    #[test]
    fn compression_then_retention_in_one_job() {
        let dir = retention_dir("both");
        let worker = worker(&dir.0, Some(Compression::Gzip), Some(Retention::keep_last(3)));
        rotate(&worker, &dir, "app.5.log");
        worker.wait_idle();
        let mut expected = untouchable();
        expected.extend(["app.3.log", "app.4.log", "app.5.log.gz"]);
        expected.sort();
        assert_eq!(dir.names(), expected);
        assert!(worker.take_error().is_none());
    }

    #[test]
    fn a_retention_closure_gets_the_candidates_oldest_first() {
        let dir = retention_dir("closure");
        let seen: Arc<Mutex<Vec<Vec<PathBuf>>>> = Arc::default();
        let sink = seen.clone();
        // The second call panics.
        let retention = Retention::from_fn(move |paths: &[PathBuf]| {
            let calls = {
                let mut seen = sink.lock().unwrap();
                seen.push(paths.to_vec());
                seen.len()
            };
            assert!(calls < 2, "retention boom");
        });
        let worker = worker(&dir.0, None, Some(retention));
        clean(&worker, &dir.0);
        clean(&worker, &dir.0);
        worker.wait_idle();
        let expected: Vec<PathBuf> = (1..=5).map(|n| dir.join(&format!("app.{n}.log"))).collect();
        assert_eq!(*seen.lock().unwrap(), [expected.clone(), expected]);
        let error = worker.take_error().unwrap().to_string();
        let cleaning = format!("cleaning {}: the retention closure panicked: ", dir.0.display());
        assert!(error.starts_with(&cleaning) && error.contains("retention boom"), "{error}");
        assert_eq!(dir.names().len(), 5 + untouchable().len(), "the closure deleted nothing");
    }

    #[test]
    fn a_missing_folder_is_reported() {
        let dir = TempDir::new("nofolder");
        let absent = dir.join("absent");
        let worker = worker(&absent, None, Some(Retention::keep_last(1)));
        clean(&worker, &absent);
        worker.wait_idle();
        let error = worker.take_error().unwrap();
        assert_eq!(error.kind(), io::ErrorKind::NotFound);
        assert!(error.to_string().starts_with(&format!("listing {}: ", absent.display())));
    }

    #[cfg(unix)]
    #[test]
    fn a_file_retention_cannot_delete_is_reported_and_the_others_go() {
        use std::os::unix::fs::PermissionsExt;
        // SAFETY: geteuid has no preconditions and cannot fail.
        if unsafe { libc::geteuid() } == 0 {
            eprintln!("skipped: permissions do not apply to root");
            return;
        }
        let dir = TempDir::new("undeletable");
        let old = dir.join("old");
        fs::create_dir(&old).unwrap();
        for n in 1..=3 {
            fs::write(old.join(format!("app.{n}.log")), b"old\n").unwrap();
        }
        fs::set_permissions(&old, fs::Permissions::from_mode(0o555)).unwrap();
        let worker = worker(&old, None, Some(Retention::keep_last(1)));
        clean(&worker, &old);
        worker.wait_idle();
        fs::set_permissions(&old, fs::Permissions::from_mode(0o755)).unwrap();
        let error = worker.take_error().unwrap();
        assert_eq!(error.kind(), io::ErrorKind::PermissionDenied);
        let first = format!("deleting {}: ", old.join("app.1.log").display());
        assert!(error.to_string().starts_with(&first), "{error}");
        assert!(error.to_string().ends_with("(and 1 more background failures)"), "{error}");
    }
}
