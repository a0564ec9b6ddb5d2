//! An exporter logs through `tracing` as it exports, on a thread of its own (hyper's client,
//! here `hyper::client`), and the export waits for that thread. With hlog's `tracing` bridge
//! installed, the record comes back to the logger: it reaches the logger's other handlers but
//! not the OpenTelemetry sink (whose handler turns the exporters' modules off), so the export
//! neither waits on the sink it exports from nor feeds itself without end.

use std::sync::mpsc;
use std::time::Duration;

use hlog::sink::{Capture, OtelSink};
use opentelemetry::InstrumentationScope;
use opentelemetry::logs::AnyValue;
use opentelemetry_sdk::error::OTelSdkResult;
use opentelemetry_sdk::logs::{
    InMemoryLogExporter, LogProcessor, SdkLogRecord, SdkLoggerProvider, SimpleLogProcessor,
};
use tracing_subscriber::layer::SubscriberExt;

/// A processor that, as it passes each record on, logs from a thread of its own and waits for
/// it, as an HTTP exporter's connection does.
#[derive(Debug)]
struct Exporting(SimpleLogProcessor<InMemoryLogExporter>);

impl LogProcessor for Exporting {
    fn emit(&self, record: &mut SdkLogRecord, scope: &InstrumentationScope) {
        std::thread::spawn(|| tracing::debug!(target: "hyper::client", "connecting"))
            .join()
            .unwrap();
        self.0.emit(record, scope);
    }

    fn force_flush(&self) -> OTelSdkResult {
        self.0.force_flush()
    }

    fn shutdown_with_timeout(&self, timeout: Duration) -> OTelSdkResult {
        self.0.shutdown_with_timeout(timeout)
    }
}

#[test]
fn export_traffic_logged_on_another_thread_does_not_come_back() {
    let exporter = InMemoryLogExporter::default();
    let processor = Exporting(SimpleLogProcessor::new(exporter.clone()));
    let provider = SdkLoggerProvider::builder().with_log_processor(processor).build();
    let logger = hlog::Logger::new();
    let capture = Capture::new();
    logger.add(capture.clone()).format("{level} {name} {message}").install().unwrap();
    logger.add(OtelSink::new(&provider)).install().unwrap();
    let layer = hlog::bridge::tracing::HlogLayer::to(logger.clone());
    tracing::subscriber::set_global_default(tracing_subscriber::registry().with(layer)).unwrap();

    // On a thread of its own, so that a hang fails the test instead of stalling it.
    let (done, finished) = mpsc::channel();
    let calling = logger.clone();
    std::thread::spawn(move || {
        hlog::info!(calling, "first");
        hlog::info!(calling, "second");
        done.send(()).unwrap();
    });
    finished.recv_timeout(Duration::from_secs(10)).expect("the log calls return");

    let bodies = hlog_otel_tests::bodies(&exporter);
    assert_eq!(bodies, [Some(AnyValue::from("first")), Some(AnyValue::from("second"))]);
    let module = module_path!();
    assert_eq!(
        capture.text(),
        format!(
            "INFO {module} first\nDEBUG hyper::client connecting\n\
             INFO {module} second\nDEBUG hyper::client connecting\n"
        )
    );
    let otel = &logger.stats()[1];
    assert_eq!((otel.written, otel.dropped, otel.lost, otel.errors), (2, 0, 0, 0));
}
