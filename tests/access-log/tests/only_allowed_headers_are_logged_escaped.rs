//! Only the request headers on the allow-list become fields (named in lower case, `-` as
//! `_`); a header not on it never appears, and values are escaped: a quote in JSON, bytes that
//! are not visible ASCII quoted and escaped.

use axum::Router;
use axum::routing::get;
use hlog_access_log_tests::{Client, capture_logger, layer, serve, wait_for_lines};

#[tokio::test]
async fn only_allowed_headers_are_logged_escaped() {
    let (logger, capture) = capture_logger();
    let layer = layer(&logger)
        .remote_addr(|_| None)
        .headers(["User-Agent", "x-request-id", "x-note", "x-absent"])
        .unwrap();
    let app = Router::new().route("/", get(|| async { "" }));
    let server = serve(app.layer(layer)).await;

    let mut client = Client::connect(server).await;
    let headers: &[(&str, &[u8])] = &[
        ("user-agent", b"curl/8.5 \"quoted\""),
        ("authorization", b"Bearer s3cr3t"),
        ("x-request-id", b"r-42"),
        ("x-note", b"caf\xc3\xa9"),
    ];
    client.get("/", headers).await;

    assert_eq!(
        wait_for_lines(&capture, 1).await,
        "INFO 200 GET / 3.2ms {\"status\": 200, \"method\": \"GET\", \"path\": \"/\", \
         \"bytes\": 0, \"latency_ms\": 3.2, \"user_agent\": \"curl/8.5 \\\"quoted\\\"\", \
         \"x_request_id\": \"r-42\", \"x_note\": \"\\\"caf\\\\xc3\\\\xa9\\\"\"}\n"
    );
}
