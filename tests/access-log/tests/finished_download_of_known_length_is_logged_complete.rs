//! A streamed body with a `Content-Length` never says it has ended (`is_end_stream` stays
//! false): hyper stops polling it once it has sent that many bytes and drops it. The request
//! is complete then, not cancelled: its line is a normal one, with the bytes sent.

use axum::Router;
use axum::body::Body;
use axum::routing::get;
use bytes::Bytes;
use hlog_access_log_tests::{Client, capture_logger, layer, serve, wait_for_lines};

#[tokio::test]
async fn finished_download_of_known_length_is_logged_complete() {
    let (logger, capture) = capture_logger();
    let download = || async {
        let chunks = [Bytes::from_static(b"he"), Bytes::from_static(b"llo")];
        let stream = futures_util::stream::iter(chunks.map(Ok::<_, std::convert::Infallible>));
        ([("content-length", "5")], Body::from_stream(stream))
    };
    let app = Router::new().route("/download", get(download));
    let server = serve(app.layer(layer(&logger).remote_addr(|_| None))).await;

    let mut client = Client::connect(server).await;
    let (status, body) = client.get("/download", &[]).await;
    assert_eq!((status.as_u16(), &body[..]), (200, &b"hello"[..]));

    assert_eq!(
        wait_for_lines(&capture, 1).await,
        "INFO 200 GET /download 3.2ms {\"status\": 200, \"method\": \"GET\", \
         \"path\": \"/download\", \"bytes\": 5, \"latency_ms\": 3.2}\n"
    );
}
