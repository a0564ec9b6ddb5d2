// `{2}` refers to a positional argument that the call does not have.
fn main() {
    hlog::info!("{0} {1} {2}", 1, 2);
}
