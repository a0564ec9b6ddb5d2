//! The civil breakdown: a timestamp as calendar fields in a zone (moved from
//! `tests/time_zone.rs` when `Civil` became crate-internal).

use crate::time::{Civil, Timestamp, Zone};

const CET: &str = "CET-1CEST,M3.5.0,M10.5.0/3";
const NY: &str = "EST5EDT,M3.2.0,M11.1.0";
const IST: &str = "IST-5:30";

fn posix(s: &str) -> Zone {
    Zone::from_posix_tz(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

#[test]
fn civil_breakdown() {
    // (zone, secs, nanos, (y, mo, d, h, mi, s), weekday, ordinal, offset, abbreviation)
    type Row = (&'static str, i64, u32, (i32, u8, u8, u8, u8, u8), u8, u16, i32, &'static str);
    #[rustfmt::skip]
    let table: &[Row] = &[
        (CET, 1_774_531_800, 5, (2026, 3, 26, 14, 30, 0), 3, 85, 3600, "CET"),
        (CET, 1_774_531_805, 123_456_789, (2026, 3, 26, 14, 30, 5), 3, 85, 3600, "CET"),
        (CET, 1_774_746_000, 0, (2026, 3, 29, 3, 0, 0), 6, 88, 7200, "CEST"),
        (CET, 1_774_745_999, 999_999_999, (2026, 3, 29, 1, 59, 59), 6, 88, 3600, "CET"),
        (NY, 1_767_225_903, 500_000_000, (2025, 12, 31, 19, 5, 3), 2, 365, -18_000, "EST"),
        (IST, 1_783_192_029, 5, (2026, 7, 5, 0, 37, 9), 6, 186, 19_800, "IST"),
        ("UTC", 1_735_689_599, 0, (2024, 12, 31, 23, 59, 59), 1, 366, 0, "UTC"),
        ("UTC", -1, 0, (1969, 12, 31, 23, 59, 59), 2, 365, 0, "UTC"),
        ("UTC", 0, 0, (1970, 1, 1, 0, 0, 0), 3, 1, 0, "UTC"),
    ];
    for (tz, secs, nanos, (y, mo, d, h, mi, s), weekday, ordinal, offset, abbr) in table {
        let zone = if *tz == "UTC" { Zone::utc() } else { posix(tz) };
        let c = Civil::new(Timestamp::from_unix(*secs, *nanos), &zone);
        let expected = Civil {
            year: *y,
            month: *mo,
            day: *d,
            hour: *h,
            minute: *mi,
            second: *s,
            nanos: *nanos,
            weekday: *weekday,
            ordinal: *ordinal,
            offset: *offset,
            abbreviation: abbr,
        };
        assert_eq!(c, expected, "{secs} in {tz}");
    }
}
