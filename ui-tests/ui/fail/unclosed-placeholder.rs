// `{` with no matching `}`.
fn main() {
    let n = 3;
    hlog::info!("{n items", n = n);
}
