//! The main demo: `cargo run --example quickstart`. Prints loguru-style lines on stdout for
//! every level from DEBUG (the default console handler's), a custom one included; coloured on a
//! terminal (or with FORCE_COLOR=1), plain when piped.

use hlog::{critical, debug, error, info, log, success, trace, warning};

fn main() {
    let host = "0.0.0.0";
    let port = 8000;
    info!("Server started on {host}:{port}");
    trace!("Loaded {n} routes", n = 12); // below the default handler's DEBUG: not shown
    debug!("Connection pool ready: {size} connections", size = 8);
    success!("Health check passed in {ms:.1}ms", ms = 3.27);
    warning!("Slow query: <yellow>{ms}ms</yellow>", ms = 150);
    error!("Payment {id} failed: {reason}", id = 42, reason = "card declined");
    critical!("Disk <bold>{disk}</bold> is full", disk = "/dev/sda1");

    hlog::level("AUDIT", 35, "<magenta><bold>", "🔎").expect("a new level");
    let user = "alice";
    log!("AUDIT", "User {user} exported {rows} rows", rows = 1_204);
}
