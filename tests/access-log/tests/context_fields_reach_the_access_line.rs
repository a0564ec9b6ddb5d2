//! Contextual fields reach the access line and the handler's own lines: a request id set by
//! an outer layer (`in_context` around the service's future) is on both; fields the handler
//! adds with `hlog::access_log::contextualize!` are on its lines after the call and on its
//! request's access line, written after the handler returned, and on no other request's.

use axum::Router;
use axum::routing::get;
use hlog::FutureExt as _;
use hlog_access_log_tests::{Client, layer, serve, wait_for_lines};

fn with_request_id<F: Future>(future: F) -> hlog::InContext<F> {
    future.in_context(hlog::fields!(request_id = "r-7"))
}

#[tokio::test]
async fn context_fields_reach_the_access_line() {
    let capture = hlog::sink::Capture::new();
    let logger = hlog::Logger::new();
    logger.add(capture.clone()).format("{message} {extra}").install().unwrap();
    let handler_logger = logger.clone();
    let handler = move || {
        let logger = handler_logger.clone();
        async move {
            hlog::info!(logger, "looking up the user");
            let user = "alice";
            hlog::access_log::contextualize!(user);
            hlog::info!(logger, "found");
            "alice"
        }
    };
    // The outer layer: a request id for everything the request logs.
    let request_id = tower::ServiceBuilder::new().map_future(with_request_id);
    let app = Router::new()
        .route("/me", get(handler))
        .route("/other", get(|| async { "other" }))
        .layer(layer(&logger).remote_addr(|_| None))
        .layer(request_id);
    let server = serve(app).await;

    let mut client = Client::connect(server).await;
    client.get("/me", &[]).await;
    wait_for_lines(&capture, 3).await;
    client.get("/other", &[]).await;

    assert_eq!(
        wait_for_lines(&capture, 4).await,
        "looking up the user {\"request_id\": \"r-7\"}\n\
         found {\"user\": \"alice\", \"request_id\": \"r-7\"}\n\
         200 GET /me 3.2ms {\"status\": 200, \"method\": \"GET\", \"path\": \"/me\", \
         \"bytes\": 5, \"latency_ms\": 3.2, \"user\": \"alice\", \"request_id\": \"r-7\"}\n\
         200 GET /other 3.2ms {\"status\": 200, \"method\": \"GET\", \"path\": \"/other\", \
         \"bytes\": 5, \"latency_ms\": 3.2, \"request_id\": \"r-7\"}\n"
    );
}

/// A `contextualize!` guard around the layer's `call` (the future polled after the guard is
/// gone) gives the request its context too: the handler's lines and the access line have it.
#[test]
fn context_current_at_call_is_the_requests() {
    use std::convert::Infallible;
    use tower::{Layer as _, Service as _};

    let capture = hlog::sink::Capture::new();
    let logger = hlog::Logger::new();
    logger.add(capture.clone()).format("{message} {extra}").install().unwrap();
    let handler_logger = logger.clone();
    let inner = tower::service_fn(move |_: axum::http::Request<()>| {
        let logger = handler_logger.clone();
        async move {
            hlog::info!(logger, "handling");
            Ok::<_, Infallible>(axum::http::Response::new(String::new()))
        }
    });
    let mut service = layer(&logger).remote_addr(|_| None).layer(inner);
    let future = {
        let _request = hlog::contextualize!(request_id = "r-9");
        service.call(axum::http::Request::get("/jobs").body(()).unwrap())
    };
    let response = futures_util::FutureExt::now_or_never(future).unwrap().unwrap();
    drop(response);
    assert_eq!(
        capture.text(),
        "handling {\"request_id\": \"r-9\"}\n\
         200 GET /jobs 3.2ms {\"status\": 200, \"method\": \"GET\", \"path\": \"/jobs\", \
         \"bytes\": 0, \"latency_ms\": 3.2, \"request_id\": \"r-9\"}\n"
    );
}
