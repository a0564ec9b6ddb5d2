//! Rotation strings, through the public API: every accepted form with the policy it gives, the
//! refusals with the kind of value they name, and the typed conversions.

use std::time::Duration;

use hlog_runtime::sink::file::Rotation;
use hlog_runtime::sink::file::rotation::{Frequency, TimeOfDay, Weekday};

const HOUR: u64 = 3600;
const DAY: u64 = 86_400;

fn at(h: u8, m: u8, s: u8) -> TimeOfDay {
    TimeOfDay::new(h, m, s).unwrap()
}

fn secs(s: u64) -> Rotation {
    Rotation::every(Duration::from_secs(s))
}

fn accepted() -> Vec<(&'static str, Rotation)> {
    vec![
        // Sizes: powers of 1000 and 1024, b for bits, decimals, plain bytes.
        ("500 KB", Rotation::size(500_000)),
        ("10 MB", Rotation::size(10_000_000)),
        ("1 GB", Rotation::size(1_000_000_000)),
        ("0.5 GB", Rotation::size(500_000_000)),
        ("2 GiB", Rotation::size(2 << 30)),
        ("1 KiB", Rotation::size(1024)),
        ("1 Kb", Rotation::size(125)),
        ("1 kib", Rotation::size(128)),
        ("1 mb", Rotation::size(125_000)),
        ("1 TB", Rotation::size(1_000_000_000_000)),
        ("1 TiB", Rotation::size(1 << 40)),
        ("0.001 MB", Rotation::size(1000)),
        ("4096", Rotation::size(4096)),
        ("12", Rotation::size(12)),
        // Durations, several parts summed.
        ("1 day", secs(DAY)),
        ("2 days", secs(2 * DAY)),
        ("12 hours", secs(12 * HOUR)),
        ("1 week", secs(7 * DAY)),
        ("30 min", secs(1800)),
        ("1h 30min", secs(HOUR + 1800)),
        ("1 d, 12 h", secs(DAY + 12 * HOUR)),
        ("1 month", secs(2_628_000)),
        ("1 year", secs(365 * DAY)),
        ("90 s", secs(90)),
        ("100 ms", Rotation::every(Duration::from_millis(100))),
        ("100 us", Rotation::every(Duration::from_micros(100))),
        // Frequencies.
        ("hourly", Rotation::hourly()),
        ("daily", Rotation::daily()),
        ("weekly", Rotation::weekly()),
        ("monthly", Rotation::monthly()),
        ("yearly", Rotation::yearly()),
        ("Daily", Rotation::Calendar(Frequency::Daily)),
        // Times of day.
        ("00:00", Rotation::daily_at(0, 0)),
        ("12:00", Rotation::daily_at(12, 0)),
        ("23:59", Rotation::daily_at(23, 59)),
        ("4 PM", Rotation::daily_at(16, 0)),
        ("10 pm", Rotation::daily_at(22, 0)),
        ("10:30 pm", Rotation::daily_at(22, 30)),
        ("12 am", Rotation::daily_at(0, 0)),
        ("18:30:15", Rotation::DailyAt(at(18, 30, 15))),
        // Days of the week, Monday = w0.
        ("sunday", Rotation::weekly_on(Weekday::Sunday, 0, 0)),
        ("monday at 12:00", Rotation::weekly_on(Weekday::Monday, 12, 0)),
        ("Monday at 4 PM", Rotation::weekly_on(Weekday::Monday, 16, 0)),
        ("w0", Rotation::weekly_on(Weekday::Monday, 0, 0)),
        ("W3", Rotation::weekly_on(Weekday::Thursday, 0, 0)),
        ("w6", Rotation::weekly_on(Weekday::Sunday, 0, 0)),
        ("friday at 18:30:15", Rotation::WeeklyOn(Weekday::Friday, at(18, 30, 15))),
    ]
}

