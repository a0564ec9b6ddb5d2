//! With `{time}` in a folder (`{time:YYYY-MM-DD}/app.log`: one folder per day), retention
//! considers every file the sink made, in the earlier folders too: the files rotated there and
//! the file that was live there. By count, in the order the files were started; by age, by
//! their last write.

mod common;

use std::path::Path;
use std::time::{Duration, SystemTime};

use common::{Clock, TempDir};
use hlog::sink::FileSink;
use hlog::time::Zone;

/// 2026-03-26 22:00:00 UTC.
const TEN_PM: i64 = 1_774_562_400;
const HOUR: f64 = 3600.0;

/// A sink writing `{time:YYYY-MM-DD}/app.log` from 22:00 on the 26th, rotating hourly and
/// keeping three rotated files, and its clock.
fn hourly_day_folders(dir: &TempDir) -> (Clock, hlog::Logger) {
    let clock = Clock::at(TEN_PM);
    let logger = clock.logger();
    let sink = FileSink::new(dir.join("{time:YYYY-MM-DD}/app.log"))
        .rotation("1 hour")
        .retention(3)
        .zone(Zone::utc())
        .buffer_size(0);
    logger.add(sink).format("{time:DD HH:mm} {message}").install().unwrap();
    (clock, logger)
}

/// Log `messages` an hour apart, from 22:10, writing each out.
fn hourly(clock: &Clock, logger: &hlog::Logger, messages: &[&str]) {
    clock.advance(HOUR / 6.0);
    for message in messages {
        hlog::info!(logger, "{message}");
        logger.complete();
        clock.advance(HOUR);
    }
}

fn read(dir: &TempDir, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

/// Names in a folder, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The file's last write, as if at `secs` by the test clock (its real last write is now).
fn set_modified(path: &Path, secs: i64) {
    let file = std::fs::File::options().append(true).open(path).unwrap();
    file.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(secs as u64)).unwrap();
}

#[test]
fn count_retention_keeps_the_newest_files_across_day_folders() {
    let dir = TempDir::new("count-folders");
    let (clock, logger) = hourly_day_folders(&dir);
    // 26 22:10, 23:10 (rotated in place), 27 00:10 (a new folder: the old file stays as it
    // is), 01:10, 02:10, 03:10 (rotated in place). Each rotation is followed by retention.
    hourly(&clock, &logger, &["a", "b", "c", "d", "e", "f"]);
    logger.remove_all();
    assert_eq!(dir.names(), ["2026-03-26", "2026-03-27"]);
    // a (rotated on the 26th) went first, then b (live there until midnight).
    assert!(names_in(&dir.join("2026-03-26")).is_empty());
    assert_eq!(
        names_in(&dir.join("2026-03-27")),
        [
            "app.2026-03-27_00-10-00_000000.log",
            "app.2026-03-27_01-10-00_000000.log",
            "app.2026-03-27_02-10-00_000000.log",
            "app.log",
        ]
    );
    assert_eq!(read(&dir, "2026-03-27/app.2026-03-27_00-10-00_000000.log"), "27 00:10 c\n");
    assert_eq!(read(&dir, "2026-03-27/app.2026-03-27_01-10-00_000000.log"), "27 01:10 d\n");
    assert_eq!(read(&dir, "2026-03-27/app.2026-03-27_02-10-00_000000.log"), "27 02:10 e\n");
    assert_eq!(read(&dir, "2026-03-27/app.log"), "27 03:10 f\n");
}

#[test]
fn count_retention_orders_an_earlier_folder_before_a_later_one() {
    // The file left in the 26th's folder was started after the one rotated there, and before
    // every file of the 27th: with three kept, the oldest (a) goes and b stays.
    let dir = TempDir::new("count-folders-order");
    let (clock, logger) = hourly_day_folders(&dir);
    hourly(&clock, &logger, &["a", "b", "c", "d", "e"]);
    logger.remove_all();
    assert_eq!(names_in(&dir.join("2026-03-26")), ["app.log"]);
    assert_eq!(read(&dir, "2026-03-26/app.log"), "26 23:10 b\n");
    assert_eq!(
        names_in(&dir.join("2026-03-27")),
        ["app.2026-03-27_00-10-00_000000.log", "app.2026-03-27_01-10-00_000000.log", "app.log"]
    );
}

#[test]
fn age_retention_deletes_old_files_in_earlier_day_folders() {
    let dir = TempDir::new("age-folders");
    let clock = Clock::at(TEN_PM - 12 * 3600); // 26 10:00
    let logger = clock.logger();
    let sink = FileSink::new(dir.join("{time:YYYY-MM-DD}/app.log"))
        .rotation("00:00")
        .retention("1 day")
        .zone(Zone::utc())
        .buffer_size(0);
    logger.add(sink).format("{time:DD HH:mm} {message}").install().unwrap();
    hlog::info!(logger, "a");
    set_modified(&dir.join("2026-03-26/app.log"), clock.now().secs());
    clock.advance(23.0 * HOUR); // 27 09:00: a new day, a new folder
    hlog::info!(logger, "b");
    clock.advance(11.0 * HOUR); // 27 20:00
    hlog::info!(logger, "b2");
    logger.complete();
    set_modified(&dir.join("2026-03-27/app.log"), clock.now().secs());
    clock.advance(13.5 * HOUR); // 28 09:30: the 26th's file is older than a day, the 27th's not
    hlog::info!(logger, "c");
    logger.complete();
    logger.remove_all();
    assert_eq!(dir.names(), ["2026-03-26", "2026-03-27", "2026-03-28"]);
    assert!(names_in(&dir.join("2026-03-26")).is_empty());
    assert_eq!(read(&dir, "2026-03-27/app.log"), "27 09:00 b\n27 20:00 b2\n");
    assert_eq!(read(&dir, "2026-03-28/app.log"), "28 09:30 c\n");
}
