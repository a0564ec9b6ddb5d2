//! Rotation strings, through the public API: every accepted form with the policy it gives, the
//! refusals with the kind of value they name, the exact messages, and the typed forms.

use std::time::Duration;

use hlog_runtime::sink::file::{Frequency, Rotation, TimeOfDay, Weekday};

/// The accepted forms, quoted at the end of every refusal.
const FORMS: &str = "accepted forms: a size (\"500 KB\", \"10 MB\", \"0.5 GB\", \"2 GiB\", \
     \"1 Kb\" = 125 bytes, \"4096 B\"), a duration (\"30 min\", \"12 hours\", \
     \"1 day\", \"1 week\", \"1h 30min\"), a frequency (\"hourly\", \"daily\", \"weekly\", \
     \"monthly\", \"yearly\"), a time of day (\"00:00\", \"18:30:15\", \"4 PM\", \"10:30 pm\"), \
     a day of the week with an optional time (\"sunday\", \"monday at 12:00\", \"w0\" to \"w6\" \
     with w0 = Monday)";

/// The reason for a size that does not fit in a `u64` (the input is quoted before it).
const SIZE_RANGE: &str = "expected a size, but \"";

/// The reason for a duration longer than 1000 years.
const DURATION_RANGE: &str = "expected a duration, but \"";

const HOUR: u64 = 3600;
const DAY: u64 = 86_400;

fn hms(h: u8, m: u8, s: u8) -> TimeOfDay {
    TimeOfDay::new(h, m, s).unwrap()
}

/// `input` gives `expected` through `parse` and `FromStr`, with spaces around it too.
fn accepts(input: &str, expected: Rotation) {
    assert_eq!(Rotation::parse(input), Ok(expected.clone()), "{input:?}");
    assert_eq!(input.parse::<Rotation>(), Ok(expected.clone()), "{input:?}");
    assert_eq!(Rotation::parse(&format!("  {input}\t")), Ok(expected), "{input:?}");
}

/// Sizes: powers of 1000 and 1024, `b` for bits, decimals and exponents.
#[test]
fn sizes() {
    let cases: &[(&str, u64)] = &[
        ("500 KB", 500_000),
        ("10 MB", 10_000_000),
        ("1 GB", 1_000_000_000),
        ("0.5 GB", 500_000_000),
        ("2 GiB", 2 << 30),
        ("1 KiB", 1024),
        ("1 KB", 1000),
        ("1 kB", 1000),
        ("1 kb", 125),
        ("1 Kb", 125),
        ("1 mb", 125_000),
        ("1 Kib", 128),
        ("1 kib", 128),
        ("1 KIB", 1024),
        ("0.001 MB", 1000),
        ("1.5 B", 1),
        ("8 b", 1),
        ("100B", 100),
        ("5EB", 5_000_000_000_000_000_000),
        ("1 TB", 1_000_000_000_000),
        ("1 TiB", 1 << 40),
        ("1 PB", 1_000_000_000_000_000),
        ("1 MiB", 1 << 20),
        ("1e3 B", 1000),
        ("1.5e3 KB", 1_500_000),
        (".5 KB", 500),
        ("1. KB", 1000),
        ("+1 KB", 1000),
        ("18446744073709551615 B", u64::MAX),
        ("18446744073709.551615 MB", u64::MAX),
        ("0.0000001 TB", 100_000),
        ("4096 B", 4096),
        ("12 B", 12),
        ("1 B", 1),
    ];
    for &(input, bytes) in cases {
        accepts(input, Rotation::size(bytes));
    }
}

