//! The level of a line is known only when the request ends, so a handler that takes WARNING
//! and up gets the slow requests of a layer at INFO (and none of the others); while
//! `hlog::access_log` is disabled, it gets none at all.

use std::time::Duration;

use axum::Router;
use axum::routing::get;
use hlog_access_log_tests::{Client, FORMAT, serve, stepping_clock, wait_for_lines};

#[tokio::test]
async fn slow_lines_reach_a_handler_above_the_layers_level() {
    let capture = hlog::sink::Capture::new();
    let logger = hlog::Logger::new();
    logger.add(capture.clone()).format(FORMAT).level("WARNING").install().unwrap();
    let layer = |step| {
        hlog::access_log::AccessLogLayer::new()
            .logger(logger.clone())
            .remote_addr(|_| None)
            .clock(stepping_clock(step))
            .slow_threshold(Duration::from_secs(1))
    };
    let app = Router::new()
        .route("/fast", get(|| async { "" }).layer(layer(Duration::from_millis(600))))
        .route("/slow", get(|| async { "" }).layer(layer(Duration::from_millis(1_800))));
    let server = serve(app).await;

    let mut client = Client::connect(server).await;
    client.get("/fast", &[]).await;
    client.get("/slow?n=1", &[]).await;
    wait_for_lines(&capture, 1).await;
    logger.disable("hlog::access_log");
    client.get("/slow?n=2", &[]).await;
    logger.enable("hlog::access_log");
    client.get("/slow?n=3", &[]).await;

    assert_eq!(
        wait_for_lines(&capture, 2).await,
        "WARNING 200 GET /slow?n=1 1800.0ms [SLOW] {\"status\": 200, \"method\": \"GET\", \
         \"path\": \"/slow\", \"query\": \"n=1\", \"bytes\": 0, \"latency_ms\": 1800.0}\n\
         WARNING 200 GET /slow?n=3 1800.0ms [SLOW] {\"status\": 200, \"method\": \"GET\", \
         \"path\": \"/slow\", \"query\": \"n=3\", \"bytes\": 0, \"latency_ms\": 1800.0}\n"
    );
}
