//! Every record field a format can name renders the record's value — level number and icon,
//! module and module path, function, line, file, thread, process, elapsed time and the time in
//! loguru's patterns — and takes fill, alignment, width and precision like `format!`.

use hlog::sink::Capture;
use hlog::time::{Timestamp, Zone};

/// 2026-03-26T14:30:00.123456 UTC.
const SECS: i64 = 1_774_535_400;
const NANOS: u32 = 123_456_000;

/// A logger with a frozen clock in `zone`, one capture handler with `format`.
fn frozen_in(zone: Zone, format: &str) -> (hlog::Logger, Capture) {
    let capture = Capture::new();
    let logger =
        hlog::Logger::new().with_clock(|| Timestamp::from_unix(SECS, NANOS)).with_zone(zone);
    logger.add(capture.clone()).format(format).colorize(false).install().unwrap();
    (logger, capture)
}

fn frozen(format: &str) -> (hlog::Logger, Capture) {
    frozen_in(Zone::utc(), format)
}

/// The one line captured, without its newline.
fn one_line(capture: &Capture) -> String {
    let text = capture.text();
    let line = text.strip_suffix('\n').unwrap_or_else(|| panic!("no newline: {text:?}"));
    assert!(!line.contains('\n'), "one line expected: {text:?}");
    line.to_owned()
}

#[test]
fn level_name_number_and_icon() {
    let (logger, capture) = frozen("{level}|{level.name}|{level.no}|{level.icon}");
    hlog::trace!(logger, "x");
    hlog::debug!(logger, "x");
    hlog::info!(logger, "x");
    hlog::success!(logger, "x");
    hlog::warning!(logger, "x");
    hlog::error!(logger, "x");
    hlog::critical!(logger, "x");
    assert_eq!(
        capture.lines(),
        [
            "TRACE|TRACE|5|✏️",
            "DEBUG|DEBUG|10|🐞",
            "INFO|INFO|20|ℹ️",
            "SUCCESS|SUCCESS|25|✅",
            "WARNING|WARNING|30|⚠️",
            "ERROR|ERROR|40|❌",
            "CRITICAL|CRITICAL|50|☠️",
        ]
    );
}

mod outer {
    pub(crate) mod inner {
        pub(crate) fn log(logger: &hlog::Logger) {
            hlog::info!(logger, "nested");
        }
    }
}

#[test]
fn module_and_name() {
    let (logger, capture) = frozen("{module}|{name}|{message}");
    hlog::info!(logger, "root");
    outer::inner::log(&logger);
    let krate = module_path!();
    assert_eq!(krate, "record_fields_in_formats");
    assert_eq!(
        capture.lines(),
        [format!("{krate}|{krate}|root"), format!("inner|{krate}::outer::inner|nested")]
    );
}

fn helper_function(logger: &hlog::Logger) {
    hlog::info!(logger, "helper");
}

struct Service;

impl Service {
    fn method(&self, logger: &hlog::Logger) {
        hlog::info!(logger, "method");
    }
}

#[test]
fn function_is_the_enclosing_fn() {
    let (logger, capture) = frozen("{function}:{message}");
    hlog::info!(logger, "direct");
    let closure = || hlog::info!(logger, "closure");
    closure();
    let nested_closure = || {
        let inner = || hlog::info!(logger, "nested closure");
        inner();
    };
    nested_closure();
    fn nested_fn(logger: &hlog::Logger) {
        hlog::info!(logger, "nested fn");
    }
    nested_fn(&logger);
    helper_function(&logger);
    Service.method(&logger);
    let from_iterator: Vec<()> = (0..1).map(|_| hlog::info!(logger, "map")).collect();
    assert_eq!(from_iterator.len(), 1);
    assert_eq!(
        capture.lines(),
        [
            "function_is_the_enclosing_fn:direct",
            "function_is_the_enclosing_fn:closure",
            "function_is_the_enclosing_fn:nested closure",
            "nested_fn:nested fn",
            "helper_function:helper",
            "method:method",
            "function_is_the_enclosing_fn:map",
        ]
    );
}

#[test]
fn line_is_the_line_of_the_call() {
    let (logger, capture) = frozen("{line}|{message}");
    hlog::info!(logger, "{}", line!());
    hlog::info!(logger, "{}", line!());
    let lines = capture.lines();
    assert_eq!(lines.len(), 2);
    let mut numbers = Vec::new();
    for line in &lines {
        let (field, message) = line.split_once('|').unwrap();
        assert_eq!(field, message, "{{line}} is the line of the call");
        numbers.push(field.parse::<u32>().unwrap());
    }
    assert_eq!(numbers[0] + 1, numbers[1], "{lines:?}");
}

