//! A streamed body with a `Content-Length`, or a body whose size is exact, may never say it has
//! ended (`is_end_stream` stays false): hyper stops polling it once it has sent that many bytes
//! and drops it. The request is complete then, not cancelled: its line is a normal one, with
//! the bytes sent.

use std::pin::Pin;
use std::task::{Context, Poll};

use axum::Router;
use axum::body::Body;
use axum::routing::get;
use bytes::Bytes;
use hlog_access_log_tests::{Client, capture_logger, layer, serve, wait_for_lines};
use hyper::body::{Frame, SizeHint};

#[tokio::test]
async fn finished_download_of_known_length_is_logged_complete() {
    let (logger, capture) = capture_logger();
    let download = || async {
        let chunks = [Bytes::from_static(b"he"), Bytes::from_static(b"llo")];
        let stream = futures_util::stream::iter(chunks.map(Ok::<_, std::convert::Infallible>));
        ([("content-length", "5")], Body::from_stream(stream))
    };
    let exact = || async { Body::new(Exact { chunks: vec![Bytes::from_static(b"abc")] }) };
    let app = Router::new().route("/download", get(download)).route("/exact", get(exact));
    let server = serve(app.layer(layer(&logger).remote_addr(|_| None))).await;

    let mut client = Client::connect(server).await;
    let (status, body) = client.get("/download", &[]).await;
    assert_eq!((status.as_u16(), &body[..]), (200, &b"hello"[..]));
    wait_for_lines(&capture, 1).await;
    let (status, body) = client.get("/exact", &[]).await;
    assert_eq!((status.as_u16(), &body[..]), (200, &b"abc"[..]));

    assert_eq!(
        wait_for_lines(&capture, 2).await,
        "INFO 200 GET /download 3.2ms {\"status\": 200, \"method\": \"GET\", \
         \"path\": \"/download\", \"bytes\": 5, \"latency_ms\": 3.2}\n\
         INFO 200 GET /exact 3.2ms {\"status\": 200, \"method\": \"GET\", \
         \"path\": \"/exact\", \"bytes\": 3, \"latency_ms\": 3.2}\n"
    );
}

/// A body that knows its exact size but never says it has ended.
struct Exact {
    chunks: Vec<Bytes>,
}

impl hyper::body::Body for Exact {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        Poll::Ready(self.chunks.pop().map(|chunk| Ok(Frame::data(chunk))))
    }

    fn is_end_stream(&self) -> bool {
        false
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.chunks.iter().map(|chunk| chunk.len() as u64).sum())
    }
}
