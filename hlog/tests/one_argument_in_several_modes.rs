//! One argument shown several ways in one template — plainly, with `{:?}`, with a format spec,
//! through a field accessor — is evaluated once, each placeholder shows it its own way, and the
//! record keeps one field per name, in template order, with the mode of its first plain use.

use std::cell::Cell;
use std::fmt;

use hlog::sink::Capture;

fn logger() -> (hlog::Logger, Capture) {
    let capture = Capture::new();
    let logger = hlog::Logger::new();
    logger.add(capture.clone()).format("{message} {extra}").install().unwrap();
    (logger, capture)
}

#[test]
fn each_placeholder_shows_the_value_its_own_way() {
    let (logger, capture) = logger();
    let name = "bob";
    let ms = 1.23456_f64;
    hlog::info!(logger, "{name}|{name:?}|{name:>5}|{ms}|{ms:.2}|{ms:>8.1}|{name:?}");
    assert_eq!(
        capture.text(),
        "bob|\"bob\"|  bob|1.23456|1.23|     1.2|\"bob\" {\"name\": \"bob\", \"ms\": 1.23456}\n"
    );
}

#[test]
fn positional_and_named_arguments_mix() {
    let (logger, capture) = logger();
    hlog::info!(logger, "{1}-{0}-{id}-{}-{id:03}", 7, 8u8, id = 5);
    assert_eq!(capture.text(), "8-7-5-7-005 {\"id\": 5}\n");
}

#[test]
fn a_debug_first_use_records_the_field_with_debug() {
    let capture = Capture::new();
    let logger = hlog::Logger::new();
    logger.add(capture.clone()).format("{message}").install().unwrap();
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let keep = seen.clone();
    logger
        .add(hlog::sink::from_fn(move |_line: &str, record: &hlog::Record<'_>| {
            let fields = record.fields().iter().map(|(n, v)| format!("{n}={v:?}"));
            keep.lock().unwrap().extend(fields);
        }))
        .install()
        .unwrap();
    let path = "a/b";
    hlog::info!(logger, "{path:?} then {path}");
    assert_eq!(capture.text(), "\"a/b\" then a/b\n");
    assert_eq!(*seen.lock().unwrap(), ["path=\"a/b\""]);
}

struct Point {
    x: i32,
    y: i32,
}

struct Counted {
    point: Point,
}

impl fmt::Display for Counted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "({}, {})", self.point.x, self.point.y)
    }
}

#[test]
fn accessors_and_the_whole_value_are_evaluated_once() {
    let (logger, capture) = logger();
    let calls = Cell::new(0);
    let make = || {
        calls.set(calls.get() + 1);
        Counted { point: Point { x: 1, y: -2 } }
    };
    hlog::info!(logger, "{p} x={p.point.x} y={p.point.y:+}", p = make());
    assert_eq!(calls.get(), 1);
    assert_eq!(
        capture.text(),
        "(1, -2) x=1 y=-2 {\"p\": \"(1, -2)\", \"p.point.x\": 1, \"p.point.y\": -2}\n"
    );
}

#[test]
fn markup_pieces_follow_the_sink_colour() {
    let plain = Capture::new();
    let colored = Capture::new();
    let logger = hlog::Logger::new();
    logger.add(plain.clone()).format("{message}").colorize(false).install().unwrap();
    logger.add(colored.clone()).format("{message}").colorize(true).install().unwrap();
    let n = 3;
    hlog::warning!(logger, "<red>{n}</red> left, <bold>{n:>2}</bold>!");
    assert_eq!(plain.text(), "3 left,  3!\n");
    assert_eq!(colored.text(), "\x1b[31m3\x1b[0m left, \x1b[1m 3\x1b[0m!\n");
}
