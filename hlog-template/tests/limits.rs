//! Bounded by construction: a text over [`MAX_LEN`] is refused before it is read, and at most
//! [`MAX_DEPTH`] tags are open at once, so every parse is linear in the text's length. No
//! timing is asserted: the error kinds say which bound applied.

use hlog_template::{
    Ansi, ErrorKind, MAX_DEPTH, MAX_LEN, Piece, lower_format, parse, parse_format, parse_recovering,
};

/// `depth` nested `<red>` tags around a field, all closed.
fn nested(depth: usize) -> String {
    format!("{}{{message}}{}", "<red>".repeat(depth), "</red>".repeat(depth))
}

#[test]
fn a_megabyte_of_nested_tags_is_refused_as_too_long() {
    let format = nested(100_000);
    assert!(format.len() > 1_000_000);
    for errors in [parse(&format).unwrap_err(), parse_format(&format).unwrap_err()] {
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].kind, ErrorKind::TooLong { max: MAX_LEN });
        assert_eq!(errors[0].range, 0..format.len());
        assert!(errors[0].message.contains("at most 65536 bytes (64 KiB)"), "{}", errors[0]);
    }
    // Nothing of it was parsed: no pieces, however the text ends.
    let (template, _) = parse_recovering(&format);
    assert!(template.pieces.is_empty());
}

#[test]
fn the_length_limit_is_inclusive() {
    let text = "x".repeat(MAX_LEN);
    assert_eq!(parse(&text).unwrap().pieces, vec![Piece::Literal(text.clone())]);
    let longer = format!("{text}x");
    assert_eq!(parse(&longer).unwrap_err()[0].kind, ErrorKind::TooLong { max: MAX_LEN });
}

#[test]
fn sixty_four_nested_tags_parse_and_the_sixty_fifth_is_refused() {
    let format = parse_format(&nested(MAX_DEPTH)).unwrap();
    let lowered = lower_format(&format);
    assert!(!lowered.colored.is_empty());

    let too_deep = nested(MAX_DEPTH + 1);
    let errors = parse_format(&too_deep).unwrap_err();
    // One error, at the 65th tag: the tags left open and the closing tags are not reported.
    assert_eq!(errors.len(), 1, "{errors:?}");
    let start = MAX_DEPTH * "<red>".len();
    assert_eq!(errors[0].kind, ErrorKind::TooDeep { max: MAX_DEPTH });
    assert_eq!(errors[0].range, start..start + "<red>".len());
    assert_eq!(
        errors[0].to_string(),
        "`<red>` opens a tag inside 64 open tags; at most 64 tags may be open at once (help: \
         close some tags first (`</>` closes the innermost))"
    );
}

#[test]
fn the_largest_nested_format_accepted_stays_small() {
    // Within the length limit, as deep as allowed, over and over: each closing tag re-applies
    // at most 64 tags, so the style pieces hold at most 65 codes (of at most 20 bytes: the
    // longest is `\x1b[48;2;255;255;255m`) per tag of the text.
    let unit = nested(MAX_DEPTH);
    let format = unit.repeat(MAX_LEN / unit.len());
    let tags = format.matches('<').count();
    let parsed = parse(&format).unwrap();
    let bytes = |codes: &[Ansi]| -> usize {
        codes.iter().map(|c| if let Ansi::Bytes(b) = c { b.len() } else { 1 }).sum()
    };
    let total: usize = parsed
        .pieces
        .iter()
        .map(|piece| match piece {
            Piece::Style(codes) => bytes(codes),
            Piece::Placeholder(p) => bytes(&p.active_style),
            Piece::Literal(text) => text.len(),
        })
        .sum();
    assert!(total <= tags * (MAX_DEPTH + 1) * 20, "{total} bytes for {tags} tags");
}

#[test]
fn many_unclosed_braces_are_one_error() {
    let text = "{a".repeat(MAX_LEN / 2);
    let errors = parse(&text).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].kind, ErrorKind::UnclosedPlaceholder);
}
