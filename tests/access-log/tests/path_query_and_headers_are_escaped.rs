//! Text from the request never forges or reorders a line: a path and a query with a
//! right-to-left override (U+202E) and a C1 control (U+009B), sent as raw bytes on the
//! connection, and a header value with a tab, all show escaped, byte for byte: in the message
//! as `\u{202e}`, in the JSON fields as `\u202e` and `\t`.

use axum::Router;
use hlog_access_log_tests::{capture_logger, layer, serve, wait_for_lines};
use std::io::{Read as _, Write as _};

#[tokio::test]
async fn path_query_and_headers_are_escaped() {
    let (logger, capture) = capture_logger();
    let layer = layer(&logger).remote_addr(|_| None).headers(["x-note"]).unwrap();
    let server = serve(Router::new().fallback(|| async { "ok" }).layer(layer)).await;

    // Raw bytes (a client would refuse to send them), on a blocking socket of its own.
    let response = tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(server).unwrap();
        let request = "GET /a\u{202e}b?q=\u{9b}31m HTTP/1.1\r\nhost: 127.0.0.1\r\n\
                       x-note: a\tb\r\nconnection: close\r\n\r\n";
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        response
    })
    .await
    .unwrap();
    assert!(response.starts_with(b"HTTP/1.1 200 OK\r\n"), "{}", String::from_utf8_lossy(&response));

    assert_eq!(
        wait_for_lines(&capture, 1).await,
        "INFO 200 GET /a\\u{202e}b?q=\\u{9b}31m 3.2ms {\"status\": 200, \"method\": \"GET\", \
         \"path\": \"/a\\u202eb\", \"query\": \"q=\\u009b31m\", \"bytes\": 2, \
         \"latency_ms\": 3.2, \"x_note\": \"a\\tb\"}\n"
    );
}
