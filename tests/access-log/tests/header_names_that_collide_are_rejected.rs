//! A header whose field name would be a field every line may have (`status`, `latency_ms`...),
//! or another allowed header's (`x-a` and `x_a`, `X-A` and `x-a`), is rejected with an error
//! that quotes it: no line could show both.

use hlog::access_log::AccessLogLayer;

fn error(names: &[&str]) -> String {
    AccessLogLayer::new().headers(names.iter().copied()).unwrap_err().to_string()
}

#[test]
fn header_names_that_collide_are_rejected() {
    let fixed = "which every access line has or may have (the fields status, method, path, query, \
                 bytes, latency_ms, remote_addr, cancelled, panicked, error): no header is shown \
                 under these names";
    assert_eq!(
        error(&["x-ok", "status"]),
        format!("\"status\" would be shown as the field \"status\", {fixed}")
    );
    assert_eq!(
        error(&["Latency-MS"]),
        format!("\"Latency-MS\" would be shown as the field \"latency_ms\", {fixed}")
    );
    assert_eq!(
        error(&["x-a", "x-b", "x_a"]),
        "\"x_a\" is shown as the field \"x_a\", as \"x-a\" given before it: give one of them"
    );
    assert_eq!(
        error(&["X-A", "x-a"]),
        "\"x-a\" is shown as the field \"x_a\", as \"X-A\" given before it: give one of them"
    );
    assert_eq!(AccessLogLayer::new().headers(["x-a", "x_a"]).unwrap_err().name(), "x_a");
    assert!(AccessLogLayer::new().headers(["x-a", "x-b", "statuses"]).is_ok());
}
