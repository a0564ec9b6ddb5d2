// Two mistakes in the markup and braces of one template, an unknown tag and an unclosed
// placeholder: both are reported.
fn main() {
    hlog::info!("<gren>ok</gren> {n", n = 1);
}
