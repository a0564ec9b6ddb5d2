//! A streamed response body's bytes are counted as they are sent, and the line is written
//! when the stream ends: after the last chunk, with every byte.

use std::convert::Infallible;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::routing::get;
use bytes::Bytes;
use hlog_access_log_tests::{Client, capture_logger, layer, serve, wait_for_lines};

#[tokio::test]
async fn streamed_body_bytes_are_counted() {
    let (logger, capture) = capture_logger();
    let stream = || {
        let chunks = ["first", " second", " third!"];
        let stream = futures_util::stream::unfold(0, move |i| async move {
            let chunk = chunks.get(i)?;
            tokio::time::sleep(Duration::from_millis(1)).await;
            Some((Ok::<_, Infallible>(Bytes::from_static(chunk.as_bytes())), i + 1))
        });
        Body::from_stream(stream)
    };
    let app = Router::new().route("/export", get(move || async move { stream() }));
    let server = serve(app.layer(layer(&logger).remote_addr(|_| None))).await;

    let mut client = Client::connect(server).await;
    let (status, body) = client.get("/export", &[]).await;
    assert_eq!((status.as_u16(), &body[..]), (200, &b"first second third!"[..]));

    assert_eq!(
        wait_for_lines(&capture, 1).await,
        "INFO 200 GET /export 3.2ms {\"status\": 200, \"method\": \"GET\", \"path\": \"/export\", \
         \"bytes\": 19, \"latency_ms\": 3.2}\n"
    );
}
