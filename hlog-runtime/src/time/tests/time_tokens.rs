//! Every loguru time token, byte-exact, against fixed timestamps, in UTC and in zones given as
//! POSIX TZ strings (so nothing depends on the machine's tzdata). Expected values were produced
//! by loguru 0.7.3 itself (except `Do`, `S` beyond six digits and `x`, see below).

use crate::time::{Timestamp, Zone, default_time_format, render};
use hlog_template::TimeFormat;
use hlog_template::TimeToken::{self, *};

const UTC: &str = "UTC";
const CET: &str = "CET-1CEST,M3.5.0,M10.5.0/3";
const NY: &str = "EST5EDT,M3.2.0,M11.1.0";
const IST: &str = "IST-5:30";

fn zone(spec: &str) -> Zone {
    if spec == UTC { Zone::utc() } else { Zone::from_posix_tz(spec).unwrap() }
}

fn lit(s: &str) -> TimeToken {
    Literal(s.to_owned().into())
}

fn format(tokens: Vec<TimeToken>) -> TimeFormat {
    TimeFormat { tokens: tokens.into(), utc: false }
}

fn rendered(format: &TimeFormat, secs: i64, nanos: u32, zone: &Zone) -> String {
    let mut out = Vec::new();
    render(&mut out, format, Timestamp::from_unix(secs, nanos), zone);
    String::from_utf8(out).unwrap()
}

