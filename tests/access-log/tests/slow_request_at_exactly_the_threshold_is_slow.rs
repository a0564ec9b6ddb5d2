//! A request that takes exactly the slow-request threshold is slow (the threshold or longer):
//! WARNING, `[SLOW]`.

use std::time::Duration;

use axum::Router;
use axum::routing::get;
use hlog_access_log_tests::{Client, capture_logger, serve, stepping_clock, wait_for_lines};

#[tokio::test]
async fn slow_request_at_exactly_the_threshold_is_slow() {
    let (logger, capture) = capture_logger();
    let layer = hlog::access_log::AccessLogLayer::new()
        .logger(logger.clone())
        .remote_addr(|_| None)
        .clock(stepping_clock(Duration::from_secs(1)))
        .slow_threshold(Duration::from_secs(1));
    let server = serve(Router::new().route("/report", get(|| async { "done" })).layer(layer)).await;

    Client::connect(server).await.get("/report", &[]).await;

    assert_eq!(
        wait_for_lines(&capture, 1).await,
        "WARNING 200 GET /report 1000.0ms [SLOW] {\"status\": 200, \"method\": \"GET\", \
         \"path\": \"/report\", \"bytes\": 4, \"latency_ms\": 1000.0}\n"
    );
}
