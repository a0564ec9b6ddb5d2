//! A record logged while a thread is being torn down (from a thread-local's destructor, after
//! hlog's own thread-locals may be gone) is still written, whole.

use std::sync::{Arc, Mutex};

struct LogsOnDrop(hlog::Logger);

impl Drop for LogsOnDrop {
    fn drop(&mut self) {
        hlog::warning!(self.0, "bye from {}", "teardown");
    }
}

thread_local! {
    static GUARD: std::cell::RefCell<Option<LogsOnDrop>> = const { std::cell::RefCell::new(None) };
}

#[test]
fn written_during_thread_teardown() {
    let lines = Arc::new(Mutex::new(Vec::new()));
    let logger = hlog::Logger::new();
    let store = lines.clone();
    logger
        .add(hlog::sink::from_fn(move |line, _| store.lock().unwrap().push(line.to_owned())))
        .format("{thread} {level} {message}")
        .install()
        .unwrap();
    let for_thread = logger.clone();
    std::thread::Builder::new()
        .name("worker-7".into())
        .spawn(move || {
            // Registered before hlog's own thread-locals, so destroyed after them (last in,
            // first out): the record below is logged when hlog's caches are gone.
            GUARD.with(|g| *g.borrow_mut() = Some(LogsOnDrop(for_thread.clone())));
            hlog::info!(for_thread, "working");
        })
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(
        *lines.lock().unwrap(),
        ["worker-7 INFO working\n", "worker-7 WARNING bye from teardown\n"]
    );
}
