//! The current thread's name and number, read once per thread, and the process id, read once
//! per process.

use std::cell::OnceCell;
use std::sync::atomic::{AtomicU32, Ordering};
use std::thread::Thread;

/// A thread's name and number: the calling thread's, read once per thread, or the one a
/// queued record was logged on (its ring keeps a copy, since the writer thread renders it).
#[derive(Clone)]
pub(crate) struct ThreadInfo {
    thread: Thread,
    id: u64,
}

impl ThreadInfo {
    /// The current thread's.
    pub(crate) fn current() -> ThreadInfo {
        with_info(ThreadInfo::clone)
    }

    /// The thread's name, `<unnamed>` for a thread without one.
    pub(crate) fn name(&self) -> &str {
        self.thread.name().unwrap_or("<unnamed>")
    }
}

thread_local! {
    static INFO: OnceCell<ThreadInfo> = const { OnceCell::new() };
}

fn with_info<R>(f: impl FnOnce(&ThreadInfo) -> R) -> R {
    let mut f = Some(f);
    let cached = INFO.try_with(|cell| (f.take().expect("once"))(cell.get_or_init(current)));
    match cached {
        Ok(result) => result,
        // Logging from a thread-local's destructor: the cache is gone, ask again.
        Err(_) => (f.take().expect("not called"))(&current()),
    }
}

fn current() -> ThreadInfo {
    let thread = std::thread::current();
    // `ThreadId::as_u64` is unstable; its Debug form is `ThreadId(N)`.
    let debug = format!("{:?}", thread.id());
    let id = debug.trim_start_matches("ThreadId(").trim_end_matches(')').parse().unwrap_or(0);
    ThreadInfo { thread, id }
}

/// Write the name of the thread `of` (`main`, a spawned thread's name, or `<unnamed>`), the
/// current thread's when `None`.
pub(crate) fn write_name(buf: &mut Vec<u8>, of: Option<&ThreadInfo>) {
    match of {
        Some(info) => buf.extend_from_slice(info.name().as_bytes()),
        None => with_info(|info| buf.extend_from_slice(info.name().as_bytes())),
    }
}

/// The number of the thread `of` (Rust's `ThreadId`; the main thread is 1), the current
/// thread's when `None`.
pub(crate) fn id(of: Option<&ThreadInfo>) -> u64 {
    match of {
        Some(info) => info.id,
        None => with_info(|info| info.id),
    }
}

/// The program's name (the executable's file stem), read once.
pub(crate) fn process_name() -> &'static str {
    static NAME: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    NAME.get_or_init(|| {
        std::env::current_exe()
            .ok()
            .and_then(|path| path.file_stem().map(|stem| stem.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "<unknown>".to_owned())
    })
}

/// The process id, 0 until first read and again in the child of a `fork`.
static PID: AtomicU32 = AtomicU32::new(0);

/// The process id. `getpid` is a system call (glibc stopped caching it; a few hundred
/// nanoseconds on a virtual machine), so it is read once and kept; the logger's `fork` handler
/// (registered when the first logger is made, before any record is rendered) forgets it in the
/// child ([`forget_process_id`]).
pub(crate) fn process_id() -> u32 {
    match PID.load(Ordering::Relaxed) {
        0 => {
            let pid = std::process::id();
            PID.store(pid, Ordering::Relaxed);
            pid
        }
        pid => pid,
    }
}

/// In the child of a `fork`: the process id is the child's own, read again. Only an atomic
/// store, as a `fork` child handler needs.
pub(crate) fn forget_process_id() {
    PID.store(0, Ordering::Relaxed);
}
