//! A layer whose level is above WARNING (ERROR here) logs its slow requests at its own level,
//! marked `[SLOW]`: slowness never lowers a line's level.

use std::time::Duration;

use axum::Router;
use axum::routing::get;
use hlog_access_log_tests::{Client, capture_logger, serve, stepping_clock, wait_for_lines};

#[tokio::test]
async fn slow_lines_of_a_layer_above_warning_keep_its_level() {
    let (logger, capture) = capture_logger();
    let layer = hlog::access_log::AccessLogLayer::new()
        .logger(logger.clone())
        .level(hlog::Level::ERROR)
        .remote_addr(|_| None)
        .clock(stepping_clock(Duration::from_millis(1_500)))
        .slow_threshold(Duration::from_secs(1));
    let server = serve(Router::new().route("/report", get(|| async { "done" })).layer(layer)).await;

    Client::connect(server).await.get("/report", &[]).await;

    assert_eq!(
        wait_for_lines(&capture, 1).await,
        "ERROR 200 GET /report 1500.0ms [SLOW] {\"status\": 200, \"method\": \"GET\", \
         \"path\": \"/report\", \"bytes\": 4, \"latency_ms\": 1500.0}\n"
    );
}
