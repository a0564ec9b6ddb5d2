//! A sink of one's own in a configuration (`HandlerConfig::sink`) brings the handler settings
//! it brings to `add()` (`IntoSink::defaults`): an `AsyncSink` its queue, the OpenTelemetry
//! sink its empty format and the filter that keeps the exporters' modules out. (A `JsonSink`
//! cannot be given: it is not `Send`, and a configuration must be.)

use std::sync::{Arc, Mutex};

use hlog::sink::{AsyncSink, OtelSink};
use hlog::{Config, HandlerConfig};
use opentelemetry::logs::AnyValue;
use opentelemetry_sdk::logs::{InMemoryLogExporter, SdkLoggerProvider};
use tracing_subscriber::layer::SubscriberExt;

#[test]
fn an_async_sink_in_a_configuration_is_queued() {
    let logger = hlog::Logger::new();
    let writers = Arc::new(Mutex::new(Vec::new()));
    let seen = writers.clone();
    let sink = hlog::sink::from_fn(move |_line, _record| {
        let thread = std::thread::current();
        seen.lock().unwrap().push(thread.name().map(str::to_owned));
    });
    logger.configure(Config::new().handler(HandlerConfig::sink(AsyncSink::new(sink)))).unwrap();
    hlog::info!(logger, "queued");
    logger.complete();
    let here = std::thread::current().name().map(str::to_owned);
    let writers = writers.lock().unwrap();
    assert_eq!(writers.len(), 1);
    assert_ne!(writers[0], here, "written on the calling thread: not queued");
}

#[test]
fn an_otel_sink_in_a_configuration_has_an_empty_format_and_its_filter() {
    let exporter = InMemoryLogExporter::default();
    let provider = SdkLoggerProvider::builder().with_simple_exporter(exporter.clone()).build();
    let logger = hlog::Logger::new();
    logger.configure(Config::new().handler(HandlerConfig::sink(OtelSink::new(&provider)))).unwrap();
    hlog::info!(logger, "configured");
    let layer = hlog::bridge::tracing::HlogLayer::to(logger.clone());
    tracing::subscriber::with_default(tracing_subscriber::registry().with(layer), || {
        tracing::info!(target: "hyper::client", "export traffic");
    });
    let logs = exporter.get_emitted_logs().unwrap();
    let bodies: Vec<_> = logs.iter().map(|log| log.record.body().cloned()).collect();
    assert_eq!(bodies, [Some(AnyValue::from("configured"))]);
    // The line the handler rendered for the sink: the empty format's newline, no more.
    assert_eq!((logger.stats()[0].written, logger.stats()[0].bytes), (1, 1));
}
