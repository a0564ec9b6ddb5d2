//! `parse_spec`: Rust's format spec grammar, and what it rejects (with Python's options named).

use std::ops::Range;

use hlog_template::{Align, ErrorKind, FormatSpec, Kind, Sign, parse_spec};

/// The plain spec, to build expectations with `..PLAIN`.
const PLAIN: FormatSpec = FormatSpec {
    fill: None,
    align: None,
    sign: None,
    alternate: false,
    zero: false,
    width: None,
    precision: None,
    kind: Kind::Display,
};

#[test]
fn accepted() {
    use Align::*;
    let cases: &[(&str, FormatSpec)] = &[
        ("", PLAIN),
        (">8", FormatSpec { align: Some(Right), width: Some(8), ..PLAIN }),
        ("<8", FormatSpec { align: Some(Left), width: Some(8), ..PLAIN }),
        (" <8", FormatSpec { fill: Some(' '), align: Some(Left), width: Some(8), ..PLAIN }),
        ("^10", FormatSpec { align: Some(Center), width: Some(10), ..PLAIN }),
        ("*^10", FormatSpec { fill: Some('*'), align: Some(Center), width: Some(10), ..PLAIN }),
        ("<<5", FormatSpec { fill: Some('<'), align: Some(Left), width: Some(5), ..PLAIN }),
        ("{>5", FormatSpec { fill: Some('{'), align: Some(Right), width: Some(5), ..PLAIN }),
        ("é^3", FormatSpec { fill: Some('é'), align: Some(Center), width: Some(3), ..PLAIN }),
        ("0>4", FormatSpec { fill: Some('0'), align: Some(Right), width: Some(4), ..PLAIN }),
        ("<", FormatSpec { align: Some(Left), ..PLAIN }),
        (".3", FormatSpec { precision: Some(3), ..PLAIN }),
        (".0", FormatSpec { precision: Some(0), ..PLAIN }),
        ("?", FormatSpec { kind: Kind::Debug, ..PLAIN }),
        ("#?", FormatSpec { alternate: true, kind: Kind::Debug, ..PLAIN }),
        ("x", FormatSpec { kind: Kind::LowerHex, ..PLAIN }),
        ("#x", FormatSpec { alternate: true, kind: Kind::LowerHex, ..PLAIN }),
        ("X", FormatSpec { kind: Kind::UpperHex, ..PLAIN }),
        ("o", FormatSpec { kind: Kind::Octal, ..PLAIN }),
        ("#b", FormatSpec { alternate: true, kind: Kind::Binary, ..PLAIN }),
        ("e", FormatSpec { kind: Kind::LowerExp, ..PLAIN }),
        (".2E", FormatSpec { precision: Some(2), kind: Kind::UpperExp, ..PLAIN }),
        ("08.2", FormatSpec { zero: true, width: Some(8), precision: Some(2), ..PLAIN }),
        ("0", FormatSpec { zero: true, ..PLAIN }),
        ("00", FormatSpec { zero: true, width: Some(0), ..PLAIN }),
        ("+", FormatSpec { sign: Some(Sign::Plus), ..PLAIN }),
        ("-", FormatSpec { sign: Some(Sign::Minus), ..PLAIN }),
        ("+.1", FormatSpec { sign: Some(Sign::Plus), precision: Some(1), ..PLAIN }),
        (
            "#010x",
            FormatSpec {
                alternate: true,
                zero: true,
                width: Some(10),
                kind: Kind::LowerHex,
                ..PLAIN
            },
        ),
        (
            "_>+#012.3e",
            FormatSpec {
                fill: Some('_'),
                align: Some(Right),
                sign: Some(Sign::Plus),
                alternate: true,
                zero: true,
                width: Some(12),
                precision: Some(3),
                kind: Kind::LowerExp,
            },
        ),
        (">65535", FormatSpec { align: Some(Right), width: Some(65535), ..PLAIN }),
        ("8?", FormatSpec { width: Some(8), kind: Kind::Debug, ..PLAIN }),
    ];
    for (spec, expected) in cases {
        assert_eq!(parse_spec(spec).as_ref(), Ok(expected), "spec: {spec:?}");
    }
    assert!(parse_spec("").unwrap().is_plain());
    assert!(!parse_spec("?").unwrap().is_plain());
}

const HELP: &str = "a spec is `[[fill]align][sign]['#']['0'][width]['.'precision][type]`, \
    for example `>8`, ` <8`, `.3`, `?`, `#x`, `08.2`; the type is one of \
    `?` `x` `X` `o` `b` `e` `E`";

const PYTHON_TYPE_HELP: &str = "drop it: Rust picks the formatting from the value's type, so \
    write `{x:.2}` instead of `{x:.2f}` and `{x}` instead of `{x:d}`";

const ARGUMENT_HELP: &str = "write the number itself, e.g. `{x:>8}` or `{x:.3}`";

