//! A handler's error is logged: an axum handler's `Err` answered as `500` gets a normal line
//! with its status; a service `Err` (a plain hyper server, which closes the connection) gets
//! a line at ERROR, `ERR ... [ERROR]`, with the error's text; a body that fails part way gets
//! a line at ERROR with its status, the bytes sent and the error.

use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::StatusCode;
use axum::routing::get;
use bytes::Bytes;
use hlog_access_log_tests::{Client, capture_logger, layer, serve, wait_for_lines};
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};

#[tokio::test]
async fn handler_error_answered_as_500_is_logged_with_its_status() {
    let (logger, capture) = capture_logger();
    async fn fails() -> Result<String, (StatusCode, &'static str)> {
        Err((StatusCode::INTERNAL_SERVER_ERROR, "database unavailable"))
    }
    let app = Router::new().route("/orders", get(fails));
    let server = serve(app.layer(layer(&logger).remote_addr(|_| None))).await;

    let (status, _) = Client::connect(server).await.get("/orders", &[]).await;
    assert_eq!(status, 500);
    assert_eq!(
        wait_for_lines(&capture, 1).await,
        "INFO 500 GET /orders 3.2ms {\"status\": 500, \"method\": \"GET\", \"path\": \"/orders\", \
         \"bytes\": 20, \"latency_ms\": 3.2}\n"
    );
}

#[tokio::test]
async fn service_error_is_logged_at_error() {
    let (logger, capture) = capture_logger();
    let service = tower::ServiceBuilder::new()
        .layer(layer(&logger).remote_addr(|_| None))
        .service_fn(|_: hyper::Request<hyper::body::Incoming>| async {
            Err::<hyper::Response<String>, _>("backend refused the connection")
        });
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let server = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (stream, _) = listener.accept().await.unwrap();
        let _ = hyper::server::conn::http1::Builder::new()
            .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service))
            .await;
    });

    // The server closes the connection: the client gets no response.
    let stream = TcpStream::connect(server).await.unwrap();
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.unwrap();
    tokio::spawn(connection);
    let request = hyper::Request::get("/charge").header("host", "127.0.0.1");
    let sent = sender.send_request(request.body(String::new()).unwrap()).await;
    assert!(sent.is_err());
    assert_eq!(
        wait_for_lines(&capture, 1).await,
        "ERROR ERR GET /charge 3.2ms [ERROR] {\"method\": \"GET\", \"path\": \"/charge\", \
         \"bytes\": 0, \"latency_ms\": 3.2, \"error\": \"backend refused the connection\"}\n"
    );
}

#[tokio::test]
async fn body_failing_part_way_is_logged_at_error() {
    let (logger, capture) = capture_logger();
    let body = || {
        let stream = futures_util::stream::unfold(0, |i| async move {
            tokio::time::sleep(Duration::from_millis(1)).await;
            match i {
                0 => Some((Ok(Bytes::from_static(b"partial")), 1)),
                1 => Some((Err(std::io::Error::other("disk read failed")), 2)),
                _ => None,
            }
        });
        Body::from_stream(stream)
    };
    let app = Router::new().route("/file", get(move || async move { body() }));
    let server = serve(app.layer(layer(&logger).remote_addr(|_| None))).await;

    let response = Client::connect(server).await.send("/file", &[]).await;
    assert_eq!(response.status(), 200);
    let _ = http_body_util::BodyExt::collect(response.into_body()).await;
    assert_eq!(
        wait_for_lines(&capture, 1).await,
        "ERROR 200 GET /file 3.2ms [ERROR] {\"status\": 200, \"method\": \"GET\", \
         \"path\": \"/file\", \"bytes\": 7, \"latency_ms\": 3.2, \"error\": \"disk read failed\"}\n"
    );
}
