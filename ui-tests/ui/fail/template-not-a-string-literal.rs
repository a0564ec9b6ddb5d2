// The template must be a string literal, not a variable.
fn main() {
    let template = "User {user} logged in";
    hlog::info!(template);
}
