//! OpenTelemetry output (cargo feature `opentelemetry`): [`OtelSink`] hands each record to an
//! `opentelemetry` logs `Logger` as a `LogRecord`, typed, with the active span's ids.
//!
//! The sink uses the line its handler formats for nothing: it builds the `LogRecord` from the
//! record itself (the message as the body, the fields as attributes), so it brings an empty
//! format to its handler ([`IntoSink::defaults`]) and the handler renders next to nothing. It
//! also brings a filter that turns the exporters' own modules off, and refuses a queue.

use std::cell::OnceCell;
use std::io;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use opentelemetry::logs::{AnyValue, LogRecord, Logger, LoggerProvider, Severity};
use opentelemetry::trace::TraceContextExt;
use opentelemetry::{Context, InstrumentationScope, Key, StringValue};

use super::{Fault, IntoSink, Sink, SinkDefaults};
use crate::message::Message;
use crate::out::Out;
use crate::record::Record;
use crate::thread::ThreadInfo;
use crate::time::Timestamp;
use crate::value::Value;

/// Records to OpenTelemetry: each record becomes a `LogRecord` of an `opentelemetry` logs
/// [`Logger`], and so reaches whatever exporters the program gave its `LoggerProvider` (OTLP
/// to a collector, stdout, ...). Cargo feature `opentelemetry`; hlog depends on the API crate
/// `opentelemetry` only, the program brings the SDK (`opentelemetry_sdk`) and its exporters.
///
/// Each `LogRecord` holds:
///
/// - **timestamp** and **observed timestamp**: the record's time;
/// - **severity number**: the level's band (TRACE 5 → `Trace`, DEBUG 10 → `Debug`, INFO 20 →
///   `Info`, WARNING 30 → `Warn`, ERROR 40 → `Error`, CRITICAL 50 → `Fatal`), plus how far the
///   level's number is above its band's, at most 3 (`Info2` … `Info4`): SUCCESS (25) is
///   `Info4`, a custom level 22 is `Info3`, 55 is `Fatal4`; any number below 5 is `Trace`;
/// - **severity text**: the level's name (`SUCCESS`, `WARNING`, a custom level's own);
/// - **target**: the module path (`{name}`), which OTLP exporters report as the
///   instrumentation scope, as `opentelemetry-appender-tracing` does with a `tracing` target;
/// - **body**: the message, as text, with the values as they are (not escaped: the body is
///   data that the exporter encodes, not a line), and no colour;
/// - **attributes**: every field of the record ([`Record::extra`]: the call's, contextual,
///   bound, a configuration's default fields and patched ones), typed: integers as `Int`
///   (an integer outside `i64` as its decimal text), floats as `Double` (an `f32` as the
///   `f64` nearest its shortest decimal: `0.1f32` is `0.1`), booleans as `Boolean`, text,
///   characters and `Display`/`Debug` values as `String`; then `code.file.path`,
///   `code.line.number` (`{file}`, `{line}`), `code.function.name` (the function's path,
///   `my_app::db::query`, where `{function}` is `query`), `thread.name` and `thread.id`; and,
///   with an attached error (`err = e`),
///   `exception.message` (the error and its `source()` chain, `outer: cause: root`) and
///   `exception.stacktrace` when the record carries a backtrace (while a handler of the logger
///   is built with `backtrace(true)`). (`exception.type` is left out: a `dyn Error` does not
///   know its type's name.) A record from the `log` or `tracing` bridge has no
///   `code.function.name` (its function is not known), and no `code.line.number` or
///   `code.file.path` when its origin did not say. A field named like one of these attributes
///   (`thread.id = 7`) is the attribute: hlog's own of that name is left out, so that no key
///   appears twice.
/// - **trace context**: the trace id, span id and flags of the active span of the current
///   `opentelemetry::Context`, when there is one. With `tracing-opentelemetry` (0.34, whose
///   layer makes an entered `tracing` span's OpenTelemetry context the current one unless
///   `with_context_activation(false)`), a call inside a `tracing` span carries that span's
///   ids.
///
/// **Export traffic is kept out.** OTLP exporters log through `tracing` and `log` (hyper, h2,
/// tonic, tower, reqwest, the OpenTelemetry crates themselves), often on threads of their own
/// while they export. With hlog's bridges installed, those records would come back into this
/// sink, to be exported, to make more records, without end (or, with a simple processor, wait
/// on the sink they are exporting from). So the sink brings its handler a filter
/// ([`SinkDefaults::modules_off`]) that turns these modules off: `hyper`, `hyper_util`, `h2`,
/// `tonic`, `tower`, `reqwest`, `opentelemetry`, `opentelemetry_sdk`, `opentelemetry_otlp`
/// (the targets bridged records carry, and their children: `hyper::client`). The logger's other
/// handlers still get them. The handler's own filter is laid over it: an entry for one of these
/// prefixes (`.filter_levels([("tonic", "WARNING")])`) wins over it, at the risk of the loop.
///
/// A record logged on the same thread while the sink emits (a processor's diagnostics, a
/// value's `Display` that logs) reaches the logger's other handlers but not OpenTelemetry
/// ([`Sink::write_nested`]), as OpenTelemetry keeps its own diagnostics out of its exports;
/// it counts in the handler's `stats()` as `dropped`.
///
/// A record logged from a thread-local's destructor once OpenTelemetry's own thread-locals
/// are gone cannot be emitted (the `opentelemetry` API panics there): the handler counts it
/// as lost and reports it once, and the call returns as usual.
///
/// The ids are read on the thread that runs the sink, which must be the calling thread: a
/// queued handler (`enqueue(true)`, `queue(...)`, an `AsyncSink` around this sink) would run it
/// on the logger's writer thread, where no span is active, and lose the ids; `install()`
/// refuses it with a [`ConfigError::Setting`](crate::ConfigError::Setting) that says why. The
/// SDK queues already: its batch processor exports on a thread of its own.
///
/// The `LogRecord` is built and emitted in the log call; the SDK allocates for it by its
/// nature (attributes past the first five, each owned string, the exporter's own work), so
/// this sink does not hold to hlog's zero-allocation rule. hlog adds no allocation beyond the
/// `LogRecord`'s own content (the body of a templated message, each text field of the call;
/// bound, contextual and configured text is shared, not copied), which a test checks against a
/// `LogRecord` built by hand.
///
/// `emit` returns nothing: the SDK reports export failures itself (its internal logs), and a
/// record the provider drops after `shutdown` counts as written in `stats()`. A record the
/// logger declines (`event_enabled` is false: a processor filters it out) is not emitted and
/// counts as `dropped`. A provider with a batch processor exports when it flushes:
/// [`flush_with`](OtelSink::flush_with) ties that to hlog's flushes.
///
/// # Examples
///
/// ```
/// use opentelemetry_sdk::logs::{InMemoryLogExporter, SdkLoggerProvider};
/// use opentelemetry::logs::{AnyValue, Severity};
///
/// let exporter = InMemoryLogExporter::default();
/// let provider = SdkLoggerProvider::builder().with_simple_exporter(exporter.clone()).build();
/// let logger = hlog::Logger::new();
/// logger.add(hlog::sink::OtelSink::new(&provider)).install().unwrap();
///
/// hlog::warning!(logger, "disk at {pct}%", pct = 91);
///
/// let logs = exporter.get_emitted_logs().unwrap();
/// let record = &logs[0].record;
/// assert_eq!(record.severity_number(), Some(Severity::Warn));
/// assert_eq!(record.severity_text(), Some("WARNING"));
/// assert_eq!(record.body(), Some(&AnyValue::from("disk at 91%")));
/// let pct = record.attributes_iter().find(|(key, _)| key.as_str() == "pct");
/// assert_eq!(pct.map(|(_, value)| value), Some(&AnyValue::Int(91)));
/// ```
pub struct OtelSink<L> {
    logger: L,
    flush: Option<FlushFn>,
}

