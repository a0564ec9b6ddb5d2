// An unclosed `[` in a time pattern.
fn main() {
    let _ = hlog::fmt!("{time:HH:mm [at} {message}");
}
