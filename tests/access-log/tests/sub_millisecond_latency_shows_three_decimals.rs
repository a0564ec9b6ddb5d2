//! The latency in the message has three decimals under a millisecond (`0.042ms`: the clock's
//! microseconds, not `0.0ms`) and one from a millisecond (`1.0ms`); `latency_ms` is the exact
//! number either way.

use std::time::Duration;

use axum::Router;
use axum::routing::get;
use hlog_access_log_tests::{Client, capture_logger, serve, stepping_clock, wait_for_lines};

#[tokio::test]
async fn sub_millisecond_latency_shows_three_decimals() {
    let (logger, capture) = capture_logger();
    let layer = |micros| {
        hlog::access_log::AccessLogLayer::new()
            .logger(logger.clone())
            .remote_addr(|_| None)
            .clock(stepping_clock(Duration::from_micros(micros)))
    };
    let app = Router::new()
        .route("/a", get(|| async { "" }).layer(layer(42)))
        .route("/b", get(|| async { "" }).layer(layer(999)))
        .route("/c", get(|| async { "" }).layer(layer(1_000)));
    let server = serve(app).await;

    let mut client = Client::connect(server).await;
    for path in ["/a", "/b", "/c"] {
        client.get(path, &[]).await;
        wait_for_lines(&capture, 1).await;
    }

    assert_eq!(
        wait_for_lines(&capture, 3).await,
        "INFO 200 GET /a 0.042ms {\"status\": 200, \"method\": \"GET\", \"path\": \"/a\", \
         \"bytes\": 0, \"latency_ms\": 0.042}\n\
         INFO 200 GET /b 0.999ms {\"status\": 200, \"method\": \"GET\", \"path\": \"/b\", \
         \"bytes\": 0, \"latency_ms\": 0.999}\n\
         INFO 200 GET /c 1.0ms {\"status\": 200, \"method\": \"GET\", \"path\": \"/c\", \
         \"bytes\": 0, \"latency_ms\": 1.0}\n"
    );
}
