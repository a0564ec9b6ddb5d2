// A field the message does not show is recorded as `{name}` would show it, so its type needs
// `Display`: rustc's own error, at the argument. (`items = format_args!("{list:?}")` records
// its `Debug` text.)
fn main() {
    hlog::info!("Order placed", items = vec![1, 2]);
}