/// Durations: loguru's units, case-insensitive, several parts summed.
#[test]
fn durations() {
    let secs = Duration::from_secs;
    let cases: &[(&str, Duration)] = &[
        ("1 day", secs(DAY)),
        ("2 days", secs(2 * DAY)),
        ("1 d", secs(DAY)),
        ("1 DAY", secs(DAY)),
        ("12 hours", secs(12 * HOUR)),
        ("1 hour", secs(HOUR)),
        ("1 H", secs(HOUR)),
        ("1.5 h", secs(5400)),
        ("1 week", secs(7 * DAY)),
        ("2 weeks", secs(14 * DAY)),
        ("1 w", secs(7 * DAY)),
        ("30 min", secs(30 * 60)),
        ("30 mins", secs(30 * 60)),
        ("1 minute", secs(60)),
        ("5 minutes", secs(300)),
        ("1h 30min", secs(HOUR + 1800)),
        ("1h30min", secs(HOUR + 1800)),
        ("2 days, 3h", secs(2 * DAY + 3 * HOUR)),
        ("1 d, 12 h", secs(DAY + 12 * HOUR)),
        ("1 day 1 s", secs(DAY + 1)),
        ("1 y", secs(365 * DAY)),
        ("1 year", secs(365 * DAY)),
        ("2 years", secs(2 * 365 * DAY)),
        // loguru's month: a twelfth of 365 days.
        ("1 month", secs(2_628_000)),
        ("3 months", secs(3 * 2_628_000)),
        ("10 s", secs(10)),
        ("90 s", secs(90)),
        ("10 sec", secs(10)),
        ("10 secs", secs(10)),
        ("1 second", secs(1)),
        ("10 seconds", secs(10)),
        ("0.5 s", Duration::from_millis(500)),
        ("500 ms", Duration::from_millis(500)),
        ("100 ms", Duration::from_millis(100)),
        ("1 millisecond", Duration::from_millis(1)),
        ("2 milliseconds", Duration::from_millis(2)),
        ("250 us", Duration::from_micros(250)),
        ("100 us", Duration::from_micros(100)),
        ("1 microsecond", Duration::from_micros(1)),
        ("3 microseconds", Duration::from_micros(3)),
        // The longest accepted: 1000 years.
        ("1000 years", secs(1000 * 365 * DAY)),
        ("999 y 365 d", secs(1000 * 365 * DAY)),
    ];
    for &(input, duration) in cases {
        accepts(input, Rotation::every(duration));
    }
}

#[test]
fn frequencies() {
    let cases = [
        ("hourly", Frequency::Hourly),
        ("daily", Frequency::Daily),
        ("weekly", Frequency::Weekly),
        ("monthly", Frequency::Monthly),
        ("yearly", Frequency::Yearly),
        ("DAILY", Frequency::Daily),
        ("Daily", Frequency::Daily),
        ("Weekly", Frequency::Weekly),
    ];
    for (input, frequency) in cases {
        accepts(input, Rotation::Calendar(frequency));
    }
}

/// Times of day: 24-hour clock, or 12-hour with AM/PM; seconds and fractions.
#[test]
fn times_of_day() {
    let cases = [
        ("00:00", hms(0, 0, 0)),
        ("12:00", hms(12, 0, 0)),
        ("23:59", hms(23, 59, 0)),
        ("4 PM", hms(16, 0, 0)),
        ("4pm", hms(16, 0, 0)),
        ("10 pm", hms(22, 0, 0)),
        ("10:30 pm", hms(22, 30, 0)),
        ("10:30 PM", hms(22, 30, 0)),
        ("10:30:15 am", hms(10, 30, 15)),
        ("12 AM", hms(0, 0, 0)),
        ("12 am", hms(0, 0, 0)),
        ("12 PM", hms(12, 0, 0)),
        ("12:30 am", hms(0, 30, 0)),
        ("1 am", hms(1, 0, 0)),
        ("18:30:15", hms(18, 30, 15)),
        ("4:05", hms(4, 5, 0)),
        ("04:05", hms(4, 5, 0)),
        ("23:59:59", hms(23, 59, 59)),
        ("12:00:00.5", hms(12, 0, 0).with_nanosecond(500_000_000).unwrap()),
        ("12:00:00.000001", hms(12, 0, 0).with_nanosecond(1_000).unwrap()),
    ];
    for (input, time) in cases {
        accepts(input, Rotation::DailyAt(time));
    }
}

