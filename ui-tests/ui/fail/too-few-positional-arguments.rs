// Three `{}` but only two positional arguments.
fn main() {
    hlog::info!("{} + {} = {}", 1, 2);
}
