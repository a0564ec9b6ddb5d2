//! Every layer of a record's fields becomes attributes, each name once with the value that
//! takes precedence (as `{extra}` shows them): the call's, the thread's contextual fields, the
//! logger's bound fields, a configuration's default fields, a patch's.

use hlog_otel_tests::{Otel, fields, pairs};
use opentelemetry::logs::AnyValue;

#[test]
fn every_layer_of_fields_becomes_attributes() {
    let otel = Otel::new();
    let child = otel
        .logger
        .bind([("user", "bound".into()), ("app", "shop".into()), ("tenant", 7u64.into())])
        .patch(|patch| {
            patch.set("patched", true.into());
        });
    let _scope = hlog::Context::current()
        .with([("user", "context".into()), ("request", 12i64.into())])
        .enter();
    hlog::info!(child, "hi", user = "call", n = 1);
    assert_eq!(
        fields(&otel.record()),
        pairs([
            ("user", AnyValue::from("call")),
            ("n", AnyValue::Int(1)),
            ("request", AnyValue::Int(12)),
            ("app", AnyValue::from("shop")),
            ("tenant", AnyValue::Int(7)),
            ("patched", AnyValue::Boolean(true)),
        ])
    );
}

#[test]
fn a_configurations_default_fields_become_attributes() {
    let otel = Otel::new();
    let sink = hlog::sink::OtelSink::new(&otel.provider);
    let config =
        hlog::Config::new().handler(hlog::HandlerConfig::sink(sink)).extra("service", "billing");
    otel.logger.configure(config).unwrap();
    hlog::info!(otel.logger, "hi", n = 2);
    assert_eq!(
        fields(&otel.record()),
        pairs([("n", AnyValue::Int(2)), ("service", AnyValue::from("billing"))])
    );
}
