// The options of `#[hlog::catch]` are `level`, `message`, `default`, `catch_panics`, `reraise`.
#[hlog::catch(exclude = std::io::Error)]
fn read() -> std::io::Result<String> {
    std::fs::read_to_string("x")
}

fn main() {
    let _ = read();
}