/// Days of the week, Monday = w0, with an optional time.
#[test]
fn days_of_the_week() {
    use Weekday::*;
    let cases = [
        ("sunday", Sunday, hms(0, 0, 0)),
        ("Sunday", Sunday, hms(0, 0, 0)),
        ("MONDAY", Monday, hms(0, 0, 0)),
        ("tuesday", Tuesday, hms(0, 0, 0)),
        ("wednesday", Wednesday, hms(0, 0, 0)),
        ("thursday", Thursday, hms(0, 0, 0)),
        ("friday", Friday, hms(0, 0, 0)),
        ("saturday", Saturday, hms(0, 0, 0)),
        ("w0", Monday, hms(0, 0, 0)),
        ("W1", Tuesday, hms(0, 0, 0)),
        ("W3", Thursday, hms(0, 0, 0)),
        ("w4", Friday, hms(0, 0, 0)),
        ("w6", Sunday, hms(0, 0, 0)),
        ("monday at 12:00", Monday, hms(12, 0, 0)),
        ("Monday at 4 PM", Monday, hms(16, 0, 0)),
        ("monday AT 12", Monday, hms(12, 0, 0)),
        ("w6 at 23:59:59", Sunday, hms(23, 59, 59)),
        ("friday at 10:30 pm", Friday, hms(22, 30, 0)),
        ("friday at 18:30:15", Friday, hms(18, 30, 15)),
        ("saturday   at   06:15", Saturday, hms(6, 15, 0)),
    ];
    for (input, day, time) in cases {
        accepts(input, Rotation::WeeklyOn(day, time));
    }
}

