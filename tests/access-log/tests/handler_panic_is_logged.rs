//! A handler that panics still gets its line: the request's future is dropped while the
//! connection's task unwinds, and the line says so, at ERROR, `[PANICKED]`, with no status (no
//! response was made; the server closes the connection).

use axum::Router;
use axum::routing::get;
use hlog_access_log_tests::{capture_logger, layer, serve, wait_for_lines};
use http_body_util::Empty;
use hyper_util::rt::TokioIo;

#[tokio::test]
async fn handler_panic_is_logged() {
    let (logger, capture) = capture_logger();
    async fn divide() -> String {
        let zero = std::hint::black_box(0);
        (1 / zero).to_string()
    }
    let app = Router::new().route("/divide", get(divide));
    let server = serve(app.layer(layer(&logger).remote_addr(|_| None))).await;

    let stream = tokio::net::TcpStream::connect(server).await.unwrap();
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.unwrap();
    tokio::spawn(connection);
    let request = hyper::Request::get("/divide").header("host", "127.0.0.1");
    let sent = sender.send_request(request.body(Empty::<bytes::Bytes>::new()).unwrap()).await;
    assert!(sent.is_err(), "no response: the connection is closed");

    assert_eq!(
        wait_for_lines(&capture, 1).await,
        "ERROR ERR GET /divide 3.2ms [PANICKED] {\"method\": \"GET\", \"path\": \"/divide\", \
         \"bytes\": 0, \"latency_ms\": 3.2, \"panicked\": true}\n"
    );
}
