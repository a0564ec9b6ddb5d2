//! `TZ` naming a FIFO: the local zone is UTC at once, instead of the first log call hanging on
//! the read. A test binary of its own with one test, since `TZ` is process-wide; it runs on a
//! thread with a deadline, so a hang fails instead of hanging the suite.

use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::sync::mpsc;
use std::time::Duration;

use hlog::time::Zone;

#[test]
fn tz_naming_a_fifo_is_utc_without_blocking() {
    let dir = std::env::temp_dir().join(format!("hlog-tz-fifo-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let fifo = dir.join("zone");
    let c = CString::new(fifo.as_os_str().as_bytes()).unwrap();
    // SAFETY: `c` is a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);

    // A FIFO with no writer: a blocking open or read would wait forever.
    let error = Zone::from_tz_var(&format!(":{}", fifo.display())).unwrap_err();
    assert!(error.to_string().ends_with("it is not a regular file"), "{error}");

    // SAFETY: this binary's only test; no other thread reads the environment meanwhile.
    unsafe { std::env::set_var("TZ", &fifo) };
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let logger = hlog::Logger::new();
        let capture = hlog::sink::Capture::new();
        logger.add(capture.clone()).format("{time:zz}|{message}").install().unwrap();
        hlog::info!(logger, "first record");
        let _ = tx.send((Zone::local().offset_at(0), capture.text()));
    });
    let (offset, text) = rx.recv_timeout(Duration::from_secs(10)).expect("the first log call hung");
    assert_eq!(offset, (0, "UTC"));
    assert_eq!(text, "UTC|first record\n");
    let _ = std::fs::remove_dir_all(&dir);
}
