//! `parse_time`: loguru's time tokens, `[literal]` text and the `!UTC` suffix.

use std::ops::Range;

use hlog_template::{ErrorKind, TimeToken, parse_time};

fn lit(text: &str) -> TimeToken {
    TimeToken::Literal(text.to_owned().into())
}

#[test]
fn tokens() {
    use TimeToken::*;
    // (pattern, tokens, utc)
    let cases: Vec<(&str, Vec<TimeToken>, bool)> = vec![
        ("", vec![], false),
        ("!UTC", vec![], true),
        ("YYYY", vec![Year], false),
        ("YY", vec![Year2], false),
        ("YYY", vec![Year2, lit("Y")], false),
        ("Y", vec![lit("Y")], false),
        ("Q", vec![Quarter], false),
        (
            "MMMM MMM MM M",
            vec![MonthName, lit(" "), MonthAbbr, lit(" "), Month2, lit(" "), Month],
            false,
        ),
        ("MMMMM", vec![MonthName, Month], false),
        (
            "DDDD DDD Do DD D",
            vec![
                DayOfYear3,
                lit(" "),
                DayOfYear,
                lit(" "),
                DayOrdinal,
                lit(" "),
                Day2,
                lit(" "),
                Day,
            ],
            false,
        ),
        ("DDo", vec![Day2, lit("o")], false),
        (
            "dddd ddd d E",
            vec![WeekdayName, lit(" "), WeekdayAbbr, lit(" "), Weekday, lit(" "), IsoWeekday],
            false,
        ),
        ("HH H hh h", vec![Hour2, lit(" "), Hour, lit(" "), Hour12_2, lit(" "), Hour12], false),
        ("mm m ss s", vec![Minute2, lit(" "), Minute, lit(" "), Second2, lit(" "), Second], false),
        ("S", vec![Fraction(1)], false),
        ("SSS", vec![Fraction(3)], false),
        ("SSSSSS", vec![Fraction(6)], false),
        ("SSSSSSSSS", vec![Fraction(9)], false),
        ("X x", vec![Timestamp, lit(" "), TimestampMicros], false),
        ("A", vec![AmPm], false),
        ("ZZ Z zz", vec![OffsetCompact, lit(" "), Offset, lit(" "), ZoneName], false),
        ("ZZZ", vec![OffsetCompact, Offset], false),
        ("z", vec![lit("z")], false),
        (
            "YYYY-MM-DD HH:mm:ss.SSS",
            vec![
                Year,
                lit("-"),
                Month2,
                lit("-"),
                Day2,
                lit(" "),
                Hour2,
                lit(":"),
                Minute2,
                lit(":"),
                Second2,
                lit("."),
                Fraction(3),
            ],
            false,
        ),
        ("HH:mm!UTC", vec![Hour2, lit(":"), Minute2], true),
        // `[...]` escapes one token only, as loguru; any other `[` is text.
        ("YYYY [at] HH", vec![Year, lit(" [at] "), Hour2], false),
        ("[at]", vec![lit("[at]")], false),
        ("[YYYY]", vec![lit("YYYY")], false),
        ("[YYYY]-MM", vec![lit("YYYY-"), Month2], false),
        ("[SSS]", vec![lit("SSS")], false),
        ("[SSSSSSSSSSSS]", vec![lit("SSSSSSSSSSSS")], false),
        ("[Do]", vec![lit("Do")], false),
        ("[HH:mm]", vec![lit("["), Hour2, lit(":"), Minute2, lit("]")], false),
        ("[YYYY", vec![lit("["), Year], false),
        ("[[YYYY]]", vec![lit("[YYYY]")], false),
        ("[", vec![lit("[")], false),
        ("HH [at", vec![Hour2, lit(" [at")], false),
        ("[]YY", vec![lit("[]"), Year2], false),
        ("[a][b]", vec![lit("[a][b]")], false),
        ("[!UTC]", vec![lit("[!UTC]")], false),
        ("[x]!UTC", vec![lit("x")], true),
        ("HH!UTC!UTC", vec![Hour2, lit("!UTC")], true),
        ("HH]", vec![Hour2, lit("]")], false),
        ("é HH ñ", vec![lit("é "), Hour2, lit(" ñ")], false),
        ("T", vec![lit("T")], false),
        ("%Y", vec![lit("%Y")], false),
    ];
    for (pattern, tokens, utc) in &cases {
        let format = parse_time(pattern).unwrap_or_else(|e| panic!("{pattern:?}: {e}"));
        assert_eq!(&format.tokens, tokens, "pattern: {pattern:?}");
        assert_eq!(format.utc, *utc, "pattern: {pattern:?}");
    }
}

#[test]
fn errors() {
    const FRACTION_HELP: &str = "write 1 to 9 `S`: `SSS` for milliseconds, `SSSSSS` for microseconds, `SSSSSSSSS` for nanoseconds";
    // (pattern, error range, message, help); every error is `InvalidTime`.
    let cases: &[(&str, Range<usize>, &str, &str)] = &[(
        "ss.SSSSSSSSSS",
        3..13,
        "`SSSSSSSSSS` asks for 10 digits of a second, but there are at most 9 (nanoseconds)",
        FRACTION_HELP,
    )];
    for (pattern, range, message, help) in cases {
        let error = parse_time(pattern).expect_err(pattern);
        assert_eq!(
            (&error.kind, &error.range, error.message.as_str(), error.help.as_deref()),
            (&ErrorKind::InvalidTime, range, *message, Some(*help)),
            "pattern: {pattern:?}",
        );
    }
}
