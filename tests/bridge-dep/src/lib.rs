//! A stand-in for a dependency that logs through the `log` and `tracing` facades only. The
//! bridges' tests (`tests/`) call it and read what reaches hlog's handlers. Each function
//! returns the line of its log call.

/// `log::warn!` with key-values; returns the line of the call.
pub fn log_warning(user: &str) -> u32 {
    log::warn!(user, attempts = 3, ratio = 0.5, locked = true; "login failed for {user}");
    line!() - 1
}

/// `log::info!` with a target of its own; returns the line of the call.
pub fn log_info_in_db() -> u32 {
    log::info!(target: "hlog_bridge_dep::db", "query took {}ms", 12);
    line!() - 1
}

/// `log::debug!` without key-values; returns the line of the call.
pub fn log_debug() -> u32 {
    log::debug!("cache miss");
    line!() - 1
}

/// `tracing::info!` with typed fields inside a span; returns the line of the event.
pub fn trace_request(id: u64) -> u32 {
    let span = tracing::info_span!("request", request_id = id, route = "/api/users");
    let _entered = span.enter();
    let inner = tracing::debug_span!("db", table = "users", request_id = "shadowed");
    let _inner = inner.enter();
    tracing::info!(rows = 2_i64, big = u64::MAX, ms = 1.5, hit = false, query = ?["a", "b"], "loaded {} rows", 2);
    line!() - 1
}

/// `tracing::warn!` with a target of its own, outside any span; returns the line of the event.
pub fn trace_warning_in_db() -> u32 {
    tracing::warn!(target: "hlog_bridge_dep::db", table = "users", "slow query");
    line!() - 1
}

/// `log::error!` with more key-values than the bridge keeps on the stack (16); returns the line
/// of the call.
pub fn log_many_fields() -> u32 {
    log::error!(
        k1 = 1, k2 = 2, k3 = 3, k4 = 4, k5 = 5, k6 = 6, k7 = 7, k8 = 8, k9 = 9, k10 = 10,
        k11 = 11, k12 = 12, k13 = 13, k14 = 14, k15 = 15, k16 = 16, k17 = 17, k18 = "last";
        "many"
    );
    line!() - 5
}

/// `log::info!` with a target made at run time; returns the line of the call.
pub fn log_with_target(target: &str) -> u32 {
    log::info!(target: target, "from {target}");
    line!() - 1
}
