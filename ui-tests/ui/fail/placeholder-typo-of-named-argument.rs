// `{usr}` where the named argument is `user`: `user` alone would be a field the message does
// not show, and `{usr}` would capture a variable; a name this close is a typo, so the error
// names `{usr}` with a did-you-mean.
fn main() {
    hlog::info!("User {usr} logged in", user = "x");
}
