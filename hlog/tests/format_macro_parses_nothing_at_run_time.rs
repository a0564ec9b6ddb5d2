//! `hlog::fmt!` parses and lowers its format at compile time and writes the result out as
//! constant data: building the `Format` parses nothing at run time (it is a constant expression),
//! and its time patterns are tokens in the binary, not text parsed on first use.

use std::borrow::Cow;

use hlog::__private::fmt::{Step, TimeFormat};
use hlog::time::{Timestamp, Zone};
use hlog::{Format, Level, Message, Record};

const SOURCE: &str = "<green>{time:YYYY-MM-DD HH:mm:ss.SSS}</green> {time} {time:[at] HH:mm!UTC} \
    <level>{level: <8}</level> {extra[user]:>6} <cyan>{message}</cyan>";

// A `static`'s initializer is evaluated by the compiler: were the parser (or any allocation)
// called to build the format, this would not compile.
static FORMAT: Format = hlog::fmt!(
    "<green>{time:YYYY-MM-DD HH:mm:ss.SSS}</green> {time} {time:[at] HH:mm!UTC} <level>{level: <8}</level> {extra[user]:>6} <cyan>{message}</cyan>"
);

static CALLSITE: hlog::__private::Callsite =
    hlog::__private::Callsite::new("app", "src/main.rs", 7, "hi", || "app::main::__hlog_here");

fn time_patterns(steps: &[Step]) -> Vec<&TimeFormat> {
    steps
        .iter()
        .filter_map(|step| match step {
            Step::Time(time) => Some(time),
            _ => None,
        })
        .collect()
}

#[test]
fn the_compiled_format_is_constant_data() {
    assert_eq!(FORMAT.source(), SOURCE);
    let lowered = FORMAT.lowered();
    // Borrowed from the binary: written out by the macro, not produced by a parser at run time.
    assert!(matches!(lowered.plain, Cow::Borrowed(_)));
    assert!(matches!(lowered.colored, Cow::Borrowed(_)));
    for steps in [&lowered.plain, &lowered.colored] {
        let times = time_patterns(steps);
        assert_eq!(times.len(), 3);
        for time in times {
            assert!(matches!(time.tokens, Cow::Borrowed(_)), "{time:?}");
        }
    }
    // The same steps a run-time parse gives, which owns its data.
    let parsed = Format::parse(SOURCE).unwrap();
    assert_eq!(lowered, parsed.lowered());
    assert!(matches!(parsed.lowered().plain, Cow::Owned(_)));
}

#[test]
fn the_constant_format_renders_like_the_parsed_one() {
    let fields = [("user", hlog::Value::Str("alice"))];
    let record = Record::new(
        Timestamp::from_unix(1_774_535_400, 123_456_789),
        &Level::SUCCESS,
        &CALLSITE,
        Message::Text("it <red>works</red>"), // a value: its markup is text
        &fields,
    );
    let zone = Zone::fixed(3600);
    let parsed = Format::parse(SOURCE).unwrap();
    for colorize in [false, true] {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        FORMAT.render_in(&mut a, &record, colorize, &zone);
        parsed.render_in(&mut b, &record, colorize, &zone);
        assert_eq!(a, b, "colour: {colorize}");
    }
    let mut plain = Vec::new();
    FORMAT.render_in(&mut plain, &record, false, &zone);
    assert_eq!(
        String::from_utf8(plain).unwrap(),
        "2026-03-26 15:30:00.123 2026-03-26T15:30:00.123456+0100 [at] 14:30 SUCCESS   alice it <red>works</red>\n"
    );
}
