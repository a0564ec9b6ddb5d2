//! The current thread's name and number, read once per thread.

use std::cell::OnceCell;
use std::thread::Thread;

struct ThreadInfo {
    thread: Thread,
    id: u64,
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

/// Write the current thread's name (`main`, a spawned thread's name, or `<unnamed>`).
pub(crate) fn write_name(buf: &mut Vec<u8>) {
    with_info(|info| buf.extend_from_slice(info.thread.name().unwrap_or("<unnamed>").as_bytes()));
}

/// The current thread's number (Rust's `ThreadId`; the main thread is 1).
pub(crate) fn id() -> u64 {
    with_info(|info| info.id)
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
