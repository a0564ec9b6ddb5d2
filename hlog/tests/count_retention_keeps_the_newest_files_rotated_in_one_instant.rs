//! Count retention with several rotations at one instant (a frozen clock): the rotated files
//! are `app.<TS>.log`, `app.<TS>.2.log`, …, a name that retention freed is not taken again (the
//! counter keeps increasing), and the newest files, in the order they were rotated, remain.

mod common;

use common::{Clock, TempDir};
use hlog::sink::FileSink;
use hlog::time::Zone;

/// 2026-03-26 14:30:00 UTC.
const START: i64 = 1_774_535_400;
const TS: &str = "2026-03-26_14-30-00_000000";

fn read(dir: &TempDir, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

/// Each record after the first rotates (4-byte limit, "rNN\n" records); `complete()` after each
/// one lets retention run before the next rotation, as it would with time between them.
fn rotate_at_one_instant(tag: &str, records: usize, wait_each: bool) -> TempDir {
    let dir = TempDir::new(tag);
    let logger = Clock::at(START).logger();
    let sink = FileSink::new(dir.join("app.log"))
        .rotation(4_u64)
        .retention(2)
        .zone(Zone::utc())
        .buffer_size(0);
    logger.add(sink).format("{message}").install().unwrap();
    for i in 0..records {
        hlog::info!(logger, "r{i:02}");
        if wait_each {
            logger.complete();
        }
    }
    logger.complete();
    assert_eq!(logger.stats()[0].lost, 0);
    dir
}

#[test]
fn the_two_newest_remain_with_their_contents() {
    // Six records: five rotations, r00…r04 rotated, r05 in the live file.
    let dir = rotate_at_one_instant("one-instant", 6, true);
    let (fourth, fifth) = (format!("app.{TS}.4.log"), format!("app.{TS}.5.log"));
    assert_eq!(dir.names(), [fourth.clone(), fifth.clone(), "app.log".to_owned()]);
    assert_eq!(read(&dir, &fourth), "r03\n");
    assert_eq!(read(&dir, &fifth), "r04\n");
    assert_eq!(read(&dir, "app.log"), "r05\n");
}

#[test]
fn the_two_newest_remain_when_retention_lags_behind() {
    let dir = rotate_at_one_instant("one-instant-lag", 12, false);
    let (tenth, eleventh) = (format!("app.{TS}.10.log"), format!("app.{TS}.11.log"));
    assert_eq!(dir.names(), [tenth.clone(), eleventh.clone(), "app.log".to_owned()]);
    assert_eq!(read(&dir, &tenth), "r09\n");
    assert_eq!(read(&dir, &eleventh), "r10\n");
    assert_eq!(read(&dir, "app.log"), "r11\n");
}
