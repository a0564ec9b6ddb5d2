//! Tests of hlog's OpenTelemetry output (`hlog::sink::OtelSink`, cargo feature
//! `opentelemetry`), in `tests/`: records go through the SDK's in-memory exporter and are read
//! back. This library is their shared set-up.

use std::borrow::Cow;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use opentelemetry::logs::{AnyValue, LogRecord, Logger, LoggerProvider, Severity};
use opentelemetry::trace::{SpanId, TraceFlags, TraceId};
use opentelemetry::{InstrumentationScope, Key};
use opentelemetry_sdk::logs::{InMemoryLogExporter, SdkLogRecord, SdkLoggerProvider};

/// The bodies of the records `exporter` has, in order.
pub fn bodies(exporter: &InMemoryLogExporter) -> Vec<Option<AnyValue>> {
    let logs = exporter.get_emitted_logs().expect("the in-memory exporter holds its records");
    logs.into_iter().map(|log| log.record.body().cloned()).collect()
}

/// A logger whose one handler is an `OtelSink` over an SDK provider that exports each record
/// at once (a simple processor) to an in-memory exporter.
pub struct Otel {
    /// The hlog logger to log through.
    pub logger: hlog::Logger,
    /// Where the records end up.
    pub exporter: InMemoryLogExporter,
    /// The SDK's provider.
    pub provider: SdkLoggerProvider,
}

impl Otel {
    /// A fresh logger, provider and exporter, the handler with its default settings.
    pub fn new() -> Self {
        Otel::with(hlog::Logger::new(), |handler| handler)
    }

    /// A fresh provider and exporter, and a handler on `logger` with `settings`.
    pub fn with(
        logger: hlog::Logger,
        settings: impl FnOnce(hlog::HandlerBuilder<'_>) -> hlog::HandlerBuilder<'_>,
    ) -> Self {
        let exporter = InMemoryLogExporter::default();
        let provider = SdkLoggerProvider::builder().with_simple_exporter(exporter.clone()).build();
        let handler = logger.add(hlog::sink::OtelSink::new(&provider));
        settings(handler).install().expect("the handler installs");
        Otel { logger, exporter, provider }
    }

    /// The records exported so far.
    pub fn records(&self) -> Vec<SdkLogRecord> {
        let logs = self.exporter.get_emitted_logs().expect("the exporter is readable");
        logs.into_iter().map(|log| log.record).collect()
    }

    /// The one record exported so far.
    pub fn record(&self) -> SdkLogRecord {
        let mut records = self.records();
        assert_eq!(records.len(), 1, "{records:#?}");
        records.remove(0)
    }
}

impl Default for Otel {
    fn default() -> Self {
        Otel::new()
    }
}

/// The attributes every record carries after its fields: where the call was made, and on
/// which thread.
pub const LOCATION: [&str; 5] =
    ["code.file.path", "code.line.number", "code.function.name", "thread.name", "thread.id"];

/// A record's attributes, in order, with their keys as text.
pub fn attributes(record: &SdkLogRecord) -> Vec<(String, AnyValue)> {
    record.attributes_iter().map(|(key, value)| (key.as_str().to_owned(), value.clone())).collect()
}

/// A record's attributes that come from its fields (all but [`LOCATION`] and `exception.*`).
pub fn fields(record: &SdkLogRecord) -> Vec<(String, AnyValue)> {
    attributes(record)
        .into_iter()
        .filter(|(key, _)| !LOCATION.contains(&key.as_str()) && !key.starts_with("exception."))
        .collect()
}

/// One attribute's value.
pub fn attribute(record: &SdkLogRecord, key: &str) -> Option<AnyValue> {
    attributes(record).into_iter().find(|(k, _)| k == key).map(|(_, value)| value)
}

/// `(key, value)` pairs with owned keys, for comparing with [`fields`].
pub fn pairs<const N: usize>(pairs: [(&str, AnyValue); N]) -> Vec<(String, AnyValue)> {
    pairs.into_iter().map(|(key, value)| (key.to_owned(), value)).collect()
}

/// A `LoggerProvider` built on the API crate alone, which keeps each record's body and trace
/// context as the sink set them. The SDK's logger fills a record's trace context from the
/// current `Context` itself when the record has none; this one does not, so what it keeps is
/// the sink's own doing.
#[derive(Clone, Default)]
pub struct Recording(Arc<Mutex<Vec<Recorded>>>);

/// What [`Recording`] keeps of a record.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Recorded {
    /// The body.
    pub body: Option<AnyValue>,
    /// The trace id, span id and flags, as the sink set them.
    pub trace: Option<(TraceId, SpanId, Option<TraceFlags>)>,
}

impl Recording {
    /// A logger whose one handler is an `OtelSink` over this provider.
    pub fn logger(&self) -> hlog::Logger {
        let logger = hlog::Logger::new();
        logger.add(hlog::sink::OtelSink::new(self)).install().expect("the handler installs");
        logger
    }

    /// The records emitted so far.
    pub fn records(&self) -> Vec<Recorded> {
        self.0.lock().unwrap().clone()
    }

    /// The trace context of each record emitted so far.
    pub fn trace_contexts(&self) -> Vec<Option<(TraceId, SpanId, Option<TraceFlags>)>> {
        self.records().into_iter().map(|record| record.trace).collect()
    }
}

impl LoggerProvider for Recording {
    type Logger = Recording;

    fn logger_with_scope(&self, _scope: InstrumentationScope) -> Recording {
        self.clone()
    }
}

impl Logger for Recording {
    type LogRecord = Recorded;

    fn create_log_record(&self) -> Recorded {
        Recorded::default()
    }

    fn emit(&self, record: Recorded) {
        self.0.lock().unwrap().push(record);
    }

    fn event_enabled(&self, _level: Severity, _target: &str, _name: Option<&str>) -> bool {
        true
    }
}

impl LogRecord for Recorded {
    fn set_event_name(&mut self, _name: &'static str) {}

    fn set_target<T: Into<Cow<'static, str>>>(&mut self, _target: T) {}

    fn set_timestamp(&mut self, _timestamp: SystemTime) {}

    fn set_observed_timestamp(&mut self, _timestamp: SystemTime) {}

    fn set_severity_text(&mut self, _text: &'static str) {}

    fn set_severity_number(&mut self, _number: Severity) {}

    fn set_body(&mut self, body: AnyValue) {
        self.body = Some(body);
    }

    fn add_attributes<I, K, V>(&mut self, _attributes: I)
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<Key>,
        V: Into<AnyValue>,
    {
    }

    fn add_attribute<K: Into<Key>, V: Into<AnyValue>>(&mut self, _key: K, _value: V) {}

    fn set_trace_context(
        &mut self,
        trace_id: TraceId,
        span_id: SpanId,
        trace_flags: Option<TraceFlags>,
    ) {
        self.trace = Some((trace_id, span_id, trace_flags));
    }
}
