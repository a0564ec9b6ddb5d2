//! `.level(...)` sets the level of the lines: DEBUG here (a slow request is still raised to
//! WARNING).

use std::time::Duration;

use axum::Router;
use axum::routing::get;
use hlog_access_log_tests::{Client, FORMAT, serve, stepping_clock, wait_for_lines};

#[tokio::test]
async fn lines_are_logged_at_the_layers_level() {
    let capture = hlog::sink::Capture::new();
    let logger = hlog::Logger::new();
    logger.add(capture.clone()).format(FORMAT).level("DEBUG").install().unwrap();
    let layer = |step| {
        hlog::access_log::AccessLogLayer::new()
            .logger(logger.clone())
            .level(hlog::Level::DEBUG)
            .remote_addr(|_| None)
            .clock(stepping_clock(step))
            .slow_threshold(Duration::from_secs(1))
    };
    let app = Router::new()
        .route("/fast", get(|| async { "" }).layer(layer(Duration::from_millis(5))))
        .route("/slow", get(|| async { "" }).layer(layer(Duration::from_secs(2))));
    let server = serve(app).await;

    let mut client = Client::connect(server).await;
    client.get("/fast", &[]).await;
    wait_for_lines(&capture, 1).await;
    client.get("/slow", &[]).await;

    assert_eq!(
        wait_for_lines(&capture, 2).await,
        "DEBUG 200 GET /fast 5.0ms {\"status\": 200, \"method\": \"GET\", \"path\": \"/fast\", \
         \"bytes\": 0, \"latency_ms\": 5.0}\n\
         WARNING 200 GET /slow 2000.0ms [SLOW] {\"status\": 200, \"method\": \"GET\", \
         \"path\": \"/slow\", \"bytes\": 0, \"latency_ms\": 2000.0}\n"
    );
}
