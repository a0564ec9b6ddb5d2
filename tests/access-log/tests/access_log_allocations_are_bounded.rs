//! The layer's own cost per request, in heap allocations, on the steady-state path: none when
//! no header is allowed, one (the list of the allowed headers' values) when some are. Counted
//! by a global allocator around a whole request (the service's call, its future, the body read
//! to its end, the access line written to a sink) against the same request without the layer.
//!
//! The requests are built as hyper builds them: the URI and header values share the bytes of
//! the connection's read buffer, so the layer keeps them with a reference count. (A request
//! built from a `&str` owns its URI bytes outright, and the layer's copy then allocates once
//! more: `Bytes` makes them shared on the first clone.) A real server's own allocations are
//! left out: the layer's are what this measures.

#[path = "../../../hlog/tests/common/counting.rs"]
mod counting;

use std::convert::Infallible;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use bytes::{Bytes, BytesMut};
use http_body_util::{BodyExt as _, Full};
use hyper::{Request, Response, Uri};
use tower::{Layer as _, Service};

use counting::on_this_thread as allocations;

fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
    }
}

/// A request whose URI and header values share one buffer, as hyper's parser makes them.
fn request() -> Request<()> {
    let mut buffer = BytesMut::from(&b"/api/users?page=2curl/8.5r-42"[..]);
    let mut shared = buffer.split_to(buffer.len()).freeze();
    let uri = Uri::from_maybe_shared(shared.split_to(17)).unwrap();
    let agent = hyper::header::HeaderValue::from_maybe_shared(shared.split_to(8)).unwrap();
    let id = hyper::header::HeaderValue::from_maybe_shared(shared).unwrap();
    let mut request = Request::get(uri).body(()).unwrap();
    request.headers_mut().insert("user-agent", agent);
    request.headers_mut().insert("x-request-id", id);
    request
}

/// Allocations of `n` requests through `service`, each built beforehand.
fn cost<S, B>(service: &mut S, n: usize) -> usize
where
    S: Service<Request<()>, Response = Response<B>, Error = Infallible>,
    B: hyper::body::Body + Unpin,
    B::Error: std::fmt::Debug,
{
    let requests: Vec<_> = (0..n).map(|_| request()).collect();
    let mut requests = requests.into_iter();
    allocations(|| {
        for request in requests.by_ref() {
            block_on(std::future::poll_fn(|cx| service.poll_ready(cx))).unwrap();
            let response = block_on(service.call(request)).unwrap();
            let mut body = response.into_body();
            while let Some(frame) = block_on(body.frame()) {
                frame.unwrap();
            }
        }
    })
}

#[test]
fn access_log_allocations_are_bounded() {
    let capture = hlog::sink::Capture::with_capacity(16 << 20);
    let logger = hlog::Logger::new();
    logger.add(capture.clone()).format("{level} {message} {extra}").install().unwrap();
    let inner = tower::service_fn(|_: Request<()>| {
        std::future::ready(Ok::<_, Infallible>(Response::new(Full::new(Bytes::from_static(
            b"[\"alice\"]",
        )))))
    });
    let plain = hlog::access_log::AccessLogLayer::new().logger(logger.clone());
    let with_headers = plain.clone().headers(["user-agent", "x-request-id"]).unwrap();

    let mut alone = inner;
    let mut logged = plain.layer(inner);
    let mut logged_with_headers = with_headers.layer(inner);
    // Warm-up: the thread's message buffer, the call site's interest.
    cost(&mut logged, 10);
    cost(&mut logged_with_headers, 10);

    let base = cost(&mut alone, 1000);
    assert_eq!(cost(&mut logged, 1000), base, "no header allowed: the layer allocates nothing");
    assert_eq!(
        cost(&mut logged_with_headers, 1000),
        base + 1000,
        "headers allowed: one allocation a request"
    );
    let lines = capture.lines();
    assert_eq!(lines.len(), 2020);
    assert!(lines[2019].starts_with("INFO 200 GET /api/users?page=2 "), "{}", lines[2019]);
    assert!(lines[2019].ends_with(", \"user_agent\": \"curl/8.5\", \"x_request_id\": \"r-42\"}"));
}
