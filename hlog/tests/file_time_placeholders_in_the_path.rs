//! `{time}` in the path, as loguru accepts it: a bare `{time}` renders loguru's file-name
//! default, `{time:...}` in a folder makes the folder, and each new file's name is rendered by
//! the logger's clock when the file is created.

mod common;

use common::{Clock, TempDir};
use hlog::sink::FileSink;
use hlog::time::Zone;

/// 2026-03-26 10:30:00 UTC.
const TEN_THIRTY: i64 = 1_774_521_000;
const HOUR: f64 = 3600.0;

fn read(dir: &TempDir, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

#[test]
fn a_bare_time_names_each_new_file_when_it_is_created() {
    let dir = TempDir::new("bare-time");
    let clock = Clock::at(TEN_THIRTY);
    let logger = clock.logger();
    let sink = FileSink::new(dir.join("app_{time}.log"))
        .rotation("1 hour")
        .zone(Zone::utc())
        .buffer_size(0);
    logger.add(sink).format("{time:HH:mm} {message}").install().unwrap();
    assert_eq!(dir.names(), ["app_2026-03-26_10-30-00_000000.log"], "made at add()");
    clock.advance(0.25 * HOUR); // 10:45
    hlog::info!(logger, "a");
    clock.advance(HOUR); // 11:45: past 11:30
    hlog::info!(logger, "b");
    hlog::info!(logger, "c");
    clock.advance(HOUR); // 12:45: past 12:30
    hlog::info!(logger, "d");
    logger.remove_all();
    assert_eq!(
        dir.names(),
        [
            "app_2026-03-26_10-30-00_000000.log",
            "app_2026-03-26_11-45-00_000000.log",
            "app_2026-03-26_12-45-00_000000.log",
        ]
    );
    assert_eq!(read(&dir, "app_2026-03-26_10-30-00_000000.log"), "10:45 a\n");
    assert_eq!(read(&dir, "app_2026-03-26_11-45-00_000000.log"), "11:45 b\n11:45 c\n");
    assert_eq!(read(&dir, "app_2026-03-26_12-45-00_000000.log"), "12:45 d\n");
}

#[test]
fn a_time_in_a_folder_makes_a_folder_per_year() {
    let dir = TempDir::new("time-folder");
    let clock = Clock::at(1_798_761_000); // 2026-12-31 23:50 UTC
    let logger = clock.logger();
    let sink = FileSink::new(dir.join("{time:YYYY}/app.log"))
        .rotation("yearly")
        .zone(Zone::utc())
        .buffer_size(0);
    logger.add(sink).format("{time:YYYY-MM-DD HH:mm} {message}").install().unwrap();
    hlog::info!(logger, "last of 2026");
    clock.advance(HOUR); // 2027-01-01 00:50
    hlog::info!(logger, "first of 2027");
    logger.remove_all();
    assert_eq!(dir.names(), ["2026", "2027"]);
    assert_eq!(read(&dir, "2026/app.log"), "2026-12-31 23:50 last of 2026\n");
    assert_eq!(read(&dir, "2027/app.log"), "2027-01-01 00:50 first of 2027\n");
}

#[test]
fn a_dated_file_rotated_in_place_keeps_its_own_date_in_the_rotated_name() {
    let dir = TempDir::new("dated-root");
    let clock = Clock::at(TEN_THIRTY);
    let logger = clock.logger();
    let sink = FileSink::new(dir.join("app_{time:YYYY-MM-DD}.log"))
        .rotation("1 hour")
        .zone(Zone::utc())
        .buffer_size(0);
    logger.add(sink).format("{time:MM-DD HH:mm} {message}").install().unwrap();
    clock.advance(0.25 * HOUR); // 03-26 10:45
    hlog::info!(logger, "a");
    clock.advance(22.25 * HOUR); // 03-27 09:00: a new name, a new file
    hlog::info!(logger, "b");
    clock.advance(1.5 * HOUR); // 03-27 10:30: past the grid's 10:30, the same name
    hlog::info!(logger, "c");
    logger.remove_all();
    assert_eq!(
        dir.names(),
        [
            "app_2026-03-26.log",
            "app_2026-03-27.2026-03-27_09-00-00_000000.log",
            "app_2026-03-27.log",
        ]
    );
    assert_eq!(read(&dir, "app_2026-03-26.log"), "03-26 10:45 a\n");
    assert_eq!(read(&dir, "app_2026-03-27.2026-03-27_09-00-00_000000.log"), "03-27 09:00 b\n");
    assert_eq!(read(&dir, "app_2026-03-27.log"), "03-27 10:30 c\n");
}
