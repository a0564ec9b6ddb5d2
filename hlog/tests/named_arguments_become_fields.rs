//! Named arguments — `name = expr`, the shorthand `info!("{a}", a)` and variables captured by
//! `{name}` — become the record's structured fields, with typed values; positional arguments
//! that are not plain identifiers do not. Named arguments the template does not show are fields
//! too (`info!("Order placed", order_id = id)`, or `order_id` alone), after the ones it shows.
//! Formats show them with `{extra}` and `{extra[key]}`.

use std::net::Ipv4Addr;
use std::sync::{Arc, Mutex};

use hlog::Value;
use hlog::sink::Capture;

/// A field value copied out of the borrowed record.
#[derive(Debug, Clone, PartialEq)]
enum Owned {
    Str(String),
    I64(i64),
    U64(u64),
    I128(i128),
    U128(u128),
    F64(f64),
    F32(f32),
    Bool(bool),
    Char(char),
    Display(String),
    Debug(String),
}

fn own(value: &Value<'_>) -> Owned {
    match *value {
        Value::Str(s) => Owned::Str(s.to_owned()),
        Value::I64(v) => Owned::I64(v),
        Value::U64(v) => Owned::U64(v),
        Value::I128(v) => Owned::I128(v),
        Value::U128(v) => Owned::U128(v),
        Value::F64(v) => Owned::F64(v),
        Value::F32(v) => Owned::F32(v),
        Value::Bool(v) => Owned::Bool(v),
        Value::Char(v) => Owned::Char(v),
        Value::Display(d) => Owned::Display(d.to_string()),
        Value::Debug(d) => Owned::Debug(format!("{d:?}")),
    }
}

type Seen = Arc<Mutex<Vec<(String, Vec<(String, Owned)>)>>>;

/// A logger whose one handler records each line and the record's fields.
fn recording_logger() -> (hlog::Logger, Seen) {
    let seen: Seen = Arc::default();
    let store = seen.clone();
    let logger = hlog::Logger::new();
    logger
        .add(hlog::sink::from_fn(move |line, record| {
            let fields = record
                .fields()
                .iter()
                .map(|(name, value)| ((*name).to_owned(), own(value)))
                .collect();
            store.lock().unwrap().push((line.to_owned(), fields));
        }))
        .format("{message}")
        .colorize(false)
        .install()
        .unwrap();
    (logger, seen)
}

fn fields(seen: &Seen) -> Vec<(String, Owned)> {
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1, "exactly one record: {seen:?}");
    seen[0].1.clone()
}

fn named(pairs: &[(&str, Owned)]) -> Vec<(String, Owned)> {
    pairs.iter().map(|(n, v)| ((*n).to_owned(), v.clone())).collect()
}

#[test]
fn named_argument_values_are_typed() {
    let (logger, seen) = recording_logger();
    let owned = String::from("owned");
    hlog::info!(
        logger,
        "{i} {u} {big} {ubig} {f} {g} {b} {c} {s} {o} {ip} {v:?} {neg}",
        i = 3,
        u = 7u8,
        big = -170_141_183_460_469_231_731_687_303_715_884_105_728i128,
        ubig = u128::MAX,
        f = 2.5,
        g = 0.5f32,
        b = true,
        c = 'λ',
        s = "text",
        o = owned,
        ip = Ipv4Addr::new(10, 0, 0, 1),
        v = vec![1, 2],
        neg = -4i64,
    );
    assert_eq!(
        fields(&seen),
        named(&[
            ("i", Owned::I64(3)),
            ("u", Owned::U64(7)),
            ("big", Owned::I128(i128::MIN)),
            ("ubig", Owned::U128(u128::MAX)),
            ("f", Owned::F64(2.5)),
            ("g", Owned::F32(0.5)),
            ("b", Owned::Bool(true)),
            ("c", Owned::Char('λ')),
            ("s", Owned::Str("text".into())),
            ("o", Owned::Str("owned".into())),
            ("ip", Owned::Display("10.0.0.1".into())),
            ("v", Owned::Debug("[1, 2]".into())),
            ("neg", Owned::I64(-4)),
        ])
    );
    let line = seen.lock().unwrap()[0].0.clone();
    assert_eq!(
        line,
        format!("3 7 {} {} 2.5 0.5 true λ text owned 10.0.0.1 [1, 2] -4\n", i128::MIN, u128::MAX)
    );
}

