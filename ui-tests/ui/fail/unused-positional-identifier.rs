// In a template that takes positional arguments (`{}`), an identifier alone is one of them and
// must be shown, as in `format!`: a forgotten `{}` is likelier than a field. The help shows how
// to record it as a field instead.
fn main() {
    let (n, order_id) = (3, 9);
    hlog::info!("{} items", n, order_id);
}
