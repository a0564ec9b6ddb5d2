// `{x:>w$}`: width arguments are not supported. Should be ONE error.
// BUG: a second error follows, "named argument `w` is never used in the template", although
// the user's intent was to use it (in the spec that was just rejected).
fn main() {
    let x = 1;
    hlog::info!("{x:>w$}", w = 3);
    let _ = x;
}
