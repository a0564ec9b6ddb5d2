//! A record from the `log` or `tracing` bridge has no function (`{function}` is `<unknown>`):
//! it carries no `code.function.name`; and one whose origin did not say its file and line
//! (`<unknown>`, 0) carries no `code.file.path` or `code.line.number` either. Its thread is
//! known and kept.

use hlog::sink::OtelSink;
use opentelemetry::logs::AnyValue;
use opentelemetry_sdk::logs::{InMemoryLogExporter, SdkLogRecord, SdkLoggerProvider};
use tracing_subscriber::layer::SubscriberExt;

fn keys(record: &SdkLogRecord) -> Vec<String> {
    hlog_otel_tests::attributes(record).into_iter().map(|(key, _)| key).collect()
}

#[test]
fn a_bridged_record_leaves_out_the_origin_it_does_not_know() {
    let exporter = InMemoryLogExporter::default();
    let provider = SdkLoggerProvider::builder().with_simple_exporter(exporter.clone()).build();
    hlog::remove_all();
    hlog::add(OtelSink::new(&provider)).install().unwrap();
    hlog::bridge::log::install("TRACE").unwrap();
    let layer = hlog::bridge::tracing::HlogLayer::new();

    let line = line!() + 2;
    tracing::subscriber::with_default(tracing_subscriber::registry().with(layer), || {
        tracing::warn!(target: "dep::db", "from tracing");
    });
    // A `log` record that says nothing of where it was made.
    let message = format_args!("from log");
    log::logger().log(&log::Record::builder().args(message).target("dep::net").build());

    let logs = exporter.get_emitted_logs().unwrap();
    let records: Vec<_> = logs.iter().map(|log| &log.record).collect();
    assert_eq!(records[0].body(), Some(&AnyValue::from("from tracing")));
    assert_eq!(
        keys(records[0]),
        ["code.file.path", "code.line.number", "thread.name", "thread.id"]
    );
    let at = hlog_otel_tests::attribute(records[0], "code.line.number");
    assert_eq!(at, Some(AnyValue::Int(line.into())));
    assert_eq!(records[1].body(), Some(&AnyValue::from("from log")));
    assert_eq!(keys(records[1]), ["thread.name", "thread.id"]);
    assert_eq!(records.len(), 2);
}
