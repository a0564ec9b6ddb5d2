//! A dated file name (`app_{time:YYYY-MM-DD}.log`) whose name was held by something that is not
//! a file makes the sink write `app_<date>.2.log` instead: retention counts that file with the
//! others of the sink, in the order they were started.

mod common;

use common::{Clock, TempDir};
use hlog::sink::FileSink;
use hlog::time::Zone;

/// 2026-03-26 10:00:00 UTC.
const START: i64 = 1_774_519_200;
const DAY: f64 = 86_400.0;

fn read(dir: &TempDir, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

#[test]
fn a_dated_dot_two_file_is_kept_and_deleted_in_its_turn() {
    let dir = TempDir::new("dated-dot-n");
    // The 27th's name is held by a folder.
    std::fs::create_dir(dir.join("app_2026-03-27.log")).unwrap();
    let clock = Clock::at(START);
    let logger = clock.logger();
    let sink = FileSink::new(dir.join("app_{time:YYYY-MM-DD}.log"))
        .rotation("00:00")
        .retention(2)
        .zone(Zone::utc())
        .buffer_size(0);
    logger.add(sink).format("{time:DD} {message}").install().unwrap();
    let mut seen = Vec::new();
    for message in ["a", "b", "c", "d"] {
        hlog::info!(logger, "{message}");
        logger.complete();
        seen.push(dir.names());
        clock.advance(DAY);
    }
    // On the 29th, three files are not live: the 26th's (a) goes, the `.2` one (b) stays.
    assert_eq!(
        seen[3],
        ["app_2026-03-27.2.log", "app_2026-03-27.log", "app_2026-03-28.log", "app_2026-03-29.log",]
    );
    hlog::info!(logger, "e"); // the 30th: now b is the oldest
    logger.remove_all();
    assert_eq!(
        dir.names(),
        ["app_2026-03-27.log", "app_2026-03-28.log", "app_2026-03-29.log", "app_2026-03-30.log"]
    );
    assert!(dir.join("app_2026-03-27.log").is_dir(), "the folder is left alone");
    assert_eq!(read(&dir, "app_2026-03-28.log"), "28 c\n");
    assert_eq!(read(&dir, "app_2026-03-29.log"), "29 d\n");
    assert_eq!(read(&dir, "app_2026-03-30.log"), "30 e\n");
}
