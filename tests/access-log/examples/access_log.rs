//! The HTTP access log with axum: a server on 127.0.0.1 with `AccessLogLayer`, a request id
//! from an outer layer, a handler that adds the user to its request's line, and a few requests
//! from a client, then it exits. Run it with
//! `cargo run -p hlog-access-log-tests --example access_log`.
//!
//! ```text
//! ... | INFO     | access_log:users:23 - listing users | {"user": "alice", "request_id": "r-1"}
//! ... | INFO     | hlog::access_log:access_log:24 - 200 GET /api/users?page=2 0.213ms | {"status": 200, ...
//! ... | WARNING  | hlog::access_log:access_log:24 - 200 GET /api/report 51.4ms [SLOW] | {"status": 200, ...
//! ... | INFO     | hlog::access_log:access_log:24 - 404 GET /missing 0.041ms | {"status": 404, ...
//! ```

use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use axum::routing::get;
use hlog::FutureExt as _;
use hlog::access_log::AccessLogLayer;
use hlog_access_log_tests::Client;

async fn users() -> &'static str {
    hlog::access_log::contextualize!(user = "alice");
    hlog::info!("listing users");
    "[\"alice\", \"bob\"]"
}

async fn report() -> &'static str {
    tokio::time::sleep(Duration::from_millis(50)).await;
    "report"
}

fn with_request_id<F: std::future::Future>(future: F) -> hlog::InContext<F> {
    future.in_context(hlog::fields!(request_id = "r-1"))
}

#[tokio::main]
async fn main() {
    // The default console handler, showing the fields too.
    hlog::remove_all();
    let format = format!("{} | {{extra}}", hlog::DEFAULT_FORMAT);
    hlog::add(hlog::sink::Console::stderr()).format(format.as_str()).install().unwrap();

    let access_log = AccessLogLayer::new()
        .exclude(["/health"])
        .headers(["user-agent"])
        .unwrap()
        .slow_threshold(Duration::from_millis(40))
        .remote_addr(|ext| ext.get::<ConnectInfo<SocketAddr>>().map(|info| info.0));
    let app = Router::new()
        .route("/api/users", get(users))
        .route("/api/report", get(report))
        .route("/health", get(|| async { "ok" }))
        .layer(access_log)
        .layer(tower::ServiceBuilder::new().map_future(with_request_id));

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let server = listener.local_addr().unwrap();
    let service = app.into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, service).await.unwrap() });

    let mut client = Client::connect(server).await;
    for path in ["/api/users?page=2", "/health", "/api/report", "/missing"] {
        client.get(path, &[("user-agent", b"example/1.0")]).await;
    }
    // The last line is written as the last body ends, just before the client reads it.
    tokio::time::sleep(Duration::from_millis(20)).await;
    hlog::complete();
}
