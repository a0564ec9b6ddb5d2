//! `hlog::access_log::contextualize!` leaves nothing current on the thread once the request's
//! poll is over, also when its future is dropped while waiting (no guard to end late: a guard
//! dropped with the future used to make the request's context current for whatever the thread
//! ran next).

use std::convert::Infallible;

use futures_util::FutureExt as _;
use hlog_access_log_tests::{capture_logger, layer};
use tower::{Layer as _, ServiceExt as _};

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
    let service = layer(&logger).remote_addr(|_| None).layer(inner);
    let request = axum::http::Request::get("/hang").body(()).unwrap();
    let mut future = Box::pin(service.oneshot(request));
    assert!(future.as_mut().now_or_never().is_none(), "the handler waits");
    hlog::info!(logger, "between polls");
    drop(future); // the client went away
    hlog::info!(logger, "after the request");

    assert_eq!(
        capture.text(),
        "INFO between polls {}\n\
         INFO 499 GET /hang 3.2ms [CANCELLED] {\"status\": 499, \"method\": \"GET\", \
         \"path\": \"/hang\", \"bytes\": 0, \"latency_ms\": 3.2, \"cancelled\": true, \
         \"user\": \"alice\"}\n\
         INFO after the request {}\n"
    );
}
