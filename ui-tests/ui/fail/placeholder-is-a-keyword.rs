// `{type}` cannot capture a variable: `type` is a keyword.
fn main() {
    hlog::info!("{type}");
}