#[test]
fn shorthand_and_captured_arguments_are_fields() {
    let (logger, seen) = recording_logger();
    let a = 41_i32;
    let user = "alice";
    let ratio = 0.25_f64;
    let on = false;
    // `a` is a positional argument that is a plain identifier (shorthand); `user`, `ratio` and
    // `on` are captured from scope by their placeholders.
    hlog::info!(logger, "{a} {user} {ratio} {on}", a);
    assert_eq!(
        fields(&seen),
        named(&[
            ("a", Owned::I64(41)),
            ("user", Owned::Str("alice".into())),
            ("ratio", Owned::F64(0.25)),
            ("on", Owned::Bool(false)),
        ])
    );
}

#[test]
fn captured_debug_placeholder_is_a_debug_field() {
    let (logger, seen) = recording_logger();
    let name = "bob";
    let list = ["x", "y"];
    hlog::info!(logger, "{name:?} {list:?}");
    assert_eq!(
        fields(&seen),
        named(&[
            ("name", Owned::Debug("\"bob\"".into())),
            ("list", Owned::Debug("[\"x\", \"y\"]".into()))
        ])
    );
    assert_eq!(seen.lock().unwrap()[0].0, "\"bob\" [\"x\", \"y\"]\n");
}

#[test]
fn positional_non_identifier_arguments_are_not_fields() {
    struct Case {
        what: &'static str,
        run: fn(&hlog::Logger),
        fields: &'static [&'static str],
        line: &'static str,
    }
    let cases = [
        Case { what: "literal", run: |l| hlog::info!(l, "{}", 5), fields: &[], line: "5\n" },
        Case { what: "expression", run: |l| hlog::info!(l, "{}", 1 + 2), fields: &[], line: "3\n" },
        Case {
            what: "indexed",
            run: |l| hlog::info!(l, "{0}{0}", "ab"),
            fields: &[],
            line: "abab\n",
        },
        Case {
            what: "method call",
            run: |l| hlog::info!(l, "{}", "x".repeat(3)),
            fields: &[],
            line: "xxx\n",
        },
        Case {
            what: "reference to a variable",
            run: |l| {
                let v = 9;
                hlog::info!(l, "{}", &v)
            },
            fields: &[],
            line: "9\n",
        },
        Case {
            what: "mixed",
            run: |l| {
                let id = 7;
                hlog::info!(l, "{} {id} {} {k}", 1, id, k = "v")
            },
            fields: &["id", "k"],
            line: "1 7 7 v\n",
        },
        Case {
            what: "no arguments",
            run: |l| hlog::info!(l, "plain"),
            fields: &[],
            line: "plain\n",
        },
    ];
    for case in cases {
        let (logger, seen) = recording_logger();
        (case.run)(&logger);
        let names: Vec<String> = fields(&seen).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, case.fields, "{}", case.what);
        assert_eq!(seen.lock().unwrap()[0].0, case.line, "{}", case.what);
    }
}

#[test]
fn record_field_looks_up_by_name() {
    let found = Arc::new(Mutex::new(Vec::new()));
    let store = found.clone();
    let logger = hlog::Logger::new();
    logger
        .add(hlog::sink::from_fn(move |_, record| {
            let mut found = store.lock().unwrap();
            found.push(record.field("user").as_ref().map(own));
            found.push(record.field("n").as_ref().map(own));
            found.push(record.field("missing").as_ref().map(own));
        }))
        .install()
        .unwrap();
    let user = "alice";
    hlog::info!(logger, "{user} {n}", n = 3);
    assert_eq!(
        *found.lock().unwrap(),
        [Some(Owned::Str("alice".into())), Some(Owned::I64(3)), None]
    );
}

