// A built-in level by name; a registered one as a string.
#[hlog::catch(level = AUDIT)]
fn read() -> std::io::Result<String> {
    std::fs::read_to_string("x")
}

fn main() {
    let _ = read();
}
