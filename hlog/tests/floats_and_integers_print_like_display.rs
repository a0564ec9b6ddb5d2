//! Numbers, booleans, characters and strings in a message print exactly as `Display` prints
//! them (`format!("{}", v)`), whatever fast path the message writer takes for their type.

#![allow(clippy::approx_constant, reason = "3.14159 is a table value, not an approximation of π")]

use hlog::sink::Capture;

fn logger() -> (hlog::Logger, Capture) {
    let capture = Capture::new();
    let logger = hlog::Logger::new();
    logger.add(capture.clone()).format("{message}").colorize(false).install().unwrap();
    (logger, capture)
}

/// Log each value positionally, captured and by name, and check each line against
/// `format!("{}")` of the same value.
macro_rules! check_all {
    ($($value:expr),* $(,)?) => {{
        let (logger, capture) = logger();
        $(
            let v = $value;
            hlog::info!(logger, "{}", v);
            hlog::info!(logger, "{v}");
            hlog::info!(logger, "[{n}]", n = $value);
            let expected = format!("{}\n{}\n[{}]\n", v, v, v);
            assert_eq!(capture.text(), expected, "value {}", stringify!($value));
            capture.clear();
        )*
    }};
}

#[test]
fn f64_values_print_like_display() {
    check_all!(
        0.0_f64,
        -0.0_f64,
        1.0_f64,
        -1.0_f64,
        1.5_f64,
        0.1_f64,
        0.3_f64,
        0.1_f64 + 0.2_f64,
        100.0_f64,
        123_456.789_f64,
        1e15_f64,
        1e16_f64,
        1.5e16_f64,
        1e21_f64,
        1e22_f64,
        1e-5_f64,
        1e-7_f64,
        1.5e-7_f64,
        f64::MAX,
        f64::MIN,
        f64::MIN_POSITIVE,
        f64::EPSILON,
        5e-324_f64,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        3.14159_f64,
        -2.5e-3_f64,
        9_007_199_254_740_993_f64,
    );
}

#[test]
fn f32_values_print_like_display() {
    check_all!(
        0.0_f32,
        -0.0_f32,
        1.0_f32,
        1.5_f32,
        0.1_f32,
        0.1_f32 + 0.2_f32,
        1e15_f32,
        1e16_f32,
        1e21_f32,
        1.5e-7_f32,
        f32::MAX,
        f32::MIN,
        f32::MIN_POSITIVE,
        f32::EPSILON,
        1e-45_f32,
        f32::NAN,
        f32::INFINITY,
        f32::NEG_INFINITY,
        3.14159_f32,
        16_777_217_f32,
    );
}

#[test]
fn float_references_print_like_display() {
    let x = 1e16_f64;
    let y = 0.1_f32;
    check_all!(&x, &y, &&x, &1.5e-7_f64);
}

#[test]
fn integers_print_like_display() {
    check_all!(
        0_i32,
        -1_i32,
        42_i32,
        i8::MIN,
        i8::MAX,
        u8::MAX,
        i16::MIN,
        u16::MAX,
        i32::MIN,
        u32::MAX,
        i64::MIN,
        i64::MAX,
        u64::MAX,
        i128::MIN,
        i128::MAX,
        u128::MAX,
        isize::MIN,
        isize::MAX,
        usize::MAX,
        -1_isize,
        0_usize,
        -9_876_543_210_i64,
    );
}

#[test]
fn integer_references_and_non_zero_print_like_display() {
    let n = -7_i64;
    let big = u128::MAX;
    check_all!(&n, &&n, &big, std::num::NonZeroU32::new(5).unwrap(), std::num::Wrapping(-3_i8));
}

#[test]
fn bool_char_and_strings_print_like_display() {
    let s: &str = "hello";
    let owned = String::from("owned <red>text</red> {braces}");
    let empty = String::new();
    let cow: std::borrow::Cow<'_, str> = std::borrow::Cow::Borrowed("cow");
    check_all!(
        true,
        false,
        'a',
        'λ',
        '🦀',
        '\u{0}',
        '\n',
        s,
        &s,
        &&s,
        "literal",
        "",
        "tab\tand unicode é ✓",
        owned.clone(),
        &owned,
        empty.clone(),
        cow.clone(),
        &cow,
        Box::<str>::from("boxed"),
        std::rc::Rc::<str>::from("rc"),
    );
}
