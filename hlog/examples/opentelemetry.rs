//! Records to OpenTelemetry: `cargo run --example opentelemetry --features opentelemetry`.
//!
//! hlog's records go to an OpenTelemetry `LoggerProvider` through `hlog::sink::OtelSink`,
//! beside the console. The provider here exports to stdout (the SDK's stdout exporter); a real
//! program gives it an OTLP exporter to a collector instead (the `opentelemetry-otlp` crate).
//! Inside a span, each record carries the span's trace and span ids.

use opentelemetry::trace::{Tracer, TracerProvider};
use opentelemetry_sdk::logs::SdkLoggerProvider;
use opentelemetry_sdk::trace::SdkTracerProvider;

fn main() {
    let provider = SdkLoggerProvider::builder()
        .with_simple_exporter(opentelemetry_stdout::LogExporter::default())
        .build();
    hlog::remove_all();
    hlog::add(hlog::sink::Console::stderr())
        .format("{level: <8} | {message} {extra}")
        .install()
        .unwrap();
    hlog::add(hlog::sink::OtelSink::new(&provider)).install().unwrap();

    let request = hlog::logger().bind([("request_id", "abc-123".into())]);
    let tracer = SdkTracerProvider::builder().build().tracer("example");
    tracer.in_span("checkout", |_cx| {
        hlog::info!(request, "Checkout started", items = 3);
        let e = std::io::Error::other("card declined");
        hlog::error!(request, "Payment failed", err = e, amount = 12.5);
    });
    hlog::success!(request, "Outside any span: no ids");

    // Export what is buffered, then stop the provider (a batch processor would need this).
    hlog::complete();
    provider.shutdown().unwrap();
}
