//! A placeholder with a format spec (`{x:>8}`, `{x:.3}`, `{x:?}`, `{x:#x}`, ...) renders exactly
//! what `format!` renders for the same spec and value.

#![allow(clippy::approx_constant, reason = "3.14159 is a table value, not an approximation of π")]

use hlog::sink::Capture;

/// Values raw, so that the lines of a pretty `{p:#?}` compare with `format!` byte for byte
/// (escaped, they would be one line: values_cannot_forge_lines_or_drive_the_terminal.rs).
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

/// `case!(logger, expected, "template", args...)`: log the template with hlog and push what
/// `format!` makes of the very same literal and arguments. (The template is taken as a `tt`:
/// see `template_through_a_literal_fragment` below for `$t:literal`.)
macro_rules! case {
    ($logger:expr, $expected:expr, $template:tt $(, $($arg:tt)*)?) => {{
        hlog::info!($logger, $template $(, $($arg)*)?);
        $expected.push(format!($template $(, $($arg)*)?));
    }};
}

fn check(capture: &Capture, expected: &[String]) {
    let lines = capture.lines();
    assert_eq!(lines.len(), expected.len(), "{lines:?}");
    for (i, (got, want)) in lines.iter().zip(expected).enumerate() {
        assert_eq!(got, want, "case {i}");
    }
}

#[test]
fn specs_on_integers() {
    let (logger, capture) = logger();
    let mut expected = Vec::new();
    let x = 42_i32;
    let n = -42_i64;
    let u = 255_u8;
    let big = u128::MAX;
    case!(logger, expected, "[{x:>8}]");
    case!(logger, expected, "[{x: <8}]");
    case!(logger, expected, "[{x:^9}]");
    case!(logger, expected, "[{x:*^9}]");
    case!(logger, expected, "[{x:?}]");
    case!(logger, expected, "[{x:#x}]");
    case!(logger, expected, "[{x:#X}]");
    case!(logger, expected, "[{x:#o}]");
    case!(logger, expected, "[{x:#b}]");
    case!(logger, expected, "[{x:08}]");
    case!(logger, expected, "[{x:+}]");
    case!(logger, expected, "[{x:+08}]");
    case!(logger, expected, "[{x:#?}]");
    case!(logger, expected, "[{x:e}]");
    case!(logger, expected, "[{x:E}]");
    case!(logger, expected, "[{:e}]", 1_234_500_u64);
    case!(logger, expected, "[{n:>8}]");
    case!(logger, expected, "[{n:08}]");
    case!(logger, expected, "[{n:<8}]");
    case!(logger, expected, "[{n:^+9}]");
    case!(logger, expected, "[{n:x}]");
    case!(logger, expected, "[{n:#010x}]");
    case!(logger, expected, "[{u:08b}]");
    case!(logger, expected, "[{u:#04x}]");
    case!(logger, expected, "[{big:>45}]");
    case!(logger, expected, "[{big:x}]");
    case!(logger, expected, "[{0:>6}|{0:<6}|{0:^6}]", 7);
    case!(logger, expected, "[{:>5}{:<5}]", 1, 2);
    case!(logger, expected, "[{v:>5}]", v = 12_345_678);
    check(&capture, &expected);
}

