//! Every JSON line reads back with serde_json as the values that were logged: random text (any
//! character, control characters and quotes favoured), random integers of every width, random
//! floats (NaN, infinities, -0.0 and subnormals included), booleans and characters; with and
//! without `ensure_ascii`. The message reads back as `format!` writes the same template.

use std::collections::HashMap;
use std::fmt;

use hlog::sink::{Capture, JsonSink};
use hlog::{JsonField, JsonFormat, Logger};
use proptest::prelude::*;
use serde_json::value::RawValue;

/// Mostly the characters that need care; sometimes any character.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => any::<char>(),
        2 => (0x20u8..0x7f).prop_map(char::from),
        2 => (0u8..0x20).prop_map(char::from),
        1 => (0x7fu32..0xa0).prop_map(|c| char::from_u32(c).unwrap()),
        2 => prop::sample::select(vec![
            '"', '\\', '/', '\u{2028}', '\u{2029}', '\u{202a}', '\u{202e}', '\u{2066}',
            '\u{2069}', 'é', '日', '😀', '\u{feff}', '\u{ffff}', '\u{10000}', '\u{10ffff}',
        ]),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_char(), 0..40).prop_map(String::from_iter)
}

/// Any float, the edges favoured.
fn float() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => any::<f64>(),
        1 => prop::sample::select(vec![
            0.0, -0.0, f64::NAN, -f64::NAN, f64::INFINITY, f64::NEG_INFINITY, f64::MIN,
            f64::MAX, f64::MIN_POSITIVE, f64::EPSILON, 5e-324, -5e-324, 1e16, 1e-7, 0.1, 1.0,
        ]),
        2 => -1e6..1e6f64,
        1 => (0u64..(1 << 52)).prop_map(f64::from_bits), // subnormals
    ]
}

/// A value whose text comes from its `Display`.
struct Shown(String);

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The members of a JSON object, each as its own text.
fn members(json: &str) -> HashMap<String, Box<RawValue>> {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{json:?}: {e}"))
}

/// One member's value, read as a `T` from its own text (so 128-bit integers read exactly).
macro_rules! read {
    ($ty:ty, $raw:expr) => {{
        let raw: &RawValue = $raw;
        serde_json::from_str::<$ty>(raw.get()).unwrap_or_else(|e| panic!("{}: {e}", raw.get()))
    }};
}

/// A float read back: a number, or the string that stands for a non-finite one.
fn float_of(raw: &RawValue) -> f64 {
    match raw.get() {
        "\"NaN\"" => f64::NAN,
        "\"inf\"" => f64::INFINITY,
        "\"-inf\"" => f64::NEG_INFINITY,
        number => serde_json::from_str(number).unwrap_or_else(|e| panic!("{number}: {e}")),
    }
}

fn same_float(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a.to_bits() == b.to_bits()
}

/// Checks one line as JSON: one line, nothing raw that must be escaped, ASCII only if asked.
fn check_line(line: &str, ensure_ascii: bool) {
    assert!(line.ends_with("}\n"), "{line:?}");
    let body = &line[..line.len() - 1];
    let raw = body.chars().find(|c| {
        matches!(c, '\0'..='\x1f' | '\x7f'..='\u{9f}' | '\u{2028}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}')
            || (ensure_ascii && !c.is_ascii())
    });
    assert_eq!(raw, None, "{line:?}");
}

struct Loggers {
    logger: Logger,
    plain: Capture,
    ascii: Capture,
    flat: Capture,
}

