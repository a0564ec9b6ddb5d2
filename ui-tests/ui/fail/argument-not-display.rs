// An argument whose type is not `Display`: rustc's own error, at the argument.
struct Point {
    x: i32,
}

fn main() {
    hlog::info!("at {}", Point { x: 1 });
}
