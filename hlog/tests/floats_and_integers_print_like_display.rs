//! Numbers, booleans, characters and strings in a message print exactly as `Display` prints
//! them (`format!("{}", v)`), whatever fast path the message writer takes for their type.

#![allow(clippy::approx_constant, reason = "3.14159 is a table value, not an approximation of π")]

use hlog::sink::Capture;

/// Values raw, so that `'\n'` and `'\0'` compare with `Display` byte for byte (escaping has its
/// own test, values_cannot_forge_lines_or_drive_the_terminal.rs).
fn logger() -> (hlog::Logger, Capture) {
    let capture = Capture::new();
    let logger = hlog::Logger::new();
    logger
        .add(capture.clone())
        .format("{message}")
        .colorize(false)
        .escape_values(false)
        .install()
        .unwrap();
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

/// A small deterministic generator (xorshift64*), so the property tests need no crate and
/// every run checks the same values.
struct Bits(u64);

impl Bits {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

/// Random bit patterns (every exponent, subnormals, NaN payloads), and short decimals like
/// the ones programs log (`3.14`, `0.25`, `312985.125`), whose shortest digits can sit on a
/// rounding tie.
fn check_floats(count: usize, mut check: impl FnMut(u64, u64)) {
    let mut bits = Bits(0x9E37_79B9_7F4A_7C15);
    for _ in 0..count {
        let (a, b) = (bits.next(), bits.next());
        check(a, b);
    }
}

#[test]
fn random_f64_print_like_display() {
    let (logger, capture) = logger();
    check_floats(100_000, |a, b| {
        let patterns = [f64::from_bits(a), (a % 100_000_000) as f64 / 10f64.powi((b % 9) as i32)];
        for v in patterns {
            hlog::info!(logger, "{v}");
            let expected = format!("{v}\n");
            assert_eq!(capture.text(), expected, "bits {:#x}", v.to_bits());
            capture.clear();
        }
    });
}

#[test]
fn random_f32_print_like_display() {
    let (logger, capture) = logger();
    check_floats(100_000, |a, b| {
        let patterns =
            [f32::from_bits(a as u32), (a % 10_000_000) as f32 / 10f32.powi((b % 8) as i32)];
        for v in patterns {
            hlog::info!(logger, "{v}");
            let expected = format!("{v}\n");
            assert_eq!(capture.text(), expected, "bits {:#x}", v.to_bits());
            capture.clear();
        }
    });
}
