// Without `catch_panics`, `#[hlog::catch]` logs an `Err`: the function must return a `Result`.
#[hlog::catch]
fn parse(text: &str) -> Option<u32> {
    text.parse().ok()
}

fn main() {
    let _ = parse("1");
}
