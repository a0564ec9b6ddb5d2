//! Control characters in values never reach a sink raw: a value cannot start a line that reads
//! as a record, nor send escape sequences to a terminal. LF and CR are written `\n` and `\r`,
//! the other C0 controls and DEL `\x1b`-style, C1 controls, U+2028/9 and the bidi controls
//! `\u{85}`-style; TAB stays. The template's own text and colours are written as they are, and
//! `.escape_values(false)` writes values raw.

mod common;

use std::fmt;

use common::{Clock, TempDir};
use hlog::sink::{Capture, FileSink};

/// The forged record of issue 14: a newline, then what reads as a whole record.
const FORGED: &str = "x\n2026-03-26 14:30:00.123 | CRITICAL | app:main:1 - forged";
/// `FORGED` as it is written: one line.
const FORGED_SHOWN: &str = r"x\n2026-03-26 14:30:00.123 | CRITICAL | app:main:1 - forged";

fn capture(format: &str) -> (hlog::Logger, Capture) {
    let capture = Capture::new();
    let logger = Clock::at(1_774_535_400).logger();
    logger.add(capture.clone()).format(format).colorize(false).install().unwrap();
    (logger, capture)
}

#[test]
fn a_value_cannot_forge_a_line_in_a_file() {
    let dir = TempDir::new("forge");
    let path = dir.join("app.log");
    let logger = Clock::at(1_774_535_400).logger();
    logger.add(FileSink::new(&path)).format("{level: <8} | {message}").install().unwrap();
    let user = FORGED;
    hlog::info!(logger, "login {user}");
    hlog::info!(logger, "login {}", FORGED);
    logger.complete();
    let expected = format!("INFO     | login {FORGED_SHOWN}\n").repeat(2);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
}

#[test]
fn a_value_cannot_forge_a_line_in_the_default_format() {
    let dir = TempDir::new("forge-default");
    let path = dir.join("app.log");
    let logger = Clock::at(1_774_535_400).logger();
    logger.add(FileSink::new(&path)).install().unwrap();
    let capture = Capture::new();
    logger.add(capture.clone()).install().unwrap();
    hlog::info!(logger, "login {user}", user = FORGED);
    logger.complete();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text, capture.text());
    assert_eq!(text.lines().count(), 1, "{text:?}");
    assert!(text.starts_with("2026-03-26 14:30:00.000 | INFO     | "), "{text:?}");
    assert!(text.ends_with(&format!(" - login {FORGED_SHOWN}\n")), "{text:?}");
}

#[test]
fn escape_sequences_in_values_are_escaped_on_a_colourised_sink_but_markup_is_not() {
    let capture = Capture::new();
    let logger = Clock::at(1_774_535_400).logger();
    logger.add(capture.clone()).format("{message}").colorize(true).install().unwrap();
    let title = "\x1b]0;pwned\x07";
    let sgr = "\x1b[31m";
    hlog::info!(logger, "<red>{title}</red> {sgr}");
    assert_eq!(capture.text(), "\x1b[31m\\x1b]0;pwned\\x07\x1b[0m \\x1b[31m\n");
}

#[test]
fn c1_del_separators_and_bidi_controls_are_escaped_and_tab_stays() {
    let (logger, capture) = capture("{message}");
    let v = "a\u{85}b\x7fc\u{2028}d\u{2029}e\u{202e}f\u{2066}g\th\r\0é 日本 🎉";
    hlog::info!(logger, "[{v}]");
    assert_eq!(
        capture.text(),
        "[a\\u{85}b\\x7fc\\u{2028}d\\u{2029}e\\u{202e}f\\u{2066}g\th\\r\\x00é 日本 🎉]\n"
    );
}

/// A value whose `Display` and `Debug` write their text as it is.
struct Raw(&'static str);

impl fmt::Display for Raw {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl fmt::Debug for Raw {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Raw({})", self.0)
    }
}

#[test]
fn display_and_debug_values_are_escaped() {
    let (logger, capture) = capture("{message}");
    let r = Raw("\x1b[2J\u{202e}\nnext");
    let c = '\n';
    hlog::info!(logger, "{r} {r:?} {c} {r:>12}");
    assert_eq!(
        capture.text(),
        "\\x1b[2J\\u{202e}\\nnext Raw(\\x1b[2J\\u{202e}\\nnext) \\n \\x1b[2J\\u{202e}\\nnext\n"
    );
}

#[test]
fn extra_and_extra_key_escape_their_values() {
    let (logger, capture) = capture("{extra[k]} {extra}");
    let k = "a\nb\x1b\x7f\u{85}\u{2028}\u{202e}";
    hlog::info!(logger, "{k} {r}", k = k, r = Raw("\r\u{2069}"));
    assert_eq!(
        capture.text(),
        concat!(
            r"a\nb\x1b\x7f\u{85}\u{2028}\u{202e} ",
            r#"{"k": "a\nb\u001b\u007f\u0085\u2028\u202e", "r": "\r\u2069"}"#,
            "\n"
        )
    );
}

/// An error whose text holds a forged line and a terminal sequence.
#[derive(Debug)]
struct Forging(std::io::Error);

impl fmt::Display for Forging {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "bad {FORGED}\x1b[31m")
    }
}

impl std::error::Error for Forging {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

static CALLSITE: hlog::__private::Callsite =
    hlog::__private::Callsite::new("app", "src/main.rs", 7, "failed", || "app::main::__hlog_here");

fn log_error(logger: &hlog::Logger, error: &(dyn std::error::Error + 'static)) {
    let message = hlog::Message::Static("failed");
    let record = hlog::Record::new(logger.now(), &hlog::Level::ERROR, &CALLSITE, message, &[])
        .with_error(error);
    logger.log(&record);
}

#[test]
fn the_attached_error_is_escaped_one_cause_a_line() {
    let error = Forging(std::io::Error::other("\u{202e}cause\u{2028}"));
    let (logger, after_the_line) = capture("{level} {message}");
    let shown = Capture::new();
    logger.add(shown.clone()).format("{message} [{exception}]").install().unwrap();
    log_error(&logger, &error);
    let text =
        format!(r"Error: bad {FORGED_SHOWN}\x1b[31m{}Caused by: \u{{202e}}cause\u{{2028}}", '\n');
    assert_eq!(after_the_line.text(), format!("ERROR failed\n{text}\n"));
    assert_eq!(shown.text(), format!("failed [{text}]\n"));
}

#[test]
fn escape_values_false_writes_values_raw() {
    let capture = Capture::new();
    let logger = Clock::at(1_774_535_400).logger();
    logger
        .add(capture.clone())
        .format("<red>{message}</red> {extra[k]} {extra}")
        .colorize(true)
        .escape_values(false)
        .install()
        .unwrap();
    let k = "a\nb\x1b[31m\u{202e}";
    hlog::info!(logger, "{k}", k = k);
    assert_eq!(
        capture.text(),
        concat!(
            "\x1b[31ma\nb\x1b[31m\u{202e}\x1b[0m a\nb\x1b[31m\u{202e} ",
            r#"{"k": "a\nb\u001b[31m\u202e"}"#,
            "\n"
        )
    );

    let error = Forging(std::io::Error::other("cause"));
    let raw = Capture::new();
    logger.add(raw.clone()).format("{message}").escape_values(false).install().unwrap();
    log_error(&logger, &error);
    assert_eq!(raw.text(), format!("failed\nError: bad {FORGED}\x1b[31m\nCaused by: cause\n"));
}
