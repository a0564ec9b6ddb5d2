//! A request that takes the slow-request threshold or longer is logged at WARNING, marked
//! `[SLOW]`; one under it at the layer's level, unmarked. The clock is the test's: no sleep.

use std::time::Duration;

use axum::Router;
use axum::routing::get;
use hlog_access_log_tests::{Client, capture_logger, serve, stepping_clock, wait_for_lines};

#[tokio::test]
async fn slow_request_is_logged_at_warning_marked_slow() {
    let (logger, capture) = capture_logger();
    let slow = hlog::access_log::AccessLogLayer::new()
        .logger(logger.clone())
        .remote_addr(|_| None)
        .clock(stepping_clock(Duration::from_millis(1_500)))
        .slow_threshold(Duration::from_secs(1));
    let fast = hlog::access_log::AccessLogLayer::new()
        .logger(logger.clone())
        .remote_addr(|_| None)
        .clock(stepping_clock(Duration::from_millis(999)))
        .slow_threshold(Duration::from_secs(1));
    let app = Router::new()
        .route("/report", get(|| async { "done" }).layer(slow))
        .route("/ping", get(|| async { "pong" }).layer(fast));
    let server = serve(app).await;

    let mut client = Client::connect(server).await;
    client.get("/report", &[]).await;
    wait_for_lines(&capture, 1).await;
    client.get("/ping", &[]).await;

    assert_eq!(
        wait_for_lines(&capture, 2).await,
        "WARNING 200 GET /report 1500.0ms [SLOW] {\"status\": 200, \"method\": \"GET\", \
         \"path\": \"/report\", \"bytes\": 4, \"latency_ms\": 1500.0}\n\
         INFO 200 GET /ping 999.0ms {\"status\": 200, \"method\": \"GET\", \"path\": \"/ping\", \
         \"bytes\": 4, \"latency_ms\": 999.0}\n"
    );
}
