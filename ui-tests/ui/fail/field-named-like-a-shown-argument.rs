// An identifier alone would be a field, but the template already shows an argument of that
// name: recording `order_id` twice is an error, at the identifier.
fn main() {
    let order_id = 7;
    hlog::info!("Order {order_id} placed", order_id = 1, order_id);
}
