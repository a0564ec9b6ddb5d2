//! A response with no body to send is logged as complete when its head is made, with 0 bytes:
//! a `HEAD` request (hyper sends no body and drops it unread, whatever the handler put in it),
//! a `204 No Content`, a `304 Not Modified`.

use axum::Router;
use axum::http::StatusCode;
use axum::routing::get;
use hlog_access_log_tests::{capture_logger, layer, serve, wait_for_lines};
use http_body_util::{BodyExt as _, Empty};
use hyper_util::rt::TokioIo;

#[tokio::test]
async fn bodiless_responses_are_logged_complete() {
    let (logger, capture) = capture_logger();
    let app = Router::new()
        .route("/file", get(|| async { "the whole file" }))
        .route("/gone", get(|| async { StatusCode::NO_CONTENT }))
        .route("/cached", get(|| async { (StatusCode::NOT_MODIFIED, "unchanged") }));
    let server = serve(app.layer(layer(&logger).remote_addr(|_| None))).await;

    let stream = tokio::net::TcpStream::connect(server).await.unwrap();
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.unwrap();
    tokio::spawn(connection);
    for (method, path) in [("HEAD", "/file"), ("GET", "/gone"), ("GET", "/cached")] {
        let request =
            hyper::Request::builder().method(method).uri(path).header("host", "127.0.0.1");
        sender.ready().await.unwrap();
        let response =
            sender.send_request(request.body(Empty::<bytes::Bytes>::new()).unwrap()).await.unwrap();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        assert!(body.is_empty(), "{method} {path}: {body:?}");
    }

    assert_eq!(
        wait_for_lines(&capture, 3).await,
        "INFO 200 HEAD /file 3.2ms {\"status\": 200, \"method\": \"HEAD\", \"path\": \"/file\", \
         \"bytes\": 0, \"latency_ms\": 3.2}\n\
         INFO 204 GET /gone 3.2ms {\"status\": 204, \"method\": \"GET\", \"path\": \"/gone\", \
         \"bytes\": 0, \"latency_ms\": 3.2}\n\
         INFO 304 GET /cached 3.2ms {\"status\": 304, \"method\": \"GET\", \
         \"path\": \"/cached\", \"bytes\": 0, \"latency_ms\": 3.2}\n"
    );
}
