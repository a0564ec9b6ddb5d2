// `<user>` looks like a tag but names an argument: the error suggests the placeholder.
fn main() {
    hlog::info!("<user> logged in", user = "x");
}
