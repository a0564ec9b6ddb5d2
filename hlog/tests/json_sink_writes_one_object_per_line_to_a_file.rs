//! `JsonSink::new(path)` writes one JSON object per line to a file, as a file sink does (and
//! `JsonSink::file` with a file sink's settings); records from several threads stay whole.

mod common;

use hlog::sink::{FileSink, JsonSink};

#[test]
fn each_record_is_one_line_of_json() {
    let dir = common::TempDir::new("json-sink");
    let path = dir.path().join("logs").join("app.jsonl");
    let logger = hlog::Logger::new();
    logger.add(JsonSink::new(&path)).install().unwrap();
    std::thread::scope(|scope| {
        for t in 0..4 {
            let logger = &logger;
            scope.spawn(move || {
                for i in 0..250 {
                    hlog::info!(logger, "thread {t} record {i}\nwith a second line");
                }
            });
        }
    });
    logger.complete();
    let text = std::fs::read_to_string(&path).unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for line in text.lines() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(value["level"], "INFO");
        assert!(seen.insert((
            value["extra"]["t"].as_u64().unwrap(),
            value["extra"]["i"].as_u64().unwrap()
        )));
        assert!(value["message"].as_str().unwrap().ends_with("\nwith a second line"));
    }
    assert_eq!(seen.len(), 1000);
}

#[test]
fn a_file_sink_with_settings_rotates_json_lines() {
    let dir = common::TempDir::new("json-sink-rotation");
    let path = dir.path().join("app.jsonl");
    let logger = hlog::Logger::new();
    logger.add(JsonSink::file(FileSink::new(&path).rotation(2000_u64))).install().unwrap();
    for i in 0..100 {
        hlog::info!(logger, "record {i}");
    }
    logger.complete();
    let mut count = 0;
    let files: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().path()).collect();
    assert!(files.len() > 1, "{files:?}");
    for file in files {
        for line in std::fs::read_to_string(&file).unwrap().lines() {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            assert!(value["message"].as_str().unwrap().starts_with("record "));
            count += 1;
        }
    }
    assert_eq!(count, 100);
}

/// Any `io::Write`: here a pipe into a buffer shared with the test.
#[test]
fn a_writer_gets_json_lines() {
    #[derive(Clone, Default)]
    struct Shared(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);
    impl std::io::Write for Shared {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let shared = Shared::default();
    let logger = hlog::Logger::new();
    logger.add(JsonSink::writer(shared.clone())).install().unwrap();
    hlog::warning!(logger, "disk {pct}% full", pct = 91.5);
    let text = String::from_utf8(shared.0.lock().unwrap().clone()).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["extra"]["pct"], 91.5);
    assert_eq!(value["level_no"], 30);
}
