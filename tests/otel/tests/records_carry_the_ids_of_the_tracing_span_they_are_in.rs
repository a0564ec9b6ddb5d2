//! A log call inside a `tracing` span that `tracing-opentelemetry` exports carries that span's
//! trace and span ids (its layer makes the entered span's OpenTelemetry context the current
//! one); a call outside any span carries none. Through a provider that sets no trace context
//! itself ([`Recording`]), so that the ids are the sink's own doing.

use hlog_otel_tests::Recording;
use opentelemetry::trace::TracerProvider as _;
use opentelemetry_sdk::trace::{InMemorySpanExporter, SdkTracerProvider};
use tracing_subscriber::layer::SubscriberExt;

#[test]
fn a_call_inside_a_tracing_span_carries_its_ids() {
    let spans = InMemorySpanExporter::default();
    let tracer_provider = SdkTracerProvider::builder().with_simple_exporter(spans.clone()).build();
    let layer = tracing_opentelemetry::layer().with_tracer(tracer_provider.tracer("test"));
    let subscriber = tracing_subscriber::registry().with(layer);
    let provider = Recording::default();
    let logger = provider.logger();

    tracing::subscriber::with_default(subscriber, || {
        let request = tracing::info_span!("request");
        let _request = request.enter();
        hlog::info!(logger, "in request");
        let query = tracing::info_span!("query");
        let _query = query.enter();
        hlog::info!(logger, "in query");
    });
    hlog::info!(logger, "outside");

    let finished = spans.get_finished_spans().unwrap();
    let names: Vec<_> = finished.iter().map(|span| span.name.as_ref()).collect();
    assert_eq!(names, ["query", "request"]);
    let ids = provider.trace_contexts();
    let of = |span: &opentelemetry_sdk::trace::SpanData| {
        let cx = &span.span_context;
        Some((cx.trace_id(), cx.span_id(), Some(cx.trace_flags())))
    };
    assert_eq!(ids, [of(&finished[1]), of(&finished[0]), None]);
    assert_eq!(finished[0].span_context.trace_id(), finished[1].span_context.trace_id());
    assert!(finished[0].span_context.is_sampled());
}