/// Refused strings: the message quotes the input, names the kind of value it looked like and
/// why it is not one, and lists the accepted forms.
#[test]
fn refusals_quote_the_input_and_name_the_expected_kind() {
    let cases: &[(&str, &str)] = &[
        ("", "the text is empty"),
        ("   ", "the text is empty"),
        // A bare number reads two ways (loguru: noon; a size reader: bytes): refused, and the
        // hint names both readings when both exist.
        ("12", "expected a size or a time of day, but \"12\" has no unit: write \"12 B\""),
        ("0", "expected a size or a time of day, but \"0\" has no unit"),
        ("23", "expected a size or a time of day, but \"23\" has no unit"),
        ("4096", "expected a size, but \"4096\" has no unit: write \"4096 B\""),
        ("1e3", "expected a size, but \"1e3\" has no unit"),
        ("0 KB", "expected a size, but 0 bytes"),
        ("-1", "expected a size, but it is negative"),
        ("-5 MB", "expected a size, but it is negative"),
        ("1.5", "expected a size, but \"1.5\" has no unit: write \"1.5 B\", \"1.5 KB\""),
        ("1 b", "expected a size, but \"1 b\" is less than one byte"),
        ("10 MBs", "expected a size, but \"MBs\" is not a size unit"),
        ("10 bytes", "expected a size, but \"bytes\" is not a size unit"),
        ("10 KIb2", "expected a size, but \"KIb2\" is not a size unit"),
        ("10 M", "expected a size or a duration, but \"M\" is neither"),
        ("10 Ki", "expected a size or a duration, but \"Ki\" is neither"),
        // A size unit with a typo is a size error, not a duration error.
        ("1 KX", "expected a size, but \"KX\" is not a size unit"),
        ("1 kx", "expected a size, but \"kx\" is not a size unit"),
        ("1 KiX", "expected a size, but \"KiX\" is not a size unit"),
        ("1 XB", "expected a size, but \"XB\" is not a size unit"),
        ("1 mo", "expected a duration, but \"mo\" is not a unit of time"),
        ("1 yr", "expected a duration, but \"yr\" is not a unit of time"),
        ("0 days", "expected a duration, but it is zero"),
        ("0 s 0 ms", "expected a duration, but it is zero"),
        ("0.0000000001 s", "expected a duration, but it is zero"),
        ("-1 day", "expected a duration, but it is negative"),
        ("-2 hours", "expected a duration, but it is negative"),
        ("1 day -2 h", "expected a duration, but it is negative"),
        ("10 dayz", "expected a duration, but \"dayz\" is not a unit of time"),
        ("5 fortnights", "expected a duration, but \"fortnights\" is not a unit of time"),
        ("1 hr", "expected a duration, but \"hr\" is not a unit of time"),
        ("1 day 30", "expected a duration, but \"30\" has no unit of time"),
        ("1 day, x", "expected a duration, but \"x\" is not a number"),
        ("1.2.3 s", "expected a duration, but \"1.2.3\" is not a number"),
        ("true", "not a size, a duration, a frequency, a time of day or a day of the week"),
        ("false", "not a size, a duration, a frequency, a time of day or a day of the week"),
        ("never", "not a size, a duration, a frequency, a time of day or a day of the week"),
        ("dayly", "expected a frequency, but \"dayly\" is not one"),
        ("fortnightly", "expected a frequency, but \"fortnightly\" is not one"),
        ("25:00", "expected a time of day, but hour 25 is out of range (0 to 23)"),
        ("24:00", "expected a time of day, but hour 24 is out of range (0 to 23)"),
        ("12:60", "expected a time of day, but minute 60 is out of range (0 to 59)"),
        ("12:00:60", "expected a time of day, but second 60 is out of range (0 to 59)"),
        ("13 PM", "expected a time of day, but with PM the hour is 1 to 12, not 13"),
        ("0 AM", "expected a time of day, but with AM the hour is 1 to 12, not 0"),
        ("1:2:3:4", "expected a time of day, but \"1:2:3:4\" is not a time of day"),
        ("12:", "expected a time of day, but \"12:\" is not a time of day"),
        ("123:00", "expected a time of day, but \"123:00\" is not a time of day"),
        ("12:00:00.", "expected a time of day, but \"12:00:00.\" is not a time of day"),
        ("12:00:00.1234567891", "expected a time of day, but"),
        ("w7", "expected a day of the week, but \"w7\" is out of range"),
        ("w10", "expected a day of the week, but \"w10\" is out of range"),
        ("mon", "expected a day of the week, but \"mon\" is not one"),
        ("funday at 12:00", "expected a day of the week, but \"funday\" is not one"),
        ("someday at 12:00", "expected a day of the week, but \"someday\" is not one"),
        ("monday at 25:00", "expected a time of day after \"at\", but hour 25"),
        ("monday at 12:99", "expected a time of day after \"at\", but minute 99"),
        ("monday at", "expected a time of day after \"at\""),
        ("monday at noon", "expected a time of day after \"at\", but \"noon\""),
        ("at 12:00", "expected a day of the week before \"at\""),
        // Too large: refused with the range, never capped.
        ("1 ZB", SIZE_RANGE),
        ("1 YiB", SIZE_RANGE),
        ("3 YiB", SIZE_RANGE),
        ("3 YB", SIZE_RANGE),
        ("16 EiB", SIZE_RANGE),
        ("18446744073709551616 B", SIZE_RANGE),
        ("99999999999999999999 GB", SIZE_RANGE),
        ("1e400 B", SIZE_RANGE),
        ("1001 years", DURATION_RANGE),
        ("1000 years 1 us", DURATION_RANGE),
        ("1e30 days", DURATION_RANGE),
        ("99999999999999999999999999999999999999999 h", DURATION_RANGE),
        // Not ASCII: no slice falls inside a character (these panicked).
        ("miércoles", "not a size, a duration"),
        ("mié", "not a size, a duration"),
        ("mondé", "expected a day of the week, but \"mondé\" is not one"),
        ("mé", "not a size, a duration"),
        ("wé", "not a size, a duration"),
        ("été", "expected a duration, but \"été\" is not a number"),
        ("ñ", "expected a duration, but \"ñ\" is not a number"),
        ("monday at é", "expected a time of day after \"at\", but \"é\""),
        ("mié at 12:00", "expected a day of the week, but \"mié\" is not one"),
        ("12:é", "expected a time of day, but \"12:é\" is not a time of day"),
        ("é pm", "expected a time of day, but \"é pm\" is not a time of day"),
        ("1 é", "expected a size, but \"é\" is not a size unit"),
        ("1 ms é", "expected a duration, but \"é\" is not a number"),
        ("€ KB", "expected a duration, but \"€\" is not a number"),
        // The fuzz target's first crash on the unfixed parser, in 21k executions.
        ("JJ\u{6f4}", "not a size, a duration"),
    ];
    for &(input, reason) in cases {
        let err = Rotation::parse(input).expect_err(input);
        assert_eq!((err.setting, err.input.as_str()), ("rotation", input));
        assert!(err.message.starts_with(reason), "{input:?}: {}", err.message);
        assert!(err.message.ends_with(&format!("; {FORMS}")), "{input:?}: {}", err.message);
        assert_eq!(err.to_string(), format!("invalid rotation {input:?}: {}", err.message));
        assert!(input.parse::<Rotation>().is_err(), "{input:?}");
    }
}

