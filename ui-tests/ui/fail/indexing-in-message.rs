// `{map[key]}` indexing works in formats (`{extra[key]}`), not in messages.
fn main() {
    let map = std::collections::HashMap::from([("key", 1)]);
    hlog::info!("{map[key]}");
}