#[test]
fn rejected() {
    // (spec, error range in the spec, message, help); every error is `InvalidSpec`.
    let cases: &[(&str, Range<usize>, &str, &str)] = &[
        (
            ".2f",
            2..3,
            "invalid format spec `.2f`: `f` is a Python/printf type that Rust does not need",
            PYTHON_TYPE_HELP,
        ),
        (
            "d",
            0..1,
            "invalid format spec `d`: `d` is a Python/printf type that Rust does not need",
            PYTHON_TYPE_HELP,
        ),
        (
            ">10s",
            3..4,
            "invalid format spec `>10s`: `s` is a Python/printf type that Rust does not need",
            PYTHON_TYPE_HELP,
        ),
        (
            "g",
            0..1,
            "invalid format spec `g`: `g` is a Python/printf type that Rust does not need",
            PYTHON_TYPE_HELP,
        ),
        (
            ",",
            0..1,
            "invalid format spec `,`: `,` (digit grouping) is a Python option that Rust does not have",
            HELP,
        ),
        (
            "_",
            0..1,
            "invalid format spec `_`: `_` (digit grouping) is a Python option that Rust does not have",
            HELP,
        ),
        (
            "10,.2",
            2..3,
            "invalid format spec `10,.2`: `,` (digit grouping) is a Python option that Rust does not have",
            HELP,
        ),
        (
            ".1%",
            2..3,
            "invalid format spec `.1%`: `%` (percentage) is a Python option that Rust does not have",
            "multiply the value by 100 and write `%` after the placeholder",
        ),
        (
            "=8",
            0..1,
            "invalid format spec `=8`: `=` alignment is a Python option that Rust does not have",
            "the `0` flag pads numbers with zeros after the sign, e.g. `{x:+08}`",
        ),
        (
            "0=8",
            1..2,
            "invalid format spec `0=8`: `=` alignment is a Python option that Rust does not have",
            "the `0` flag pads numbers with zeros after the sign, e.g. `{x:+08}`",
        ),
        (
            "n",
            0..1,
            "invalid format spec `n`: `n` (locale-aware number) is a Python option that Rust does not have",
            HELP,
        ),
        (
            "width$",
            0..6,
            "invalid format spec `width$`: width and precision arguments (`name$`, `1$`) are not supported",
            ARGUMENT_HELP,
        ),
        (
            ">1$",
            1..3,
            "invalid format spec `>1$`: width and precision arguments (`name$`, `1$`) are not supported",
            ARGUMENT_HELP,
        ),
        (
            "0$",
            0..2,
            "invalid format spec `0$`: width and precision arguments (`name$`, `1$`) are not supported",
            ARGUMENT_HELP,
        ),
        (
            ".prec$",
            1..6,
            "invalid format spec `.prec$`: width and precision arguments (`name$`, `1$`) are not supported",
            ARGUMENT_HELP,
        ),
        (
            ".*",
            1..2,
            "invalid format spec `.*`: `.*` (precision from an argument) is not supported",
            "write the precision itself, e.g. `{x:.3}`",
        ),
        (
            "*",
            0..1,
            "invalid format spec `*`: `*` (a count from an argument) is not supported",
            ARGUMENT_HELP,
        ),
        (
            ".",
            0..1,
            "invalid format spec `.`: expected a precision after `.`",
            "write the number of digits, e.g. `{x:.3}`",
        ),
        (
            "8.x",
            1..2,
            "invalid format spec `8.x`: expected a precision after `.`",
            "write the number of digits, e.g. `{x:.3}`",
        ),
        (
            "x?",
            0..2,
            "invalid format spec `x?`: debug-hex (`x?`, `X?`) is not supported",
            "use `?` for Debug or `x` / `X` for hexadecimal",
        ),
        (
            "#X?",
            1..3,
            "invalid format spec `#X?`: debug-hex (`x?`, `X?`) is not supported",
            "use `?` for Debug or `x` / `X` for hexadecimal",
        ),
        ("?x", 1..2, "invalid format spec `?x`: unexpected `x` after the type", HELP),
        ("x ", 1..2, "invalid format spec `x `: unexpected ` ` after the type", HELP),
        (" 8", 0..1, "invalid format spec ` 8`: unexpected ` `", HELP),
        ("8 ", 1..2, "invalid format spec `8 `: unexpected ` `", HELP),
        ("é", 0..2, "invalid format spec `é`: unexpected `é`", HELP),
        ("<8é", 2..4, "invalid format spec `<8é`: unexpected `é`", HELP),
        ("++", 1..2, "invalid format spec `++`: unexpected `+`", HELP),
        (
            "65536",
            0..5,
            "invalid format spec `65536`: the width `65536` is too large",
            "the width is at most 65535",
        ),
        (
            ".99999999999999999999999",
            1..24,
            "invalid format spec `.99999999999999999999999`: the precision `99999999999999999999999` is too large",
            "the precision is at most 65535",
        ),
    ];
    for (spec, range, message, help) in cases {
        let error = parse_spec(spec).expect_err(spec);
        assert_eq!(
            (&error.kind, &error.range, error.message.as_str(), error.help.as_deref()),
            (&ErrorKind::InvalidSpec, range, *message, Some(*help)),
            "spec: {spec:?}",
        );
    }
}

#[test]
fn spec_errors_move_into_the_template() {
    let template = hlog_template::parse("value: {x:.2f}").unwrap();
    let placeholder = template.placeholders().next().unwrap();
    let (spec, range) = placeholder.spec.clone().unwrap();
    let error = parse_spec(&spec).unwrap_err().offset(range.start);
    assert_eq!(error.range, 12..13);
    assert_eq!(&"value: {x:.2f}"[error.range], "f");
}
