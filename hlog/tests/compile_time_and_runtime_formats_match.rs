//! `hlog::fmt!(F)` and `Format::parse(F)` lower `F` to the same steps (the macro writes
//! them out as constants) and render identical bytes for the same record.

use hlog::time::{Timestamp, Zone};
use hlog::{Format, Level, Logger, Message, Record};

static CALLSITE: hlog::__private::Callsite = hlog::__private::Callsite::new(
    "app::db",
    "src/db/mod.rs",
    42,
    "query {ms}",
    || "app::db::query::__hlog_here",
);

macro_rules! formats {
    ($($f:literal),* $(,)?) => { vec![$(($f, hlog::fmt!($f))),*] };
}

/// Formats that exercise every step: each field, specs, markup, time patterns.
fn table() -> Vec<(&'static str, Format)> {
    formats![
        "{message}",
        "{time} {level} {message}",
        "<green>{time:YYYY-MM-DD HH:mm:ss.SSS}</green> | <level>{level: <8}</level> | <cyan>{name}</cyan>:<cyan>{function}</cyan>:<cyan>{line}</cyan> - <level>{message}</level>",
        "{time:YYYY YY Q M MM MMM MMMM D DD Do DDD DDDD d E ddd dddd H HH h hh m mm s ss S SS SSS SSSS SSSSS SSSSSS X x A Z ZZ zz}",
        "{time:[at] HH:mm!UTC} {level.no:>3} {level.icon} {module} {file} {file.name}",
        "{extra} {extra[ms]} {extra[missing]}|{line:^7}|{level:*>10}|{message:.4}",
        "<red><bold>{level}</bold></red> <fg #FF5733>{name}</> <bg 232>{function}</bg 232> \\<lit>",
        "{thread.id} {process.id} {exception}",
        "",
        "{time:} {time:!UTC} {time:YYYY-MM-DDTHH:mm:ss.SSSSSSZZ} {time:HH:mm:ss.SSS} {time:HH:mm:ss.SSS}",
        "<level>{message: >30}</level> {elapsed} {level.icon:^3} {process} {thread}",
        "<b><level>{message}</level></b> <lvl>{extra: <20.8}</lvl> {{braces}} {file.path}",
    ]
}

#[test]
fn same_lowered_steps_for_every_format() {
    for (source, compiled) in table() {
        let parsed = Format::parse(source).unwrap();
        assert_eq!(compiled.lowered(), parsed.lowered(), "{source}");
        assert_eq!(compiled.source(), source);
    }
}

#[test]
fn same_bytes_for_every_format() {
    let table = table();
    let logger = Logger::new();
    let ms = 12.5;
    let fields = [("ms", hlog::Value::F64(ms))];
    let record = Record::new(
        Timestamp::from_unix(1_774_535_400, 123_456_789),
        &Level::WARNING,
        &CALLSITE,
        Message::Text("query took <red>long</red>"),
        &fields,
    );
    let zone = Zone::from_posix_tz("CET-1CEST,M3.5.0,M10.5.0/3").unwrap();
    for (source, compiled) in table {
        let parsed = Format::parse(source).unwrap();
        for colorize in [false, true] {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            compiled.render_in(&mut a, &record, colorize, &zone);
            parsed.render_in(&mut b, &record, colorize, &zone);
            assert_eq!(a, b, "{source} (colour: {colorize})");
            assert!(a.ends_with(b"\n"), "{source}");
        }
    }
    drop(logger);
}

#[test]
fn the_default_format_is_logurus() {
    let record = Record::new(
        Timestamp::from_unix(1_774_535_400, 123_456_789),
        &Level::INFO,
        &CALLSITE,
        Message::Static("Server started on 0.0.0.0:8000"),
        &[],
    );
    let mut out = Vec::new();
    Format::default_format().render_in(&mut out, &record, false, &Zone::utc());
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "2026-03-26 14:30:00.123 | INFO     | app::db:query:42 - Server started on 0.0.0.0:8000\n"
    );
    assert_eq!(Format::default_format().source(), hlog::fmt!("<green>{time:YYYY-MM-DD HH:mm:ss.SSS}</green> | <level>{level: <8}</level> | <cyan>{name}</cyan>:<cyan>{function}</cyan>:<cyan>{line}</cyan> - <level>{message}</level>").source());
}
