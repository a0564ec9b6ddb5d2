//! A record's fields become attributes of its `LogRecord`, typed: integers as `Int` (outside
//! `i64`, their decimal text), floats as `Double` (an `f32` as its shortest decimal), booleans
//! as `Boolean`, text, characters and `Display`/`Debug` values as `String`, as they are.

use std::net::Ipv4Addr;

use hlog_otel_tests::{Otel, fields, pairs};
use opentelemetry::logs::AnyValue;

#[test]
fn fields_of_every_type_become_typed_attributes() {
    let otel = Otel::new();
    let addr = Ipv4Addr::LOCALHOST;
    let list = ["a", "b\n"];
    hlog::info!(
        otel.logger,
        "typed {list:?}",
        i = -7i8,
        n = 42u16,
        big = u64::MAX,
        fits = i64::MAX as u64,
        wide = i128::MIN,
        uwide = 5u128,
        ratio = 0.25f64,
        small = 0.1f32,
        nan = f64::NAN,
        ok = true,
        c = 'é',
        text = "line\nbreak \x1b[31m",
        addr = addr,
    );
    let record = otel.record();
    assert_eq!(record.body(), Some(&AnyValue::from("typed [\"a\", \"b\\n\"]")));
    let fields = fields(&record);
    // NaN is never equal to itself: checked apart.
    assert!(matches!(fields[9], (ref key, AnyValue::Double(v)) if key == "nan" && v.is_nan()));
    let others: Vec<_> = fields.into_iter().filter(|(key, _)| key != "nan").collect();
    assert_eq!(
        others,
        pairs([
            ("list", AnyValue::from("[\"a\", \"b\\n\"]")),
            ("i", AnyValue::Int(-7)),
            ("n", AnyValue::Int(42)),
            ("big", AnyValue::from("18446744073709551615")),
            ("fits", AnyValue::Int(i64::MAX)),
            ("wide", AnyValue::from("-170141183460469231731687303715884105728")),
            ("uwide", AnyValue::Int(5)),
            ("ratio", AnyValue::Double(0.25)),
            ("small", AnyValue::Double(0.1)),
            ("ok", AnyValue::Boolean(true)),
            ("c", AnyValue::from("é")),
            ("text", AnyValue::from("line\nbreak \x1b[31m")),
            ("addr", AnyValue::from("127.0.0.1")),
        ])
    );
}

#[test]
fn a_display_that_panics_leaves_a_marker_and_the_record() {
    struct Broken;
    impl std::fmt::Display for Broken {
        fn fmt(&self, _: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            panic!("broken Display")
        }
    }
    let otel = Otel::new();
    hlog::info!(otel.logger, "kept", value = Broken, after = 1);
    let record = otel.record();
    assert_eq!(record.body(), Some(&AnyValue::from("kept")));
    assert_eq!(
        fields(&record),
        pairs([("value", AnyValue::from("<Display panicked>")), ("after", AnyValue::Int(1))])
    );
}
