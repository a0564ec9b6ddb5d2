//! A panic caught by a layer outside the access log (as tower-http's `CatchPanicLayer` does)
//! is logged as a panic, at ERROR, `[PANICKED]`: the request's future is dropped after the
//! panic was caught (no longer unwinding), and the layer saw the panic go through its poll.
//! The same for a panic in the response body's stream, caught around its poll.

use std::convert::Infallible;
use std::panic::AssertUnwindSafe;

use axum::Router;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use futures_util::FutureExt as _;
use hlog_access_log_tests::{Client, capture_logger, layer, serve, wait_for_lines};

/// What tower-http's `CatchPanicLayer` does: a panic of `future` becomes a 500 response.
async fn catch_panic<F, R>(future: F) -> Result<axum::response::Response, Infallible>
where
    F: Future<Output = Result<R, Infallible>>,
    R: IntoResponse,
{
    match AssertUnwindSafe(future).catch_unwind().await {
        Ok(result) => result.map(IntoResponse::into_response),
        Err(_) => Ok(StatusCode::INTERNAL_SERVER_ERROR.into_response()),
    }
}

#[tokio::test]
async fn panic_caught_outside_the_layer_is_logged_panicked() {
    let (logger, capture) = capture_logger();
    async fn divide() -> String {
        let zero = std::hint::black_box(0);
        (1 / zero).to_string()
    }
    // The outermost layer: a panic becomes a 500 response.
    let catch_panic = tower::ServiceBuilder::new().map_future(catch_panic);
    let app = Router::new()
        .route("/divide", get(divide))
        .layer(layer(&logger).remote_addr(|_| None))
        .layer(catch_panic);
    let server = serve(app).await;

    let mut client = Client::connect(server).await;
    let (status, _) = client.get("/divide", &[]).await;
    assert_eq!(status, 500);

    assert_eq!(
        wait_for_lines(&capture, 1).await,
        "ERROR ERR GET /divide 3.2ms [PANICKED] {\"method\": \"GET\", \"path\": \"/divide\", \
         \"bytes\": 0, \"latency_ms\": 3.2, \"panicked\": true}\n"
    );
}

#[test]
fn panic_in_the_body_caught_outside_is_logged_panicked() {
    use http_body_util::{BodyExt as _, StreamBody};
    use tower::{Layer as _, ServiceExt as _};

    let (logger, capture) = capture_logger();
    let inner = tower::service_fn(|_: axum::http::Request<()>| async {
        let stream = futures_util::stream::poll_fn(|_| -> std::task::Poll<Option<_>> {
            let zero = std::hint::black_box(0u64);
            let frame = hyper::body::Frame::data(bytes::Bytes::from((1 / zero).to_string()));
            std::task::Poll::Ready(Some(Ok::<_, Infallible>(frame)))
        });
        Ok::<_, Infallible>(axum::http::Response::new(StreamBody::new(stream)))
    });
    let service = layer(&logger).remote_addr(|_| None).layer(inner);
    let request = axum::http::Request::get("/stream").body(()).unwrap();
    let response = service.oneshot(request).now_or_never().unwrap().unwrap();
    let mut body = response.into_body();
    let caught = AssertUnwindSafe(body.frame()).catch_unwind().now_or_never().unwrap();
    assert!(caught.is_err(), "the body's stream panicked");
    drop(body);

    assert_eq!(
        capture.text(),
        "ERROR 200 GET /stream 3.2ms [PANICKED] {\"status\": 200, \"method\": \"GET\", \
         \"path\": \"/stream\", \"bytes\": 0, \"latency_ms\": 3.2, \"panicked\": true}\n"
    );
}
