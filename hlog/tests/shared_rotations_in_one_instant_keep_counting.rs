//! Shared sinks (as in several processes) that rotate one file several times within one
//! instant of their naming: each rotated name takes the counter after every name of that
//! instant on disk, whichever sink made it, so a name that count retention freed is not taken
//! again (it would sort as older than the files rotated before it, and be deleted first).
//!
//! A shared sink names a rotated file by the file's birth time on disk; a naming that keeps
//! only the year puts every rotation of this test in one instant.

mod common;

use common::{Clock, TempDir};
use hlog::sink::{Capture, FileSink};
use hlog::time::Zone;

/// 2026-03-26 14:30:00 UTC (the records' time; rotated names come from the files' birth).
const START: i64 = 1_774_535_400;

/// The year now, in UTC, as a rotated name shows it.
fn this_year() -> String {
    let capture = Capture::new();
    let logger = hlog::Logger::new().with_zone(Zone::utc());
    logger.add(capture.clone()).format("{time:YYYY}").install().unwrap();
    hlog::info!(logger, "now");
    capture.text().trim_end().to_owned()
}

fn read(dir: &TempDir, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

#[test]
fn two_shared_sinks_continue_the_counter_past_names_retention_freed() {
    let year = this_year();
    let dir = TempDir::new("shared-counter");
    let clock = Clock::at(START);
    let sink = || {
        FileSink::new(dir.join("app.log"))
            .rotation(4_u64)
            .retention(2)
            .naming("{root}.{time:YYYY}{ext}")
            .zone(Zone::utc())
            .shared(true)
            .buffer_size(0)
    };
    let (a, b) = (clock.logger(), clock.logger());
    a.add(sink()).format("{message}").install().unwrap();
    b.add(sink()).format("{message}").install().unwrap();
    // Each record after the first fills a new file: five rotations, taking turns; retention
    // runs after each one.
    for i in 0..6 {
        let logger = if i % 2 == 0 { &a } else { &b };
        hlog::info!(logger, "r{i:02}");
        a.complete();
        b.complete();
    }
    for logger in [&a, &b] {
        let stats = &logger.stats()[0];
        assert_eq!((stats.lost, stats.errors), (0, 0), "{stats:?}");
    }
    a.remove_all();
    b.remove_all();
    if this_year() != year {
        eprintln!("skipped: the year changed during the test");
        return;
    }
    let (fourth, fifth) = (format!("app.{year}.4.log"), format!("app.{year}.5.log"));
    assert_eq!(
        dir.names(),
        [".app.log.lock".to_owned(), fourth.clone(), fifth.clone(), "app.log".to_owned()]
    );
    assert_eq!(read(&dir, &fourth), "r03\n");
    assert_eq!(read(&dir, &fifth), "r04\n");
    assert_eq!(read(&dir, "app.log"), "r05\n");
}

/// One sink without `shared`, whose naming keeps only the year: files rotated within it at
/// different times of the clock still continue the counter (the instant compared is the one
/// the name holds).
#[test]
fn a_coarse_naming_continues_the_counter_across_start_times() {
    let dir = TempDir::new("coarse-counter");
    let clock = Clock::at(START);
    let logger = clock.logger();
    let sink = FileSink::new(dir.join("app.log"))
        .rotation(4_u64)
        .retention(2)
        .naming("{root}.{time:YYYY}{ext}")
        .zone(Zone::utc())
        .buffer_size(0);
    logger.add(sink).format("{message}").install().unwrap();
    for i in 0..6 {
        hlog::info!(logger, "r{i:02}");
        logger.complete();
        clock.advance(60.0);
    }
    logger.remove_all();
    assert_eq!(dir.names(), ["app.2026.4.log", "app.2026.5.log", "app.log"]);
    assert_eq!(read(&dir, "app.2026.4.log"), "r03\n");
    assert_eq!(read(&dir, "app.2026.5.log"), "r04\n");
    assert_eq!(read(&dir, "app.log"), "r05\n");
}
