//! Retention strings, through the public API: counts and ages, the refusals (`0`, `-1`,
//! `true`, `0 days`, …) with their messages, and the typed conversions.

use std::time::Duration;

use hlog_runtime::sink::file::Retention;

#[test]
fn counts_and_ages_parse() {
    let day = Duration::from_secs(86_400);
    let cases = [
        ("5", Retention::keep_last(5)),
        ("5 files", Retention::keep_last(5)),
        ("1 file", Retention::keep_last(1)),
        ("7 days", Retention::max_age(day * 7)),
        ("1 week", Retention::max_age(day * 7)),
        ("10 hours", Retention::max_age(Duration::from_secs(36_000))),
        ("1h 30min", Retention::max_age(Duration::from_secs(5400))),
        // loguru's month: a twelfth of 365 days.
        ("1 month", Retention::max_age(Duration::from_secs(2_628_000))),
        ("1 year", Retention::max_age(day * 365)),
    ];
    for (input, expected) in cases {
        assert_eq!(Retention::parse(input), Ok(expected.clone()), "{input:?}");
        assert_eq!(input.parse::<Retention>(), Ok(expected), "{input:?}");
    }
}

#[test]
fn meaningless_values_are_refused_with_the_input_quoted() {
    let cases = [
        ("0", "expected a number of files, but keeping 0 files would delete every rotated file"),
        ("-1", "expected a number of files, but -1 is negative"),
        ("true", "not a number of files or an age"),
        ("0 days", "expected an age, but it is zero"),
        ("", "the text is empty"),
        ("3 weeks ago", "expected an age, but \"ago\" is not a number"),
    ];
    for (input, reason) in cases {
        let text = Retention::parse(input).expect_err(input).to_string();
        assert!(text.starts_with(&format!("invalid retention {input:?}: {reason}")), "{text}");
        assert!(text.ends_with(
            "accepted forms: a number of rotated files to keep (\"5\", \"5 files\", \"1 file\") \
             or an age after which they are deleted (\"10 hours\", \"7 days\", \"1 week\", \
             \"1 month\", \"1h 30min\"; units y, months, w, d, h, min, s, ms, us and their long \
             forms)"
        ));
    }
}

#[test]
fn typed_values_convert() {
    assert_eq!(Retention::from(4_usize), Retention::KeepLast(4));
    assert_eq!(Retention::from(Duration::from_secs(9)), Retention::MaxAge(Duration::from_secs(9)));
    let cleanup = Retention::from_fn(|_paths| {});
    assert_eq!(format!("{cleanup:?}"), "Custom(<closure>)");
}
