//! A provider that is shut down, or whose exporter fails, takes the record and drops it (the
//! SDK reports that itself): the log call returns as usual, nothing panics, and the handler
//! counts the record as written (`emit` tells hlog nothing).

use hlog_otel_tests::Otel;
use opentelemetry_sdk::error::{OTelSdkError, OTelSdkResult};
use opentelemetry_sdk::logs::{LogBatch, LogExporter, SdkLoggerProvider};

#[test]
fn logging_after_shutdown_returns_as_usual() {
    let otel = Otel::new();
    hlog::info!(otel.logger, "before");
    otel.provider.shutdown().unwrap();
    hlog::info!(otel.logger, "after", n = 1);
    hlog::error!(otel.logger, "after", err = std::io::Error::other("e"));
    let stats = otel.logger.stats();
    assert_eq!((stats[0].written, stats[0].errors), (3, 0));
}

#[derive(Debug)]
struct Failing;

impl LogExporter for Failing {
    async fn export(&self, _batch: LogBatch<'_>) -> OTelSdkResult {
        Err(OTelSdkError::InternalFailure("collector unreachable".into()))
    }
}

#[test]
fn a_failing_exporter_does_not_fail_the_call() {
    let provider = SdkLoggerProvider::builder().with_simple_exporter(Failing).build();
    let logger = hlog::Logger::new();
    logger.add(hlog::sink::OtelSink::new(&provider)).install().unwrap();
    hlog::info!(logger, "lost by the exporter");
    hlog::warning!(logger, "and this one");
    let stats = logger.stats();
    assert_eq!((stats[0].written, stats[0].errors), (2, 0));
}
