//! A record logged while the sink emits (here by the provider's processor, as the SDK's own
//! diagnostics do through hlog's `tracing` bridge) reaches the logger's other handlers but not
//! OpenTelemetry: the record being emitted is sent once, not again in the nested one's place
//! (which, for a diagnostic made on every emit, would never end). The nested record counts in
//! the OpenTelemetry handler's `stats()` as dropped, not written.

use std::sync::{Arc, Mutex};

use hlog::sink::{Capture, OtelSink};
use opentelemetry::InstrumentationScope;
use opentelemetry::logs::AnyValue;
use opentelemetry_sdk::error::OTelSdkResult;
use opentelemetry_sdk::logs::{
    InMemoryLogExporter, LogProcessor, SdkLogRecord, SdkLoggerProvider, SimpleLogProcessor,
};

/// A processor that logs a diagnostic through hlog on every record, then passes the record on.
struct Chatty {
    logger: Arc<Mutex<Option<hlog::Logger>>>,
    inner: SimpleLogProcessor<InMemoryLogExporter>,
}

impl std::fmt::Debug for Chatty {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Chatty")
    }
}

impl LogProcessor for Chatty {
    fn emit(&self, record: &mut SdkLogRecord, scope: &InstrumentationScope) {
        if let Some(logger) = self.logger.lock().unwrap().as_ref() {
            hlog::warning!(logger, "diagnostic from the processor");
        }
        self.inner.emit(record, scope);
    }

    fn force_flush(&self) -> OTelSdkResult {
        self.inner.force_flush()
    }

    fn shutdown_with_timeout(&self, timeout: std::time::Duration) -> OTelSdkResult {
        self.inner.shutdown_with_timeout(timeout)
    }
}

#[test]
fn a_record_logged_while_the_sink_emits_is_not_sent() {
    let exporter = InMemoryLogExporter::default();
    let slot = Arc::new(Mutex::new(None));
    let chatty = Chatty { logger: slot.clone(), inner: SimpleLogProcessor::new(exporter.clone()) };
    let provider = SdkLoggerProvider::builder().with_log_processor(chatty).build();
    let logger = hlog::Logger::new();
    let capture = Capture::new();
    logger.add(capture.clone()).format("{level} {message}").install().unwrap();
    logger.add(OtelSink::new(&provider)).install().unwrap();
    *slot.lock().unwrap() = Some(logger.clone());

    hlog::info!(logger, "first");
    hlog::info!(logger, "second");

    let bodies = hlog_otel_tests::bodies(&exporter);
    assert_eq!(bodies, [Some(AnyValue::from("first")), Some(AnyValue::from("second"))]);
    assert_eq!(
        capture.text(),
        "INFO first\nWARNING diagnostic from the processor\n\
         INFO second\nWARNING diagnostic from the processor\n"
    );
    let stats = logger.stats();
    let counts = |i: usize| (stats[i].written, stats[i].dropped, stats[i].lost, stats[i].errors);
    assert_eq!(counts(0), (4, 0, 0, 0)); // the capture
    assert_eq!(counts(1), (2, 2, 0, 0)); // OpenTelemetry: the two diagnostics not sent
    assert_eq!(stats[1].bytes, 2); // its format is empty: a newline for each record sent
    *slot.lock().unwrap() = None;
}
