//! `info!(raw, ...)` (loguru's `opt(raw=True)`) writes the message exactly as given: no format,
//! no newline added. Its markup is still compiled (coloured on a colourised sink, stripped on a
//! plain one) and its values are still escaped.

use hlog::Logger;
use hlog::sink::Capture;

fn logger_with(colorize: bool) -> (Logger, Capture) {
    let logger = Logger::new();
    let capture = Capture::new();
    logger
        .add(capture.clone())
        .format("{time} | {level} | {message}")
        .colorize(colorize)
        .install()
        .unwrap();
    (logger, capture)
}

#[test]
fn a_raw_call_writes_its_message_alone_and_adds_no_newline() {
    let (logger, capture) = logger_with(false);
    for percent in [0, 50, 100] {
        hlog::info!(logger, raw, "progress: {percent}%\r");
    }
    hlog::info!(raw, logger, "\n");
    assert_eq!(capture.text(), "progress: 0%\rprogress: 50%\rprogress: 100%\r\n");
}

#[test]
fn markup_is_stripped_on_plain_sinks_and_coloured_on_colourised_ones() {
    let (logger, plain) = logger_with(false);
    let coloured = Capture::new();
    logger.add(coloured.clone()).colorize(true).install().unwrap();
    hlog::warning!(logger, raw, "<red>{n}</red> left", n = 3);
    assert_eq!(plain.text(), "3 left");
    assert_eq!(coloured.text(), "\x1b[31m3\x1b[0m left");
}

#[test]
fn values_are_escaped_in_a_raw_write_too() {
    let (logger, capture) = logger_with(false);
    let name = "mallory\n\x1b[2J";
    hlog::info!(logger, raw, "user {name};");
    assert_eq!(capture.text(), "user mallory\\n\\x1b[2J;");
}

#[test]
fn raw_and_ordinary_records_share_a_handler() {
    let logger = Logger::new()
        .with_clock(|| hlog::time::Timestamp::from_unix(0, 0))
        .with_zone(hlog::time::Zone::utc());
    let capture = Capture::new();
    logger.add(capture.clone()).format("{time:HH:mm:ss} | {level} | {message}").install().unwrap();
    hlog::info!(logger, raw, "[");
    hlog::info!(logger, raw, "...");
    hlog::info!(logger, raw, "]\n");
    hlog::info!(logger, "done");
    hlog::error!(logger, raw, err = std::io::Error::other("disk full"), "writing");
    assert_eq!(capture.text(), "[...]\n00:00:00 | INFO | done\nwriting\nError: disk full\n");
}

#[test]
fn a_raw_record_says_so() {
    let logger = Logger::new();
    let capture = Capture::new();
    logger
        .add(capture.clone())
        .filter(|record| record.is_raw())
        .format("{message}")
        .install()
        .unwrap();
    hlog::info!(logger, "not raw");
    hlog::info!(logger, raw, "raw");
    assert_eq!(capture.text(), "raw");
}

/// A raw write to a JSON lines handler is still one JSON object on its line (the message as it
/// is), not bare text that would break the file's format.
#[test]
fn a_raw_write_to_json_lines_stays_a_json_object() {
    let logger = hlog::Logger::new();
    let capture = hlog::sink::Capture::new();
    let schema = hlog::JsonFormat::new().fields([hlog::JsonField::Message]);
    logger.add(hlog::sink::JsonSink::to(capture.clone()).schema(schema)).install().unwrap();
    hlog::info!(logger, raw, "progress: 50%\r");
    assert_eq!(capture.text(), "{\"message\":\"progress: 50%\\r\"}\n");
}
