//! A non-empty file that the sink appends to starts when the file system says it was born (its
//! last write where birth times are not kept), not at `add()` nor at its first record: that
//! instant anchors interval rotation and names the file when it is rotated.

mod common;

use std::time::{Duration, SystemTime};

use common::{Clock, TempDir};
use hlog::sink::{Capture, FileSink};
use hlog::time::{Timestamp, Zone};

const MINUTE: f64 = 60.0;

/// `at` as a rotated name shows it (UTC), rendered by hlog's own time format.
fn as_in_names(at: Timestamp) -> String {
    let capture = Capture::new();
    let logger = hlog::Logger::new().with_clock(move || at).with_zone(Zone::utc());
    logger.add(capture.clone()).format("{time:YYYY-MM-DD_HH-mm-ss_SSSSSS}").install().unwrap();
    hlog::info!(logger, "now");
    capture.text().trim_end().to_owned()
}

fn read(dir: &TempDir, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

#[test]
fn an_interval_is_anchored_at_the_birth_of_the_file_appended_to() {
    let dir = TempDir::new("birth");
    let path = dir.join("app.log");
    std::fs::write(&path, "from an earlier run\n").unwrap();
    // Its last write is made a day older: where the birth time is kept, that is not the start.
    let file = std::fs::File::options().append(true).open(&path).unwrap();
    let modified = file.metadata().unwrap().modified().unwrap() - Duration::from_secs(86_400);
    file.set_modified(modified).unwrap();
    let metadata = file.metadata().unwrap();
    drop(file);
    let born = metadata.created().unwrap_or(modified);
    let since_epoch = born.duration_since(SystemTime::UNIX_EPOCH).unwrap();
    let started = Timestamp::from_unix(since_epoch.as_secs() as i64, since_epoch.subsec_nanos());

    // The logger's clock is 40 minutes past the birth: added then, first record then.
    let clock = Clock::at(0);
    clock.set(started.secs(), started.nanos());
    clock.advance(40.0 * MINUTE);
    let logger = clock.logger();
    let sink = FileSink::new(&path).rotation("1 hour").zone(Zone::utc()).buffer_size(0);
    logger.add(sink).format("{message}").install().unwrap();
    hlog::info!(logger, "at 40 minutes");
    // An hour after the birth (20 minutes after add() and the first record): rotated.
    clock.advance(21.0 * MINUTE);
    hlog::info!(logger, "at 61 minutes");
    logger.remove_all();

    let rotated = format!("app.{}.log", as_in_names(started));
    assert_eq!(dir.names(), [rotated.clone(), "app.log".to_owned()]);
    assert_eq!(read(&dir, &rotated), "from an earlier run\nat 40 minutes\n");
    assert_eq!(read(&dir, "app.log"), "at 61 minutes\n");
}
