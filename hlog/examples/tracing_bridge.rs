//! `tracing` events into hlog: `cargo run --example tracing_bridge --features tracing`.
//!
//! `hlog::bridge::tracing::HlogLayer` is a `tracing_subscriber::Layer`: events of `tracing`
//! (from the program or its dependencies) become hlog records, with the fields of the spans
//! they are in after their own (the innermost span's first).

use tracing_subscriber::layer::SubscriberExt as _;

fn handle_request(id: u32) {
    let _span = tracing::info_span!("request", id, method = "GET").entered();
    tracing::info!(target: "api", status = 200, "served /orders");
    tracing::debug!(target: "api::cache", hit = true, "cached");
}

fn demo(logger: hlog::Logger) {
    // `HlogLayer::new()` logs to the global logger; `to(logger)` to a given one.
    let subscriber =
        tracing_subscriber::registry().with(hlog::bridge::tracing::HlogLayer::to(logger));
    // Or `.init()` (tracing_subscriber::util::SubscriberInitExt) to make it the global default.
    tracing::subscriber::with_default(subscriber, || handle_request(7));
}

fn main() {
    let logger = hlog::Logger::new();
    logger
        .add(hlog::sink::Console::stdout())
        .format("{level: <7} | {name} | {message} {extra}")
        .install()
        .unwrap();
    demo(logger);
}

#[test]
fn events_carry_their_spans_fields() {
    let logger = hlog::Logger::new();
    let capture = hlog::sink::Capture::new();
    logger.add(capture.clone()).format("{level} {name} {message} {extra}").install().unwrap();
    demo(logger);
    assert_eq!(
        capture.text(),
        "INFO api served /orders {\"status\": 200, \"id\": 7, \"method\": \"GET\"}\n\
         DEBUG api::cache cached {\"hit\": true, \"id\": 7, \"method\": \"GET\"}\n"
    );
}
