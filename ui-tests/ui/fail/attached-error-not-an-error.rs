// `err = ...` attaches a `std::error::Error` (by value or reference, boxed, `anyhow::Error`).
fn main() {
    let reason = String::from("card declined");
    hlog::error!(err = reason, "Payment failed");
}
