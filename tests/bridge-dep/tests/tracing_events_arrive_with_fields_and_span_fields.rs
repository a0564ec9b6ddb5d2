//! A `tracing::info!` from another crate reaches hlog's handlers through `HlogLayer`, beside
//! another layer of the registry: its level, its target as `{name}`, its file and line, its
//! fields typed, then the fields of its spans (the innermost span's first, a name given twice
//! shown once, the nearest value); `disable` and a per-sink filter apply to it by target; a
//! queued handler writes the same bytes.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use hlog::bridge::tracing::HlogLayer;
use hlog_bridge_dep as dep;
use tracing_subscriber::Layer;
use tracing_subscriber::layer::SubscriberExt;

const FORMAT: &str = "{level} | {name} | {file}:{line} | {function} | {message} | {extra}";
const FILE: &str = "tests/bridge-dep/src/lib.rs";

/// Another layer, counting the events it sees.
struct Counting(Arc<AtomicUsize>);

impl<S: tracing::Subscriber> Layer<S> for Counting {
    fn on_event(&self, _: &tracing::Event<'_>, _: tracing_subscriber::layer::Context<'_, S>) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }
}

/// Run `f` with a registry of an `HlogLayer` to `logger` and a counting layer; returns how many
/// events the counting layer saw.
fn with_layers(logger: &hlog::Logger, f: impl FnOnce()) -> usize {
    let counted = Arc::new(AtomicUsize::new(0));
    let subscriber = tracing_subscriber::registry()
        .with(HlogLayer::to(logger.clone()))
        .with(Counting(counted.clone()));
    tracing::subscriber::with_default(subscriber, f);
    counted.load(Ordering::Relaxed)
}

fn request_line(line: u32) -> String {
    format!(
        "INFO | hlog_bridge_dep | {FILE}:{line} | <unknown> | loaded 2 rows | {{\"rows\": 2, \
         \"big\": 18446744073709551615, \"ms\": 1.5, \"hit\": false, \"query\": \
         \"[\\\"a\\\", \\\"b\\\"]\", \"table\": \"users\", \"request_id\": \"shadowed\", \
         \"route\": \"/api/users\"}}"
    )
}

#[test]
fn events_arrive_with_their_fields_then_their_spans_fields() {
    let logger = hlog::Logger::new();
    let capture = hlog::sink::Capture::new();
    logger.add(capture.clone()).format(FORMAT).level("TRACE").install().unwrap();
    let mut lines = (0, 0);
    let counted = with_layers(&logger, || {
        lines = (dep::trace_request(7), dep::trace_warning_in_db());
    });
    assert_eq!(counted, 2, "the other layer sees every event too");
    assert_eq!(
        capture.lines(),
        [
            request_line(lines.0),
            format!(
                "WARNING | hlog_bridge_dep::db | {FILE}:{} | <unknown> | slow query | \
                 {{\"table\": \"users\"}}",
                lines.1
            ),
        ]
    );
}

#[test]
fn span_fields_recorded_later_are_carried() {
    let logger = hlog::Logger::new();
    let capture = hlog::sink::Capture::new();
    logger.add(capture.clone()).format("{message} {extra}").install().unwrap();
    with_layers(&logger, || {
        let span = tracing::info_span!("job", id = 1, state = tracing::field::Empty);
        let _entered = span.enter();
        tracing::info!("started");
        span.record("state", "running");
        span.record("id", 2);
        tracing::info!(n = -3, "step");
    });
    assert_eq!(
        capture.lines(),
        ["started {\"id\": 1}", "step {\"n\": -3, \"id\": 2, \"state\": \"running\"}"]
    );
}

#[test]
fn disable_and_a_sink_filter_apply_by_target() {
    let logger = hlog::Logger::new();
    let all = hlog::sink::Capture::new();
    let not_db = hlog::sink::Capture::new();
    logger.add(all.clone()).format(FORMAT).install().unwrap();
    logger
        .add(not_db.clone())
        .format(FORMAT)
        .filter(|record| !record.module_path().starts_with("hlog_bridge_dep::db"))
        .install()
        .unwrap();
    let mut line = 0;
    with_layers(&logger, || {
        line = dep::trace_request(1);
        dep::trace_warning_in_db();
    });
    assert_eq!(all.lines().len(), 2);
    assert_eq!(not_db.lines(), [request_line(line)]);

    all.clear();
    logger.disable("hlog_bridge_dep::db");
    with_layers(&logger, || {
        dep::trace_warning_in_db();
    });
    assert_eq!(all.text(), "");
    logger.disable("hlog_bridge_dep");
    with_layers(&logger, || {
        dep::trace_request(1);
    });
    assert_eq!(all.text(), "");
}

#[test]
fn a_queued_handler_writes_the_same_bytes() {
    let logger = hlog::Logger::new();
    let sync = hlog::sink::Capture::new();
    let queued = hlog::sink::Capture::new();
    logger.add(sync.clone()).format(FORMAT).install().unwrap();
    logger.add(queued.clone()).format(FORMAT).enqueue(true).install().unwrap();
    let mut line = 0;
    with_layers(&logger, || {
        line = dep::trace_request(3);
        dep::trace_warning_in_db();
    });
    logger.complete();
    assert_eq!(sync.lines()[0], request_line(line));
    assert_eq!(queued.text(), sync.text());
}
