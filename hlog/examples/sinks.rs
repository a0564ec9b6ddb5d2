//! Where records go: `cargo run --example sinks`.
//!
//! `add(sink)` starts a handler (level, format, colour and filter are the handler's; the sink
//! only writes bytes) and `.install()` returns its id, which `remove(id)` takes. A sink is the
//! console, a file path, a closure, any `io::Write`, a `Capture` for tests, or your own `Sink`.

use std::io::Write as _;
use std::sync::{Arc, Mutex};

use hlog::sink::{Capture, Console, FileSink, Sink};
use hlog::{Logger, Record};

/// A sink of our own: one method, `write`, given the formatted line and its record.
struct Counter(Arc<Mutex<usize>>);

impl Sink for Counter {
    fn write(&mut self, _line: &[u8], _record: &Record<'_>) -> std::io::Result<()> {
        *self.0.lock().unwrap() += 1;
        Ok(())
    }
}

/// Adds one handler of each kind to `logger`, logs, and returns what the in-memory ones saw.
fn demo(logger: &Logger, dir: &std::path::Path) -> (String, Vec<String>, usize, String) {
    // A file: a path is a file sink; `FileSink` takes settings (see the `rotation` example).
    let path = dir.join("app.log");
    logger.add(path.as_path()).format("{level} {message}").install().unwrap();
    logger
        .add(FileSink::new(dir.join("errors.log")).buffer_size(0))
        .level("ERROR")
        .install()
        .unwrap();

    // A closure (loguru's callable sink): the formatted line and the record.
    let seen = Arc::new(Mutex::new(Vec::new()));
    let store = seen.clone();
    logger
        .add(hlog::sink::from_fn(move |line, record| {
            store.lock().unwrap().push(format!("{}: {}", record.level().name(), line.trim_end()));
        }))
        .format("{message}")
        .install()
        .unwrap();

    // Any `io::Write + Send` (a socket, a pipe): here a file we opened ourselves, buffered.
    let opened = std::fs::File::create(dir.join("writer.log")).unwrap();
    let writer = hlog::sink::from_writer(std::io::BufWriter::new(opened));
    logger.add(writer).format("[{level}] {message}").install().unwrap();

    // Our own sink, and an in-memory capture that we remove halfway.
    let count = Arc::new(Mutex::new(0));
    logger.add(Counter(count.clone())).install().unwrap();
    let capture = Capture::new();
    let id = logger.add(capture.clone()).format("{message}").install().unwrap();

    hlog::info!(logger, "Server started on port {port}", port = 8080);
    let stats = logger.remove(id).expect("a capture closes cleanly");
    assert_eq!(stats.written, 1);
    hlog::error!(logger, "Database unreachable"); // the capture is gone
    logger.complete(); // every buffered record written and flushed

    let file = std::fs::read_to_string(&path).unwrap();
    assert_eq!(std::fs::read_to_string(dir.join("errors.log")).unwrap().lines().count(), 1);
    let written = std::fs::read_to_string(dir.join("writer.log")).unwrap();
    let count = *count.lock().unwrap();
    assert_eq!(count, 2);
    (
        file + &written + &capture.text(),
        seen.lock().unwrap().clone(),
        count,
        logger.stats().to_string(),
    )
}

fn main() {
    hlog::remove_all();
    // The console: stdout (the default handler's), or stderr.
    hlog::add(Console::stderr()).format("stderr: {message}").install().unwrap();
    let dir = std::env::temp_dir().join(format!("hlog-example-sinks-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (written, seen, count, stats) = demo(hlog::logger(), &dir);
    hlog::remove_all(); // closes the files
    std::fs::remove_dir_all(&dir).unwrap();
    let mut out = std::io::stdout().lock();
    writeln!(out, "The file and the writer got:\n{written}").unwrap();
    writeln!(out, "The closure saw: {seen:?}\nThe counter counted {count}\n\n{stats}").unwrap();
}

#[test]
fn every_sink_gets_its_records() {
    let logger = Logger::new();
    let dir = std::env::temp_dir().join(format!("hlog-example-sinks-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (written, seen, count, _) = demo(&logger, &dir);
    drop(logger);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(
        written,
        "INFO Server started on port 8080\nERROR Database unreachable\n\
         [INFO] Server started on port 8080\n[ERROR] Database unreachable\n\
         Server started on port 8080\n"
    );
    assert_eq!(seen, ["INFO: Server started on port 8080", "ERROR: Database unreachable"]);
    assert_eq!(count, 2);
}
