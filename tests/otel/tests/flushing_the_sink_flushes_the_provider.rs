//! `OtelSink::flush_with` ties the provider's flush to hlog's: `complete()` exports what a
//! batch processor holds; a failed flush is counted in `stats()` and logging carries on.

use hlog::sink::OtelSink;
use opentelemetry::logs::AnyValue;
use opentelemetry_sdk::error::OTelSdkError;
use opentelemetry_sdk::logs::{InMemoryLogExporter, SdkLoggerProvider};

#[test]
fn complete_exports_what_the_batch_processor_holds() {
    let exporter = InMemoryLogExporter::default();
    let provider = SdkLoggerProvider::builder().with_batch_exporter(exporter.clone()).build();
    let flushing = provider.clone();
    let sink = OtelSink::new(&provider).flush_with(move || flushing.force_flush());
    let logger = hlog::Logger::new();
    logger.add(sink).install().unwrap();
    hlog::info!(logger, "one");
    hlog::info!(logger, "two");
    logger.complete();
    let bodies = hlog_otel_tests::bodies(&exporter);
    assert_eq!(bodies, [Some(AnyValue::from("one")), Some(AnyValue::from("two"))]);
    provider.shutdown().unwrap();
}

#[test]
fn a_failed_flush_is_counted_and_logging_carries_on() {
    let exporter = InMemoryLogExporter::default();
    let provider = SdkLoggerProvider::builder().with_simple_exporter(exporter.clone()).build();
    let sink = OtelSink::new(&provider)
        .flush_with(|| Err(OTelSdkError::InternalFailure("collector unreachable".into())));
    let logger = hlog::Logger::new();
    logger.add(sink).install().unwrap();
    hlog::info!(logger, "before");
    logger.complete();
    hlog::info!(logger, "after");
    let stats = logger.stats();
    assert_eq!((stats[0].written, stats[0].errors), (2, 1));
    assert_eq!(exporter.get_emitted_logs().unwrap().len(), 2);
}
