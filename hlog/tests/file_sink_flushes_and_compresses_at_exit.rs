//! At a normal exit, buffered records reach the file and a file sink without rotation
//! compresses its file (loguru's behaviour), with no `complete()` call: this test runs itself
//! as a child process that logs and exits.

use std::io::Read;
use std::process::Command;

const CHILD: &str = "HLOG_EXIT_TEST_DIR";

#[test]
fn exit_flushes_and_compresses() {
    if let Ok(dir) = std::env::var(CHILD) {
        let dir = std::path::PathBuf::from(dir);
        hlog::remove_all();
        hlog::add(hlog::sink::FileSink::new(dir.join("plain.log")))
            .format("{message}")
            .install()
            .unwrap();
        hlog::add(hlog::sink::FileSink::new(dir.join("packed.log")).compression("gz"))
            .format("{message}")
            .install()
            .unwrap();
        hlog::info!("buffered until exit");
        std::process::exit(0);
    }
    let dir = std::env::temp_dir().join(format!("hlog-exit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let status = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "exit_flushes_and_compresses", "--nocapture"])
        .env(CHILD, &dir)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(std::fs::read_to_string(dir.join("plain.log")).unwrap(), "buffered until exit\n");
    assert!(!dir.join("packed.log").exists());
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(dir.join("packed.log.gz")).unwrap())
        .read_to_string(&mut text)
        .unwrap();
    assert_eq!(text, "buffered until exit\n");
    let _ = std::fs::remove_dir_all(&dir);
}
