//! Tests of hlog's OpenTelemetry output (`hlog::sink::OtelSink`, cargo feature
//! `opentelemetry`), in `tests/`: records go through the SDK's in-memory exporters and are
//! read back. The library itself is empty.
