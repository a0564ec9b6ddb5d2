//! Tests of hlog's OpenTelemetry output (`hlog::sink::OtelSink`, cargo feature
//! `opentelemetry`), in `tests/`: records go through the SDK's in-memory exporter and are read
//! back. This library is their shared set-up.

use opentelemetry::logs::AnyValue;
use opentelemetry_sdk::logs::{InMemoryLogExporter, SdkLogRecord, SdkLoggerProvider};

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