/// What flushes the provider: given by [`OtelSink::flush_with`].
type FlushFn = Box<dyn FnMut() -> io::Result<()> + Send>;

impl<L: Logger + Send + 'static> OtelSink<L> {
    /// Records to `provider`, through a logger whose instrumentation scope is `hlog` (with
    /// hlog's version).
    ///
    /// # Examples
    ///
    /// ```
    /// let provider = opentelemetry_sdk::logs::SdkLoggerProvider::builder().build();
    /// let logger = hlog::Logger::new();
    /// logger.add(hlog::sink::OtelSink::new(&provider)).install().unwrap();
    /// ```
    pub fn new<P>(provider: &P) -> Self
    where
        P: LoggerProvider<Logger = L> + ?Sized,
    {
        let scope =
            InstrumentationScope::builder("hlog").with_version(env!("CARGO_PKG_VERSION")).build();
        OtelSink::with_logger(provider.logger_with_scope(scope))
    }

    /// Records to a logger the program made (with an instrumentation scope of its own).
    ///
    /// # Examples
    ///
    /// ```
    /// use opentelemetry::logs::LoggerProvider;
    ///
    /// let provider = opentelemetry_sdk::logs::SdkLoggerProvider::builder().build();
    /// let sink = hlog::sink::OtelSink::with_logger(provider.logger("my-service"));
    /// let logger = hlog::Logger::new();
    /// logger.add(sink).install().unwrap();
    /// ```
    pub fn with_logger(logger: L) -> Self {
        OtelSink { logger, flush: None }
    }

    /// Flush the provider with `flush` when hlog flushes the sink: at `hlog::complete()` (and
    /// `Logger::complete`), when the handler is removed, and when the program exits. A
    /// provider with a batch processor holds records until its next export; without this, a
    /// program exports them by shutting the provider down itself before it exits. An error is
    /// counted in `stats()` and reported once on stderr, as a sink's failed flush.
    ///
    /// # Examples
    ///
    /// ```
    /// use opentelemetry_sdk::logs::{InMemoryLogExporter, SdkLoggerProvider};
    ///
    /// let exporter = InMemoryLogExporter::default();
    /// let provider = SdkLoggerProvider::builder().with_batch_exporter(exporter.clone()).build();
    /// let sink = hlog::sink::OtelSink::new(&provider).flush_with({
    ///     let provider = provider.clone();
    ///     move || provider.force_flush()
    /// });
    /// let logger = hlog::Logger::new();
    /// logger.add(sink).install().unwrap();
    /// hlog::info!(logger, "batched");
    /// logger.complete();
    /// assert_eq!(exporter.get_emitted_logs().unwrap().len(), 1);
    /// ```
    pub fn flush_with<F, E>(mut self, mut flush: F) -> Self
    where
        F: FnMut() -> Result<(), E> + Send + 'static,
        E: std::error::Error + Send + Sync + 'static,
    {
        self.flush = Some(Box::new(move || flush().map_err(io::Error::other)));
        self
    }
}

