//! An attached error (`err = e`) becomes `exception.message`: the error and its `source()`
//! chain, `outer: cause: root`; the body stays the message. A backtrace, for a handler that
//! asks for one, becomes `exception.stacktrace`.

use std::fmt;

use hlog_otel_tests::{Otel, attribute};
use opentelemetry::logs::AnyValue;

#[derive(Debug)]
struct Failure {
    text: &'static str,
    source: Option<Box<Failure>>,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text)
    }
}

impl std::error::Error for Failure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|e| e as _)
    }
}

fn chain() -> Failure {
    let root = Failure { text: "connection refused\nby peer", source: None };
    let cause = Failure { text: "pool exhausted", source: Some(Box::new(root)) };
    Failure { text: "request failed", source: Some(Box::new(cause)) }
}

#[test]
fn an_error_and_its_chain_become_exception_message() {
    let otel = Otel::new();
    let e = chain();
    hlog::error!(otel.logger, "giving up", err = e);
    let record = otel.record();
    assert_eq!(record.body(), Some(&AnyValue::from("giving up")));
    assert_eq!(
        attribute(&record, "exception.message"),
        Some(AnyValue::from("request failed: pool exhausted: connection refused\nby peer"))
    );
    assert_eq!(attribute(&record, "exception.stacktrace"), None);
    assert_eq!(attribute(&record, "exception.type"), None);
}

#[test]
fn a_backtrace_becomes_exception_stacktrace() {
    let otel = Otel::with(hlog::Logger::new(), |handler| handler.backtrace(true));
    let e = chain();
    hlog::error!(otel.logger, "giving up", err = e);
    let record = otel.record();
    let Some(AnyValue::String(trace)) = attribute(&record, "exception.stacktrace") else {
        panic!("no stacktrace: {record:?}");
    };
    // The logging call's frames, as `std::backtrace::Backtrace` prints them.
    assert!(trace.as_str().contains("a_backtrace_becomes_exception_stacktrace"), "{trace}");
}
