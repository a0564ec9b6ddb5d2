//! `{extra}` is a JSON object for every value: integers of every width and finite floats as
//! numbers (floats as serde_json writes them), a non-finite float as the string `"NaN"`,
//! `"inf"` or `"-inf"` (JSON has no number for them), text escaped. serde_json reads it back.

use std::collections::HashMap;

use hlog::Logger;
use hlog::sink::Capture;
use proptest::prelude::*;
use serde_json::value::RawValue;

fn extra_logger() -> (Logger, Capture) {
    let capture = Capture::new();
    let logger = Logger::new();
    logger.add(capture.clone()).format("{extra}").install().unwrap();
    (logger, capture)
}

#[test]
fn non_finite_floats_are_strings() {
    let (logger, capture) = extra_logger();
    let (nan, inf, neg) = (f64::NAN, f64::INFINITY, f64::NEG_INFINITY);
    hlog::info!(logger, "{nan} {inf} {neg} {g}", g = f32::NAN);
    assert_eq!(
        capture.text(),
        "{\"nan\": \"NaN\", \"inf\": \"inf\", \"neg\": \"-inf\", \"g\": \"NaN\"}\n"
    );
    let value: serde_json::Value = serde_json::from_str(&capture.text()).unwrap();
    assert_eq!(value["nan"], "NaN");
}

#[test]
fn edge_values_are_written_as_json() {
    let (logger, capture) = extra_logger();
    let (zero, negative_zero, tiny, one, big) = (0.0, -0.0, 5e-324, 1.0, 1e300);
    let (i_min, u_max) = (i128::MIN, u128::MAX);
    hlog::info!(logger, "{zero} {negative_zero} {tiny} {one} {big} {i_min} {u_max}");
    assert_eq!(
        capture.text(),
        concat!(
            "{\"zero\": 0.0, \"negative_zero\": -0.0, \"tiny\": 5e-324, \"one\": 1.0, \"big\": 1e+300, ",
            "\"i_min\": -170141183460469231731687303715884105728, ",
            "\"u_max\": 340282366920938463463374607431768211455}\n"
        )
    );
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 500,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn extra_reads_back(
        s in ".*",
        c in any::<char>(),
        i in any::<i64>(),
        w in any::<i128>(),
        x in any::<u128>(),
        f in any::<f64>(),
        b in any::<bool>(),
    ) {
        thread_local!(static LOGGER: (Logger, Capture) = extra_logger());
        LOGGER.with(|(logger, capture)| {
            capture.clear();
            hlog::info!(logger, "{s}{c}{i}{w}{x}{f}{b}", s = s.as_str());
            let text = capture.text();
            let line = text.strip_suffix('\n').unwrap();
            assert!(!line.contains('\n'));
            let extra: HashMap<String, Box<RawValue>> = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{line:?}: {e}"));
            let get = |key: &str| extra[key].get().to_owned();
            assert_eq!(serde_json::from_str::<String>(&get("s")).unwrap(), s);
            assert_eq!(serde_json::from_str::<char>(&get("c")).unwrap(), c);
            assert_eq!(serde_json::from_str::<i64>(&get("i")).unwrap(), i);
            assert_eq!(serde_json::from_str::<i128>(&get("w")).unwrap(), w);
            assert_eq!(serde_json::from_str::<u128>(&get("x")).unwrap(), x);
            assert_eq!(serde_json::from_str::<bool>(&get("b")).unwrap(), b);
            let back = match get("f").as_str() {
                "\"NaN\"" => f64::NAN,
                "\"inf\"" => f64::INFINITY,
                "\"-inf\"" => f64::NEG_INFINITY,
                number => serde_json::from_str::<f64>(number).unwrap(),
            };
            assert!((back.is_nan() && f.is_nan()) || back.to_bits() == f.to_bits(), "{f:?}");
        });
    }
}
