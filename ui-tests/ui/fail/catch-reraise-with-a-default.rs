// `reraise` resumes a caught panic; `default` replaces it: they exclude each other.
#[hlog::catch(catch_panics, reraise, default = 0)]
fn divide(a: i32, b: i32) -> i32 {
    a / b
}

fn main() {
    let _ = divide(1, 0);
}
