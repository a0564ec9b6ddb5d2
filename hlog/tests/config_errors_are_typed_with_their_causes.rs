//! Errors at `install()` and `hlog::level()` are typed: a program can match on what went wrong,
//! reach the cause through `source()` (an open failure keeps its path and the `io::Error`), and
//! the message still quotes the input.

mod common;

use std::error::Error as _;
use std::io;

use common::TempDir;
use hlog::sink::{Capture, FileSink};
use hlog::{ConfigError, LevelError};

#[test]
fn an_open_failure_carries_its_path_and_the_io_error() {
    let dir = TempDir::new("config-errors-open");
    // A file where the log's folder should be: the folder cannot be created.
    std::fs::write(dir.join("not-a-folder"), b"").unwrap();
    let path = dir.join("not-a-folder").join("app.log");
    let logger = hlog::Logger::new();
    let error = logger.add(FileSink::new(&path)).install().unwrap_err();
    let ConfigError::Open { path: failed, source } = &error else {
        panic!("expected ConfigError::Open, got {error:?}");
    };
    assert_eq!(failed, &path);
    assert!(matches!(source.kind(), io::ErrorKind::NotADirectory | io::ErrorKind::AlreadyExists));
    let cause = error.source().expect("the io::Error is the source");
    assert!(cause.downcast_ref::<io::Error>().is_some(), "{cause:?}");
    assert!(error.to_string().contains(&path.display().to_string()), "{error}");
    assert!(logger.stats().is_empty(), "nothing was added");
}

#[cfg(unix)]
#[test]
fn a_symlink_at_the_path_is_its_own_error() {
    let dir = TempDir::new("config-errors-symlink");
    let target = dir.join("elsewhere.log");
    let link = dir.join("app.log");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let error = hlog::Logger::new().add(FileSink::new(&link)).install().unwrap_err();
    assert!(matches!(&error, ConfigError::Symlink { path } if *path == link), "{error:?}");
    assert!(error.to_string().contains("follow_symlinks(true)"), "{error}");
    assert!(!target.exists(), "nothing was written through the link");
}

#[test]
fn a_second_rotating_sink_on_one_path_is_refused_by_name() {
    let dir = TempDir::new("config-errors-in-use");
    let path = dir.join("app.log");
    let logger = hlog::Logger::new();
    logger.add(FileSink::new(&path).rotation("1 MB")).install().unwrap();
    let error = logger.add(FileSink::new(&path).rotation("1 day")).install().unwrap_err();
    assert!(matches!(&error, ConfigError::PathInUse { path: p } if *p == path), "{error:?}");
    logger.remove_all();
}

#[test]
fn a_bad_setting_is_a_spec_error_that_quotes_it() {
    let cases: [(FileSink, &str, &str); 3] = [
        (FileSink::new("unused.log").rotation("10 parsecs"), "rotation", "10 parsecs"),
        (FileSink::new("unused.log").retention("forever-ish"), "retention", "forever-ish"),
        (FileSink::new("unused.log").compression("rar"), "compression", "rar"),
    ];
    for (sink, setting, input) in cases {
        let error = hlog::Logger::new().add(sink).install().unwrap_err();
        let ConfigError::Setting(spec) = &error else { panic!("{setting}: {error:?}") };
        assert_eq!((spec.setting, spec.input.as_str()), (setting, input));
        assert!(error.source().is_some(), "the SpecError is the source");
        assert!(error.to_string().contains(&format!("{input:?}")), "{error}");
    }
    assert!(!std::path::Path::new("unused.log").exists(), "a failed add creates nothing");
}

#[test]
fn a_bad_file_name_pattern_names_the_pattern() {
    let error = hlog::Logger::new()
        .add(FileSink::new("logs/app.log").naming("{root}.{ext}"))
        .install()
        .unwrap_err();
    assert!(
        matches!(&error, ConfigError::FileName { pattern, .. } if pattern == "{root}.{ext}"),
        "{error:?}"
    );
    assert!(error.to_string().contains("{time"), "says what is missing: {error}");
}

#[test]
fn level_errors_say_which_rule_was_broken() {
    let unknown = hlog::Logger::new().add(Capture::new()).level("VERBOSE").install().unwrap_err();
    assert!(matches!(&unknown, ConfigError::Level(LevelError::Unknown(n)) if n == "VERBOSE"));
    assert_eq!(unknown.source().map(ToString::to_string), Some(unknown.to_string()));

    assert_eq!(
        hlog::level("has space", 33, "", "").unwrap_err(),
        LevelError::InvalidName("has space".into())
    );
    assert_eq!(
        hlog::level("WARNING", 31, "", "").unwrap_err(),
        LevelError::Builtin { name: "WARNING".into(), no: 30 }
    );
    hlog::level("TYPED_ERRORS", 36, "<cyan>", "").unwrap();
    assert_eq!(
        hlog::level("TYPED_ERRORS", 37, "<cyan>", "").unwrap_err(),
        LevelError::NumberTaken { name: "TYPED_ERRORS".into(), registered: 36, requested: 37 }
    );
    let colour = hlog::level("BAD_COLOUR", 38, "<nope>", "").unwrap_err();
    let LevelError::InvalidColor { color, error, .. } = &colour else { panic!("{colour:?}") };
    assert_eq!(color, "<nope>");
    let cause = colour.source().expect("the parser's error is the source");
    assert_eq!(cause.to_string(), error.to_string());
    assert!(cause.downcast_ref::<hlog::TemplateError>().is_some());
}
