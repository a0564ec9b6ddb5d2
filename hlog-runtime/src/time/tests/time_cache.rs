//! The per-thread, per-second cache of the calendar decomposition: results stay right when
//! the second changes (forward, backward, across midnight, a year and a DST change), when
//! zones alternate, and when a zone is dropped and another takes its place.

use crate::time::{Civil, Timestamp, Zone, render};
use hlog_template::TimeFormat;
use hlog_template::TimeToken::{self, *};

const CET: &str = "CET-1CEST,M3.5.0,M10.5.0/3";
const NY: &str = "EST5EDT,M3.2.0,M11.1.0";
const IST: &str = "IST-5:30";

fn lit(s: &str) -> TimeToken {
    Literal(s.to_owned().into())
}

/// `YYYY-MM-DD HH:mm:ss.SSSSSS d DDD Z zz`
fn full(utc: bool) -> TimeFormat {
    TimeFormat {
        tokens: vec![
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
            lit(" "),
            Weekday,
            lit(" "),
            DayOfYear,
            lit(" "),
            Offset,
            lit(" "),
            ZoneName,
        ]
        .into(),
        utc,
    }
}

fn rendered(format: &TimeFormat, secs: i64, nanos: u32, zone: &Zone) -> String {
    let mut out = Vec::new();
    render(&mut out, format, Timestamp::from_unix(secs, nanos), zone);
    String::from_utf8(out).unwrap()
}

/// The same fields, formatted from an uncached [`Civil`].
fn reference(secs: i64, nanos: u32, zone: &Zone) -> String {
    let c = Civil::new(Timestamp::from_unix(secs, nanos), zone);
    let sign = if c.offset < 0 { '-' } else { '+' };
    let a = c.offset.unsigned_abs();
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:06} {} {} {sign}{:02}:{:02} {}",
        c.year,
        c.month,
        c.day,
        c.hour,
        c.minute,
        c.second,
        c.nanos / 1000,
        c.weekday,
        c.ordinal,
        a / 3600,
        a / 60 % 60,
        c.abbreviation
    )
}

#[test]
fn consecutive_seconds() {
    let cet = Zone::from_posix_tz(CET).unwrap();
    let f = full(false);
    // (secs, nanos, expected): several renders per second, then the next second.
    #[rustfmt::skip]
    let table: &[(i64, u32, &str)] = &[
        // New year in Paris: 2026-12-31T22:59:59Z.
        (1_798_757_999, 0, "2026-12-31 23:59:59.000000 3 365 +01:00 CET"),
        (1_798_757_999, 500_000_000, "2026-12-31 23:59:59.500000 3 365 +01:00 CET"),
        (1_798_757_999, 999_999_999, "2026-12-31 23:59:59.999999 3 365 +01:00 CET"),
        (1_798_758_000, 0, "2027-01-01 00:00:00.000000 4 1 +01:00 CET"),
        (1_798_758_000, 1_000, "2027-01-01 00:00:00.000001 4 1 +01:00 CET"),
        (1_798_758_001, 0, "2027-01-01 00:00:01.000000 4 1 +01:00 CET"),
        // Back in time by one second.
        (1_798_758_000, 7_000, "2027-01-01 00:00:00.000007 4 1 +01:00 CET"),
        (1_798_757_999, 1_000, "2026-12-31 23:59:59.000001 3 365 +01:00 CET"),
        // Spring forward: 01:59:59 CET, then 03:00:00 CEST.
        (1_774_745_999, 0, "2026-03-29 01:59:59.000000 6 88 +01:00 CET"),
        (1_774_745_999, 999_000, "2026-03-29 01:59:59.000999 6 88 +01:00 CET"),
        (1_774_746_000, 0, "2026-03-29 03:00:00.000000 6 88 +02:00 CEST"),
        // Fall back: 02:59:59 CEST, then 02:00:00 CET.
        (1_792_889_999, 0, "2026-10-25 02:59:59.000000 6 298 +02:00 CEST"),
        (1_792_890_000, 0, "2026-10-25 02:00:00.000000 6 298 +01:00 CET"),
        (1_792_890_000, 0, "2026-10-25 02:00:00.000000 6 298 +01:00 CET"),
    ];
    for (secs, nanos, expected) in table {
        assert_eq!(rendered(&f, *secs, *nanos, &cet), *expected, "{secs}.{nanos:09}");
    }
}

