// `{usr}` names no argument and no variable in scope: rustc's own "cannot find value" error.
fn main() {
    let user = "alice";
    hlog::info!("User {usr} logged in");
}
