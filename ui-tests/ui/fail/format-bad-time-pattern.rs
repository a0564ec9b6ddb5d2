// An unclosed `[` in a time pattern.
fn main() {
    let _ = hlog::format!("{time:HH:mm [at} {message}");
}
