//! A handler receives the records at or above its level (given as a `Level`, a name or a
//! number) that its filter accepts; an unknown level name is a configuration error; a removed
//! handler receives nothing more.

use hlog::sink::Capture;
use hlog::{ConfigError, Level, LevelError, RemoveError};

/// Log one record at each built-in level.
fn log_every_level(logger: &hlog::Logger) {
    hlog::trace!(logger, "t");
    hlog::debug!(logger, "d");
    hlog::info!(logger, "i");
    hlog::success!(logger, "s");
    hlog::warning!(logger, "w");
    hlog::error!(logger, "e");
    hlog::critical!(logger, "c");
}

/// How a test sets a handler's level.
#[derive(Clone, Copy)]
enum Setting {
    Default,
    Value(Level),
    Name(&'static str),
    Number(u32),
}

/// The levels (by name) a handler with this setting writes, when every level is logged once.
fn written(setting: Setting) -> String {
    let capture = Capture::new();
    let logger = hlog::Logger::new();
    let builder = logger.add(capture.clone()).format("{level}").colorize(false);
    let builder = match setting {
        Setting::Default => builder,
        Setting::Value(level) => builder.level(level),
        Setting::Name(name) => builder.level(name),
        Setting::Number(no) => builder.level(no),
    };
    builder.install().unwrap();
    log_every_level(&logger);
    capture.lines().join(",")
}

#[test]
fn level_by_value_name_and_number() {
    const ALL: &str = "TRACE,DEBUG,INFO,SUCCESS,WARNING,ERROR,CRITICAL";
    let cases = [
        (Setting::Default, ALL),
        (Setting::Value(Level::TRACE), ALL),
        (Setting::Value(Level::INFO), "INFO,SUCCESS,WARNING,ERROR,CRITICAL"),
        (Setting::Value(Level::WARNING), "WARNING,ERROR,CRITICAL"),
        (Setting::Value(Level::CRITICAL), "CRITICAL"),
        (Setting::Name("TRACE"), ALL),
        (Setting::Name("DEBUG"), "DEBUG,INFO,SUCCESS,WARNING,ERROR,CRITICAL"),
        (Setting::Name("SUCCESS"), "SUCCESS,WARNING,ERROR,CRITICAL"),
        (Setting::Name("WARNING"), "WARNING,ERROR,CRITICAL"),
        (Setting::Name("ERROR"), "ERROR,CRITICAL"),
        (Setting::Number(0), ALL),
        (Setting::Number(6), "DEBUG,INFO,SUCCESS,WARNING,ERROR,CRITICAL"),
        (Setting::Number(25), "SUCCESS,WARNING,ERROR,CRITICAL"),
        (Setting::Number(26), "WARNING,ERROR,CRITICAL"),
        (Setting::Number(50), "CRITICAL"),
        (Setting::Number(51), ""),
        (Setting::Number(u32::MAX), ""),
    ];
    for (setting, expected) in cases {
        let what = match setting {
            Setting::Default => "default".to_owned(),
            Setting::Value(level) => format!("Level::{level}"),
            Setting::Name(name) => format!("{name:?}"),
            Setting::Number(no) => no.to_string(),
        };
        assert_eq!(written(setting), expected, "handler level {what}");
    }
}

#[test]
fn level_by_reference_and_last_setting_wins() {
    let capture = Capture::new();
    let logger = hlog::Logger::new();
    #[allow(clippy::needless_borrows_for_generic_args, reason = "the `&Level` impl is under test")]
    logger.add(capture.clone()).level(&Level::SUCCESS).format("{level}").install().unwrap();
    let last = Capture::new();
    logger
        .add(last.clone())
        .level("CRITICAL")
        .level(Level::ERROR)
        .format("{level}")
        .install()
        .unwrap();
    log_every_level(&logger);
    assert_eq!(capture.text(), "SUCCESS\nWARNING\nERROR\nCRITICAL\n");
    assert_eq!(last.text(), "ERROR\nCRITICAL\n");
}

#[test]
fn stats_report_the_handler_level() {
    let logger = hlog::Logger::new();
    logger.add(Capture::new()).install().unwrap();
    logger.add(Capture::new()).level("WARNING").install().unwrap();
    logger.add(Capture::new()).level(33).install().unwrap();
    let levels: Vec<u32> = logger.stats().iter().map(|s| s.level).collect();
    assert_eq!(levels, [5, 30, 33]);
}

#[test]
fn unknown_level_name_is_an_error_and_adds_nothing() {
    let logger = hlog::Logger::new();
    let capture = Capture::new();
    logger.add(capture.clone()).format("{message}").install().unwrap();
    for name in ["WARN", "warning", "Info", "", "NOT_A_LEVEL"] {
        let error = logger.add(Capture::new()).level(name).install().unwrap_err();
        assert!(
            matches!(&error, ConfigError::Level(LevelError::Unknown(n)) if n == name),
            "{error:?}"
        );
        let message = error.to_string();
        assert!(message.contains(&format!("{name:?}")), "quotes the name: {message}");
        for accepted in ["TRACE", "DEBUG", "INFO", "SUCCESS", "WARNING", "ERROR", "CRITICAL"] {
            assert!(message.contains(accepted), "lists {accepted}: {message}");
        }
        assert!(message.contains("hlog::level()") && message.contains("number"), "{message}");
    }
    assert_eq!(logger.stats().len(), 1, "a failed install adds no handler");
    hlog::info!(logger, "only once");
    assert_eq!(capture.text(), "only once\n");
}

#[test]
fn unknown_level_name_fails_even_when_set_before_other_settings() {
    let logger = hlog::Logger::new();
    let result =
        logger.add(Capture::new()).level("NOPE").format("{message}").colorize(false).install();
    assert!(
        matches!(result, Err(ConfigError::Level(LevelError::Unknown(ref n))) if n == "NOPE"),
        "{:?}",
        result.err()
    );
    assert!(logger.stats().is_empty());
}

#[test]
fn filter_on_module_path() {
    let capture = Capture::new();
    let logger = hlog::Logger::new();
    let here = module_path!();
    logger
        .add(capture.clone())
        .format("{name}:{message}")
        .filter(move |record| record.module_path() != here)
        .install()
        .unwrap();
    let all = Capture::new();
    logger.add(all.clone()).format("{message}").install().unwrap();

    hlog::info!(logger, "from the root");
    inner::log(&logger);

    assert_eq!(capture.text(), format!("{here}::inner:from inner\n"));
    assert_eq!(all.text(), "from the root\nfrom inner\n", "a filter only affects its handler");
}

mod inner {
    pub(crate) fn log(logger: &hlog::Logger) {
        hlog::info!(logger, "from inner");
    }
}

#[test]
fn filter_on_level_and_message() {
    let capture = Capture::new();
    let logger = hlog::Logger::new();
    logger
        .add(capture.clone())
        .format("{level}:{message}")
        .filter(|record| record.level() == &Level::INFO || record.level().no() >= Level::ERROR.no())
        .install()
        .unwrap();
    log_every_level(&logger);
    assert_eq!(capture.text(), "INFO:i\nERROR:e\nCRITICAL:c\n");

    // The filter sees the message and the fields too.
    let odd = Capture::new();
    let logger = hlog::Logger::new();
    logger
        .add(odd.clone())
        .format("{message}")
        .filter(|record| {
            !record.message().to_string().contains("secret")
                && record.field("n").is_none_or(|n| n.to_string().parse::<i64>().unwrap() % 2 == 1)
        })
        .install()
        .unwrap();
    for n in 0..5 {
        hlog::info!(logger, "n={n}");
    }
    hlog::info!(logger, "a secret");
    hlog::info!(logger, "public");
    assert_eq!(odd.text(), "n=1\nn=3\npublic\n");
}

#[test]
fn level_and_filter_combine() {
    let capture = Capture::new();
    let logger = hlog::Logger::new();
    logger
        .add(capture.clone())
        .level("SUCCESS")
        .format("{level}")
        .filter(|r| r.level().no() != 40)
        .install()
        .unwrap();
    log_every_level(&logger);
    assert_eq!(capture.text(), "SUCCESS\nWARNING\nCRITICAL\n");
}

#[test]
fn remove_stops_delivery_and_finds_nothing_the_second_time() {
    let first = Capture::new();
    let second = Capture::new();
    let logger = hlog::Logger::new();
    let first_id = logger.add(first.clone()).format("1{message}").install().unwrap();
    let second_id = logger.add(second.clone()).format("2{message}").install().unwrap();
    assert_ne!(first_id, second_id);

    hlog::info!(logger, "a");
    let stats = logger.remove(first_id).unwrap();
    assert_eq!((stats.id, stats.written, stats.lost, stats.errors), (first_id, 1, 0, 0));
    hlog::info!(logger, "b");
    let again = logger.remove(first_id);
    assert!(
        matches!(again, Err(RemoveError::NoSuchHandler(id)) if id == first_id),
        "the second remove finds nothing: {again:?}"
    );
    hlog::info!(logger, "c");

    assert_eq!(first.text(), "1a\n");
    assert_eq!(second.text(), "2a\n2b\n2c\n");
    assert_eq!(logger.stats().iter().map(|s| s.id).collect::<Vec<_>>(), [second_id]);

    // Ids are not reused: a new handler gets a new id, and the old id still removes nothing.
    let third_id = logger.add(Capture::new()).install().unwrap();
    assert!(third_id != first_id && third_id != second_id);
    assert!(matches!(logger.remove(first_id), Err(RemoveError::NoSuchHandler(_))));
    assert_eq!(logger.stats().len(), 2);
}

#[test]
fn operations_on_one_logger_leave_another_alone() {
    let a = hlog::Logger::new();
    let b = hlog::Logger::new();
    let a_capture = Capture::new();
    let a_id = a.add(a_capture.clone()).format("{message}").install().unwrap();
    let b_capture = Capture::new();
    b.add(Capture::new()).install().unwrap();
    b.add(b_capture.clone()).format("{message}").install().unwrap();
    // Ids are per logger (a's first id may equal b's): whatever `b.remove(a_id)` removes from b,
    // a is untouched by operations on b.
    let _ = b.remove(a_id);
    assert_eq!(a.stats().len(), 1);
    b.remove_all();
    assert_eq!(a.stats().len(), 1);
    assert!(b.stats().is_empty());
    hlog::info!(a, "a still logs");
    hlog::info!(b, "b has no handler");
    assert_eq!(a_capture.text(), "a still logs\n");
    assert_eq!(b_capture.text(), "");
    a.remove(a_id).unwrap();
}

#[test]
fn remove_all_removes_every_handler() {
    let first = Capture::new();
    let second = Capture::new();
    let logger = hlog::Logger::new();
    let id = logger.add(first.clone()).format("{message}").install().unwrap();
    logger.add(second.clone()).level("ERROR").format("{message}").install().unwrap();
    hlog::error!(logger, "before");
    logger.remove_all();
    hlog::critical!(logger, "after");
    assert!(logger.stats().is_empty());
    assert!(matches!(logger.remove(id), Err(RemoveError::NoSuchHandler(_))));
    assert_eq!(first.text(), "before\n");
    assert_eq!(second.text(), "before\n");

    // The logger is usable again afterwards.
    let again = Capture::new();
    logger.add(again.clone()).format("{message}").install().unwrap();
    hlog::info!(logger, "again");
    assert_eq!(again.text(), "again\n");
    assert_eq!(first.text(), "before\n");
}

#[test]
fn clones_share_handlers() {
    let capture = Capture::new();
    let logger = hlog::Logger::new();
    let clone = logger.clone();
    let id = clone.add(capture.clone()).format("{message}").install().unwrap();
    hlog::info!(logger, "through the original");
    logger.remove(id).unwrap();
    hlog::info!(clone, "after removal through the original");
    assert_eq!(capture.text(), "through the original\n");
}