#[test]
fn specs_on_floats() {
    let (logger, capture) = logger();
    let mut expected = Vec::new();
    let x = 3.14159_f64;
    let neg = -2.5_f64;
    let tiny = 1.5e-7_f64;
    let f = 0.1_f32;
    let nan = f64::NAN;
    let inf = f64::INFINITY;
    case!(logger, expected, "[{x:>8}]");
    case!(logger, expected, "[{x: <8}]");
    case!(logger, expected, "[{x:^9}]");
    case!(logger, expected, "[{x:*^9}]");
    case!(logger, expected, "[{x:.3}]");
    case!(logger, expected, "[{x:.0}]");
    case!(logger, expected, "[{x:?}]");
    case!(logger, expected, "[{x:08.2}]");
    case!(logger, expected, "[{x:+}]");
    case!(logger, expected, "[{x:+.1}]");
    case!(logger, expected, "[{x:#?}]");
    case!(logger, expected, "[{x:e}]");
    case!(logger, expected, "[{x:.2e}]");
    case!(logger, expected, "[{x:E}]");
    case!(logger, expected, "[{:e}]", 1234.5);
    case!(logger, expected, "[{neg:08.2}]");
    case!(logger, expected, "[{neg:>10.3}]");
    case!(logger, expected, "[{neg:?}]");
    case!(logger, expected, "[{tiny:?}]");
    case!(logger, expected, "[{tiny:e}]");
    case!(logger, expected, "[{tiny:.10}]");
    case!(logger, expected, "[{f:.3}]");
    case!(logger, expected, "[{f:?}]");
    case!(logger, expected, "[{f:>8}]");
    case!(logger, expected, "[{nan:>6}]");
    case!(logger, expected, "[{inf:+}]");
    case!(logger, expected, "[{inf:08}]");
    case!(logger, expected, "[{:.1}%]", 12.345);
    case!(logger, expected, "[{:?}]", 1.0);
    case!(logger, expected, "[{:?}]", 1e16);
    check(&capture, &expected);
}

#[test]
fn specs_on_strings_chars_and_bools() {
    let (logger, capture) = logger();
    let mut expected = Vec::new();
    let x = "héllo";
    let quote = "say \"hi\"\n";
    let owned = String::from("owned");
    let c = 'λ';
    let b = true;
    case!(logger, expected, "[{x:>8}]");
    case!(logger, expected, "[{x: <8}]");
    case!(logger, expected, "[{x:^9}]");
    case!(logger, expected, "[{x:*^9}]");
    case!(logger, expected, "[{x:.3}]");
    case!(logger, expected, "[{x:>8.3}]");
    case!(logger, expected, "[{x:?}]");
    case!(logger, expected, "[{x:#?}]");
    case!(logger, expected, "[{x:3}]");
    case!(logger, expected, "[{quote:?}]");
    case!(logger, expected, "[{owned:->10}]");
    case!(logger, expected, "[{owned:?}]");
    case!(logger, expected, "[{c:>3}]");
    case!(logger, expected, "[{c:?}]");
    case!(logger, expected, "[{b:>6}]");
    case!(logger, expected, "[{b:^7}]");
    case!(logger, expected, "[{b:?}]");
    case!(logger, expected, "[{:🦀^7}]", "ab");
    case!(logger, expected, "[{:.0}]", "gone");
    check(&capture, &expected);
}

#[test]
fn specs_on_compound_values() {
    #[derive(Debug)]
    #[allow(dead_code)] // read through Debug only
    struct Point {
        x: i32,
        y: f64,
    }
    let (logger, capture) = logger();
    let mut expected = Vec::new();
    let p = Point { x: 1, y: -0.5 };
    let v = vec![Some(1), None];
    let t = ("a", 2);
    case!(logger, expected, "[{p:?}]");
    case!(logger, expected, "[{v:?}]");
    case!(logger, expected, "[{t:?}]");
    case!(logger, expected, "[{:?}]", ());
    // Pretty Debug spans several lines: compare the whole text for these.
    check(&capture, &expected);

    let (logger, capture) = logger_pair();
    let mut expected = Vec::new();
    case!(logger, expected, "{p:#?}");
    case!(logger, expected, "{v:#?}");
    assert_eq!(capture.text(), expected.iter().map(|e| format!("{e}\n")).collect::<String>());
}

fn logger_pair() -> (hlog::Logger, Capture) {
    logger()
}

/// A template handed through a `macro_rules!` `$t:literal` (or `$t:expr`) fragment, as wrappers
/// around `info!` commonly do, should work as it does for `format!`. Today it does not compile
/// ("expected a string literal template"): the macro sees an invisible group around the
/// literal. Remove the `cfg` once it compiles.
#[test]
fn template_through_a_literal_fragment() {
    macro_rules! wrapped {
        ($logger:expr, $template:literal $(, $($arg:tt)*)?) => {
            hlog::info!($logger, $template $(, $($arg)*)?)
        };
    }
    let (logger, capture) = logger();
    let x = 3.14159;
    wrapped!(logger, "[{x:>8.2}] {}", 1);
    assert_eq!(capture.text(), format!("[{x:>8.2}] {}\n", 1));
}
