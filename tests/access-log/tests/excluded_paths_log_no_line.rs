//! Requests to an excluded path (`/health`, `/ready`, with or without a query string) get no
//! access line; other paths, `/health/db` among them, do.

use axum::Router;
use axum::routing::get;
use hlog_access_log_tests::{Client, capture_logger, layer, serve, wait_for_lines};

#[tokio::test]
async fn excluded_paths_log_no_line() {
    let (logger, capture) = capture_logger();
    let layer = layer(&logger).remote_addr(|_| None).exclude(["/health", "/ready"]);
    let app = Router::new()
        .route("/health", get(|| async { "ok" }))
        .route("/ready", get(|| async { "ok" }))
        .route("/health/db", get(|| async { "ok" }))
        .route("/api", get(|| async { "ok" }));
    let server = serve(app.layer(layer)).await;

    let mut client = Client::connect(server).await;
    for path in ["/health", "/ready", "/health?full=1", "/health/db", "/api"] {
        let (status, _) = client.get(path, &[]).await;
        assert_eq!(status, 200, "{path}");
    }

    assert_eq!(
        wait_for_lines(&capture, 2).await,
        "INFO 200 GET /health/db 3.2ms {\"status\": 200, \"method\": \"GET\", \
         \"path\": \"/health/db\", \"bytes\": 2, \"latency_ms\": 3.2}\n\
         INFO 200 GET /api 3.2ms {\"status\": 200, \"method\": \"GET\", \"path\": \"/api\", \
         \"bytes\": 2, \"latency_ms\": 3.2}\n"
    );
}
