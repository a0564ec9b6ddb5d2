// A field the message does not show, given twice: one error, at the second name.
fn main() {
    hlog::info!("Order placed", order_id = 1, order_id = 2);
}
