// `<gren>` is not a colour or a style; the error suggests `<green>`.
fn main() {
    hlog::info!("<gren>ok</gren>");
}