/// (secs, nanos, zone, [(token, expected)]). `Do` is hlog's (loguru has no such token),
/// `S` × 9 is the nanosecond fraction, and `x` is the true Unix time in microseconds (loguru
/// 0.7.3 adds the microseconds twice).
type Case = (i64, u32, &'static str, &'static [(TimeToken, &'static str)]);

#[rustfmt::skip]
const EVERY_TOKEN: &[Case] = &[
    // 1774531805.123456789 in UTC
    (1774531805, 123456789, UTC, &[
        (Year, "2026"), (Year2, "26"), (Quarter, "1"), (Month, "3"), (Month2, "03"),
        (MonthAbbr, "Mar"), (MonthName, "March"), (Day, "26"), (Day2, "26"), (DayOrdinal, "26th"),
        (DayOfYear, "85"), (DayOfYear3, "085"), (Weekday, "3"), (IsoWeekday, "4"),
        (WeekdayAbbr, "Thu"), (WeekdayName, "Thursday"), (Hour, "13"), (Hour2, "13"),
        (Hour12, "1"), (Hour12_2, "01"), (Minute, "30"), (Minute2, "30"), (Second, "5"),
        (Second2, "05"), (Fraction(1), "1"), (Fraction(3), "123"), (Fraction(6), "123456"),
        (Fraction(9), "123456789"), (Timestamp, "1774531805"),
        (TimestampMicros, "1774531805123456"), (AmPm, "PM"), (Offset, "+00:00"),
        (OffsetCompact, "+0000"), (ZoneName, "UTC"),
    ]),
    // 1774531805.123456789 in CET
    (1774531805, 123456789, CET, &[
        (Year, "2026"), (Year2, "26"), (Quarter, "1"), (Month, "3"), (Month2, "03"),
        (MonthAbbr, "Mar"), (MonthName, "March"), (Day, "26"), (Day2, "26"), (DayOrdinal, "26th"),
        (DayOfYear, "85"), (DayOfYear3, "085"), (Weekday, "3"), (IsoWeekday, "4"),
        (WeekdayAbbr, "Thu"), (WeekdayName, "Thursday"), (Hour, "14"), (Hour2, "14"),
        (Hour12, "2"), (Hour12_2, "02"), (Minute, "30"), (Minute2, "30"), (Second, "5"),
        (Second2, "05"), (Fraction(1), "1"), (Fraction(3), "123"), (Fraction(6), "123456"),
        (Fraction(9), "123456789"), (Timestamp, "1774531805"),
        (TimestampMicros, "1774531805123456"), (AmPm, "PM"), (Offset, "+01:00"),
        (OffsetCompact, "+0100"), (ZoneName, "CET"),
    ]),
    // 1774531805.123456789 in NY
    (1774531805, 123456789, NY, &[
        (Year, "2026"), (Year2, "26"), (Quarter, "1"), (Month, "3"), (Month2, "03"),
        (MonthAbbr, "Mar"), (MonthName, "March"), (Day, "26"), (Day2, "26"), (DayOrdinal, "26th"),
        (DayOfYear, "85"), (DayOfYear3, "085"), (Weekday, "3"), (IsoWeekday, "4"),
        (WeekdayAbbr, "Thu"), (WeekdayName, "Thursday"), (Hour, "9"), (Hour2, "09"), (Hour12, "9"),
        (Hour12_2, "09"), (Minute, "30"), (Minute2, "30"), (Second, "5"), (Second2, "05"),
        (Fraction(1), "1"), (Fraction(3), "123"), (Fraction(6), "123456"),
        (Fraction(9), "123456789"), (Timestamp, "1774531805"),
        (TimestampMicros, "1774531805123456"), (AmPm, "AM"), (Offset, "-04:00"),
        (OffsetCompact, "-0400"), (ZoneName, "EDT"),
    ]),
    // 1774531805.123456789 in IST
    (1774531805, 123456789, IST, &[
        (Year, "2026"), (Year2, "26"), (Quarter, "1"), (Month, "3"), (Month2, "03"),
        (MonthAbbr, "Mar"), (MonthName, "March"), (Day, "26"), (Day2, "26"), (DayOrdinal, "26th"),
        (DayOfYear, "85"), (DayOfYear3, "085"), (Weekday, "3"), (IsoWeekday, "4"),
        (WeekdayAbbr, "Thu"), (WeekdayName, "Thursday"), (Hour, "19"), (Hour2, "19"),
        (Hour12, "7"), (Hour12_2, "07"), (Minute, "0"), (Minute2, "00"), (Second, "5"),
        (Second2, "05"), (Fraction(1), "1"), (Fraction(3), "123"), (Fraction(6), "123456"),
        (Fraction(9), "123456789"), (Timestamp, "1774531805"),
        (TimestampMicros, "1774531805123456"), (AmPm, "PM"), (Offset, "+05:30"),
        (OffsetCompact, "+0530"), (ZoneName, "IST"),
    ]),
    // 1783192029.000000005 in UTC
    (1783192029, 5, UTC, &[
        (Year, "2026"), (Year2, "26"), (Quarter, "3"), (Month, "7"), (Month2, "07"),
        (MonthAbbr, "Jul"), (MonthName, "July"), (Day, "4"), (Day2, "04"), (DayOrdinal, "4th"),
        (DayOfYear, "185"), (DayOfYear3, "185"), (Weekday, "5"), (IsoWeekday, "6"),
        (WeekdayAbbr, "Sat"), (WeekdayName, "Saturday"), (Hour, "19"), (Hour2, "19"),
        (Hour12, "7"), (Hour12_2, "07"), (Minute, "7"), (Minute2, "07"), (Second, "9"),
        (Second2, "09"), (Fraction(1), "0"), (Fraction(3), "000"), (Fraction(6), "000000"),
        (Fraction(9), "000000005"), (Timestamp, "1783192029"),
        (TimestampMicros, "1783192029000000"), (AmPm, "PM"), (Offset, "+00:00"),
        (OffsetCompact, "+0000"), (ZoneName, "UTC"),
    ]),
    // 1783192029.000000005 in CET
    (1783192029, 5, CET, &[
        (Year, "2026"), (Year2, "26"), (Quarter, "3"), (Month, "7"), (Month2, "07"),
        (MonthAbbr, "Jul"), (MonthName, "July"), (Day, "4"), (Day2, "04"), (DayOrdinal, "4th"),
        (DayOfYear, "185"), (DayOfYear3, "185"), (Weekday, "5"), (IsoWeekday, "6"),
        (WeekdayAbbr, "Sat"), (WeekdayName, "Saturday"), (Hour, "21"), (Hour2, "21"),
        (Hour12, "9"), (Hour12_2, "09"), (Minute, "7"), (Minute2, "07"), (Second, "9"),
        (Second2, "09"), (Fraction(1), "0"), (Fraction(3), "000"), (Fraction(6), "000000"),
        (Fraction(9), "000000005"), (Timestamp, "1783192029"),
        (TimestampMicros, "1783192029000000"), (AmPm, "PM"), (Offset, "+02:00"),
        (OffsetCompact, "+0200"), (ZoneName, "CEST"),
    ]),
    // 1783192029.000000005 in NY
    (1783192029, 5, NY, &[
        (Year, "2026"), (Year2, "26"), (Quarter, "3"), (Month, "7"), (Month2, "07"),
        (MonthAbbr, "Jul"), (MonthName, "July"), (Day, "4"), (Day2, "04"), (DayOrdinal, "4th"),
        (DayOfYear, "185"), (DayOfYear3, "185"), (Weekday, "5"), (IsoWeekday, "6"),
        (WeekdayAbbr, "Sat"), (WeekdayName, "Saturday"), (Hour, "15"), (Hour2, "15"),
        (Hour12, "3"), (Hour12_2, "03"), (Minute, "7"), (Minute2, "07"), (Second, "9"),
        (Second2, "09"), (Fraction(1), "0"), (Fraction(3), "000"), (Fraction(6), "000000"),
        (Fraction(9), "000000005"), (Timestamp, "1783192029"),
        (TimestampMicros, "1783192029000000"), (AmPm, "PM"), (Offset, "-04:00"),
        (OffsetCompact, "-0400"), (ZoneName, "EDT"),
    ]),
    // 1783192029.000000005 in IST
    (1783192029, 5, IST, &[
        (Year, "2026"), (Year2, "26"), (Quarter, "3"), (Month, "7"), (Month2, "07"),
        (MonthAbbr, "Jul"), (MonthName, "July"), (Day, "5"), (Day2, "05"), (DayOrdinal, "5th"),
        (DayOfYear, "186"), (DayOfYear3, "186"), (Weekday, "6"), (IsoWeekday, "7"),
        (WeekdayAbbr, "Sun"), (WeekdayName, "Sunday"), (Hour, "0"), (Hour2, "00"), (Hour12, "12"),
        (Hour12_2, "12"), (Minute, "37"), (Minute2, "37"), (Second, "9"), (Second2, "09"),
        (Fraction(1), "0"), (Fraction(3), "000"), (Fraction(6), "000000"),
        (Fraction(9), "000000005"), (Timestamp, "1783192029"),
        (TimestampMicros, "1783192029000000"), (AmPm, "AM"), (Offset, "+05:30"),
        (OffsetCompact, "+0530"), (ZoneName, "IST"),
    ]),
    // 1767225903.500000000 in UTC
    (1767225903, 500000000, UTC, &[
        (Year, "2026"), (Year2, "26"), (Quarter, "1"), (Month, "1"), (Month2, "01"),
        (MonthAbbr, "Jan"), (MonthName, "January"), (Day, "1"), (Day2, "01"), (DayOrdinal, "1st"),
        (DayOfYear, "1"), (DayOfYear3, "001"), (Weekday, "3"), (IsoWeekday, "4"),
        (WeekdayAbbr, "Thu"), (WeekdayName, "Thursday"), (Hour, "0"), (Hour2, "00"),
        (Hour12, "12"), (Hour12_2, "12"), (Minute, "5"), (Minute2, "05"), (Second, "3"),
        (Second2, "03"), (Fraction(1), "5"), (Fraction(3), "500"), (Fraction(6), "500000"),
        (Fraction(9), "500000000"), (Timestamp, "1767225903"),
        (TimestampMicros, "1767225903500000"), (AmPm, "AM"), (Offset, "+00:00"),
        (OffsetCompact, "+0000"), (ZoneName, "UTC"),
    ]),
    // 1767225903.500000000 in CET
    (1767225903, 500000000, CET, &[
        (Year, "2026"), (Year2, "26"), (Quarter, "1"), (Month, "1"), (Month2, "01"),
        (MonthAbbr, "Jan"), (MonthName, "January"), (Day, "1"), (Day2, "01"), (DayOrdinal, "1st"),
        (DayOfYear, "1"), (DayOfYear3, "001"), (Weekday, "3"), (IsoWeekday, "4"),
        (WeekdayAbbr, "Thu"), (WeekdayName, "Thursday"), (Hour, "1"), (Hour2, "01"), (Hour12, "1"),
        (Hour12_2, "01"), (Minute, "5"), (Minute2, "05"), (Second, "3"), (Second2, "03"),
        (Fraction(1), "5"), (Fraction(3), "500"), (Fraction(6), "500000"),
        (Fraction(9), "500000000"), (Timestamp, "1767225903"),
        (TimestampMicros, "1767225903500000"), (AmPm, "AM"), (Offset, "+01:00"),
        (OffsetCompact, "+0100"), (ZoneName, "CET"),
    ]),
    // 1767225903.500000000 in NY
    (1767225903, 500000000, NY, &[
        (Year, "2025"), (Year2, "25"), (Quarter, "4"), (Month, "12"), (Month2, "12"),
        (MonthAbbr, "Dec"), (MonthName, "December"), (Day, "31"), (Day2, "31"),
        (DayOrdinal, "31st"), (DayOfYear, "365"), (DayOfYear3, "365"), (Weekday, "2"),
        (IsoWeekday, "3"), (WeekdayAbbr, "Wed"), (WeekdayName, "Wednesday"), (Hour, "19"),
        (Hour2, "19"), (Hour12, "7"), (Hour12_2, "07"), (Minute, "5"), (Minute2, "05"),
        (Second, "3"), (Second2, "03"), (Fraction(1), "5"), (Fraction(3), "500"),
        (Fraction(6), "500000"), (Fraction(9), "500000000"), (Timestamp, "1767225903"),
        (TimestampMicros, "1767225903500000"), (AmPm, "PM"), (Offset, "-05:00"),
        (OffsetCompact, "-0500"), (ZoneName, "EST"),
    ]),
    // 1767225903.500000000 in IST
    (1767225903, 500000000, IST, &[
        (Year, "2026"), (Year2, "26"), (Quarter, "1"), (Month, "1"), (Month2, "01"),
        (MonthAbbr, "Jan"), (MonthName, "January"), (Day, "1"), (Day2, "01"), (DayOrdinal, "1st"),
        (DayOfYear, "1"), (DayOfYear3, "001"), (Weekday, "3"), (IsoWeekday, "4"),
        (WeekdayAbbr, "Thu"), (WeekdayName, "Thursday"), (Hour, "5"), (Hour2, "05"), (Hour12, "5"),
        (Hour12_2, "05"), (Minute, "35"), (Minute2, "35"), (Second, "3"), (Second2, "03"),
        (Fraction(1), "5"), (Fraction(3), "500"), (Fraction(6), "500000"),
        (Fraction(9), "500000000"), (Timestamp, "1767225903"),
        (TimestampMicros, "1767225903500000"), (AmPm, "AM"), (Offset, "+05:30"),
        (OffsetCompact, "+0530"), (ZoneName, "IST"),
    ]),
];

#[test]
fn every_token_alone() {
    for (secs, nanos, tz, rows) in EVERY_TOKEN {
        let zone = zone(tz);
        for (token, expected) in *rows {
            let f = format(vec![token.clone()]);
            assert_eq!(
                rendered(&f, *secs, *nanos, &zone),
                *expected,
                "{token:?} at {secs}.{nanos:09} in {tz}"
            );
        }
    }
}

#[test]
fn every_token_in_one_format() {
    // All tokens of a case at once, separated by literals: the same bytes as one by one.
    for (secs, nanos, tz, rows) in EVERY_TOKEN {
        let zone = zone(tz);
        let mut tokens = Vec::new();
        let mut expected = String::new();
        for (token, want) in *rows {
            tokens.push(token.clone());
            tokens.push(lit("|"));
            expected.push_str(want);
            expected.push('|');
        }
        assert_eq!(rendered(&format(tokens), *secs, *nanos, &zone), expected, "{secs} in {tz}");
    }
}

#[test]
fn utc_flag_ignores_the_zone() {
    // `!UTC`: every zone renders the UTC rows of the table.
    for (secs, nanos, _, rows) in EVERY_TOKEN.iter().filter(|case| case.2 == UTC) {
        for other in [UTC, CET, NY, IST] {
            let zone = zone(other);
            for (token, expected) in *rows {
                let f = TimeFormat { tokens: vec![token.clone()].into(), utc: true };
                assert_eq!(
                    rendered(&f, *secs, *nanos, &zone),
                    *expected,
                    "{token:?} at {secs} !UTC in {other}"
                );
            }
        }
    }
}

#[test]
fn day_ordinals() {
    #[rustfmt::skip]
    let table: &[(u32, &str)] = &[
        (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"),
        (21, "21st"), (22, "22nd"), (23, "23rd"), (24, "24th"), (30, "30th"), (31, "31st"),
    ];
    let f = format(vec![DayOrdinal]);
    for (day, expected) in table {
        // Noon UTC on that day of January 2026.
        let secs = 1_767_225_600 + i64::from(day - 1) * 86_400 + 43_200;
        assert_eq!(rendered(&f, secs, 0, &Zone::utc()), *expected, "day {day}");
    }
}

#[test]
fn twelve_hour_clock() {
    // 2026-01-01 at 00:05, 01:05, 11:05, 12:05, 13:05, 23:05 UTC.
    let table: &[(i64, &str)] = &[
        (1767225900, "12:05 AM 12"),
        (1767229500, "1:05 AM 01"),
        (1767265500, "11:05 AM 11"),
        (1767269100, "12:05 PM 12"),
        (1767272700, "1:05 PM 01"),
        (1767308700, "11:05 PM 11"),
    ];
    let f = format(vec![Hour12, lit(":"), Minute2, lit(" "), AmPm, lit(" "), Hour12_2]);
    for (secs, expected) in table {
        assert_eq!(rendered(&f, *secs, 0, &Zone::utc()), *expected, "{secs}");
    }
}

#[test]
fn years_and_days_of_year() {
    let table: &[(i64, &str)] = &[
        (1709208000, "2024-02-29 24 60 060 Thu"),
        (1735689599, "2024-12-31 24 366 366 Tue"),
        (1704024000, "2023-12-31 23 365 365 Sun"),
        (978220800, "2000-12-31 00 366 366 Sun"),
        (4107542400, "2100-03-01 00 60 060 Mon"),
        (-2203891200, "1900-03-01 00 60 060 Thu"),
        (-1, "1969-12-31 69 365 365 Wed"),
        (-61996320000, "0005-06-01 05 152 152 Wed"),
        (253402300799, "9999-12-31 99 365 365 Fri"),
    ];
    let f = format(vec![
        Year,
        lit("-"),
        Month2,
        lit("-"),
        Day2,
        lit(" "),
        Year2,
        lit(" "),
        DayOfYear,
        lit(" "),
        DayOfYear3,
        lit(" "),
        WeekdayAbbr,
    ]);
    for (secs, expected) in table {
        assert_eq!(rendered(&f, *secs, 0, &Zone::utc()), *expected, "{secs}");
    }
}

#[test]
fn weekdays() {
    // 2026-03-23 (a Monday) to 2026-03-29, 08:00 UTC.
    let table: &[(i64, &str)] = &[
        (1774252800, "0 1 Mon Monday"),
        (1774339200, "1 2 Tue Tuesday"),
        (1774425600, "2 3 Wed Wednesday"),
        (1774512000, "3 4 Thu Thursday"),
        (1774598400, "4 5 Fri Friday"),
        (1774684800, "5 6 Sat Saturday"),
        (1774771200, "6 7 Sun Sunday"),
    ];
    let f =
        format(vec![Weekday, lit(" "), IsoWeekday, lit(" "), WeekdayAbbr, lit(" "), WeekdayName]);
    for (secs, expected) in table {
        assert_eq!(rendered(&f, *secs, 0, &Zone::utc()), *expected, "{secs}");
    }
}

#[test]
fn months_and_quarters() {
    // The 15th of each month of 2026, 00:00 UTC.
    let table: &[(i64, &str)] = &[
        (1768464000, "1 01 Jan January 1"),
        (1771142400, "2 02 Feb February 1"),
        (1773561600, "3 03 Mar March 1"),
        (1776240000, "4 04 Apr April 2"),
        (1778832000, "5 05 May May 2"),
        (1781510400, "6 06 Jun June 2"),
        (1784102400, "7 07 Jul July 3"),
        (1786780800, "8 08 Aug August 3"),
        (1789459200, "9 09 Sep September 3"),
        (1792051200, "10 10 Oct October 4"),
        (1794729600, "11 11 Nov November 4"),
        (1797321600, "12 12 Dec December 4"),
    ];
    let f = format(vec![
        Month,
        lit(" "),
        Month2,
        lit(" "),
        MonthAbbr,
        lit(" "),
        MonthName,
        lit(" "),
        Quarter,
    ]);
    for (secs, expected) in table {
        assert_eq!(rendered(&f, *secs, 0, &Zone::utc()), *expected, "{secs}");
    }
}

#[test]
fn fraction_digits() {
    #[rustfmt::skip]
    let table: &[(u32, [&str; 9])] = &[
        (123_456_789, ["1", "12", "123", "1234", "12345", "123456", "1234567", "12345678", "123456789"]),
        (987_654_321, ["9", "98", "987", "9876", "98765", "987654", "9876543", "98765432", "987654321"]),
        (5, ["0", "00", "000", "0000", "00000", "000000", "0000000", "00000000", "000000005"]),
        (999_999_999, ["9", "99", "999", "9999", "99999", "999999", "9999999", "99999999", "999999999"]),
        (0, ["0", "00", "000", "0000", "00000", "000000", "0000000", "00000000", "000000000"]),
        (50_000_000, ["0", "05", "050", "0500", "05000", "050000", "0500000", "05000000", "050000000"]),
    ];
    for (nanos, expected) in table {
        for (i, want) in expected.iter().enumerate() {
            let n = i as u8 + 1;
            let f = format(vec![Fraction(n)]);
            assert_eq!(
                rendered(&f, 1_774_531_805, *nanos, &Zone::utc()),
                *want,
                "S x {n} of {nanos}"
            );
        }
    }
    // More than nine digits: the nine there are; zero digits: nothing.
    let utc = Zone::utc();
    assert_eq!(rendered(&format(vec![Fraction(12)]), 0, 123_456_789, &utc), "123456789");
    assert_eq!(rendered(&format(vec![Fraction(0)]), 0, 123_456_789, &utc), "");
}

#[test]
fn unix_timestamps() {
    // (secs, nanos, X, x, civil): X truncates toward zero as Python's `"%d" % float` does.
    #[rustfmt::skip]
    let table: &[(i64, u32, &str, &str, &str)] = &[
        (1_774_531_805, 123_456_789, "1774531805", "1774531805123456", "2026-03-26 13:30:05.123456"),
        (0, 0, "0", "0", "1970-01-01 00:00:00.000000"),
        (-1, 500_000_000, "0", "-500000", "1969-12-31 23:59:59.500000"),
        (-86_400, 0, "-86400", "-86400000000", "1969-12-31 00:00:00.000000"),
        (-2, 1_000, "-1", "-1999999", "1969-12-31 23:59:58.000001"),
    ];
    let f = format(vec![
        Timestamp,
        lit(" "),
        TimestampMicros,
        lit(" "),
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
        Fraction(6),
    ]);
    for (secs, nanos, x_upper, x_lower, civil) in table {
        let want = format!("{x_upper} {x_lower} {civil}");
        assert_eq!(rendered(&f, *secs, *nanos, &Zone::utc()), want, "{secs}.{nanos}");
        // X and x do not depend on the zone.
        let cet = rendered(&f, *secs, *nanos, &zone(CET));
        assert!(cet.starts_with(&format!("{x_upper} {x_lower} ")), "{cet}");
    }
}

#[test]
fn dst_transitions() {
    // Just before and after spring-forward and fall-back, for the Paris and New York rules.
    let table: &[(&str, i64, &str)] = &[
        (CET, 1774742399, "2026-03-29 00:59:59 +01:00 +0100 CET"),
        (CET, 1774745999, "2026-03-29 01:59:59 +01:00 +0100 CET"),
        (CET, 1774746000, "2026-03-29 03:00:00 +02:00 +0200 CEST"),
        (CET, 1792886399, "2026-10-25 01:59:59 +02:00 +0200 CEST"),
        (CET, 1792889999, "2026-10-25 02:59:59 +02:00 +0200 CEST"),
        (CET, 1792890000, "2026-10-25 02:00:00 +01:00 +0100 CET"),
        (CET, 1792893599, "2026-10-25 02:59:59 +01:00 +0100 CET"),
        (CET, 1782864000, "2026-07-01 02:00:00 +02:00 +0200 CEST"),
        (CET, 1772953200, "2026-03-08 08:00:00 +01:00 +0100 CET"),
        (CET, 1793512800, "2026-11-01 07:00:00 +01:00 +0100 CET"),
        (NY, 1772953199, "2026-03-08 01:59:59 -05:00 -0500 EST"),
        (NY, 1772953200, "2026-03-08 03:00:00 -04:00 -0400 EDT"),
        (NY, 1793512799, "2026-11-01 01:59:59 -04:00 -0400 EDT"),
        (NY, 1793512800, "2026-11-01 01:00:00 -05:00 -0500 EST"),
        (NY, 1774746000, "2026-03-28 21:00:00 -04:00 -0400 EDT"),
        (NY, 1792890000, "2026-10-24 21:00:00 -04:00 -0400 EDT"),
        (IST, 1774746000, "2026-03-29 06:30:00 +05:30 +0530 IST"),
        (IST, 1793512800, "2026-11-01 11:30:00 +05:30 +0530 IST"),
    ];
    let f = format(vec![
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
        lit(" "),
        Offset,
        lit(" "),
        OffsetCompact,
        lit(" "),
        ZoneName,
    ]);
    for (tz, secs, expected) in table {
        assert_eq!(rendered(&f, *secs, 0, &zone(tz)), *expected, "{secs} in {tz}");
    }
}

#[test]
fn default_format() {
    // (zone, secs, nanos, local, !UTC): loguru's `{time}` without a spec.
    #[rustfmt::skip]
    let table: &[(&str, i64, u32, &str, &str)] = &[
        (UTC, 0, 1000, "1970-01-01T00:00:00.000001+0000", "1970-01-01T00:00:00.000001+0000"),
        (UTC, 1774531805, 123456789, "2026-03-26T13:30:05.123456+0000", "2026-03-26T13:30:05.123456+0000"),
        (UTC, 1783192029, 5, "2026-07-04T19:07:09.000000+0000", "2026-07-04T19:07:09.000000+0000"),
        (UTC, 1767225903, 500000000, "2026-01-01T00:05:03.500000+0000", "2026-01-01T00:05:03.500000+0000"),
        (CET, 1774531805, 123456789, "2026-03-26T14:30:05.123456+0100", "2026-03-26T13:30:05.123456+0000"),
        (CET, 1783192029, 5, "2026-07-04T21:07:09.000000+0200", "2026-07-04T19:07:09.000000+0000"),
        (CET, 1767225903, 500000000, "2026-01-01T01:05:03.500000+0100", "2026-01-01T00:05:03.500000+0000"),
        (NY, 1774531805, 123456789, "2026-03-26T09:30:05.123456-0400", "2026-03-26T13:30:05.123456+0000"),
        (NY, 1783192029, 5, "2026-07-04T15:07:09.000000-0400", "2026-07-04T19:07:09.000000+0000"),
        (NY, 1767225903, 500000000, "2025-12-31T19:05:03.500000-0500", "2026-01-01T00:05:03.500000+0000"),
        (IST, 1774531805, 123456789, "2026-03-26T19:00:05.123456+0530", "2026-03-26T13:30:05.123456+0000"),
        (IST, 1783192029, 5, "2026-07-05T00:37:09.000000+0530", "2026-07-04T19:07:09.000000+0000"),
        (IST, 1767225903, 500000000, "2026-01-01T05:35:03.500000+0530", "2026-01-01T00:05:03.500000+0000"),
    ];
    let default = default_time_format();
    assert!(!default.utc);
    let mut utc = default.clone();
    utc.utc = true;
    for (tz, secs, nanos, local, in_utc) in table {
        let zone = zone(tz);
        assert_eq!(rendered(default, *secs, *nanos, &zone), *local, "{secs} in {tz}");
        assert_eq!(rendered(&utc, *secs, *nanos, &zone), *in_utc, "{secs} !UTC in {tz}");
    }
    assert!(std::ptr::eq(default, default_time_format()));
}

#[test]
fn fixed_offsets() {
    // (offset, "Z ZZ zz", wall clock at the epoch). Names as Python's `datetime.timezone`'s.
    let table: &[(i32, &str, &str)] = &[
        (4161, "+01:09:21 +010921 UTC+01:09:21", "1970-01-01 01:09:21"),
        (-19800, "-05:30 -0530 UTC-05:30", "1969-12-31 18:30:00"),
        (-3601, "-01:00:01 -010001 UTC-01:00:01", "1969-12-31 22:59:59"),
        (2700, "+00:45 +0045 UTC+00:45", "1970-01-01 00:45:00"),
        (-43200, "-12:00 -1200 UTC-12:00", "1969-12-31 12:00:00"),
        (0, "+00:00 +0000 UTC", "1970-01-01 00:00:00"),
    ];
    let f = format(vec![
        Offset,
        lit(" "),
        OffsetCompact,
        lit(" "),
        ZoneName,
        lit("|"),
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
    ]);
    for (offset, zone_part, civil) in table {
        let want = format!("{zone_part}|{civil}");
        assert_eq!(rendered(&f, 0, 0, &Zone::fixed(*offset)), want, "offset {offset}");
    }
}

#[test]
fn literals_pass_through() {
    let f = format(vec![lit("["), Hour2, lit("h] "), lit("at é ✓ "), Minute2, lit("")]);
    assert_eq!(rendered(&f, 1_774_531_805, 0, &zone(CET)), "[14h] at é ✓ 30");
    assert_eq!(rendered(&format(vec![]), 1_774_531_805, 0, &zone(CET)), "");
}

#[test]
fn render_appends() {
    let mut out = b"prefix ".to_vec();
    let epoch = Timestamp::from_unix(0, 0);
    render(&mut out, &format(vec![Year]), epoch, &Zone::utc());
    render(&mut out, &format(vec![lit("/"), Month2]), epoch, &Zone::utc());
    assert_eq!(out, b"prefix 1970/01");
}

#[test]
fn extreme_timestamps_do_not_panic() {
    let all: Vec<TimeToken> = EVERY_TOKEN[0].3.iter().map(|(t, _)| t.clone()).collect();
    let f = format(all);
    for secs in [i64::MIN, i64::MIN + 1, -377_705_116_801, 253_402_300_800, i64::MAX] {
        for tz in [UTC, CET, NY, IST] {
            let s = rendered(&f, secs, 999_999_999, &zone(tz));
            assert!(!s.is_empty());
        }
    }
    // X and x stay exact even where the calendar is clamped.
    let f = format(vec![Timestamp, lit(" "), TimestampMicros]);
    for secs in [i64::MAX, i64::MIN] {
        let want = format!("{secs} {}", i128::from(secs) * 1_000_000);
        assert_eq!(rendered(&f, secs, 0, &Zone::utc()), want);
    }
}
