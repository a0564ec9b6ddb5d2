//! With `query(false)` the query string shows neither in the message nor as a field (it may
//! hold what should not be logged); the path still does.

use axum::Router;
use axum::routing::get;
use hlog_access_log_tests::{Client, capture_logger, layer, serve, wait_for_lines};

#[tokio::test]
async fn query_string_can_be_left_out() {
    let (logger, capture) = capture_logger();
    let app = Router::new().route("/login", get(|| async { "hi" }));
    let server = serve(app.layer(layer(&logger).remote_addr(|_| None).query(false))).await;

    let mut client = Client::connect(server).await;
    client.get("/login?token=s3cr3t", &[]).await;

    assert_eq!(
        wait_for_lines(&capture, 1).await,
        "INFO 200 GET /login 3.2ms {\"status\": 200, \"method\": \"GET\", \"path\": \"/login\", \
         \"bytes\": 2, \"latency_ms\": 3.2}\n"
    );
}
