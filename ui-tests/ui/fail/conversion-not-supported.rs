// Python's `!r` conversion; the error suggests `{x:?}`.
fn main() {
    let x = 1;
    hlog::info!("{x!r}");
}