fn extra_logger(format: &str) -> (hlog::Logger, Capture) {
    let capture = Capture::new();
    let logger = hlog::Logger::new();
    logger.add(capture.clone()).format(format).colorize(false).install().unwrap();
    (logger, capture)
}

#[test]
fn extra_renders_fields_as_an_object() {
    let (logger, capture) = extra_logger("{message} {extra}");
    let user = "alice";
    hlog::info!(logger, "{user} has {n}", user = user, n = 3);
    hlog::info!(logger, "no fields {}", 1);
    hlog::info!(
        logger,
        "{f} {b} {q} {ip}",
        f = 1.5,
        b = true,
        q = "say \"hi\"\n",
        ip = Ipv4Addr::LOCALHOST
    );
    hlog::info!(logger, "{tag}", tag = "<red>not markup</red>");
    assert_eq!(
        capture.text(),
        concat!(
            "alice has 3 {\"user\": \"alice\", \"n\": 3}\n",
            "no fields 1 {}\n",
            "1.5 true say \"hi\"\\n 127.0.0.1 {\"f\": 1.5, \"b\": true, \"q\": \"say \\\"hi\\\"\\n\", \"ip\": \"127.0.0.1\"}\n",
            "<red>not markup</red> {\"tag\": \"<red>not markup</red>\"}\n",
        )
    );
}

#[test]
fn extra_key_renders_one_value_and_a_missing_key_nothing() {
    let (logger, capture) =
        extra_logger("[{extra[user]}] [{extra[n]}] [{extra[missing]}] {message}");
    let user = "alice";
    hlog::info!(logger, "{user} {n}", n = 3);
    hlog::info!(logger, "none");
    hlog::info!(logger, "{n:?}", n = "dbg");
    assert_eq!(capture.text(), "[alice] [3] [] alice 3\n[] [] [] none\n[] [\"dbg\"] [] \"dbg\"\n");
}

#[test]
fn extra_key_takes_width_like_other_fields() {
    let (logger, capture) = extra_logger("{extra[user]: <6}|{extra[n]:>4}|{extra[missing]:>3}|");
    hlog::info!(logger, "{user} {n}", user = "bo", n = 42);
    assert_eq!(capture.text(), "bo    |  42|   |\n");
}

/// The documented example (`hlog::info!`'s docs): fields in the order the template names them.
#[test]
fn extra_lists_fields_in_template_order() {
    let (logger, capture) = extra_logger("{message} {extra}");
    let user = "alice";
    hlog::info!(logger, "<green>{user}</green> has {n} items, {:.1}% full", 12.345, n = 3);
    assert_eq!(capture.text(), "alice has 3 items, 12.3% full {\"user\": \"alice\", \"n\": 3}\n");
}

/// An `f32` field prints in `{extra}` and `{extra[key]}` as it prints in the message (its own
/// shortest form), not as the `f64` it widens to.
#[test]
fn f32_fields_print_like_the_message() {
    let (logger, capture) = extra_logger("{message} {extra} [{extra[g]}]");
    hlog::info!(logger, "{g}", g = 0.1_f32);
    assert_eq!(capture.text(), "0.1 {\"g\": 0.1} [0.1]\n");
}

