// `hlog::fmt!` takes a string literal.
fn main() {
    let source = "{message}";
    let _ = hlog::fmt!(source);
}