#[test]
fn exact_error_texts() {
    let cases = [
        (
            "10 MBs",
            "expected a size, but \"MBs\" is not a size unit (B, KB, MB, GB, TB, PB, EB, ZB, YB \
             or KiB, MiB, GiB, …; a lower-case b counts bits)",
        ),
        (
            "0 KB",
            "expected a size, but 0 bytes would start a new file for every record: give a positive size",
        ),
        (
            "12",
            "expected a size or a time of day, but \"12\" has no unit: write \"12 B\" for 12 \
             bytes or \"12:00\" for a time of day",
        ),
        (
            "1.5",
            "expected a size, but \"1.5\" has no unit: write \"1.5 B\", \"1.5 KB\" or \"1.5 MB\"",
        ),
        (
            "1 KX",
            "expected a size, but \"KX\" is not a size unit (B, KB, MB, GB, TB, PB, EB, ZB, \
             YB or KiB, MiB, GiB, …; a lower-case b counts bits)",
        ),
        ("true", "not a size, a duration, a frequency, a time of day or a day of the week"),
        (
            "w7",
            "expected a day of the week, but \"w7\" is out of range: w0 (Monday) to w6 (Sunday)",
        ),
        ("13 PM", "expected a time of day, but with PM the hour is 1 to 12, not 13"),
        (
            "10 M",
            "expected a size or a duration, but \"M\" is neither a size unit (B, KB, MB, GB, TB, \
             PB, EB, ZB, YB or KiB, MiB, GiB, …; a lower-case b counts bits) nor a unit of time \
             (y, months, w, d, h, min, s, ms or us, or years, weeks, days, hours, minutes, \
             seconds, milliseconds, microseconds)",
        ),
    ];
    for (input, reason) in [
        (
            "99999999999999999999 GB",
            "expected a size, but \"99999999999999999999 GB\" is too large: the accepted range is \
             1 byte to 18446744073709551615 bytes (16 EiB)",
        ),
        (
            "3 YiB",
            "expected a size, but \"3 YiB\" is too large: the accepted range is 1 byte to \
             18446744073709551615 bytes (16 EiB)",
        ),
        (
            "1e30 days",
            "expected a duration, but \"1e30 days\" is too long: the accepted range is up to 1000 \
             years (31536000000 seconds)",
        ),
    ] {
        let text = format!("invalid rotation {input:?}: {reason}; {FORMS}");
        assert_eq!(Rotation::parse(input).unwrap_err().to_string(), text);
    }
    for (input, reason) in cases {
        let text = format!("invalid rotation {input:?}: {reason}; {FORMS}");
        assert_eq!(Rotation::parse(input).unwrap_err().to_string(), text);
    }
}

#[test]
fn typed_values_convert() {
    assert_eq!(Rotation::from(1_000_u64), Rotation::Size(1000));
    assert_eq!(Rotation::from(Duration::from_secs(60)), Rotation::every(Duration::from_secs(60)));
    assert_eq!(Rotation::from(hms(6, 0, 0)), Rotation::daily_at(6, 0));
    assert_eq!(Rotation::from(hms(1, 2, 3)), Rotation::DailyAt(hms(1, 2, 3)));
    assert_eq!(Rotation::daily_at(18, 30), Rotation::DailyAt(hms(18, 30, 0)));
    assert_eq!(
        Rotation::weekly_on(Weekday::Monday, 12, 0),
        Rotation::WeeklyOn(Weekday::Monday, hms(12, 0, 0))
    );
    assert_eq!(Rotation::hourly(), Rotation::Calendar(Frequency::Hourly));
    assert_eq!(Rotation::yearly(), Rotation::Calendar(Frequency::Yearly));
    assert_eq!(
        Rotation::any([Rotation::size(1), Rotation::daily()]),
        Rotation::Any(vec![Rotation::Size(1), Rotation::Calendar(Frequency::Daily)])
    );
    assert_eq!(
        format!("{:?}", Rotation::any([Rotation::size(1), Rotation::daily_at(4, 5)])),
        "Any([Size(1), DailyAt(04:05:00)])"
    );
    let when = Rotation::when(|_, file| file.size > 10);
    assert_eq!(when, when.clone(), "the same closure");
    assert_ne!(when, Rotation::when(|_, _| true), "another closure");
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