/// Named arguments no placeholder shows are fields with the same typed values as shown ones;
/// the message is the template's text alone.
#[test]
fn named_arguments_the_template_does_not_show_are_typed_fields() {
    let (logger, seen) = recording_logger();
    let id = 7_u32;
    hlog::info!(
        logger,
        "Order placed",
        order_id = id,
        total = 12.5,
        small = 0.5_f32,
        big = i128::MIN,
        paid = true,
        grade = 'A',
        by = "alice",
        ip = Ipv4Addr::LOCALHOST,
        debug = format_args!("{:?}", ["x"]),
    );
    assert_eq!(
        fields(&seen),
        named(&[
            ("order_id", Owned::U64(7)),
            ("total", Owned::F64(12.5)),
            ("small", Owned::F32(0.5)),
            ("big", Owned::I128(i128::MIN)),
            ("paid", Owned::Bool(true)),
            ("grade", Owned::Char('A')),
            ("by", Owned::Str("alice".into())),
            ("ip", Owned::Display("127.0.0.1".into())),
            ("debug", Owned::Display("[\"x\"]".into())),
        ])
    );
    assert_eq!(seen.lock().unwrap()[0].0, "Order placed\n");
}

#[test]
fn unshown_fields_render_in_extra_byte_exact() {
    let (logger, capture) = extra_logger("{message} {extra}");
    let id = 42_u64;
    let order_id = 9;
    hlog::info!(logger, "Order placed", order_id = id, total = 12.5);
    hlog::info!(logger, "Order placed", order_id);
    hlog::info!(logger, "Order placed", note = "say \"hi\"\n", tag = "<red>x</red>");
    hlog::info!(logger, "Order placed", neg = -3, max = u128::MAX);
    assert_eq!(
        capture.text(),
        concat!(
            "Order placed {\"order_id\": 42, \"total\": 12.5}\n",
            "Order placed {\"order_id\": 9}\n",
            "Order placed {\"note\": \"say \\\"hi\\\"\\n\", \"tag\": \"<red>x</red>\"}\n",
            "Order placed {\"neg\": -3, \"max\": 340282366920938463463374607431768211455}\n",
        )
    );
}

/// The fields the template shows come first, in template order; then the ones it does not show,
/// in call order. Positional values are never fields.
#[test]
fn unshown_fields_follow_the_shown_ones_in_call_order() {
    let (logger, capture) = extra_logger("{message} {extra}");
    let user = "alice";
    hlog::info!(logger, "{n} by {user} at {}", "noon", z = 26, n = 3, a = 1,);
    assert_eq!(
        capture.text(),
        "3 by alice at noon {\"n\": 3, \"user\": \"alice\", \"z\": 26, \"a\": 1}\n"
    );
}

#[test]
fn extra_key_finds_an_unshown_field() {
    let (logger, capture) = extra_logger("[{extra[order_id]}] [{extra[total]:>6}] {message}");
    hlog::info!(logger, "Order placed", order_id = 7, total = 12.5);
    hlog::info!(logger, "No order");
    assert_eq!(capture.text(), "[7] [  12.5] Order placed\n[] [      ] No order\n");
}

/// An identifier alone is a field only while the template takes no positional argument (`{}`);
/// the same identifier given twice as a positional argument is one field, not two.
#[test]
fn an_identifier_alone_is_one_field() {
    let (logger, capture) = extra_logger("{message} {extra}");
    let (a, b) = (1, "two");
    hlog::info!(logger, "{} {}", a, a);
    hlog::info!(logger, "{a} shown", a, b);
    assert_eq!(capture.text(), "1 1 {\"a\": 1}\n1 shown {\"a\": 1, \"b\": \"two\"}\n");
}

/// A template with no placeholder stays static text, fields or not.
#[test]
fn a_template_without_placeholders_keeps_a_static_message() {
    let capture = Capture::new();
    let logger = hlog::Logger::new();
    logger
        .add(capture.clone())
        .format("{message} {extra}")
        .filter(|record| matches!(record.message(), hlog::Message::Static("Order placed")))
        .install()
        .unwrap();
    hlog::info!(logger, "Order placed", order_id = 7);
    assert_eq!(capture.text(), "Order placed {\"order_id\": 7}\n");
}
