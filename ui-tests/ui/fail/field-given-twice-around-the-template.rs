// A field given before the template (tracing's order) and again after it.
fn main() {
    hlog::info!(order_id = 1, "Order {order_id} placed", order_id = 2);
}
