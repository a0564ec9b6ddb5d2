//! Retention strings, through the public API: counts and ages, the refusals (`0`, `-1`,
//! `true`, `0 days`, …) with their messages, and the typed forms.

use std::time::Duration;

use hlog_runtime::sink::file::Retention;

/// The accepted forms, quoted at the end of every refusal.
const FORMS: &str = "accepted forms: a number of rotated files to keep (\"5\", \"5 files\", \
     \"1 file\") or an age after which they are deleted (\"10 hours\", \"7 days\", \"1 week\", \
     \"1 month\", \"1h 30min\"; units y, months, w, d, h, min, s, ms, us and their long forms)";

const DAY: u64 = 86_400;

#[test]
fn counts_and_ages_parse() {
    let age = |secs| Retention::max_age(Duration::from_secs(secs));
    let cases = [
        ("5", Retention::keep_last(5)),
        ("1", Retention::keep_last(1)),
        ("5 files", Retention::keep_last(5)),
        ("5files", Retention::keep_last(5)),
        ("1 file", Retention::keep_last(1)),
        ("10 FILES", Retention::keep_last(10)),
        ("+3", Retention::keep_last(3)),
        (" 7 ", Retention::keep_last(7)),
        ("18446744073709551615", Retention::keep_last(usize::MAX)),
        ("1000 years", age(1000 * 365 * DAY)),
        ("7 days", age(7 * DAY)),
        ("1 day", age(DAY)),
        ("1.5 d", age(DAY + DAY / 2)),
        ("1 week", age(7 * DAY)),
        ("2 weeks", age(14 * DAY)),
        ("10 hours", age(36_000)),
        ("1h 30min", age(5400)),
        ("2 days, 12 h", age(2 * DAY + DAY / 2)),
        // loguru's month: a twelfth of 365 days.
        ("1 month", age(2_628_000)),
        ("1 year", age(365 * DAY)),
        ("30 s", age(30)),
    ];
    for (input, expected) in cases {
        assert_eq!(Retention::parse(input), Ok(expected.clone()), "{input:?}");
        assert_eq!(input.parse::<Retention>(), Ok(expected), "{input:?}");
    }
}

/// Refused strings: the message quotes the input, names the kind of value it looked like and
/// why it is not one, and lists the accepted forms.
#[test]
fn meaningless_values_are_refused_with_the_input_quoted() {
    let cases = [
        ("", "the text is empty"),
        ("0", "expected a number of files, but keeping 0 files would delete every rotated file"),
        ("0 files", "expected a number of files, but keeping 0 files"),
        ("-1", "expected a number of files, but -1 is negative"),
        ("-3 files", "expected a number of files, but -3 is negative"),
        ("1.5", "expected a number of files, but \"1.5\" is not a whole number"),
        ("2.5 files", "expected a number of files, but \"2.5\" is not a whole number"),
        ("5 filez", "expected a number of files, but \"filez\" is not \"files\""),
        ("5 Fil", "expected a number of files, but \"Fil\" is not \"files\""),
        ("true", "not a number of files or an age"),
        ("forever", "not a number of files or an age"),
        ("files", "not a number of files or an age"),
        ("0 days", "expected an age, but it is zero"),
        ("-1 day", "expected an age, but it is negative"),
        ("7 dayz", "expected an age, but \"dayz\" is not a unit of time"),
        ("10 MB", "expected an age, but \"MB\" is not a unit of time"),
        ("3 weeks ago", "expected an age, but \"ago\" is not a number"),
        // Too large: refused with the range, never capped.
        (
            "99999999999999999999999",
            "expected a number of files, but 99999999999999999999999 is too large: the accepted \
             range is 1 to 18446744073709551615",
        ),
        ("18446744073709551616 files", "expected a number of files, but 18446744073709551616"),
        ("1e30 days", "expected an age, but \"1e30 days\" is too long: the accepted range is"),
        ("1001 y", "expected an age, but \"1001 y\" is too long"),
        ("1e30", "expected an age, but \"1e30\" has no unit of time"),
        // Not ASCII: no slice falls inside a character.
        ("5 fiлes", "expected an age, but \"fi\" is not a unit of time"),
        ("5 é", "expected a number of files, but \"5 é\" is not a whole number"),
        ("été", "not a number of files or an age"),
        ("1é", "expected a number of files, but \"1é\" is not a whole number"),
    ];
    for (input, reason) in cases {
        let err = Retention::parse(input).expect_err(input);
        assert_eq!((err.setting, err.input.as_str()), ("retention", input));
        assert!(err.message.starts_with(reason), "{input:?}: {}", err.message);
        assert!(err.message.ends_with(&format!("; {FORMS}")), "{input:?}: {}", err.message);
        assert_eq!(err.to_string(), format!("invalid retention {input:?}: {}", err.message));
    }
}

#[test]
fn exact_error_texts() {
    let cases = [
        (
            "0",
            "expected a number of files, but keeping 0 files would delete every rotated file as \
             soon as it is made: keep 1 or more",
        ),
        ("true", "not a number of files or an age"),
        ("0 days", "expected an age, but it is zero: give a positive duration"),
    ];
    for (input, reason) in cases {
        let text = format!("invalid retention {input:?}: {reason}; {FORMS}");
        assert_eq!(Retention::parse(input).unwrap_err().to_string(), text);
    }
}

#[test]
fn typed_values_convert() {
    assert_eq!(Retention::from(4_usize), Retention::KeepLast(4));
    assert_eq!(Retention::from(Duration::from_secs(9)), Retention::MaxAge(Duration::from_secs(9)));
    let cleanup = Retention::from_fn(|_paths| {});
    assert_eq!(cleanup, cleanup.clone(), "the same closure");
    assert_ne!(cleanup, Retention::from_fn(|_| {}), "another closure");
    assert_eq!(format!("{cleanup:?}"), "Custom(<closure>)");
}
