// `<red>` is never closed.
fn main() {
    hlog::info!("<red>alert");
}
