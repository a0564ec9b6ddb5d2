//! Zones: POSIX TZ strings, fixed offsets, TZif data, `TZ` values and names; timestamps.
//! Nothing here needs the machine's tzdata, except the checks marked as such, which are skipped
//! when it is missing. (The civil breakdown, crate-internal, is tested in `src/time/tests/`.)

use hlog_runtime::time::{Timestamp, Zone};

const CET: &str = "CET-1CEST,M3.5.0,M10.5.0/3";
const NY: &str = "EST5EDT,M3.2.0,M11.1.0";
const IST: &str = "IST-5:30";
const SYDNEY: &str = "AEST-10AEDT,M10.1.0,M4.1.0/3";

fn posix(s: &str) -> Zone {
    Zone::from_posix_tz(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// (zone, unix secs, offset, abbreviation) around every 2026 transition of each rule.
const OFFSETS: &[(&str, i64, i32, &str)] = &[
    // Paris: spring forward 2026-03-29 01:00 UTC, fall back 2026-10-25 01:00 UTC.
    (CET, 1_767_225_600, 3600, "CET"),
    (CET, 1_774_745_999, 3600, "CET"),
    (CET, 1_774_746_000, 7200, "CEST"),
    (CET, 1_782_864_000, 7200, "CEST"),
    (CET, 1_792_889_999, 7200, "CEST"),
    (CET, 1_792_890_000, 3600, "CET"),
    // New York: spring forward 2026-03-08 07:00 UTC, fall back 2026-11-01 06:00 UTC.
    (NY, 1_772_953_199, -18_000, "EST"),
    (NY, 1_772_953_200, -14_400, "EDT"),
    (NY, 1_793_512_799, -14_400, "EDT"),
    (NY, 1_793_512_800, -18_000, "EST"),
    (NY, 0, -18_000, "EST"),
    // Sydney (southern hemisphere): DST ends 2026-04-04 16:00 UTC, starts 2026-10-03 16:00 UTC.
    (SYDNEY, 1_775_318_399, 39_600, "AEDT"),
    (SYDNEY, 1_775_318_400, 36_000, "AEST"),
    (SYDNEY, 1_791_043_199, 36_000, "AEST"),
    (SYDNEY, 1_791_043_200, 39_600, "AEDT"),
    // India: half-hour offset, no DST.
    (IST, 0, 19_800, "IST"),
    (IST, 1_774_746_000, 19_800, "IST"),
    (IST, -1_000_000_000, 19_800, "IST"),
];

#[test]
fn posix_offsets_follow_dst() {
    for (tz, secs, offset, abbr) in OFFSETS {
        assert_eq!(posix(tz).offset_at(*secs), (*offset, *abbr), "{secs} in {tz}");
    }
}

#[test]
fn tzdata_names_agree_with_posix_rules() {
    // Needs /usr/share/zoneinfo (or $TZDIR): skipped without it.
    let names = [
        (CET, "Europe/Paris"),
        (NY, "America/New_York"),
        (IST, "Asia/Kolkata"),
        (SYDNEY, "Australia/Sydney"),
    ];
    for (rule, name) in names {
        let Ok(named) = Zone::named(name) else {
            eprintln!("skipped: no tzdata for {name}");
            continue;
        };
        for (tz, secs, offset, abbr) in OFFSETS.iter().filter(|row| row.0 == rule) {
            assert_eq!(named.offset_at(*secs), (*offset, *abbr), "{secs} in {name} ({tz})");
        }
        let via_var = Zone::from_tz_var(&format!(":{name}")).unwrap();
        assert_eq!(via_var.offset_at(1_774_746_000), named.offset_at(1_774_746_000));
        let bare = Zone::from_tz_var(name).unwrap();
        assert_eq!(bare.offset_at(1_774_746_000), named.offset_at(1_774_746_000));
    }
}

#[test]
fn utc_and_fixed_zones() {
    let table: &[(Zone, i32, &str)] = &[
        (Zone::utc(), 0, "UTC"),
        (Zone::default(), 0, "UTC"),
        (Zone::fixed(0), 0, "UTC"),
        (Zone::fixed(3600), 3600, "UTC+01:00"),
        (Zone::fixed(-19_800), -19_800, "UTC-05:30"),
        (Zone::fixed(4161), 4161, "UTC+01:09:21"),
        (Zone::fixed(200_000), 93_599, "UTC+25:59:59"),
        (Zone::fixed(i32::MIN), -93_599, "UTC-25:59:59"),
    ];
    for (zone, offset, abbr) in table {
        for secs in [i64::MIN, -1, 0, 1_774_746_000, i64::MAX] {
            assert_eq!(zone.offset_at(secs), (*offset, *abbr), "{zone:?} at {secs}");
        }
    }
}

#[test]
fn invalid_posix_strings_are_errors() {
    let bad = [
        "",
        "not a zone",
        "Europe/Paris",
        ":/etc/localtime",
        "localtime",
        "CET-1CEST,M13.5.0",
        "EST5EDT,M3.2.0",
        "/usr/share/zoneinfo/UTC",
    ];
    for s in bad {
        let err = Zone::from_posix_tz(s).expect_err(s);
        assert!(err.to_string().contains(s), "{err}");
    }
}

#[test]
fn invalid_names_are_refused() {
    for name in [
        "",
        "/etc/localtime",
        "../etc/passwd",
        "Europe/../../etc/passwd",
        "..",
        "No/Such_Zone",
        "nul\0byte",
    ] {
        assert!(Zone::named(name).is_err(), "{name:?}");
    }
}

/// A TZif version 1 file: `AAA` (+01:00) until 1_000_000_000, then `BBB` (+02:00, DST), with
/// no footer rule.
fn tzif_v1() -> Vec<u8> {
    let mut b = b"TZif".to_vec();
    b.push(0); // version 1
    b.extend_from_slice(&[0; 15]);
    // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
    for count in [0u32, 0, 0, 1, 2, 8] {
        b.extend_from_slice(&count.to_be_bytes());
    }
    b.extend_from_slice(&1_000_000_000i32.to_be_bytes()); // transition time
    b.push(1); // its type
    b.extend_from_slice(&3600i32.to_be_bytes());
    b.extend_from_slice(&[0, 0]); // not DST, "AAA"
    b.extend_from_slice(&7200i32.to_be_bytes());
    b.extend_from_slice(&[1, 4]); // DST, "BBB"
    b.extend_from_slice(b"AAA\0BBB\0");
    b
}

#[test]
fn tzif_data() {
    let zone = Zone::from_tzif(&tzif_v1()).unwrap();
    let table: &[(i64, i32, &str)] = &[
        (i64::MIN, 3600, "AAA"),
        (0, 3600, "AAA"),
        (999_999_999, 3600, "AAA"),
        (1_000_000_000, 7200, "BBB"),
        // After the last transition, with no rule: the last type stays in force.
        (2_000_000_000, 7200, "BBB"),
        (i64::MAX, 7200, "BBB"),
    ];
    for (secs, offset, abbr) in table {
        assert_eq!(zone.offset_at(*secs), (*offset, *abbr), "{secs}");
    }
    for bad in [&b""[..], b"TZif", b"not a tzif file at all", &tzif_v1()[..40]] {
        assert!(Zone::from_tzif(bad).is_err());
    }
}

#[test]
fn tz_variable_values() {
    let dir = std::env::temp_dir().join(format!("hlog-time-zone-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("zone.tzif");
    std::fs::write(&file, tzif_v1()).unwrap();
    let path = file.to_str().unwrap();

    // (TZ value, unix secs, expected offset and abbreviation)
    let table: Vec<(String, i64, i32, &str)> = vec![
        (String::new(), 1_774_746_000, 0, "UTC"),
        (CET.to_owned(), 1_774_746_000, 7200, "CEST"),
        (NY.to_owned(), 1_772_953_199, -18_000, "EST"),
        (IST.to_owned(), 0, 19_800, "IST"),
        (format!(":{path}"), 0, 3600, "AAA"),
        (path.to_owned(), 1_000_000_000, 7200, "BBB"),
    ];
    for (value, secs, offset, abbr) in &table {
        let zone = Zone::from_tz_var(value).unwrap_or_else(|e| panic!("{value:?}: {e}"));
        assert_eq!(zone.offset_at(*secs), (*offset, *abbr), "TZ={value:?}");
    }
    for bad in [
        "garbage zone".to_owned(),
        ":No/Such_Zone".to_owned(),
        format!(":{path}.missing"),
        format!("{path}.missing"),
    ] {
        assert!(Zone::from_tz_var(&bad).is_err(), "{bad:?}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn clones_and_debug() {
    let zone = posix(CET);
    let clone = zone.clone();
    for (tz, secs, offset, abbr) in OFFSETS.iter().filter(|row| row.0 == CET) {
        assert_eq!(clone.offset_at(*secs), (*offset, *abbr), "{tz}");
    }
    assert_eq!(format!("{zone:?}"), format!("Zone({CET:?})"));
    assert_eq!(format!("{:?}", Zone::utc()), "Zone(UTC)");
    assert_eq!(format!("{:?}", Zone::fixed(-3600)), "Zone(UTC-01:00)");
}

#[test]
fn timestamps() {
    use std::time::{Duration, UNIX_EPOCH};
    // (system time, secs, nanos)
    let table = [
        (UNIX_EPOCH, 0, 0),
        (UNIX_EPOCH + Duration::new(1_774_531_805, 123_456_789), 1_774_531_805, 123_456_789),
        (UNIX_EPOCH - Duration::from_millis(250), -1, 750_000_000),
        (UNIX_EPOCH - Duration::from_secs(86_400), -86_400, 0),
        (UNIX_EPOCH - Duration::new(1, 1), -2, 999_999_999),
    ];
    for (t, secs, nanos) in table {
        let ts = Timestamp::from_system_time(t);
        assert_eq!((ts.secs(), ts.nanos()), (secs, nanos), "{t:?}");
        assert_eq!(Timestamp::from(t), ts);
        assert_eq!(Timestamp::from_unix(secs, nanos), ts);
    }
    assert_eq!(Timestamp::from_unix(5, 2_500_000_000), Timestamp::from_unix(7, 500_000_000));
    assert_eq!(Timestamp::from_unix(i64::MAX, 1_500_000_000).secs(), i64::MAX);
    let mut sorted = [
        Timestamp::from_unix(1, 0),
        Timestamp::from_unix(-1, 999_999_999),
        Timestamp::from_unix(0, 5),
        Timestamp::from_unix(-1, 0),
    ];
    sorted.sort();
    let pairs: Vec<_> = sorted.iter().map(|t| (t.secs(), t.nanos())).collect();
    assert_eq!(pairs, [(-1, 0), (-1, 999_999_999), (0, 5), (1, 0)]);
    let now = Timestamp::now();
    assert!(now.secs() > 1_700_000_000 && now.nanos() < 1_000_000_000);
}