fn loggers() -> Loggers {
    let (plain, ascii, flat) = (Capture::new(), Capture::new(), Capture::new());
    let logger = Logger::new();
    logger.add(plain.clone()).serialize(true).install().unwrap();
    logger.add(JsonSink::to(ascii.clone()).ensure_ascii(true)).install().unwrap();
    let schema = JsonFormat::new()
        .fields([JsonField::Message, JsonField::Extra, JsonField::Template])
        .flatten_extra(true);
    logger.add(flat.clone()).format(schema).install().unwrap();
    Loggers { logger, plain, ascii, flat }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 1000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_value_reads_back(
        s in text(),
        shown in text(),
        c in tricky_char(),
        i in any::<i64>(),
        u in any::<u64>(),
        w in any::<i128>(),
        x in any::<u128>(),
        f in float(),
        g in any::<f32>(),
        b in any::<bool>(),
    ) {
        thread_local!(static LOGGERS: Loggers = loggers());
        LOGGERS.with(|l| {
            for capture in [&l.plain, &l.ascii, &l.flat] {
                capture.clear();
            }
            let d = Shown(shown.clone());
            hlog::info!(
                l.logger,
                "{s}|{i}|{u}|{w}|{x}|{f}|{g}|{b}|{c}|{d}",
                s = s.as_str(),
            );
            let message = format!("{s}|{i}|{u}|{w}|{x}|{f}|{g}|{b}|{c}|{shown}");
            let captures = [(&l.plain, false, false), (&l.ascii, true, false), (&l.flat, false, true)];
            for (capture, ascii, flat) in captures {
                let line = capture.text();
                check_line(&line, ascii);
                let top = members(&line);
                assert_eq!(read!(String, &top["message"]), message);
                let extra = if flat { top } else { members(top["extra"].get()) };
                assert_eq!(read!(String, &extra["s"]), s);
                assert_eq!(read!(String, &extra["d"]), shown);
                assert_eq!(read!(char, &extra["c"]), c);
                assert_eq!(read!(i64, &extra["i"]), i);
                assert_eq!(read!(u64, &extra["u"]), u);
                assert_eq!(read!(i128, &extra["w"]), w);
                assert_eq!(read!(u128, &extra["x"]), x);
                assert!(same_float(float_of(&extra["f"]), f), "{f:?}: {}", extra["f"].get());
                // An `f32` is written with its own shortest digits: read back as an `f32`.
                let back = match extra["g"].get() {
                    "\"NaN\"" | "\"inf\"" | "\"-inf\"" => float_of(&extra["g"]) as f32,
                    _ => read!(f32, &extra["g"]),
                };
                assert!(same_float(f64::from(back), f64::from(g)), "{g:?}: {}", extra["g"].get());
                assert_eq!(read!(bool, &extra["b"]), b);
                // A finite float is a JSON number (with a `.` or an exponent: it reads back as
                // a float, not an integer); a non-finite one a string.
                let text = extra["f"].get();
                assert_eq!(text.starts_with('"'), !f.is_finite(), "{text}");
                if f.is_finite() {
                    assert!(text.contains(['.', 'e']), "{text}");
                }
            }
        });
    }
}

/// A message's own text (the template's, not a value's) is escaped for JSON too.
#[test]
fn template_text_is_escaped() {
    let capture = Capture::new();
    let logger = Logger::new();
    logger.add(capture.clone()).serialize(true).install().unwrap();
    hlog::info!(logger, "quote \" backslash \\ tab \t newline \n bell \x07 end");
    let value: serde_json::Value = serde_json::from_str(&capture.text()).unwrap();
    assert_eq!(value["message"], "quote \" backslash \\ tab \t newline \n bell \x07 end");
    assert_eq!(capture.text().matches('\n').count(), 1);
}

/// A `Display` that panics leaves `<Display panicked>` inside the string, and the line is still
/// one JSON object; `Debug` values are strings of their `Debug` text.
#[test]
fn a_panicking_display_leaves_valid_json() {
    struct Panics;
    impl fmt::Display for Panics {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("half \"written")?;
            panic!("boom")
        }
    }
    let capture = Capture::new();
    let logger = Logger::new();
    logger.add(capture.clone()).serialize(true).install().unwrap();
    let (p, list) = (Panics, vec!["a\"b", "c"]);
    hlog::info!(logger, "{p} {list:?}");
    let value: serde_json::Value = serde_json::from_str(&capture.text()).unwrap();
    assert_eq!(value["message"], r#"<Display panicked> ["a\"b", "c"]"#);
    assert_eq!(value["extra"]["p"], "<Display panicked>");
    assert_eq!(value["extra"]["list"], r#"["a\"b", "c"]"#);
}
