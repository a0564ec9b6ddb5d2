//! No input makes a parser panic, and every error range is on character boundaries of the text.

use hlog_template::{parse, parse_color_markup, parse_spec, parse_time, tag_ansi};

/// Pieces the generated texts are made of: every meaningful character, a few words and some
/// multi-byte characters next to them.
const ALPHABET: &[&str] = &[
    "{", "}", "<", ">", "/", "\\", "[", "]", ".", ":", "!", "$", "*", "#", ",", " ", "0", "9", "x",
    "S", "D", "o", "red", "fg ", "bg ", "level", "é", "✓", "#F53", "255", "UTC", "!UTC",
];

/// Deterministic texts (a small linear congruential generator, no dependencies).
fn texts() -> impl Iterator<Item = String> {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state =
            state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize
    };
    (0..3_000).map(move |_| {
        let len = next() % 12;
        (0..len).map(|_| ALPHABET[next() % ALPHABET.len()]).collect()
    })
}

#[test]
fn never_panics_and_ranges_are_on_char_boundaries() {
    for text in texts() {
        let on_boundaries = |range: &std::ops::Range<usize>| {
            range.start <= range.end
                && text.is_char_boundary(range.start)
                && text.is_char_boundary(range.end)
        };
        match parse(&text) {
            Ok(template) => {
                for p in template.placeholders() {
                    assert!(on_boundaries(&p.range) && on_boundaries(&p.arg_range), "{text:?}");
                }
            }
            Err(errors) => {
                assert!(!errors.is_empty(), "{text:?}");
                assert!(errors.windows(2).all(|w| w[0].range.start <= w[1].range.start));
                assert!(errors.iter().all(|e| on_boundaries(&e.range)), "{text:?}: {errors:#?}");
            }
        }
        for error in [
            parse_spec(&text).err(),
            parse_time(&text).err(),
            parse_color_markup(&text).err(),
            tag_ansi(&text).err(),
        ]
        .into_iter()
        .flatten()
        {
            assert!(on_boundaries(&error.range), "{text:?}: {error:#?}");
        }
    }
}