#[test]
fn file_and_file_name() {
    let (logger, capture) = frozen("{file}|{file.path}|{file.name}");
    hlog::info!(logger, "x");
    assert_eq!(file!(), "hlog/tests/record_fields_in_formats.rs");
    assert_eq!(one_line(&capture), format!("{f}|{f}|record_fields_in_formats.rs", f = file!()));
}

#[test]
fn thread_name_and_id() {
    let (logger, capture) = frozen("{thread}|{thread.name}|{thread.id}");
    let worker = logger.clone();
    let spawned = std::thread::Builder::new()
        .name("worker-1".into())
        .spawn(move || {
            hlog::info!(worker, "x");
            format!("{:?}", std::thread::current().id())
        })
        .unwrap();
    let worker_id = spawned.join().unwrap();
    let line = one_line(&capture);
    let [name, name_again, id] = line.split('|').collect::<Vec<_>>()[..] else { panic!("{line}") };
    assert_eq!((name, name_again), ("worker-1", "worker-1"));
    let id: u64 = id.parse().unwrap_or_else(|_| panic!("{{thread.id}} is a number: {line}"));
    assert_eq!(format!("ThreadId({id})"), worker_id);

    // An unnamed thread, and this (test) thread: different ids.
    capture.clear();
    let unnamed = logger.clone();
    std::thread::spawn(move || hlog::info!(unnamed, "x")).join().unwrap();
    hlog::info!(logger, "x");
    let lines = capture.lines();
    let unnamed: Vec<_> = lines[0].split('|').collect();
    let here: Vec<_> = lines[1].split('|').collect();
    assert_eq!(unnamed[0], "<unnamed>");
    assert_eq!(here[0], std::thread::current().name().unwrap());
    assert_eq!(format!("ThreadId({})", here[2]), format!("{:?}", std::thread::current().id()));
    assert!(
        unnamed[2] != here[2] && unnamed[2] != id.to_string() && here[2] != id.to_string(),
        "{lines:?}"
    );
}

#[test]
fn process_id_and_name() {
    let (logger, capture) = frozen("{process.id}|{process}|{process.name}");
    hlog::info!(logger, "x");
    let line = one_line(&capture);
    let parts: Vec<_> = line.split('|').collect();
    assert_eq!(parts[0], std::process::id().to_string());
    assert!(!parts[1].is_empty());
    assert!(parts[1].starts_with("record_fields_in_formats"), "the test binary's name: {line}");
    assert_eq!(parts[1], parts[2]);
}

#[test]
fn elapsed_has_the_shape_of_a_timedelta() {
    // Not frozen: elapsed runs from the program's start.
    let capture = Capture::new();
    let logger = hlog::Logger::new();
    logger.add(capture.clone()).format("{elapsed}").install().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2));
    hlog::info!(logger, "x");
    let elapsed = one_line(&capture);
    // H:MM:SS.ffffff
    let (hms, micros) = elapsed.split_once('.').unwrap_or_else(|| panic!("{elapsed:?}"));
    let parts: Vec<&str> = hms.split(':').collect();
    assert_eq!(parts.len(), 3, "{elapsed:?}");
    assert_eq!(parts[0], "0", "{elapsed:?}");
    assert!(parts[1].len() == 2 && parts[2].len() == 2, "{elapsed:?}");
    assert!(micros.len() == 6 && micros.bytes().all(|b| b.is_ascii_digit()), "{elapsed:?}");
    assert!(elapsed.as_str() >= "0:00:00.002000", "at least the 2 ms slept: {elapsed:?}");
}

#[test]
fn time_default_and_patterns() {
    let (logger, capture) = frozen("{time}");
    hlog::info!(logger, "x");
    assert_eq!(one_line(&capture), "2026-03-26T14:30:00.123456+0000");

    let cases = [
        ("{time:YYYY-MM-DD HH:mm:ss.SSS}", "2026-03-26 14:30:00.123"),
        ("{time:HH:mm!UTC}", "14:30"),
        ("{time:YYYY-MM-DD}|{message}", "2026-03-26|x"),
        ("{time:X}", "1774535400"),
        ("{time:SSSSSS}", "123456"),
        // `[...]` escapes a token only, as loguru: `[h]` is `h`, `[at]` stays `[at]`.
        ("[{time:[at] HH[h]}]", "[[at] 14h]"),
        ("{time:[YYYY] YYYY}", "YYYY 2026"),
    ];
    for (format, expected) in cases {
        let (logger, capture) = frozen(format);
        hlog::info!(logger, "x");
        assert_eq!(one_line(&capture), expected, "{format}");
    }
}

