//! A file sink rotates by size (loguru's rule: before a record that would pass the limit) and
//! by time (checked when a record is written; the triggering record goes into the new file),
//! naming rotated files like loguru and never overwriting one.

mod common;

use common::{Clock, TempDir};
use hlog::sink::FileSink;
use hlog::time::Zone;

/// 2026-03-26 14:30:00 UTC, a Thursday.
const START: i64 = 1_774_535_400;

fn read(dir: &TempDir, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

#[test]
fn size_rotation_fills_the_file_to_the_limit_exactly() {
    let dir = TempDir::new("size");
    let clock = Clock::at(START);
    let logger = clock.logger();
    let sink = FileSink::new(dir.join("app.log")).rotation("1 KB").zone(Zone::utc()).buffer_size(0);
    logger.add(sink).format("{message}").install().unwrap();
    // 49 characters and a newline: 50 bytes a record.
    for i in 0..21 {
        hlog::info!(logger, "{i:02} {}", "x".repeat(46));
        clock.advance(0.001);
    }
    logger.complete();
    let names = dir.names();
    assert_eq!(names.len(), 2, "{names:?}");
    assert_eq!(names[1], "app.log");
    assert_eq!(names[0], "app.2026-03-26_14-30-00_000000.log");
    assert_eq!(read(&dir, &names[0]).len(), 1000, "20 records of 50 B fill 1000 B");
    assert!(read(&dir, "app.log").starts_with("20 "), "the 21st record opens the new file");
}

#[test]
fn a_record_larger_than_the_limit_goes_into_an_empty_file() {
    let dir = TempDir::new("big");
    let logger = Clock::at(START).logger();
    let sink = FileSink::new(dir.join("app.log")).rotation(100u64).zone(Zone::utc()).buffer_size(0);
    logger.add(sink).format("{message}").install().unwrap();
    hlog::info!(logger, "{}", "y".repeat(500));
    logger.complete();
    assert_eq!(dir.names(), ["app.log"], "no empty rotated file");
    assert_eq!(read(&dir, "app.log").len(), 501);
}

#[test]
fn daily_at_midnight() {
    let dir = TempDir::new("midnight");
    let clock = Clock::at(START);
    let logger = clock.logger();
    let sink =
        FileSink::new(dir.join("app.log")).rotation("00:00").zone(Zone::utc()).buffer_size(0);
    logger.add(sink).format("{time:YYYY-MM-DD HH:mm:ss.SSSSSS} {message}").install().unwrap();
    hlog::info!(logger, "first day");
    clock.set(1_774_569_599, 999_999_000); // 23:59:59.999999
    hlog::info!(logger, "still the first day");
    clock.set(1_774_569_600, 0); // 00:00:00 next day
    hlog::info!(logger, "second day");
    logger.complete();
    let names = dir.names();
    assert_eq!(names, ["app.2026-03-26_14-30-00_000000.log", "app.log"]);
    assert_eq!(read(&dir, &names[0]).lines().count(), 2);
    assert_eq!(read(&dir, "app.log"), "2026-03-27 00:00:00.000000 second day\n");
}

#[test]
fn interval_stays_on_the_grid_and_skipped_periods_rotate_once() {
    let dir = TempDir::new("interval");
    let clock = Clock::at(START); // 14:30
    let logger = clock.logger();
    let sink =
        FileSink::new(dir.join("app.log")).rotation("1 hour").zone(Zone::utc()).buffer_size(0);
    logger.add(sink).format("{time:HH:mm} {message}").install().unwrap();
    hlog::info!(logger, "a");
    clock.advance(3600.0 * 3.0 + 15.0 * 60.0); // 17:45: three boundaries passed
    hlog::info!(logger, "b");
    clock.advance(30.0 * 60.0); // 18:15: before the next boundary, 18:30
    hlog::info!(logger, "c");
    clock.advance(20.0 * 60.0); // 18:35
    hlog::info!(logger, "d");
    logger.complete();
    let names = dir.names();
    assert_eq!(names.len(), 3, "{names:?}");
    assert_eq!(read(&dir, "app.log"), "18:35 d\n");
    assert_eq!(read(&dir, &names[1]), "17:45 b\n18:15 c\n");
}

#[test]
fn a_clock_going_backwards_does_not_rotate() {
    let dir = TempDir::new("backwards");
    let clock = Clock::at(START);
    let logger = clock.logger();
    let sink =
        FileSink::new(dir.join("app.log")).rotation("1 hour").zone(Zone::utc()).buffer_size(0);
    logger.add(sink).format("{message}").install().unwrap();
    hlog::info!(logger, "a");
    clock.advance(-7200.0);
    hlog::info!(logger, "b");
    logger.complete();
    assert_eq!(dir.names(), ["app.log"]);
}

#[test]
fn two_rotations_in_the_same_instant_never_collide() {
    let dir = TempDir::new("collide");
    let logger = Clock::at(START).logger();
    let sink = FileSink::new(dir.join("app.log")).rotation(10u64).zone(Zone::utc()).buffer_size(0);
    logger.add(sink).format("{message}").install().unwrap();
    for i in 0..4 {
        hlog::info!(logger, "record {i}");
    }
    logger.complete();
    assert_eq!(
        dir.names(),
        [
            "app.2026-03-26_14-30-00_000000.2.log",
            "app.2026-03-26_14-30-00_000000.3.log",
            "app.2026-03-26_14-30-00_000000.log",
            "app.log"
        ]
    );
    let all: String = dir.names().iter().map(|n| read(&dir, n)).collect();
    for i in 0..4 {
        assert_eq!(all.matches(&format!("record {i}\n")).count(), 1);
    }
}

#[test]
fn a_closure_and_a_list_of_rotations() {
    let dir = TempDir::new("closure");
    let logger = Clock::at(START).logger();
    let rotation = hlog::sink::file::Rotation::any([
        hlog::sink::file::Rotation::when(|record, _file| record.message().to_string() == "cut"),
        hlog::sink::file::Rotation::size(1_000_000),
    ]);
    let sink =
        FileSink::new(dir.join("app.log")).rotation(rotation).zone(Zone::utc()).buffer_size(0);
    logger.add(sink).format("{message}").install().unwrap();
    hlog::info!(logger, "one");
    hlog::info!(logger, "cut");
    hlog::info!(logger, "two");
    logger.complete();
    assert_eq!(dir.names().len(), 2);
    assert_eq!(read(&dir, "app.log"), "cut\ntwo\n");
}

#[test]
fn a_time_placeholder_in_the_path_gives_one_file_per_day() {
    let dir = TempDir::new("per-day");
    let clock = Clock::at(START);
    let logger = clock.logger();
    let sink = FileSink::new(dir.join("app_{time:YYYY-MM-DD}.log"))
        .rotation("00:00")
        .zone(Zone::utc())
        .buffer_size(0);
    logger.add(sink).format("{message}").install().unwrap();
    hlog::info!(logger, "thursday");
    clock.advance(86_400.0);
    hlog::info!(logger, "friday");
    logger.complete();
    assert_eq!(dir.names(), ["app_2026-03-26.log", "app_2026-03-27.log"]);
    assert_eq!(read(&dir, "app_2026-03-27.log"), "friday\n");
}

#[test]
fn a_second_rotating_sink_on_the_same_path_is_refused() {
    let dir = TempDir::new("twice");
    let logger = Clock::at(START).logger();
    logger.add(FileSink::new(dir.join("app.log")).rotation("1 MB")).install().unwrap();
    let error =
        logger.add(FileSink::new(dir.join("app.log")).rotation("1 MB")).install().unwrap_err();
    assert!(error.to_string().contains("already has a rotating file sink"), "{error}");
}
