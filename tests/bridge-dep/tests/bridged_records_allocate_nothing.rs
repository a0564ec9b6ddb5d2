//! A bridged record on the steady-state path allocates nothing: `log` records with a formatted
//! message and key-values, `tracing` events with fields (outside spans: the registry allocates
//! each span's extensions when the span is created). Counted by a global allocator that counts
//! only the allocations of the thread under test.
//!
//! One test: the `log` crate's logger and hlog's global logger are one per process.

#[path = "../../../hlog/tests/common/counting.rs"]
mod counting;

use hlog::bridge::tracing::HlogLayer;
use hlog_bridge_dep as dep;
use tracing_subscriber::layer::SubscriberExt;

use counting::on_this_thread as allocations;

#[test]
fn bridged_records_allocate_nothing() {
    hlog::remove_all();
    let capture = hlog::sink::Capture::with_capacity(16 << 20);
    hlog::add(capture.clone()).format("{level} {name}:{line} {message} {extra}").install().unwrap();
    hlog::bridge::log::install("DEBUG").unwrap();
    let subscriber = tracing_subscriber::registry().with(HlogLayer::new());
    tracing::subscriber::with_default(subscriber, || {
        let each = || {
            dep::log_warning("alice");
            dep::log_info_in_db();
            dep::trace_warning_in_db();
        };
        (0..10).for_each(|_| each()); // warm-up: thread-locals, interned call sites
        assert_eq!(allocations(|| (0..1000).for_each(|_| each())), 0);
    });
    assert_eq!(capture.lines().len(), 3 * 1010);
}