#[test]
fn utc_suffix_ignores_the_loggers_zone() {
    let (logger, capture) = frozen_in(Zone::fixed(3600), "{time:HH:mm}|{time:HH:mm!UTC}|{time}");
    hlog::info!(logger, "x");
    assert_eq!(one_line(&capture), "15:30|14:30|2026-03-26T15:30:00.123456+0100");
}

#[test]
fn padding_alignment_and_truncation() {
    let (logger, capture) = frozen(
        "{level: <8}|{level:^9}|{message:.5}|{level.no:03}|{level:*>9}|{function:.4}|{message:>12}",
    );
    hlog::info!(logger, "hello world");
    let expected = format!(
        "{:<8}|{:^9}|{:.5}|{:03}|{:*>9}|{:.4}|{:>12}",
        "INFO",
        "INFO",
        "hello world",
        20,
        "INFO",
        "padding_alignment_and_truncation",
        "hello world"
    );
    assert_eq!(expected, "INFO    |  INFO   |hello|020|*****INFO|padd| hello world");
    assert_eq!(one_line(&capture), expected);
}

#[test]
fn padding_of_line_numbers() {
    let (logger, capture) =
        frozen("[{line:>5}] [{line:<5}] [{line:^7}] [{line:05}] [{line}] {message}");
    hlog::info!(logger, "{}", line!());
    let line = one_line(&capture);
    let (fields, number) = line.rsplit_once(' ').unwrap();
    let n: u32 = number.parse().unwrap();
    assert_eq!(fields, format!("[{n:>5}] [{n:<5}] [{n:^7}] [{n:05}] [{n}]"));
    assert!(n > 99, "three digits, so the padding is visible");
}

#[test]
fn padding_of_every_level() {
    let (logger, capture) = frozen("[{level: <8}] [{level:>8}] [{level:^8}] [{level.no:>3}]");
    hlog::critical!(logger, "x");
    hlog::success!(logger, "x");
    hlog::trace!(logger, "x");
    assert_eq!(
        capture.lines(),
        [
            "[CRITICAL] [CRITICAL] [CRITICAL] [ 50]",
            "[SUCCESS ] [ SUCCESS] [SUCCESS ] [ 25]",
            "[TRACE   ] [   TRACE] [ TRACE  ] [  5]"
        ]
    );
}

#[test]
fn message_truncation_counts_characters_not_bytes() {
    let (logger, capture) = frozen("[{message:.3}] [{message:>6.2}] [{message:^7}]");
    hlog::info!(logger, "héllo");
    hlog::info!(logger, "λ{}", 1);
    assert_eq!(
        capture.lines(),
        [
            format!("[{0:.3}] [{0:>6.2}] [{0:^7}]", "héllo"),
            format!("[{0:.3}] [{0:>6.2}] [{0:^7}]", "λ1"),
        ]
    );
}

/// Width and precision count the characters the reader sees: the colour codes of a message's
/// own markup on a colourised sink are not characters, and truncation never cuts one in half.
#[test]
fn padding_of_a_coloured_message_counts_visible_characters() {
    let capture = Capture::new();
    let logger =
        hlog::Logger::new().with_clock(|| Timestamp::from_unix(SECS, NANOS)).with_zone(Zone::utc());
    logger
        .add(capture.clone())
        .format("[{message: <6}] [{message:>6}]")
        .colorize(true)
        .install()
        .unwrap();
    hlog::info!(logger, "<red>ab</red>");
    assert_eq!(capture.text(), "[\x1b[31mab\x1b[0m    ] [    \x1b[31mab\x1b[0m]\n");

    // Truncation keeps whole escape sequences: whatever is cut, no `\x1b` is left dangling.
    capture.clear();
    let truncating = hlog::Logger::new();
    truncating.add(capture.clone()).format("[{message:.1}]").colorize(true).install().unwrap();
    hlog::info!(truncating, "<red>ab</red>");
    let text = capture.text();
    assert!(text.starts_with("[\x1b[31ma"), "{text:?}");
    assert!(!text.contains("\x1b]"), "a cut escape sequence: {text:?}");
}
