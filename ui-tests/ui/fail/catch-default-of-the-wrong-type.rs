// `default` replaces the function's return value: it has the function's return type.
#[hlog::catch(default = 0)]
fn parse(text: &str) -> Result<u32, std::num::ParseIntError> {
    text.parse()
}

fn main() {
    let _ = parse("1");
}
