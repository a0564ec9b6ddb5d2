//! A log call made while an `opentelemetry::Context` with an active span is current carries
//! that span's trace id, span id and flags (a span that is not sampled too, with its flags 0);
//! a span context that is not valid gives no ids. Through a provider that sets no trace
//! context itself ([`Recording`]; the SDK's logger fills it from the current context when the
//! record has none), so that these are the sink's own.

use hlog_otel_tests::Recording;
use opentelemetry::Context;
use opentelemetry::trace::{
    SpanContext, SpanId, TraceContextExt, TraceFlags, TraceId, TraceState, Tracer as _,
    TracerProvider as _,
};
use opentelemetry_sdk::trace::SdkTracerProvider;

fn remote(flags: TraceFlags) -> SpanContext {
    SpanContext::new(
        TraceId::from_hex("4bf92f3577b34da6a3ce929d0e0e4736").unwrap(),
        SpanId::from_hex("00f067aa0ba902b7").unwrap(),
        flags,
        true,
        TraceState::default(),
    )
}

fn ids(span: &SpanContext) -> Option<(TraceId, SpanId, Option<TraceFlags>)> {
    Some((span.trace_id(), span.span_id(), Some(span.trace_flags())))
}

#[test]
fn a_call_in_a_current_context_carries_its_span_ids() {
    let provider = Recording::default();
    let logger = provider.logger();
    let cx = Context::new().with_remote_span_context(remote(TraceFlags::SAMPLED));
    {
        let _attached = cx.attach();
        hlog::info!(logger, "propagated");
    }
    hlog::info!(logger, "detached");
    assert_eq!(provider.trace_contexts(), [ids(&remote(TraceFlags::SAMPLED)), None]);
    assert_eq!(provider.trace_contexts()[0].unwrap().2, Some(TraceFlags::SAMPLED));
}

#[test]
fn a_span_that_is_not_sampled_passes_its_flags() {
    let provider = Recording::default();
    let logger = provider.logger();
    let span = remote(TraceFlags::default());
    {
        let _attached = Context::new().with_remote_span_context(span.clone()).attach();
        hlog::info!(logger, "not sampled");
    }
    assert_eq!(provider.trace_contexts(), [ids(&span)]);
    assert_eq!(provider.trace_contexts()[0].unwrap().2, Some(TraceFlags::NOT_SAMPLED));
}

#[test]
fn an_invalid_span_context_gives_no_ids() {
    let provider = Recording::default();
    let logger = provider.logger();
    let invalid = SpanContext::new(
        TraceId::INVALID,
        SpanId::INVALID,
        TraceFlags::SAMPLED,
        true,
        TraceState::default(),
    );
    {
        let _attached = Context::new().with_remote_span_context(invalid).attach();
        hlog::info!(logger, "invalid");
    }
    assert_eq!(provider.trace_contexts(), [None]);
}

#[test]
fn a_span_of_the_sdks_tracer_gives_its_ids() {
    let provider = Recording::default();
    let logger = provider.logger();
    let tracer = SdkTracerProvider::builder().build().tracer("test");
    let span_context = tracer.in_span("work", |cx| {
        hlog::info!(logger, "working");
        cx.span().span_context().clone()
    });
    assert_eq!(provider.trace_contexts(), [ids(&span_context)]);
}
