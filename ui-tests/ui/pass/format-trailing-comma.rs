// BUG: `hlog::fmt!("...",)` rejects the trailing comma that every log macro accepts:
// "expected a string literal: `hlog::fmt!(\"{time} | {level} | {message}\")`".
fn main() {
    let format = hlog::fmt!("{message}",);
    assert_eq!(format.source(), "{message}");
}
