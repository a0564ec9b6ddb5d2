// BUG: `hlog::format!("...",)` rejects the trailing comma that every log macro accepts:
// "expected a string literal: `hlog::format!(\"{time} | {level} | {message}\")`".
fn main() {
    let format = hlog::format!("{message}",);
    assert_eq!(format.source(), "{message}");
}
