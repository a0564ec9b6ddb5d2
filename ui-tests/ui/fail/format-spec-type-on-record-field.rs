// Record fields in a format take fill, alignment, width and precision, not `?`.
fn main() {
    let _ = hlog::fmt!("{level:?} {message}");
}
