//! Properties over generated text (proptest, 256 cases each so the suite stays fast; the fuzz
//! targets in `fuzz/` run the same parsers millions of times): no parser panics, every error
//! range is on character boundaries, and escaped literal text reads back as itself.

use hlog_template::{
    MAX_DEPTH, Piece, lower_format, parse, parse_color_markup, parse_format, parse_recovering,
    parse_spec, parse_time, tag_ansi,
};
use proptest::prelude::*;

/// Text made of the characters that mean something to the parsers, tag names, and any
/// character at all (multi-byte ones included).
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop::sample::select(vec![
            "{",
            "}",
            "<",
            ">",
            "</",
            "</>",
            "\\",
            "[",
            "]",
            ".",
            ":",
            "!",
            "#",
            ",",
            " ",
            "0",
            "9",
            "red",
            "fg ",
            "bg ",
            "level",
            "b",
            "é",
            "✓",
            "{message}",
            "{time:",
            "YYYY",
            "SSS",
            "!UTC",
            "<red>",
            "</red>",
            "{x:>8}",
            "{{",
            "}}",
        ])
        .prop_map(str::to_owned),
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

/// `text` written so that the parser reads it back as literal text: braces doubled, and
/// before each `<` the backslashes doubled (`\\` is one backslash there) and one more added
/// to make the `<` text.
fn escaped(text: &str) -> String {
    let mut out = String::new();
    let mut backslashes = 0;
    for c in text.chars() {
        match c {
            '\\' => backslashes += 1,
            '<' => out.push_str(&"\\".repeat(backslashes + 1)),
            _ => {}
        }
        if c != '\\' {
            backslashes = 0;
        }
        match c {
            '{' => out.push_str("{{"),
            '}' => out.push_str("}}"),
            _ => out.push(c),
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn no_parser_panics_and_ranges_are_on_char_boundaries(text in text()) {
        let on_boundaries = |range: &std::ops::Range<usize>| {
            range.start <= range.end && text.get(range.clone()).is_some()
        };
        let (template, errors) = parse_recovering(&text);
        prop_assert!(errors.iter().all(|e| on_boundaries(&e.range)), "{errors:?}");
        prop_assert!(errors.windows(2).all(|w| w[0].range.start <= w[1].range.start));
        for p in template.placeholders() {
            prop_assert!(on_boundaries(&p.range) && on_boundaries(&p.arg_range));
            prop_assert!(p.active_style.len() <= MAX_DEPTH);
        }
        match parse_format(&text) {
            Ok(format) => {
                lower_format(&format);
            }
            Err(errors) => prop_assert!(errors.iter().all(|e| on_boundaries(&e.range))),
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
            prop_assert!(on_boundaries(&error.range), "{error:?}");
        }
    }

    #[test]
    fn escaped_text_reads_back_as_itself(text in any::<String>()) {
        let template = parse(&escaped(&text)).unwrap();
        let expected = if text.is_empty() { vec![] } else { vec![Piece::Literal(text.clone())] };
        prop_assert_eq!(template.pieces, expected);
    }

    #[test]
    fn nesting_within_the_limit_parses_and_beyond_it_is_one_error(depth in 0..=2 * MAX_DEPTH) {
        let text = format!("{}{{x}}{}", "<b>".repeat(depth), "</b>".repeat(depth));
        match parse(&text) {
            Ok(template) => prop_assert!(depth <= MAX_DEPTH, "{template:?}"),
            Err(errors) => prop_assert!(depth > MAX_DEPTH && errors.len() == 1, "{errors:?}"),
        }
    }
}
