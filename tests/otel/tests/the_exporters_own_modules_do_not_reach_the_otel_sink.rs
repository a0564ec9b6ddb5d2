//! The OpenTelemetry sink's handler turns off the modules whose records an export makes
//! (`hyper`, `hyper_util`, `h2`, `tonic`, `tower`, `reqwest`, `opentelemetry`,
//! `opentelemetry_sdk`, `opentelemetry_otlp`, and their children), as bridged records carry
//! them as targets; the logger's other handlers get them. The handler's own filter is laid
//! over that one: its entry for a prefix wins, and a filter set later keeps the sink's.

use hlog::Filter;
use hlog::sink::Capture;
use hlog_otel_tests::Otel;
use opentelemetry::logs::AnyValue;
use tracing_subscriber::layer::SubscriberExt;

/// A warning from each target, through the `tracing` bridge.
fn log_from_every_target(logger: &hlog::Logger) {
    let layer = hlog::bridge::tracing::HlogLayer::to(logger.clone());
    tracing::subscriber::with_default(tracing_subscriber::registry().with(layer), || {
        tracing::warn!(target: "hyper::client::conn", "hyper");
        tracing::warn!(target: "hyper_util::client::legacy::pool", "hyper_util");
        tracing::warn!(target: "h2::codec", "h2");
        tracing::warn!(target: "tonic::transport", "tonic");
        tracing::warn!(target: "tower::buffer", "tower");
        tracing::warn!(target: "reqwest::connect", "reqwest");
        tracing::warn!(target: "opentelemetry", "opentelemetry");
        tracing::warn!(target: "opentelemetry_sdk::logs", "opentelemetry_sdk");
        tracing::warn!(target: "opentelemetry_otlp::exporter", "opentelemetry_otlp");
        tracing::warn!(target: "hyperdrive", "hyperdrive");
        tracing::warn!(target: "my_app::db", "my_app");
    });
}

fn bodies(otel: &Otel) -> Vec<AnyValue> {
    otel.records().iter().filter_map(|record| record.body().cloned()).collect()
}

#[test]
fn the_exporters_own_modules_do_not_reach_the_otel_sink() {
    let logger = hlog::Logger::new();
    let capture = Capture::new();
    logger.add(capture.clone()).format("{message}").install().unwrap();
    let otel = Otel::with(logger, |handler| handler);
    log_from_every_target(&otel.logger);
    assert_eq!(bodies(&otel), [AnyValue::from("hyperdrive"), AnyValue::from("my_app")]);
    assert_eq!(capture.text().lines().count(), 11);
}

#[test]
fn the_handlers_own_filter_is_laid_over_the_sinks() {
    let otel = Otel::with(hlog::Logger::new(), |handler| {
        handler.filter_levels([("tonic", "WARNING"), ("my_app", "ERROR")])
    });
    log_from_every_target(&otel.logger);
    assert_eq!(bodies(&otel), [AnyValue::from("tonic"), AnyValue::from("hyperdrive")]);

    // A filter set later is laid over the sink's too.
    let otel = Otel::new();
    let id = otel.logger.stats()[0].id;
    otel.logger.set_filter(id, Filter::all().with(|record| record.line() != 0)).unwrap();
    log_from_every_target(&otel.logger);
    assert_eq!(bodies(&otel), [AnyValue::from("hyperdrive"), AnyValue::from("my_app")]);
}
