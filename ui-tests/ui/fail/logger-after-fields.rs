// The logger comes first, then the fields: `info!(logger, order_id = 1, "...")`.
fn main() {
    let logger = hlog::Logger::new();
    hlog::info!(order_id = 1, logger, "Order placed");
}
