//! A log call made while an `opentelemetry::Context` with an active span is current carries
//! that span's trace id, span id and flags; a queued handler (`enqueue(true)`), whose sink runs
//! on the writer thread, carries none.

use hlog_otel_tests::{Otel, attribute};
use opentelemetry::Context;
use opentelemetry::logs::AnyValue;
use opentelemetry::trace::{
    SpanContext, SpanId, TraceContextExt, TraceFlags, TraceId, TraceState, Tracer as _,
    TracerProvider as _,
};
use opentelemetry_sdk::trace::SdkTracerProvider;

fn remote() -> SpanContext {
    SpanContext::new(
        TraceId::from_hex("4bf92f3577b34da6a3ce929d0e0e4736").unwrap(),
        SpanId::from_hex("00f067aa0ba902b7").unwrap(),
        TraceFlags::SAMPLED,
        true,
        TraceState::default(),
    )
}

#[test]
fn a_call_in_a_current_context_carries_its_span_ids() {
    let otel = Otel::new();
    let cx = Context::new().with_remote_span_context(remote());
    {
        let _attached = cx.attach();
        hlog::info!(otel.logger, "propagated");
    }
    hlog::info!(otel.logger, "detached");
    let ids: Vec<_> = otel
        .records()
        .iter()
        .map(|record| record.trace_context().map(|cx| (cx.trace_id, cx.span_id, cx.trace_flags)))
        .collect();
    let span = remote();
    assert_eq!(ids, [Some((span.trace_id(), span.span_id(), Some(TraceFlags::SAMPLED))), None]);
}

#[test]
fn a_span_of_the_sdks_tracer_gives_its_ids() {
    let otel = Otel::new();
    let tracer = SdkTracerProvider::builder().build().tracer("test");
    let span_context = tracer.in_span("work", |cx| {
        hlog::info!(otel.logger, "working");
        cx.span().span_context().clone()
    });
    let record = otel.record();
    let ids = record.trace_context().map(|cx| (cx.trace_id, cx.span_id));
    assert_eq!(ids, Some((span_context.trace_id(), span_context.span_id())));
}

#[test]
fn a_queued_handler_carries_no_ids() {
    let otel = Otel::with(hlog::Logger::new(), |handler| handler.enqueue(true));
    {
        let _attached = Context::new().with_remote_span_context(remote()).attach();
        hlog::info!(otel.logger, "queued");
    }
    otel.logger.complete();
    let record = otel.record();
    assert_eq!(record.body(), Some(&AnyValue::from("queued")));
    assert_eq!(record.trace_context(), None);
    // The rest of the record is the calling thread's, as a queued record keeps it.
    let thread = std::thread::current().name().unwrap().to_owned();
    assert_eq!(attribute(&record, "thread.name"), Some(AnyValue::from(thread)));
}
