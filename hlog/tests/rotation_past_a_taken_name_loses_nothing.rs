//! A rotating file sink whose next name is held by something that is not a file (a folder)
//! takes the next free name (`.2`, `.3`, …), says so at most once, and loses no record.

mod common;

use common::{Clock, TempDir};
use hlog::sink::FileSink;
use hlog::time::Zone;

/// 2026-03-26 14:30:00 UTC.
const START: i64 = 1_774_535_400;
const TS: &str = "2026-03-26_14-30-00_000000";

fn lines(dir: &TempDir, name: &str) -> Vec<String> {
    std::fs::read_to_string(dir.join(name)).unwrap().lines().map(str::to_owned).collect()
}

/// Every record `r00`…`r{n-1}` is in exactly one of the files.
fn each_record_once(dir: &TempDir, files: &[&str], n: usize) {
    let mut all: Vec<String> = files.iter().flat_map(|f| lines(dir, f)).collect();
    all.sort();
    let expected: Vec<String> = (0..n).map(|i| format!("r{i:02}")).collect();
    assert_eq!(all, expected);
}

/// Size rotation on a frozen clock: every rotated file is named by one instant. A folder sits
/// at the first rotated name, so the first rotation takes `.2`, and the next ones go on.
#[test]
fn a_folder_at_the_rotated_name_is_stepped_over() {
    let dir = TempDir::new("taken-rotated");
    let logger = Clock::at(START).logger();
    std::fs::create_dir(dir.join(&format!("app.{TS}.log"))).unwrap();
    // "rNN\n" is 4 bytes: two records fill a file.
    let sink = FileSink::new(dir.join("app.log")).rotation(8_u64).zone(Zone::utc()).buffer_size(0);
    logger.add(sink).format("{message}").install().unwrap();
    for i in 0..5 {
        hlog::info!(logger, "r{i:02}");
    }
    logger.complete();
    let (two, three) = (format!("app.{TS}.2.log"), format!("app.{TS}.3.log"));
    assert_eq!(
        dir.names(),
        [format!("app.{TS}.2.log"), three.clone(), format!("app.{TS}.log"), "app.log".into()]
    );
    assert!(dir.join(&format!("app.{TS}.log")).is_dir(), "the folder is left as it was");
    assert_eq!(lines(&dir, &two), ["r00", "r01"]);
    assert_eq!(lines(&dir, &three), ["r02", "r03"]);
    assert_eq!(lines(&dir, "app.log"), ["r04"]);
    each_record_once(&dir, &[&two, &three, "app.log"], 5);
    let stats = &logger.stats()[0];
    assert_eq!(stats.lost, 0, "{stats:?}");
}

/// A clock that moves: rotated names differ, and folders at two of them (the first and the
/// third rotation's) are stepped over each time.
#[test]
fn folders_at_several_rotated_names_are_stepped_over() {
    let dir = TempDir::new("taken-several");
    let clock = Clock::at(START);
    let logger = clock.logger();
    let taken = ["app.2026-03-26_14-30-00_000000.log", "app.2026-03-26_14-30-02_000000.log"];
    for name in taken {
        std::fs::create_dir(dir.join(name)).unwrap();
    }
    let sink = FileSink::new(dir.join("app.log")).rotation(8_u64).zone(Zone::utc()).buffer_size(0);
    logger.add(sink).format("{message}").install().unwrap();
    for i in 0..7 {
        hlog::info!(logger, "r{i:02}");
        clock.advance(1.0);
    }
    logger.complete();
    let expected = [
        "app.2026-03-26_14-30-00_000000.2.log",
        "app.2026-03-26_14-30-00_000000.log",
        "app.2026-03-26_14-30-02_000000.log",
        "app.2026-03-26_14-30-02_000000.2.log",
        "app.2026-03-26_14-30-04_000000.log",
        "app.log",
    ];
    let mut sorted = expected.to_vec();
    sorted.sort_unstable();
    assert_eq!(dir.names(), sorted);
    assert_eq!(lines(&dir, expected[0]), ["r00", "r01"]);
    assert_eq!(lines(&dir, expected[3]), ["r02", "r03"]);
    assert_eq!(lines(&dir, expected[4]), ["r04", "r05"]);
    assert_eq!(lines(&dir, "app.log"), ["r06"]);
    each_record_once(&dir, &[expected[0], expected[3], expected[4], "app.log"], 7);
    assert_eq!(logger.stats()[0].lost, 0);
}

