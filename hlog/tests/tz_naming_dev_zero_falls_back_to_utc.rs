//! `TZ=/dev/zero`, or a zone file larger than 1 MiB: refused before any of it is read (it was
//! read until allocation failed), and the local zone is UTC. A test binary of its own with one
//! test, since `TZ` is process-wide.

use std::sync::mpsc;
use std::time::Duration;

use hlog::time::Zone;

#[test]
fn tz_naming_a_device_or_a_huge_file_is_utc() {
    let error = Zone::from_tz_var("/dev/zero").unwrap_err();
    assert_eq!(
        error.to_string(),
        "cannot read time zone file `/dev/zero`: it is not a regular file"
    );
    let huge = std::env::temp_dir().join(format!("hlog-tz-huge-{}", std::process::id()));
    let file = std::fs::File::create(&huge).unwrap();
    file.set_len((1 << 20) + 1).unwrap();
    let error = Zone::from_tz_var(huge.to_str().unwrap()).unwrap_err();
    assert!(
        error
            .to_string()
            .ends_with("it is larger than 1048576 bytes (1 MiB); TZif files are a few KB"),
        "{error}"
    );
    std::fs::remove_file(&huge).unwrap();

    // SAFETY: this binary's only test; no other thread reads the environment meanwhile.
    unsafe { std::env::set_var("TZ", "/dev/zero") };
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(Zone::local().offset_at(1_750_000_000));
    });
    let offset = rx.recv_timeout(Duration::from_secs(10)).expect("reading TZ hung");
    assert_eq!(offset, (0, "UTC"));
}
