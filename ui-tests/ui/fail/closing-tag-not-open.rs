// `</red>` with no tag open.
fn main() {
    hlog::info!("alert</red>");
}
