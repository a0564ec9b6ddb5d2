//! A field named like one of the attributes the sink adds (`thread.id`, `code.file.path`,
//! `exception.message`, ...) is that attribute: hlog's own of that name is left out, so that
//! no key appears twice in the `LogRecord`.

use hlog_otel_tests::{Otel, attributes, pairs};
use opentelemetry::logs::AnyValue;

#[test]
fn a_field_named_like_an_attribute_of_hlog_replaces_it() {
    let otel = Otel::new();
    let thread = std::thread::current().name().unwrap().to_owned();
    // Dotted names, as a bound field (or a contextual one, or a configuration's) has them.
    let bound = otel.logger.bind([
        ("thread.id", 7.into()),
        ("code.function.name", "handle".into()),
        ("exception.message", "given".into()),
        ("code.file.path", "bound.rs".into()),
    ]);
    let e = std::io::Error::other("refused");
    hlog::error!(bound, "worker", err = e);
    let record = otel.record();
    let line = match hlog_otel_tests::attribute(&record, "code.line.number") {
        Some(AnyValue::Int(line)) => line,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        attributes(&record),
        pairs([
            ("thread.id", AnyValue::Int(7)),
            ("code.function.name", AnyValue::from("handle")),
            ("exception.message", AnyValue::from("given")),
            ("code.file.path", AnyValue::from("bound.rs")),
            ("code.line.number", AnyValue::Int(line)),
            ("thread.name", AnyValue::from(thread)),
        ])
    );
}
