// One error per call.
fn main() {
    let a = std::io::Error::other("a");
    let b = std::io::Error::other("b");
    hlog::error!(err = a, "failed", err = b);
}