impl<L: Logger + Send + 'static> IntoSink for OtelSink<L> {
    fn into_sink(self) -> Result<Box<dyn Sink>, crate::ConfigError> {
        Ok(Box::new(Emitter { logger: self.logger, flush: self.flush, buf: Vec::new() }))
    }

    /// An empty format: the sink reads the record, not the line, so the handler renders
    /// nothing it would throw away; a filter that turns off the modules that export (`hyper`,
    /// `h2`, `tonic`, ...: see [`OtelSink`]); and no queue.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::{IntoSink, OtelSink};
    ///
    /// let provider = opentelemetry_sdk::logs::SdkLoggerProvider::builder().build();
    /// let defaults = OtelSink::new(&provider).defaults();
    /// assert!(defaults.modules_off.contains(&"hyper"));
    /// assert!(defaults.calling_thread_only.is_some()); // `enqueue(true)` is refused
    /// ```
    fn defaults(&self) -> SinkDefaults {
        SinkDefaults {
            format: Some(hlog_macros::__format!(crate, "")),
            modules_off: &EXPORT_MODULES,
            calling_thread_only: Some(
                "the OpenTelemetry sink runs on the calling thread: it reads the caller's trace \
                 context (the active span's ids), which a queued handler's writer thread does \
                 not have; leave the handler unqueued (the SDK's batch processor queues)",
            ),
            ..SinkDefaults::default()
        }
    }
}

