//! `std::process::exit` while another thread is writing to a file sink: the exit flush waits
//! for that write (at most a second) instead of skipping the sink, so every buffered record
//! reaches the file; and a record logged after hlog's exit flush (here by an exit handler that
//! runs after it) is written straight through. The test runs itself as a child process.

#![cfg(unix)]

use std::process::Command;
use std::sync::mpsc;
use std::time::Duration;

use hlog::sink::FileSink;
use hlog::sink::file::Rotation;

const CHILD: &str = "HLOG_EXIT_WAIT_TEST_DIR";
const RECORDS: usize = 100;

static LOGGER: std::sync::OnceLock<hlog::Logger> = std::sync::OnceLock::new();

/// Registered before hlog's own exit handler, so it runs after it (exit handlers run in the
/// reverse order of registration).
extern "C" fn log_after_the_exit_flush() {
    if let Some(logger) = LOGGER.get() {
        hlog::info!(logger, "after the exit flush");
    }
}

fn child(dir: &std::path::Path) -> ! {
    // SAFETY: a plain `extern "C" fn()` that stays valid for the whole program.
    unsafe { libc::atexit(log_after_the_exit_flush) };
    let (inside, entered) = mpsc::channel::<()>();
    let inside = std::sync::Mutex::new(inside);
    // Holds the sink's lock for 300 ms while it writes the record "slow": a rotation
    // condition runs inside the sink's write.
    let slow = Rotation::when(move |record, _| {
        if record.message().to_string() == "slow" {
            let _ = inside.lock().unwrap().send(());
            std::thread::sleep(Duration::from_millis(300));
        }
        false
    });
    let logger = LOGGER.get_or_init(hlog::Logger::new);
    logger
        .add(FileSink::new(dir.join("app.log")).rotation(slow))
        .format("{message}")
        .install()
        .unwrap();
    for i in 0..RECORDS {
        hlog::info!(logger, "record {i}");
    }
    std::thread::spawn(move || hlog::info!(logger, "slow"));
    entered.recv_timeout(Duration::from_secs(10)).unwrap();
    std::process::exit(0);
}

#[test]
fn exit_waits_for_the_sink_and_writes_later_records_through() {
    if let Ok(dir) = std::env::var(CHILD) {
        child(std::path::Path::new(&dir));
    }
    let dir = std::env::temp_dir().join(format!("hlog-exit-wait-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let status = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "exit_waits_for_the_sink_and_writes_later_records_through"])
        .env(CHILD, &dir)
        .status()
        .unwrap();
    assert!(status.success());
    let text = std::fs::read_to_string(dir.join("app.log")).unwrap();
    let mut expected: Vec<String> = (0..RECORDS).map(|i| format!("record {i}")).collect();
    expected.push("slow".into());
    expected.push("after the exit flush".into());
    assert_eq!(text.lines().collect::<Vec<_>>(), expected);
    let _ = std::fs::remove_dir_all(&dir);
}
