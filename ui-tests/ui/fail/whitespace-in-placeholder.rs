// `{ x }`: spaces around the name; the error suggests `{x}`.
fn main() {
    let x = 1;
    hlog::info!("{ x }");
}
