//! `hlog::access_log::contextualize!` leaves nothing current on the thread once the request's
//! poll is over, also when its future is dropped while waiting (no guard to end late: a guard
//! dropped with the future used to make the request's context current for whatever the thread
//! ran next: the request's id here).

use std::convert::Infallible;

use futures_util::FutureExt as _;
use hlog_access_log_tests::{capture_logger, layer};
use tower::{Layer as _, Service as _};

#[test]
fn contextualize_leaves_nothing_current_after_the_request() {
    let (logger, capture) = capture_logger();
    let inner = tower::service_fn(|_: axum::http::Request<()>| async {
        // Bound as the guard it used to return, held across the `.await`.
        #[allow(clippy::let_unit_value)]
        let _user = hlog::access_log::contextualize!(user = "alice");
        std::future::pending::<()>().await;
        Ok::<_, Infallible>(axum::http::Response::new(String::new()))
    });
    let mut service = layer(&logger).remote_addr(|_| None).layer(inner);
    let request = axum::http::Request::get("/hang").body(()).unwrap();
    // The request's context: a request id current when the layer is called.
    let mut future = {
        let _request = hlog::contextualize!(request_id = "r-1");
        Box::pin(service.call(request))
    };
    assert!(future.as_mut().now_or_never().is_none(), "the handler waits");
    hlog::info!(logger, "between polls");
    drop(future); // the client went away
    hlog::info!(logger, "after the request");

    assert_eq!(
        capture.text(),
        "INFO between polls {}\n\
         INFO 499 GET /hang 3.2ms [CANCELLED] {\"status\": 499, \"method\": \"GET\", \
         \"path\": \"/hang\", \"bytes\": 0, \"latency_ms\": 3.2, \"cancelled\": true, \
         \"user\": \"alice\", \"request_id\": \"r-1\"}\n\
         INFO after the request {}\n"
    );
}
