//! `Rotation::parse`: never panics; a refusal quotes the input.
#![no_main]

use hlog::sink::file::Rotation;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Err(error) = Rotation::parse(text) {
        assert_eq!(error.input, text);
        let _ = error.to_string();
    }
});
