//! An OpenTelemetry handler cannot be queued (`enqueue(true)`, `queue(...)`, an `AsyncSink`
//! around the sink, a configuration's `enqueue`): the sink reads the caller's trace context,
//! which the writer thread does not have, so `install()` refuses it and says why instead of
//! losing the ids of every record. Nothing is added.

use hlog::sink::{AsyncSink, OtelSink, Queue};
use hlog::{Config, ConfigError, HandlerConfig};
use opentelemetry_sdk::logs::SdkLoggerProvider;

const REFUSED: &str = "invalid enqueue \"true\": the OpenTelemetry sink runs on the calling \
                       thread: it reads the caller's trace context (the active span's ids), \
                       which a queued handler's writer thread does not have; leave the handler \
                       unqueued (the SDK's batch processor queues)";

#[test]
fn a_queued_otel_handler_is_refused() {
    let provider = SdkLoggerProvider::builder().build();
    let logger = hlog::Logger::new();
    let refusals = [
        logger.add(OtelSink::new(&provider)).enqueue(true).install(),
        logger.add(OtelSink::new(&provider)).queue(Queue::default()).install(),
        logger.add(AsyncSink::new(OtelSink::new(&provider))).install(),
    ];
    for refusal in refusals {
        let error = refusal.unwrap_err();
        assert!(matches!(error, ConfigError::Setting(_)), "{error:?}");
        assert_eq!(error.to_string(), REFUSED);
    }
    let config = Config::new().handler(HandlerConfig::sink(OtelSink::new(&provider)).enqueue(true));
    let error = logger.configure(config).unwrap_err();
    assert!(error.to_string().contains(REFUSED), "{error}");
    assert!(logger.stats().is_empty());
    // Unqueued, it installs; `enqueue(false)` takes back an `AsyncSink`'s queue.
    logger.add(OtelSink::new(&provider)).install().unwrap();
    logger.add(AsyncSink::new(OtelSink::new(&provider))).enqueue(false).install().unwrap();
    assert_eq!(logger.stats().len(), 2);
}
