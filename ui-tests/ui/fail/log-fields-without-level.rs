// `log!` with fields before the template still needs a level before them.
fn main() {
    hlog::log!(order_id = 1, "Order placed");
}
