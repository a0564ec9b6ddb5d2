//! Eight threads logging 100,000 numbered lines each through one file sink that rotates about
//! every megabyte: every line is present exactly once across all files, and none is torn.

mod common;

use std::collections::HashSet;

use common::TempDir;
use hlog::sink::FileSink;

const THREADS: usize = 8;
const LINES: usize = 100_000;

#[test]
fn every_line_exactly_once() {
    let dir = TempDir::new("concurrent");
    let logger = hlog::Logger::new();
    logger
        .add(FileSink::new(dir.join("app.log")).rotation("1 MB"))
        .format("{message}")
        .install()
        .unwrap();
    std::thread::scope(|s| {
        for t in 0..THREADS {
            let logger = &logger;
            s.spawn(move || {
                for i in 0..LINES {
                    hlog::info!(logger, "thread {t} line {i} payload {}", "abcdefghij");
                }
            });
        }
    });
    logger.complete();
    let names = dir.names();
    assert!(names.len() > 20, "about 40 MB in 1 MB files: {} files", names.len());
    let mut seen = HashSet::with_capacity(THREADS * LINES);
    for name in &names {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        assert!(text.len() <= 1_000_000, "{name} is over the limit");
        for line in text.lines() {
            let mut words = line.split(' ');
            let (
                Some("thread"),
                Some(t),
                Some("line"),
                Some(i),
                Some("payload"),
                Some("abcdefghij"),
                None,
            ) = (
                words.next(),
                words.next(),
                words.next(),
                words.next(),
                words.next(),
                words.next(),
                words.next(),
            )
            else {
                panic!("torn line in {name}: {line:?}");
            };
            let key: (usize, usize) = (t.parse().unwrap(), i.parse().unwrap());
            assert!(seen.insert(key), "duplicated: {line}");
        }
    }
    assert_eq!(seen.len(), THREADS * LINES, "every line present");
}