/// The modules (and `tracing` targets) of the crates that export: their records would come
/// back into the sink as it exports.
const EXPORT_MODULES: [&str; 9] = [
    "hyper",
    "hyper_util",
    "h2",
    "tonic",
    "tower",
    "reqwest",
    "opentelemetry",
    "opentelemetry_sdk",
    "opentelemetry_otlp",
];

/// The attributes the sink adds after the fields; a field of the same name replaces one.
const OWN: [&str; 7] = [
    "code.file.path",
    "code.line.number",
    "code.function.name",
    "thread.name",
    "thread.id",
    "exception.message",
    "exception.stacktrace",
];

/// Which of [`OWN`] a record's fields hold, a bit each.
#[derive(Clone, Copy, Default)]
struct Taken(u8);

impl Taken {
    /// Note `name` if it is one of [`OWN`].
    fn note(&mut self, name: &str) {
        if let Some(i) = OWN.iter().position(|own| *own == name) {
            self.0 |= 1 << i;
        }
    }

    /// Whether a field took the attribute `name` (one of [`OWN`]).
    fn has(self, name: &str) -> bool {
        OWN.iter().position(|own| *own == name).is_some_and(|i| self.0 & (1 << i) != 0)
    }
}

/// The sink an [`OtelSink`] makes: its logger, what flushes the provider, and a buffer that
/// renders text (reused).
struct Emitter<L> {
    logger: L,
    flush: Option<FlushFn>,
    buf: Vec<u8>,
}

impl<L: Logger + Send + 'static> Sink for Emitter<L> {
    fn write(&mut self, _line: &[u8], record: &Record<'_>) -> io::Result<()> {
        let level = record.level();
        let severity = severity(level.no());
        let target = record.module_path();
        if !self.logger.event_enabled(severity, target, None) {
            return Err(Fault::not_taken());
        }
        let mut log = self.logger.create_log_record();
        let time = system_time(record.time());
        log.set_timestamp(time);
        log.set_observed_timestamp(time);
        log.set_severity_number(severity);
        log.set_severity_text(level.name());
        log.set_target(target);
        log.set_body(AnyValue::String(self.body(record.message())));
        let mut taken = Taken::default();
        let mut fields = record.extra();
        while let Some((name, value)) = fields.next() {
            // A bound or contextual text is shared with the record, not copied.
            let value = match fields.last_shared_text() {
                Some(text) => AnyValue::String(StringValue::from(Arc::clone(text))),
                None => self.any_value(&value),
            };
            taken.note(name);
            log.add_attribute(Key::from_static_str(name), value);
        }
        let mut own = |key: &'static str, value: Option<AnyValue>| {
            if let Some(value) = value.filter(|_| !taken.has(key)) {
                log.add_attribute(Key::from_static_str(key), value);
            }
        };
        // A bridged record's origin may be unknown: `<unknown>`, line 0.
        let file = Some(record.file()).filter(|file| *file != "<unknown>");
        own("code.file.path", file.map(AnyValue::from));
        own("code.line.number", Some(record.line()).filter(|&line| line != 0).map(AnyValue::from));
        own("code.function.name", record.callsite.function_path().map(AnyValue::from));
        own("thread.name", Some(AnyValue::String(thread_name(record.thread))));
        own("thread.id", Some(int(crate::thread::id(record.thread))));
        if let Some(error) = record.error() {
            self.exception(&mut log, error, record.backtrace(), taken);
        }
        Context::map_current(|cx| {
            if cx.has_active_span() {
                let span = cx.span();
                let span = span.span_context();
                if span.is_valid() {
                    log.set_trace_context(
                        span.trace_id(),
                        span.span_id(),
                        Some(span.trace_flags()),
                    );
                }
            }
        });
        self.logger.emit(log);
        Ok(())
    }

    /// A record logged while this sink emitted (the SDK's own diagnostics through hlog's
    /// `tracing` bridge, which OpenTelemetry marks as not to be exported; a value's `Display`
    /// that logs) reaches the logger's other handlers, not this one: only its line was kept,
    /// and writing `outer` again would send that record twice (and, for a diagnostic that
    /// every emit makes, again and again). It counts as `dropped` ([`Fault::not_taken`]).
    fn write_nested(&mut self, _line: &[u8], _outer: &Record<'_>) -> io::Result<()> {
        Err(Fault::not_taken())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.flush.as_mut().map_or(Ok(()), |flush| flush())
    }

    fn describe(&self) -> String {
        "opentelemetry".into()
    }
}

