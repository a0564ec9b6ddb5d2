//! A request through an axum server gets one access line: `200 GET /api/users?page=2 3.2ms`
//! at INFO, with its status, method, path, query, bytes, latency and the client's address as
//! fields, written when the response body has ended.

use axum::Router;
use axum::routing::get;
use hlog_access_log_tests::{Client, capture_logger, layer, serve, wait_for_lines};

#[tokio::test]
async fn access_line_is_logged_byte_exact() {
    let (logger, capture) = capture_logger();
    let app = Router::new().route("/api/users", get(|| async { "[\"alice\",\"bob\"]" }));
    let server = serve(app.layer(layer(&logger))).await;

    let mut client = Client::connect(server).await;
    let (status, body) = client.get("/api/users?page=2", &[]).await;
    assert_eq!((status.as_u16(), &body[..]), (200, &b"[\"alice\",\"bob\"]"[..]));

    let text = wait_for_lines(&capture, 1).await;
    assert_eq!(
        text,
        format!(
            "INFO 200 GET /api/users?page=2 3.2ms {{\"status\": 200, \"method\": \"GET\", \
             \"path\": \"/api/users\", \"query\": \"page=2\", \"bytes\": 15, \"latency_ms\": 3.2, \
             \"remote_addr\": \"{}\"}}\n",
            client.local
        )
    );
}