/// A dated path: each rotation opens the file named by its time. A folder at the second
/// file's name: that file takes the name with `.2`, and logging goes on into the files after it.
#[test]
fn a_folder_at_the_next_dated_name_is_stepped_over() {
    let dir = TempDir::new("taken-dated");
    let clock = Clock::at(START);
    let logger = clock.logger();
    let second = "app_2026-03-26_14-30-02.log";
    std::fs::create_dir(dir.join(second)).unwrap();
    let path = dir.join("app_{time:YYYY-MM-DD_HH-mm-ss}.log");
    let sink = FileSink::new(path).rotation(8_u64).zone(Zone::utc()).buffer_size(0);
    logger.add(sink).format("{message}").install().unwrap();
    for i in 0..7 {
        hlog::info!(logger, "r{i:02}");
        clock.advance(1.0);
    }
    logger.complete();
    let files = [
        "app_2026-03-26_14-30-00.log",
        "app_2026-03-26_14-30-02.2.log",
        "app_2026-03-26_14-30-04.log",
        "app_2026-03-26_14-30-06.log",
    ];
    let mut expected: Vec<&str> = files.to_vec();
    expected.push(second);
    expected.sort_unstable();
    assert_eq!(dir.names(), expected);
    assert!(dir.join(second).is_dir(), "the folder is left as it was");
    assert_eq!(lines(&dir, files[0]), ["r00", "r01"]);
    assert_eq!(lines(&dir, files[1]), ["r02", "r03"]);
    assert_eq!(lines(&dir, files[2]), ["r04", "r05"]);
    assert_eq!(lines(&dir, files[3]), ["r06"]);
    each_record_once(&dir, &files, 7);
    assert_eq!(logger.stats()[0].lost, 0);
}

/// A symlink at the next dated name is not followed (it could point anywhere): that file
/// takes the name with `.2`, and the link and its target are left as they were.
#[cfg(unix)]
#[test]
fn a_symlink_at_the_next_dated_name_is_stepped_over() {
    let dir = TempDir::new("taken-dated-link");
    let clock = Clock::at(START);
    let logger = clock.logger();
    let second = "app_2026-03-26_14-30-02.log";
    std::fs::write(dir.join("target.txt"), "target\n").unwrap();
    std::os::unix::fs::symlink(dir.join("target.txt"), dir.join(second)).unwrap();
    let path = dir.join("app_{time:YYYY-MM-DD_HH-mm-ss}.log");
    let sink = FileSink::new(path).rotation(8_u64).zone(Zone::utc()).buffer_size(0);
    logger.add(sink).format("{message}").install().unwrap();
    for i in 0..4 {
        hlog::info!(logger, "r{i:02}");
        clock.advance(1.0);
    }
    logger.complete();
    let files = ["app_2026-03-26_14-30-00.log", "app_2026-03-26_14-30-02.2.log"];
    let mut expected = vec![files[0], files[1], second, "target.txt"];
    expected.sort_unstable();
    assert_eq!(dir.names(), expected);
    assert_eq!(lines(&dir, "target.txt"), ["target"]);
    assert_eq!(lines(&dir, files[0]), ["r00", "r01"]);
    assert_eq!(lines(&dir, files[1]), ["r02", "r03"]);
    each_record_once(&dir, &files, 4);
    assert_eq!(logger.stats()[0].lost, 0);
}