#[test]
fn every_accepted_form_gives_its_policy() {
    for (input, expected) in accepted() {
        assert_eq!(Rotation::parse(input), Ok(expected.clone()), "{input:?}");
        assert_eq!(input.parse::<Rotation>(), Ok(expected.clone()), "{input:?}");
        assert_eq!(Rotation::parse(&format!("  {input}\t")), Ok(expected), "{input:?}");
    }
}

#[test]
fn refusals_quote_the_input_and_name_the_expected_kind() {
    let cases = [
        ("", "the text is empty"),
        ("0", "expected a size"),
        ("-1", "expected a size, but it is negative"),
        ("10 MBs", "expected a size, but \"MBs\" is not a size unit"),
        ("1 XB", "expected a duration, but \"XB\" is not a unit of time"),
        ("0 days", "expected a duration, but it is zero"),
        ("-2 hours", "expected a duration, but it is negative"),
        ("5 fortnights", "expected a duration, but \"fortnights\" is not a unit of time"),
        ("true", "not a size, a duration, a frequency, a time of day or a day of the week"),
        ("25:00", "expected a time of day, but hour 25 is out of range (0 to 23)"),
        ("13 PM", "expected a time of day, but with PM the hour is 1 to 12, not 13"),
        ("w7", "expected a day of the week, but \"w7\" is out of range"),
        ("someday at 12:00", "expected a day of the week, but \"someday\" is not one"),
        ("monday at 12:99", "expected a time of day after \"at\", but minute 99"),
        ("fortnightly", "expected a frequency, but \"fortnightly\" is not one"),
    ];
    for (input, reason) in cases {
        let err = Rotation::parse(input).expect_err(input);
        let text = err.to_string();
        assert!(text.starts_with(&format!("invalid rotation {input:?}: {reason}")), "{text}");
        for form in ["\"10 MB\"", "\"1 day\"", "\"daily\"", "\"00:00\"", "\"monday at 12:00\""] {
            assert!(text.contains(form), "{input:?} does not list {form}: {text}");
        }
        assert_eq!((err.setting, err.input.as_str()), ("rotation", input));
    }
}

#[test]
fn a_size_typo_says_it_expected_a_size() {
    let err = Rotation::parse("10 MBs").unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid rotation \"10 MBs\": expected a size, but \"MBs\" is not a size unit (B, KB, \
         MB, GB, TB, PB, EB, ZB, YB or KiB, MiB, GiB, …; a lower-case b counts bits); accepted \
         forms: a size (\"500 KB\", \"10 MB\", \"0.5 GB\", \"2 GiB\", \"1 Kb\" = 125 bytes, \
         \"4096\" = 4096 bytes), a duration (\"30 min\", \"12 hours\", \"1 day\", \"1 week\", \
         \"1h 30min\"), a frequency (\"hourly\", \"daily\", \"weekly\", \"monthly\", \
         \"yearly\"), a time of day (\"00:00\", \"18:30:15\", \"4 PM\", \"10:30 pm\"), a day \
         of the week with an optional time (\"sunday\", \"monday at 12:00\", \"w0\" to \"w6\" \
         with w0 = Monday)"
    );
}

#[test]
fn typed_values_convert() {
    assert_eq!(Rotation::from(1_000_u64), Rotation::Size(1000));
    assert_eq!(
        Rotation::from(Duration::from_secs(60)),
        Rotation::Interval(Duration::from_secs(60))
    );
    assert_eq!(Rotation::from(at(6, 0, 0)), Rotation::daily_at(6, 0));
    assert_eq!(
        Rotation::any([Rotation::size(1), Rotation::daily()]),
        Rotation::Any(vec![Rotation::Size(1), Rotation::Calendar(Frequency::Daily)])
    );
    let when = Rotation::when(|_, file| file.size > 10);
    assert_eq!(
        format!("{:?}", Rotation::any([when, Rotation::size(5)])),
        "Any([When(<closure>), Size(5)])"
    );
}

#[test]
#[should_panic(expected = "hour must be 0-23")]
fn daily_at_refuses_an_hour_out_of_range() {
    let _ = Rotation::daily_at(24, 0);
}