#[test]
fn alternating_zones() {
    let cet = Zone::from_posix_tz(CET).unwrap();
    let ny = Zone::from_posix_tz(NY).unwrap();
    let ist = Zone::from_posix_tz(IST).unwrap();
    let plus_one = Zone::fixed(3600);
    let minus_one = Zone::fixed(-3600);
    let (local, utc) = (full(false), full(true));
    // Same second, zones in turn, several rounds; two-, three- and five-zone cycles.
    let secs = 1_774_746_000;
    #[rustfmt::skip]
    let expected: &[(&Zone, &TimeFormat, &str)] = &[
        (&cet, &local, "2026-03-29 03:00:00.000000 6 88 +02:00 CEST"),
        (&ny, &local, "2026-03-28 21:00:00.000000 5 87 -04:00 EDT"),
        (&cet, &utc, "2026-03-29 01:00:00.000000 6 88 +00:00 UTC"),
        (&ist, &local, "2026-03-29 06:30:00.000000 6 88 +05:30 IST"),
        (&plus_one, &local, "2026-03-29 02:00:00.000000 6 88 +01:00 UTC+01:00"),
        (&minus_one, &local, "2026-03-29 00:00:00.000000 6 88 -01:00 UTC-01:00"),
    ];
    for cycle in [2, 3, 6] {
        for round in 0..4 {
            for (zone, format, want) in &expected[..cycle] {
                assert_eq!(rendered(format, secs, 0, zone), *want, "cycle {cycle} round {round}");
            }
        }
    }
    // Alternating zones while the second moves on.
    for i in 0..200 {
        let s = secs - 100 + i;
        for zone in [&cet, &ny] {
            assert_eq!(rendered(&local, s, 0, zone), reference(s, 0, zone), "{s} in {zone:?}");
        }
        assert_eq!(rendered(&utc, s, 0, &cet), reference(s, 0, &Zone::utc()));
    }
}

#[test]
fn a_new_zone_never_reuses_a_dropped_zones_entry() {
    let secs = 1_782_864_000; // 2026-07-01T00:00:00Z
    let f = full(false);
    for round in 0..50 {
        let (spec, want) = if round % 2 == 0 {
            (CET, "2026-07-01 02:00:00.000000 2 182 +02:00 CEST")
        } else {
            (NY, "2026-06-30 20:00:00.000000 1 181 -04:00 EDT")
        };
        // Each zone is dropped at the end of the round; the next may land at the same address.
        let zone = Zone::from_posix_tz(spec).unwrap();
        assert_eq!(rendered(&f, secs, 0, &zone), want, "round {round}");
        let clone = zone.clone();
        assert_eq!(rendered(&f, secs, 0, &clone), want, "clone, round {round}");
    }
}

#[test]
fn cached_renders_match_the_uncached_breakdown() {
    let zones = [
        Zone::utc(),
        Zone::from_posix_tz(CET).unwrap(),
        Zone::from_posix_tz(NY).unwrap(),
        Zone::from_posix_tz(IST).unwrap(),
        Zone::fixed(-34_200),
    ];
    let f = full(false);
    // A simple LCG over 1900..2100, each instant rendered twice in a row and in every zone.
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..2_000 {
        x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let secs = (x >> 11) as i64 % 6_311_390_400 - 2_208_988_800;
        let nanos = (x % 1_000_000_000) as u32;
        for zone in &zones {
            let want = reference(secs, nanos, zone);
            assert_eq!(rendered(&f, secs, nanos, zone), want, "{secs} in {zone:?}");
            assert_eq!(rendered(&f, secs, nanos, zone), want, "{secs} in {zone:?}, again");
        }
    }
}

#[test]
fn threads_have_their_own_cache() {
    let cet = Zone::from_posix_tz(CET).unwrap();
    let f = full(false);
    std::thread::scope(|scope| {
        for t in 0..8i64 {
            let (cet, f) = (&cet, &f);
            scope.spawn(move || {
                for i in 0..500 {
                    // Each thread walks its own seconds, crossing spring-forward.
                    let s = 1_774_745_900 + t * 37 + i;
                    assert_eq!(rendered(f, s, 0, cet), reference(s, 0, cet), "thread {t}");
                }
            });
        }
    });
}
