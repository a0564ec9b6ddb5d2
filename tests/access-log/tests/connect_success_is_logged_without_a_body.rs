//! A 2xx answer to `CONNECT` has no body in hyper (the connection becomes a tunnel; the body
//! is dropped unread): it is logged complete when its head is made, 0 bytes, not cancelled.
//! A `CONNECT` refused (a 4xx) sends its body, and is logged when it ends.

use std::convert::Infallible;

use axum::http::{Method, Request, Response, StatusCode};
use futures_util::FutureExt as _;
use hlog_access_log_tests::{capture_logger, layer};
use http_body_util::BodyExt as _;
use tower::{Layer as _, ServiceExt as _};

#[test]
fn connect_success_is_logged_without_a_body() {
    let (logger, capture) = capture_logger();
    let inner = tower::service_fn(|request: Request<()>| async move {
        let status = if request.uri().port_u16() == Some(443) {
            StatusCode::OK
        } else {
            StatusCode::FORBIDDEN
        };
        let mut response = Response::new(String::from("not sent"));
        *response.status_mut() = status;
        Ok::<_, Infallible>(response)
    });
    let service = layer(&logger).remote_addr(|_| None).layer(inner);
    for (target, read) in [("example.com:443", false), ("example.com:25", true)] {
        let request = Request::builder().method(Method::CONNECT).uri(target).body(()).unwrap();
        let response = service.clone().oneshot(request).now_or_never().unwrap().unwrap();
        if read {
            response.into_body().collect().now_or_never().unwrap().unwrap();
        } else {
            // What hyper does with the body of a 2xx to CONNECT.
            drop(response);
        }
    }

    assert_eq!(
        capture.text(),
        "INFO 200 CONNECT  3.2ms {\"status\": 200, \"method\": \"CONNECT\", \"path\": \"\", \
         \"bytes\": 0, \"latency_ms\": 3.2}\n\
         INFO 403 CONNECT  3.2ms {\"status\": 403, \"method\": \"CONNECT\", \"path\": \"\", \
         \"bytes\": 8, \"latency_ms\": 3.2}\n"
    );
}
