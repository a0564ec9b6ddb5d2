// `{usr}` where the named argument is `user`: the error should name `{usr}` (rustc's "cannot
// find value `usr`", or a "did you mean `{user}`?").
// BUG: the only error is "named argument `user` is never used in the template", at `"x"`;
// nothing points at `{usr}`.
fn main() {
    hlog::info!("User {usr} logged in", user = "x");
}
