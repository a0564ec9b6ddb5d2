// A time pattern has at most nine `S` (nanoseconds).
fn main() {
    let _ = hlog::fmt!("{time:SSSSSSSSSS} {message}");
}