impl<L> Emitter<L> {
    /// The message as text: a template's text with its values as they are, no colour.
    fn body(&mut self, message: &Message<'_>) -> StringValue {
        match message {
            Message::Static(text) => StringValue::from(*text),
            Message::Text(text) => StringValue::from(String::from(*text)),
            Message::Template(template) => {
                self.buf.clear();
                template.write(&mut Out::new(&mut self.buf, None, false));
                self.text()
            }
        }
    }

    /// A field's value, typed.
    fn any_value(&mut self, value: &Value<'_>) -> AnyValue {
        match *value {
            Value::Str(text) => AnyValue::String(String::from(text).into()),
            Value::I64(v) => AnyValue::Int(v),
            Value::U64(v) => int(v),
            Value::I128(v) => int(v),
            Value::U128(v) => int(v),
            Value::F64(v) => AnyValue::Double(v),
            Value::F32(v) => AnyValue::Double(widen(v)),
            Value::Bool(v) => AnyValue::Boolean(v),
            Value::Char(_) | Value::Display(_) | Value::Debug(_) => {
                self.buf.clear();
                Out::new(&mut self.buf, None, false).value(value);
                AnyValue::String(self.text())
            }
        }
    }

    /// `exception.message`: the error and its causes, `outer: cause: root`; and
    /// `exception.stacktrace` when the record carries a backtrace.
    fn exception(
        &mut self,
        log: &mut impl LogRecord,
        error: &(dyn std::error::Error + 'static),
        backtrace: Option<&dyn std::fmt::Display>,
        taken: Taken,
    ) {
        self.buf.clear();
        let mut out = Out::new(&mut self.buf, None, false);
        out.display(error);
        let mut source = error.source();
        while let Some(cause) = source {
            out.verbatim(": ");
            out.display(cause);
            source = cause.source();
        }
        if !taken.has("exception.message") {
            log.add_attribute(Key::from_static_str("exception.message"), self.text());
        }
        if let Some(backtrace) = backtrace.filter(|_| !taken.has("exception.stacktrace")) {
            self.buf.clear();
            Out::new(&mut self.buf, None, false).display(backtrace);
            log.add_attribute(Key::from_static_str("exception.stacktrace"), self.text());
        }
    }

    /// The text in the buffer, owned (allocated at its exact size: the SDK keeps it boxed).
    fn text(&self) -> StringValue {
        // `Out` writes whole characters of `&str`s and `Display` output: valid UTF-8.
        StringValue::from(String::from_utf8_lossy(&self.buf).into_owned())
    }
}

/// The severity of an hlog level number: its band's (TRACE 5, DEBUG 10, INFO 20, WARNING 30,
/// ERROR 40, CRITICAL 50), plus its distance above the band's number, at most 3.
fn severity(no: u32) -> Severity {
    const BANDS: [(u32, [Severity; 4]); 6] = [
        (50, [Severity::Fatal, Severity::Fatal2, Severity::Fatal3, Severity::Fatal4]),
        (40, [Severity::Error, Severity::Error2, Severity::Error3, Severity::Error4]),
        (30, [Severity::Warn, Severity::Warn2, Severity::Warn3, Severity::Warn4]),
        (20, [Severity::Info, Severity::Info2, Severity::Info3, Severity::Info4]),
        (10, [Severity::Debug, Severity::Debug2, Severity::Debug3, Severity::Debug4]),
        (5, [Severity::Trace, Severity::Trace2, Severity::Trace3, Severity::Trace4]),
    ];
    for (base, steps) in BANDS {
        if no >= base {
            return steps[(no - base).min(3) as usize];
        }
    }
    Severity::Trace
}

/// An integer as `Int`, or as its decimal text when it does not fit in `i64`.
fn int<I: TryInto<i64> + itoa::Integer + Copy>(value: I) -> AnyValue {
    match value.try_into() {
        Ok(v) => AnyValue::Int(v),
        Err(_) => AnyValue::String(String::from(itoa::Buffer::new().format(value)).into()),
    }
}

/// An `f32` as the `f64` nearest its shortest decimal (`0.1f32` → `0.1`, not
/// `0.10000000149011612`).
fn widen(value: f32) -> f64 {
    if !value.is_finite() {
        return f64::from(value);
    }
    zmij::Buffer::new().format_finite(value).parse().unwrap_or(f64::from(value))
}

/// A record's time as a `SystemTime` (before 1970 too; the epoch for a time `SystemTime`
/// cannot hold).
fn system_time(time: Timestamp) -> SystemTime {
    let secs = time.secs();
    let since = Duration::new(secs.unsigned_abs(), 0);
    let whole =
        if secs >= 0 { UNIX_EPOCH.checked_add(since) } else { UNIX_EPOCH.checked_sub(since) };
    whole
        .and_then(|whole| whole.checked_add(Duration::from_nanos(u64::from(time.nanos()))))
        .unwrap_or(UNIX_EPOCH)
}

thread_local! {
    /// The current thread's name, made once per thread and shared by its records.
    static THREAD_NAME: OnceCell<Arc<str>> = const { OnceCell::new() };
}

/// The name of the thread `of` (a queued record's), the current thread's when `None`.
fn thread_name(of: Option<&ThreadInfo>) -> StringValue {
    if let Some(info) = of {
        return StringValue::from(String::from(info.name()));
    }
    let cached = THREAD_NAME
        .try_with(|name| name.get_or_init(|| ThreadInfo::current().name().into()).clone());
    match cached {
        Ok(name) => StringValue::from(name),
        // Logging from a thread-local's destructor: the cache is gone.
        Err(_) => StringValue::from(String::from(ThreadInfo::current().name())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_map_to_severities_by_band_and_distance() {
        let cases = [
            (0, Severity::Trace),
            (5, Severity::Trace),
            (6, Severity::Trace2),
            (9, Severity::Trace4),
            (10, Severity::Debug),
            (20, Severity::Info),
            (22, Severity::Info3),
            (25, Severity::Info4),
            (30, Severity::Warn),
            (31, Severity::Warn2),
            (40, Severity::Error),
            (50, Severity::Fatal),
            (55, Severity::Fatal4),
            (u32::MAX, Severity::Fatal4),
        ];
        for (no, expected) in cases {
            assert_eq!(severity(no), expected, "{no}");
        }
    }

    #[test]
    fn integers_outside_i64_are_text() {
        assert_eq!(int(i64::MAX as u64), AnyValue::Int(i64::MAX));
        assert_eq!(int(u64::MAX), AnyValue::from("18446744073709551615"));
        assert_eq!(int(i128::MIN), AnyValue::from("-170141183460469231731687303715884105728"));
        assert_eq!(int(-5i128), AnyValue::Int(-5));
    }

    #[test]
    fn f32_widens_to_its_shortest_decimal() {
        assert_eq!(widen(0.1), 0.1);
        assert_eq!(widen(-2.5e-8), -2.5e-8);
        assert_eq!(widen(f32::INFINITY), f64::INFINITY);
        assert!(widen(f32::NAN).is_nan());
    }

    #[test]
    fn times_before_and_after_the_epoch() {
        let after = system_time(Timestamp::from_unix(1, 500));
        assert_eq!(after, UNIX_EPOCH + Duration::new(1, 500));
        let before = system_time(Timestamp::from_unix(-2, 250_000_000));
        assert_eq!(before, UNIX_EPOCH - Duration::from_millis(1750));
    }
}
