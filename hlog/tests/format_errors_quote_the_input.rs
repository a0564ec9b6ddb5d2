//! A format that does not parse is an error whose message quotes the whole format text and
//! names each problem (with its byte range); a handler given such a format is not installed.

use hlog::sink::Capture;
use hlog::{ConfigError, Format};

struct Case {
    format: &'static str,
    /// Substrings the message must contain (besides the quoted format).
    names: &'static [&'static str],
    /// The text the (first) error's byte range covers.
    at: &'static str,
}

const CASES: &[Case] = &[
    Case { format: "{lvl}", names: &["unknown field `{lvl}`", "level"], at: "{lvl}" },
    Case {
        format: "{time} {mesage}",
        names: &["unknown field `{mesage}`", "message"],
        at: "{mesage}",
    },
    Case {
        format: "{level.bogus}",
        names: &["unknown field `{level.bogus}`"],
        at: "{level.bogus}",
    },
    Case { format: "<red>{message}", names: &["`<red>` is never closed", "</red>"], at: "<red>" },
    Case {
        format: "<red><bold>{message}</bold>",
        names: &["`<red>` is never closed"],
        at: "<red>",
    },
    Case { format: "{message}</red>", names: &["`</red>` closes nothing"], at: "</red>" },
    Case { format: "<nope>{message}</nope>", names: &["unknown tag `<nope>`"], at: "<nope>" },
    Case {
        format: "{time:ss.SSSSSSSSSS}",
        names: &["`SSSSSSSSSS`", "at most 9"],
        at: "SSSSSSSSSS",
    },
    Case { format: "{}", names: &["positional placeholder `{}`"], at: "{}" },
    Case { format: "{level} {0}", names: &["positional placeholder `{0}`"], at: "{0}" },
    Case {
        format: "{level:?}",
        names: &["`{level:?}`", "fill, alignment, width and precision only"],
        at: "?",
    },
    Case {
        format: "{line:#x}",
        names: &["`{line:#x}`", "fill, alignment, width and precision only"],
        at: "#x",
    },
    Case { format: "{level:,}", names: &["`,`", "digit grouping"], at: "," },
    Case { format: "{message", names: &["unclosed placeholder"], at: "{message" },
    Case { format: "{message} }", names: &["unmatched `}`", "}}"], at: "}" },
    Case { format: "a \"quoted\"\t{lvl}", names: &["unknown field `{lvl}`"], at: "{lvl}" },
];

#[test]
fn parse_errors_quote_the_format_and_name_the_problem() {
    for case in CASES {
        let error = Format::parse(case.format).unwrap_err();
        let message = error.to_string();
        // The whole format, quoted (as Rust's Debug quotes a string, so escapes are visible).
        let quoted = format!("{:?}", case.format);
        assert!(
            message.contains(&quoted),
            "{:?}: the message must quote {quoted}: {message}",
            case.format
        );
        for name in case.names {
            assert!(
                message.contains(name),
                "{:?}: the message must name {name:?}: {message}",
                case.format
            );
        }
        // Each problem carries a byte range into the format text.
        assert!(!error.errors().is_empty(), "{:?}", case.format);
        let range = error.errors()[0].range.clone();
        assert_eq!(&case.format[range.clone()], case.at, "{:?}: range {range:?}", case.format);
        assert!(message.contains(&format!("at bytes {}..{}", range.start, range.end)), "{message}");
    }
}

#[test]
fn from_str_and_builder_give_the_same_error() {
    for case in CASES {
        let parsed = Format::parse(case.format).unwrap_err();
        let from_str = case.format.parse::<Format>().unwrap_err();
        assert_eq!(parsed, from_str, "{:?}", case.format);

        let logger = hlog::Logger::new();
        let installed = logger.add(Capture::new()).format(case.format).install().unwrap_err();
        assert!(
            matches!(&installed, ConfigError::Format(error) if *error == parsed),
            "{:?}",
            case.format
        );
        assert_eq!(installed.to_string(), parsed.to_string());
        // An owned String is parsed the same way.
        let owned =
            logger.add(Capture::new()).format(case.format.to_owned()).install().unwrap_err();
        assert_eq!(owned.to_string(), installed.to_string());
    }
}

#[test]
fn every_problem_in_one_format_is_reported() {
    let error = Format::parse("{lvl} | {mesage} | {level:?}").unwrap_err();
    let message = error.to_string();
    assert_eq!(error.errors().len(), 3, "{message}");
    for name in ["`{lvl}`", "`{mesage}`", "`{level:?}`"] {
        assert!(message.contains(name), "{name}: {message}");
    }
    // In source order, separated by "; ".
    assert!(
        message.find("{lvl}` in").unwrap() < message.find("{mesage}` in").unwrap(),
        "{message}"
    );
    assert_eq!(message.matches("; ").count(), 2, "{message}");
}

#[test]
fn field_errors_are_reported_alongside_markup_errors() {
    let error = Format::parse("{lvl} and {bogus} <red>").unwrap_err();
    let message = error.to_string();
    assert_eq!(error.errors().len(), 3, "{message}");
    for name in ["`{lvl}`", "`{bogus}`", "`<red>` is never closed"] {
        assert!(message.contains(name), "{name}: {message}");
    }
}

#[test]
fn a_bad_format_installs_no_handler() {
    let logger = hlog::Logger::new();
    let capture = Capture::new();
    logger.add(capture.clone()).format("{message}").install().unwrap();
    assert_eq!(logger.stats().len(), 1);

    let rejected = Capture::new();
    let error = logger.add(rejected.clone()).format("{bad}").level("INFO").install().unwrap_err();
    assert!(matches!(error, ConfigError::Format(_)), "{error:?}");
    assert!(error.to_string().contains("\"{bad}\""), "{error}");
    assert!(error.to_string().contains("unknown field `{bad}`"), "{error}");
    assert_eq!(logger.stats().len(), 1, "stats() length unchanged");

    // A good format given after a bad one wins (the last setting counts).
    let fixed = Capture::new();
    logger.add(fixed.clone()).format("{bad}").format("{level} {message}").install().unwrap();
    assert_eq!(logger.stats().len(), 2);

    hlog::info!(logger, "logged");
    assert_eq!(capture.text(), "logged\n");
    assert_eq!(rejected.text(), "", "the rejected handler's sink gets nothing");
    assert_eq!(fixed.text(), "INFO logged\n");
}

#[test]
fn good_formats_parse_and_keep_their_source() {
    for source in [
        "{message}",
        "{time:YYYY [at] HH}",
        "<red>{level}</red> {message}",
        "{extra[k]} {{literal}}",
        "",
    ] {
        let format = Format::parse(source).unwrap_or_else(|e| panic!("{source:?}: {e}"));
        assert_eq!(format.source(), source);
    }
}
