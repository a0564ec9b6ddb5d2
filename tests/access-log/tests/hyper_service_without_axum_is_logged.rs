//! The layer works with hyper alone: a `tower` service with the layer, served by hyper's
//! HTTP/1 connection through `TowerToHyperService`, the client's address put in the request's
//! extensions as a `SocketAddr` (the layer's default place for it).

use std::convert::Infallible;
use std::net::SocketAddr;

use hlog_access_log_tests::{Client, capture_logger, stepping_clock, wait_for_lines};
use hyper::body::Incoming;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;

#[tokio::test]
async fn hyper_service_without_axum_is_logged() {
    let (logger, capture) = capture_logger();
    let layer = hlog::access_log::AccessLogLayer::new()
        .logger(logger)
        .clock(stepping_clock(std::time::Duration::from_micros(250)));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let server = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let (stream, remote) = listener.accept().await.unwrap();
            let service = tower::ServiceBuilder::new()
                .map_request(move |mut request: Request<Incoming>| {
                    request.extensions_mut().insert::<SocketAddr>(remote);
                    request
                })
                .layer(layer.clone())
                .service_fn(|request: Request<Incoming>| async move {
                    let text = format!("hello {}", request.uri().path());
                    Ok::<_, Infallible>(Response::new(text))
                });
            tokio::spawn(
                hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service)),
            );
        }
    });

    let mut client = Client::connect(server).await;
    let (status, body) = client.get("/hyper", &[]).await;
    assert_eq!((status.as_u16(), &body[..]), (200, &b"hello /hyper"[..]));
    assert_eq!(
        wait_for_lines(&capture, 1).await,
        format!(
            "INFO 200 GET /hyper 0.250ms {{\"status\": 200, \"method\": \"GET\", \
             \"path\": \"/hyper\", \"bytes\": 12, \"latency_ms\": 0.25, \
             \"remote_addr\": \"{}\"}}\n",
            client.local
        )
    );
}
