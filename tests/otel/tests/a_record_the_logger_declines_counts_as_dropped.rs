//! A record the OpenTelemetry logger declines (`event_enabled` is false: a processor filters
//! it out; here the API's no-op logger, which declines everything) is not emitted: it counts in
//! `stats()` as dropped, not written, and is no failure.

use hlog::sink::OtelSink;
use opentelemetry::logs::NoopLoggerProvider;

#[test]
fn a_record_the_logger_declines_counts_as_dropped() {
    let logger = hlog::Logger::new();
    logger.add(OtelSink::new(&NoopLoggerProvider::new())).install().unwrap();
    hlog::info!(logger, "declined");
    hlog::warning!(logger, "declined too");
    let stats = &logger.stats()[0];
    assert_eq!((stats.written, stats.dropped, stats.lost, stats.errors), (0, 2, 0, 0));
    assert_eq!(stats.bytes, 0);
}
