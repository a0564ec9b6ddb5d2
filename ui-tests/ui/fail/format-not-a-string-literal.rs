// `hlog::format!` takes a string literal.
fn main() {
    let source = "{message}";
    let _ = hlog::format!(source);
}
