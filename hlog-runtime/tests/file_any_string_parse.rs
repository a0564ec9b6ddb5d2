//! Properties of the rotation, retention and compression strings over generated input
//! (proptest, 256 cases each; the fuzz targets in `fuzz/` run the same parsers millions of
//! times): no string panics, every refusal quotes its input, and the numbers written read back
//! exactly — or, out of range, are refused rather than capped.

use std::time::Duration;

use hlog_runtime::sink::file::{Compression, Retention, Rotation, TimeOfDay};
use proptest::prelude::*;

/// Text made of numbers, units, separators, day names and any character at all.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop::sample::select(vec![
            "0",
            "1",
            "9",
            "99999999999999999999",
            ".",
            "e",
            "E",
            "-",
            "+",
            ":",
            ",",
            " ",
            "B",
            "b",
            "K",
            "Ki",
            "MB",
            "GiB",
            "ZB",
            "s",
            "ms",
            "min",
            "h",
            "d",
            "days",
            "w",
            "w0",
            "months",
            "y",
            "files",
            "am",
            "pm",
            "at",
            "monday",
            "mi",
            "é",
            "ñ",
            "€",
            "✓",
            "daily",
            "gz",
            "tar.",
            ".",
        ])
        .prop_map(str::to_owned),
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

const MAX_DURATION_SECS: u64 = 1000 * 365 * 86_400;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn no_string_panics_and_refusals_quote_it(text in text()) {
        if let Err(error) = Rotation::parse(&text) {
            prop_assert_eq!((error.setting, error.input.as_str()), ("rotation", text.as_str()));
        }
        if let Err(error) = Retention::parse(&text) {
            prop_assert_eq!((error.setting, error.input.as_str()), ("retention", text.as_str()));
        }
        if let Err(error) = Compression::parse(&text) {
            prop_assert_eq!(error.input.as_str(), text.as_str());
        }
    }

    #[test]
    fn any_string_at_all_is_total(text in any::<String>()) {
        let _ = Rotation::parse(&text);
        let _ = Retention::parse(&text);
        let _ = Compression::parse(&text);
    }

    #[test]
    fn sizes_read_back_exactly(bytes in 1..=u64::MAX) {
        // A bare number has no unit: refused (it reads as bytes or as a time of day).
        prop_assert!(Rotation::parse(&bytes.to_string()).is_err());
        prop_assert_eq!(Rotation::parse(&format!("{bytes} B")), Ok(Rotation::size(bytes)));
    }

    #[test]
    fn a_size_too_large_is_refused_not_capped(kib in 1..=u64::MAX) {
        let text = format!("{kib} KiB");
        match u64::checked_mul(kib, 1024) {
            Some(bytes) => prop_assert_eq!(Rotation::parse(&text), Ok(Rotation::size(bytes))),
            None => {
                let message = Rotation::parse(&text).unwrap_err().message;
                prop_assert!(
                    message.starts_with(&format!("expected a size, but \"{text}\" is too large: \
                        the accepted range is 1 byte to 18446744073709551615 bytes")),
                    "{}", message
                );
            }
        }
    }

    #[test]
    fn durations_read_back_exactly_up_to_1000_years(secs in 1..=2 * MAX_DURATION_SECS) {
        let text = format!("{secs} s");
        if secs <= MAX_DURATION_SECS {
            let interval = Duration::from_secs(secs);
            prop_assert_eq!(Rotation::parse(&text), Ok(Rotation::every(interval)));
            prop_assert_eq!(Retention::parse(&text), Ok(Retention::max_age(interval)));
        } else {
            let message = Retention::parse(&text).unwrap_err().message;
            prop_assert!(message.contains("is too long: the accepted range is up to 1000 years"));
        }
    }

    #[test]
    fn counts_read_back_exactly(count in 1..=usize::MAX) {
        prop_assert_eq!(Retention::parse(&count.to_string()), Ok(Retention::keep_last(count)));
        prop_assert_eq!(
            Retention::parse(&format!("{count} files")),
            Ok(Retention::keep_last(count))
        );
    }

    #[test]
    fn times_of_day_read_back_exactly(hour in 0..24u8, minute in 0..60u8, second in 0..60u8) {
        let time = TimeOfDay::new(hour, minute, second).unwrap();
        let text = format!("{hour:02}:{minute:02}:{second:02}");
        prop_assert_eq!(Rotation::parse(&text), Ok(Rotation::from(time)));
    }
}
