// `</red>` while `<bold>`, opened after `<red>`, is still open.
fn main() {
    hlog::info!("<red><bold>alert</red></bold>");
}
