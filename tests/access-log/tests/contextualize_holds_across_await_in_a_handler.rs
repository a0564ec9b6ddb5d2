//! `hlog::access_log::contextualize!` in an axum handler, then an `.await`: it compiles (the
//! handler's future is `Send`: nothing is held), the handler's line after the `.await` and its
//! request's access line carry the field, and the next request on the connection does not.

use axum::Router;
use axum::routing::get;
use hlog_access_log_tests::{Client, capture_logger, layer, serve, wait_for_lines};

#[tokio::test]
async fn contextualize_holds_across_await_in_a_handler() {
    let (logger, capture) = capture_logger();
    let handler_logger = logger.clone();
    let handler = move || {
        let logger = handler_logger.clone();
        async move {
            // Bound as the guard it used to return, held across the `.await`: that guard was not
            // `Send`, and the handler did not compile (E0277). It returns nothing now.
            #[allow(clippy::let_unit_value)]
            let _user = hlog::access_log::contextualize!(user = "alice");
            tokio::task::yield_now().await;
            hlog::info!(logger, "after the await");
            "ok"
        }
    };
    let app = Router::new().route("/me", get(handler)).route("/other", get(|| async { "other" }));
    let server = serve(app.layer(layer(&logger).remote_addr(|_| None))).await;

    let mut client = Client::connect(server).await;
    client.get("/me", &[]).await;
    wait_for_lines(&capture, 2).await;
    client.get("/other", &[]).await;

    assert_eq!(
        wait_for_lines(&capture, 3).await,
        "INFO after the await {\"user\": \"alice\"}\n\
         INFO 200 GET /me 3.2ms {\"status\": 200, \"method\": \"GET\", \"path\": \"/me\", \
         \"bytes\": 2, \"latency_ms\": 3.2, \"user\": \"alice\"}\n\
         INFO 200 GET /other 3.2ms {\"status\": 200, \"method\": \"GET\", \"path\": \"/other\", \
         \"bytes\": 5, \"latency_ms\": 3.2}\n"
    );
}
