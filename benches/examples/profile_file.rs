//! `perf record` target: 3,000,000 `info!` calls through the default format into a file sink.
use std::hint::black_box;
fn main() {
    let dir = std::env::temp_dir().join(format!("hlog-profile-{}", std::process::id()));
    let logger = hlog::Logger::new();
    logger.add(hlog::sink::FileSink::new(dir.join("app.log"))).colorize(false).install().unwrap();
    let user = "alice";
    // HLOG_PROFILE_CALLS=200000 for callgrind runs.
    let calls: u64 =
        std::env::var("HLOG_PROFILE_CALLS").ok().and_then(|s| s.parse().ok()).unwrap_or(3_000_000);
    for i in 0..calls {
        hlog::info!(
            logger,
            "User {user} logged in from {ip} (id={id}, ms={ms})",
            ip = black_box("10.0.0.1"),
            id = black_box(i),
            ms = black_box(12.345)
        );
    }
    logger.complete();
    let _ = std::fs::remove_dir_all(&dir);
}
