//! A request whose client goes away still gets its line: before the response head (the
//! handler's future is dropped) with status 499 and `[CANCELLED]`; while the body is streamed
//! (the body is dropped before its end) with the status sent, the bytes sent so far and
//! `[CANCELLED]`.

use std::convert::Infallible;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::routing::get;
use bytes::Bytes;
use hlog_access_log_tests::{Client, capture_logger, layer, serve, wait_for_lines};
use http_body_util::BodyExt as _;
use tokio::sync::oneshot;

#[tokio::test]
async fn client_gone_before_the_head_is_logged_499() {
    let (logger, capture) = capture_logger();
    let (started, handler_started) = oneshot::channel::<()>();
    let started = std::sync::Arc::new(std::sync::Mutex::new(Some(started)));
    let app = Router::new().route(
        "/report",
        get(move || {
            if let Some(started) = started.lock().unwrap().take() {
                let _ = started.send(());
            }
            std::future::pending::<&'static str>()
        }),
    );
    let server = serve(app.layer(layer(&logger).remote_addr(|_| None))).await;

    let mut client = Client::connect(server).await;
    let request = client.send("/report", &[]);
    tokio::select! {
        _ = request => panic!("the handler never answers"),
        _ = handler_started => {}
    }
    drop(client);

    assert_eq!(
        wait_for_lines(&capture, 1).await,
        "INFO 499 GET /report 3.2ms [CANCELLED] {\"status\": 499, \"method\": \"GET\", \
         \"path\": \"/report\", \"bytes\": 0, \"latency_ms\": 3.2, \"cancelled\": true}\n"
    );
}

#[tokio::test]
async fn client_gone_during_the_body_is_logged_with_bytes_sent() {
    let (logger, capture) = capture_logger();
    let body = || {
        let stream = futures_util::stream::unfold(0, |i| async move {
            if i > 0 {
                // The rest never comes: the client leaves first.
                std::future::pending::<()>().await;
            }
            Some((Ok::<_, Infallible>(Bytes::from_static(b"first chunk")), i + 1))
        });
        Body::from_stream(stream)
    };
    let app = Router::new().route("/events", get(move || async move { body() }));
    let server = serve(app.layer(layer(&logger).remote_addr(|_| None))).await;

    let mut client = Client::connect(server).await;
    let response = client.send("/events", &[]).await;
    assert_eq!(response.status(), 200);
    let mut body = response.into_body();
    let first = body.frame().await.unwrap().unwrap().into_data().unwrap();
    assert_eq!(&first[..], b"first chunk");
    drop(body);
    drop(client);

    let text = tokio::time::timeout(Duration::from_secs(5), wait_for_lines(&capture, 1)).await;
    assert_eq!(
        text.unwrap(),
        "INFO 200 GET /events 3.2ms [CANCELLED] {\"status\": 200, \"method\": \"GET\", \
         \"path\": \"/events\", \"bytes\": 11, \"latency_ms\": 3.2, \"cancelled\": true}\n"
    );
}
