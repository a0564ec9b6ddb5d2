//! Sizes and durations: a fuzzed number (or text) followed by a unit, so that the number lexer
//! and the unit tables are reached far more often than from raw bytes.
#![no_main]

use hlog::sink::file::{Retention, Rotation};
use libfuzzer_sys::fuzz_target;

const UNITS: &[&str] = &[
    "", " B", " b", " KB", " KiB", " Kb", " MB", " GB", " TB", " PB", " EB", " ZB", " YiB", " s",
    " ms", " us", " min", " h", " d", " w", " months", " y", " years", " files", "h 1 s",
];

fuzz_target!(|input: (u8, &str)| {
    let (unit, number) = input;
    let text = format!("{number}{}", UNITS[usize::from(unit) % UNITS.len()]);
    let _ = Rotation::parse(&text);
    let _ = Retention::parse(&text);
});
