//! What the access log's tests share: a real axum (or plain hyper) server on 127.0.0.1:0, a
//! real HTTP/1 client (hyper's), a logger writing to a `Capture`, and a clock that makes
//! latencies exact.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt as _, Empty};
use hyper::client::conn::http1::SendRequest;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};

/// The format of the tests' lines: the level, the message, the fields.
pub const FORMAT: &str = "{level} {message} {extra}";

/// A logger of the test's own that writes [`FORMAT`] lines to the returned capture.
pub fn capture_logger() -> (hlog::Logger, hlog::sink::Capture) {
    let capture = hlog::sink::Capture::new();
    let logger = hlog::Logger::new();
    logger.add(capture.clone()).format(FORMAT).install().expect("the format is valid");
    (logger, capture)
}

/// A clock whose readings move `step` each: a request's start and end are one reading apart,
/// so its latency is `step`, exactly.
pub fn stepping_clock(step: Duration) -> impl Fn() -> Instant + Send + Sync + 'static {
    let start = Instant::now();
    let readings = Arc::new(AtomicU32::new(0));
    move || start + step * readings.fetch_add(1, Ordering::Relaxed)
}

/// The layer the tests start from: logging to `logger`, latencies of 3.2 ms, the remote
/// address from axum's `ConnectInfo<SocketAddr>`.
pub fn layer(logger: &hlog::Logger) -> hlog::access_log::AccessLogLayer {
    hlog::access_log::AccessLogLayer::new()
        .logger(logger.clone())
        .clock(stepping_clock(Duration::from_micros(3_200)))
        .remote_addr(|extensions| {
            extensions.get::<axum::extract::ConnectInfo<SocketAddr>>().map(|info| info.0)
        })
}

/// Serve `router` on 127.0.0.1 (a port of the system's choosing) with the client's address
/// as `ConnectInfo<SocketAddr>`; the server runs until the runtime ends.
pub async fn serve(router: axum::Router) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("a bound address");
    let service = router.into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, service).await.expect("the server runs") });
    addr
}

/// A client connection to `server` over HTTP/1.
pub struct Client {
    sender: SendRequest<Empty<Bytes>>,
    /// The client's own address: the `remote_addr` the server sees.
    pub local: SocketAddr,
}

impl Client {
    /// Connect to `server`.
    pub async fn connect(server: SocketAddr) -> Client {
        let stream = TcpStream::connect(server).await.expect("connect");
        let local = stream.local_addr().expect("a local address");
        let (sender, connection) =
            hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.expect("handshake");
        tokio::spawn(async move {
            let _ = connection.await;
        });
        Client { sender, local }
    }

    /// Send `GET path` with `headers`, and return the response with its body unread.
    pub async fn send(
        &mut self,
        path: &str,
        headers: &[(&str, &[u8])],
    ) -> Response<hyper::body::Incoming> {
        let mut request = Request::get(path).header("host", "127.0.0.1");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request.body(Empty::new()).expect("a valid request");
        self.sender.ready().await.expect("the connection is ready");
        self.sender.send_request(request).await.expect("a response")
    }

    /// `GET path` with `headers`: the status and the whole body.
    pub async fn get(&mut self, path: &str, headers: &[(&str, &[u8])]) -> (StatusCode, Bytes) {
        let response = self.send(path, headers).await;
        let status = response.status();
        let body = response.into_body().collect().await.expect("the whole body").to_bytes();
        (status, body)
    }
}

/// The whole captured text once it holds `lines` lines and has settled: the server may write a
/// line just after the client has read the response, so this waits for `lines` lines (5 s at
/// most), then a little more, so that a line too many is in the text too (the tests compare
/// the whole text).
pub async fn wait_for_lines(capture: &hlog::sink::Capture, lines: usize) -> String {
    let deadline = Instant::now() + Duration::from_secs(5);
    while capture.text().lines().count() < lines && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    tokio::time::sleep(Duration::from_millis(20)).await;
    capture.text()
}
