//! The SDK allocates for each `LogRecord` by its nature (attributes past its first five, each
//! owned string), so an OpenTelemetry sink cannot allocate nothing. What hlog adds is checked
//! here: a record through `OtelSink` allocates exactly what building the same `LogRecord` by
//! hand and emitting it through the same SDK logger allocates (a bound text field shared, not
//! copied). The provider's processor drops the record, so the exporter's own work is not
//! counted. Counted on the thread under test. The counts the README states are checked too: 0
//! allocations for a static message without fields, 3 for a template with fields (the body,
//! the call's text field, the SDK's attribute list past five attributes).

#[path = "../../../hlog/tests/common/counting.rs"]
mod counting;

use std::sync::Arc;
use std::time::SystemTime;

use counting::on_this_thread as allocations;
use opentelemetry::logs::{AnyValue, LogRecord as _, Logger as _, LoggerProvider as _, Severity};
use opentelemetry::{InstrumentationScope, Key};
use opentelemetry_sdk::error::OTelSdkResult;
use opentelemetry_sdk::logs::{LogProcessor, SdkLogRecord, SdkLoggerProvider};

/// A processor that takes each record and drops it.
#[derive(Debug)]
struct Drop;

impl LogProcessor for Drop {
    fn emit(&self, _record: &mut SdkLogRecord, _scope: &InstrumentationScope) {}

    fn force_flush(&self) -> OTelSdkResult {
        Ok(())
    }

    fn shutdown_with_timeout(&self, _timeout: std::time::Duration) -> OTelSdkResult {
        Ok(())
    }
}

#[test]
fn otel_sink_adds_no_allocation_beyond_the_log_record() {
    let provider = SdkLoggerProvider::builder().with_log_processor(Drop).build();
    let logger = hlog::Logger::new();
    logger.add(hlog::sink::OtelSink::new(&provider)).install().unwrap();
    let user = "alice";
    // A bound text field: shared with the `LogRecord`, not copied.
    let request: Arc<str> = "abc-123".into();
    let child = logger.bind([("request_id", hlog::OwnedValue::Str(request.clone()))]);
    let through_hlog = |fields: bool| {
        if fields {
            hlog::info!(child, "User {user} logged in", attempts = 3, ok = true);
        } else {
            hlog::info!(logger, "User logged in");
        }
    };

    // The same records by hand, through the same SDK logger: what any appender must build.
    let sdk = provider.logger("hand");
    let thread: Arc<str> = std::thread::current().name().unwrap().into();
    let by_hand = |fields: bool| {
        let (severity, target) = (Severity::Info, module_path!());
        assert!(sdk.event_enabled(severity, target, None));
        let mut record = sdk.create_log_record();
        let now = SystemTime::now();
        record.set_timestamp(now);
        record.set_observed_timestamp(now);
        record.set_severity_number(severity);
        record.set_severity_text("INFO");
        record.set_target(target);
        if fields {
            record.set_body(AnyValue::from(String::from("User alice logged in")));
            record.add_attribute(Key::from_static_str("user"), String::from(user));
            record.add_attribute(Key::from_static_str("attempts"), 3);
            record.add_attribute(Key::from_static_str("ok"), true);
            let shared = AnyValue::String(request.clone().into());
            record.add_attribute(Key::from_static_str("request_id"), shared);
        } else {
            record.set_body(AnyValue::from("User logged in"));
        }
        record.add_attribute(Key::from_static_str("code.file.path"), file!());
        record.add_attribute(Key::from_static_str("code.line.number"), line!());
        record.add_attribute(Key::from_static_str("code.function.name"), "test");
        let name = AnyValue::String(thread.clone().into());
        record.add_attribute(Key::from_static_str("thread.name"), name);
        record.add_attribute(Key::from_static_str("thread.id"), 1);
        sdk.emit(record);
    };

    for (fields, per_record) in [(false, 0), (true, 3)] {
        // Warm-up: thread-locals, the handler's buffers.
        (0..10).for_each(|_| through_hlog(fields));
        (0..10).for_each(|_| by_hand(fields));
        let hlog = allocations(|| (0..100).for_each(|_| through_hlog(fields)));
        let hand = allocations(|| (0..100).for_each(|_| by_hand(fields)));
        assert_eq!(hlog, hand, "fields: {fields}");
        assert_eq!(hlog, 100 * per_record, "fields: {fields}");
    }
}
