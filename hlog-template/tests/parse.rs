//! `parse`: literals, escapes, placeholders, markup and style resolution, and every error.

use std::ops::Range;

use hlog_template::{Accessor, Ansi, ArgRef, Error, ErrorKind, Piece, parse};

/// A compact, exact picture of a parsed template:
/// `«text»` a literal, `⟦…⟧` a style change (`\e` for ESC, `level` for the level colour,
/// `|` between codes), `{arg .attr [key] :spec @⟦active⟧}` a placeholder (`#0` an index,
/// nothing for the next positional argument).
fn render(src: &str) -> String {
    let template = match parse(src) {
        Ok(template) => template,
        Err(errors) => panic!("{src:?} failed to parse: {errors:#?}"),
    };
    let mut out = String::new();
    for piece in &template.pieces {
        match piece {
            Piece::Literal(text) => out += &format!("«{text}»"),
            Piece::Style(codes) => out += &format!("⟦{}⟧", codes_text(codes)),
            Piece::Placeholder(p) => {
                out.push('{');
                match &p.arg {
                    ArgRef::Next => {}
                    ArgRef::Index(i) => out += &format!("#{i}"),
                    ArgRef::Name(name) => out += name,
                }
                for accessor in &p.accessors {
                    match accessor {
                        Accessor::Attr(attr) => out += &format!(".{attr}"),
                        Accessor::Key(key) => out += &format!("[{key}]"),
                    }
                }
                if let Some((spec, _)) = &p.spec {
                    out += &format!(":{spec}");
                }
                if !p.active_style.is_empty() {
                    out += &format!("@⟦{}⟧", codes_text(&p.active_style));
                }
                out.push('}');
            }
        }
    }
    out
}

fn codes_text(codes: &[Ansi]) -> String {
    codes
        .iter()
        .map(|code| match code {
            Ansi::Bytes(bytes) => bytes.replace('\x1b', "\\e"),
            Ansi::Level => "level".to_owned(),
        })
        .collect::<Vec<_>>()
        .join("|")
}

#[test]
fn renders() {
    let cases: &[(&str, &str)] = &[
        // Literals and escapes.
        ("", ""),
        ("plain text", "«plain text»"),
        ("héllo wörld ✓", "«héllo wörld ✓»"),
        ("{{}}", "«{}»"),
        ("a {{b}} c", "«a {b} c»"),
        ("{{{x}}}", "«{»{x}«}»"),
        ("\\<red>", "«<red>»"),
        ("\\<red>x\\</red>", "«<red>x</red>»"),
        ("a \\ b", "«a \\ b»"),
        ("C:\\dir\\{x}", "«C:\\dir\\»{x}"),
        // Before a `<`, `\\` is one backslash (loguru): a backslash, then a tag.
        ("\\\\<red>x</red>", "«\\»⟦\\e[31m⟧«x»⟦\\e[0m⟧"),
        ("\\\\\\<b>x", "«\\<b>x»"),
        ("\\\\\\\\<b>x</b>", "«\\\\»⟦\\e[1m⟧«x»⟦\\e[0m⟧"),
        ("a\\\\b", "«a\\\\b»"),
        ("\\\\", "«\\\\»"),
        ("\\\\< b", "«\\< b»"),
        ("ends with \\", "«ends with \\»"),
        // A `<` that does not begin a tag is text.
        ("a < b", "«a < b»"),
        ("a <b c> d", "«a <b c> d»"),
        ("\\<>", "«<>»"),
        ("<{x}>", "«<»{x}«>»"),
        ("x <", "«x <»"),
        ("<<b>x</b>", "«<»⟦\\e[1m⟧«x»⟦\\e[0m⟧"),
        ("1 <= 2", "«1 <= 2»"),
        ("<fg  red>", "«<fg  red>»"),
        ("<fg >", "«<fg >»"),
        ("<fg {c}>", "«<fg »{c}«>»"),
        ("</ >", "«</ >»"),
        ("<user@example.com>", "«<user@example.com>»"),
        // Placeholders.
        ("{}", "{}"),
        ("{0}", "{#0}"),
        ("{12}", "{#12}"),
        ("{user}", "{user}"),
        ("{_private1}", "{_private1}"),
        ("{} and {}", "{}« and »{}"),
        ("{a.b.c}", "{a.b.c}"),
        ("{extra[user id]}", "{extra[user id]}"),
        ("{a[k].b[0]}", "{a[k].b[0]}"),
        ("{a[x:y]}", "{a[x:y]}"),
        ("{.x}", "{.x}"),
        ("{x:>8}", "{x:>8}"),
        ("{level: <8}", "{level: <8}"),
        ("{x:}", "{x:}"),
        ("{:?}", "{:?}"),
        ("{0:#x}", "{#0:#x}"),
        ("{time:YYYY-MM-DD [at] HH:mm!UTC}", "{time:YYYY-MM-DD [at] HH:mm!UTC}"),
        ("{x:<}", "{x:<}"),
        ("{x:nonsense}", "{x:nonsense}"),
        // Tags: colours, backgrounds, one-letter forms, styles.
        ("<red>x</red>", "⟦\\e[31m⟧«x»⟦\\e[0m⟧"),
        ("<black>x</>", "⟦\\e[30m⟧«x»⟦\\e[0m⟧"),
        ("<white>x</>", "⟦\\e[37m⟧«x»⟦\\e[0m⟧"),
        ("<light-black>x</>", "⟦\\e[90m⟧«x»⟦\\e[0m⟧"),
        ("<light-white>x</>", "⟦\\e[97m⟧«x»⟦\\e[0m⟧"),
        ("<RED>x</RED>", "⟦\\e[41m⟧«x»⟦\\e[0m⟧"),
        ("<LIGHT-BLUE>x</>", "⟦\\e[104m⟧«x»⟦\\e[0m⟧"),
        ("<r>x</r>", "⟦\\e[31m⟧«x»⟦\\e[0m⟧"),
        ("<R>x</R>", "⟦\\e[41m⟧«x»⟦\\e[0m⟧"),
        ("<lr>x</lr>", "⟦\\e[91m⟧«x»⟦\\e[0m⟧"),
        ("<LR>x</LR>", "⟦\\e[101m⟧«x»⟦\\e[0m⟧"),
        ("<e>x</>", "⟦\\e[34m⟧«x»⟦\\e[0m⟧"),
        ("<bold>x</bold>", "⟦\\e[1m⟧«x»⟦\\e[0m⟧"),
        ("<b>x</b>", "⟦\\e[1m⟧«x»⟦\\e[0m⟧"),
        ("<normal>x</>", "⟦\\e[22m⟧«x»⟦\\e[0m⟧"),
        ("<u>x</u>", "⟦\\e[4m⟧«x»⟦\\e[0m⟧"),
        ("<v>x</v>", "⟦\\e[7m⟧«x»⟦\\e[0m⟧"),
        ("<l>x</l>", "⟦\\e[5m⟧«x»⟦\\e[0m⟧"),
        ("<h>x</h>", "⟦\\e[8m⟧«x»⟦\\e[0m⟧"),
        // `fg` / `bg` with a colour name, index, hex or RGB.
        ("<fg red>x</fg red>", "⟦\\e[31m⟧«x»⟦\\e[0m⟧"),
        ("<fg light-red>x</>", "⟦\\e[91m⟧«x»⟦\\e[0m⟧"),
        ("<bg RED>x</>", "⟦\\e[41m⟧«x»⟦\\e[0m⟧"),
        ("<bg red>x</>", "⟦\\e[41m⟧«x»⟦\\e[0m⟧"),
        ("<bg light-blue>x</>", "⟦\\e[104m⟧«x»⟦\\e[0m⟧"),
        ("<fg 196>x</>", "⟦\\e[38;5;196m⟧«x»⟦\\e[0m⟧"),
        ("<bg 232>x</>", "⟦\\e[48;5;232m⟧«x»⟦\\e[0m⟧"),
        ("<fg 0>x</>", "⟦\\e[38;5;0m⟧«x»⟦\\e[0m⟧"),
        ("<fg #FF5733>x</>", "⟦\\e[38;2;255;87;51m⟧«x»⟦\\e[0m⟧"),
        ("<fg #ff5733>x</>", "⟦\\e[38;2;255;87;51m⟧«x»⟦\\e[0m⟧"),
        ("<fg #F53>x</>", "⟦\\e[38;2;255;85;51m⟧«x»⟦\\e[0m⟧"),
        ("<bg #000>x</>", "⟦\\e[48;2;0;0;0m⟧«x»⟦\\e[0m⟧"),
        ("<fg 255,87,51>x</>", "⟦\\e[38;2;255;87;51m⟧«x»⟦\\e[0m⟧"),
        ("<bg 0,0,255>x</>", "⟦\\e[48;2;0;0;255m⟧«x»⟦\\e[0m⟧"),
        // The level's colour.
        ("<level>x</level>", "⟦level⟧«x»⟦\\e[0m⟧"),
        ("<lvl>x</lvl>", "⟦level⟧«x»⟦\\e[0m⟧"),
        ("<level>{message}</level>", "⟦level⟧{message@⟦level⟧}⟦\\e[0m⟧"),
        // Nesting: a close resets, then re-applies what is still open, outermost first.
        ("<red><bold>x</bold>y</red>", "⟦\\e[31m\\e[1m⟧«x»⟦\\e[0m\\e[31m⟧«y»⟦\\e[0m⟧"),
        ("<red><bold>x</>y</>", "⟦\\e[31m\\e[1m⟧«x»⟦\\e[0m\\e[31m⟧«y»⟦\\e[0m⟧"),
        (
            "<red>a<level>b<u>c</u>d</level>e</red>",
            "⟦\\e[31m⟧«a»⟦level⟧«b»⟦\\e[4m⟧«c»⟦\\e[0m\\e[31m|level⟧«d»⟦\\e[0m\\e[31m⟧«e»⟦\\e[0m⟧",
        ),
        ("<r></r>", "⟦\\e[31m\\e[0m⟧"),
        ("<r></r><g>x</g>", "⟦\\e[31m\\e[0m\\e[32m⟧«x»⟦\\e[0m⟧"),
        ("<red>{x}</red>", "⟦\\e[31m⟧{x@⟦\\e[31m⟧}⟦\\e[0m⟧"),
        ("<red><b>{x}</b></red>", "⟦\\e[31m\\e[1m⟧{x@⟦\\e[31m\\e[1m⟧}⟦\\e[0m\\e[31m\\e[0m⟧"),
        ("<red><level>{x}</></>", "⟦\\e[31m|level⟧{x@⟦\\e[31m|level⟧}⟦\\e[0m\\e[31m\\e[0m⟧"),
        ("<red>a</red>{x}", "⟦\\e[31m⟧«a»⟦\\e[0m⟧{x}"),
        ("a<red>{{</red>b", "«a»⟦\\e[31m⟧«{»⟦\\e[0m⟧«b»"),
        // Tag names are compared as written.
        ("<fg #F53>x</fg #F53>", "⟦\\e[38;2;255;85;51m⟧«x»⟦\\e[0m⟧"),
        // loguru's default console format.
        (
            "<green>{time:YYYY-MM-DD HH:mm:ss.SSS}</green> | <level>{level: <8}</level> | \
             <cyan>{name}</cyan>:<cyan>{function}</cyan>:<cyan>{line}</cyan> - \
             <level>{message}</level>",
            "⟦\\e[32m⟧{time:YYYY-MM-DD HH:mm:ss.SSS@⟦\\e[32m⟧}⟦\\e[0m⟧« | »⟦level⟧\
             {level: <8@⟦level⟧}⟦\\e[0m⟧« | »⟦\\e[36m⟧{name@⟦\\e[36m⟧}⟦\\e[0m⟧«:»⟦\\e[36m⟧\
             {function@⟦\\e[36m⟧}⟦\\e[0m⟧«:»⟦\\e[36m⟧{line@⟦\\e[36m⟧}⟦\\e[0m⟧« - »⟦level⟧\
             {message@⟦level⟧}⟦\\e[0m⟧",
        ),
    ];
    for (src, expected) in cases {
        assert_eq!(render(src), *expected, "source: {src:?}");
    }
}

/// One placeholder's exact fields (everything except `active_style`, covered above).
struct Expected {
    arg: ArgRef,
    accessors: &'static [&'static str],
    spec: Option<(&'static str, Range<usize>)>,
    range: Range<usize>,
    arg_range: Range<usize>,
}

fn name(name: &str) -> ArgRef {
    ArgRef::Name(name.to_owned())
}

#[test]
fn placeholder_fields_and_ranges() {
    let cases: Vec<(&str, Expected)> = vec![
        (
            "{}",
            Expected {
                arg: ArgRef::Next,
                accessors: &[],
                spec: None,
                range: 0..2,
                arg_range: 1..1,
            },
        ),
        (
            "ab{}",
            Expected {
                arg: ArgRef::Next,
                accessors: &[],
                spec: None,
                range: 2..4,
                arg_range: 3..3,
            },
        ),
        (
            "{7}",
            Expected {
                arg: ArgRef::Index(7),
                accessors: &[],
                spec: None,
                range: 0..3,
                arg_range: 1..2,
            },
        ),
        (
            "x {user} y",
            Expected {
                arg: name("user"),
                accessors: &[],
                spec: None,
                range: 2..8,
                arg_range: 3..7,
            },
        ),
        (
            "é{user}",
            Expected {
                arg: name("user"),
                accessors: &[],
                spec: None,
                range: 2..8,
                arg_range: 3..7,
            },
        ),
        (
            "{level: <8}",
            Expected {
                arg: name("level"),
                accessors: &[],
                spec: Some((" <8", 7..10)),
                range: 0..11,
                arg_range: 1..6,
            },
        ),
        (
            "<red>{x:}</red>",
            Expected {
                arg: name("x"),
                accessors: &[],
                spec: Some(("", 8..8)),
                range: 5..9,
                arg_range: 6..7,
            },
        ),
        (
            "{:>8}",
            Expected {
                arg: ArgRef::Next,
                accessors: &[],
                spec: Some((">8", 2..4)),
                range: 0..5,
                arg_range: 1..1,
            },
        ),
        (
            "{extra[user id].name:?}",
            Expected {
                arg: name("extra"),
                accessors: &["[user id]", ".name"],
                spec: Some(("?", 21..22)),
                range: 0..23,
                arg_range: 1..6,
            },
        ),
        (
            "{0.x[y]}",
            Expected {
                arg: ArgRef::Index(0),
                accessors: &[".x", "[y]"],
                spec: None,
                range: 0..8,
                arg_range: 1..2,
            },
        ),
        (
            "{{{a}}}",
            Expected { arg: name("a"), accessors: &[], spec: None, range: 2..5, arg_range: 3..4 },
        ),
    ];
    for (src, expected) in &cases {
        let template = parse(src).unwrap_or_else(|e| panic!("{src:?}: {e:#?}"));
        let placeholders: Vec<_> = template.placeholders().collect();
        assert_eq!(placeholders.len(), 1, "source: {src:?}");
        let p = placeholders[0];
        let accessors: Vec<String> = p
            .accessors
            .iter()
            .map(|a| match a {
                Accessor::Attr(attr) => format!(".{attr}"),
                Accessor::Key(key) => format!("[{key}]"),
            })
            .collect();
        assert_eq!(p.arg, expected.arg, "source: {src:?}");
        assert_eq!(accessors, expected.accessors, "source: {src:?}");
        let spec = p.spec.as_ref().map(|(text, range)| (text.as_str(), range.clone()));
        assert_eq!(spec, expected.spec, "source: {src:?}");
        assert_eq!(p.range, expected.range, "source: {src:?}");
        assert_eq!(p.arg_range, expected.arg_range, "source: {src:?}");
        if let Some((text, range)) = &p.spec {
            assert_eq!(&src[range.clone()], text, "spec range of {src:?}");
        }
        assert_eq!(&src[p.range.clone()].chars().next(), &Some('{'), "source: {src:?}");
    }
}

#[test]
fn literal_only_templates() {
    let cases: &[(&str, bool)] = &[
        ("", true),
        ("text", true),
        ("{{x}} \\<b>", true),
        ("a < b", true),
        ("{x}", false),
        ("<b>x</b>", false),
    ];
    for (src, literal) in cases {
        assert_eq!(parse(src).unwrap().is_literal(), *literal, "source: {src:?}");
    }
}

/// An error's kind, range, message and help, exactly.
type ExpectedError = (ErrorKind, Range<usize>, &'static str, &'static str);

fn unknown(name: &str) -> ErrorKind {
    ErrorKind::UnknownTag { name: name.to_owned() }
}

fn unclosed(name: &str) -> ErrorKind {
    ErrorKind::UnclosedTag { name: name.to_owned() }
}

fn close(name: &str) -> ErrorKind {
    ErrorKind::UnexpectedClose { name: name.to_owned() }
}

const PLACEHOLDER_HELP: &str = "a placeholder is `{}`, `{0}`, `{name}`, `{name.field}` or \
    `{name[key]}`, optionally followed by `:spec`; write `{{` and `}}` for literal braces";

const TAG_HELP: &str = "tags are colours (`<red>`, `<light-blue>`, `<RED>` for the background, \
    `<r>`), styles (`<bold>`, `<b>`, `<underline>`), `<fg #FF5733>`, `<bg 232>`, \
    `<fg 255,87,51>` and `<level>`; write `\\<` for a literal `<`";

const COLOUR_HELP: &str = "a colour is a name (`red`, `light-blue`), an index 0–255 (`196`), \
    `#RRGGBB` or `#RGB` (`#FF5733`, `#F53`), or `R,G,B` with each 0–255 (`255,87,51`)";

#[test]
fn errors() {
    use ErrorKind::*;
    let cases: Vec<(&str, Vec<ExpectedError>)> = vec![
        // Braces.
        (
            "{x",
            vec![(
                UnclosedPlaceholder,
                0..2,
                "unclosed placeholder: `{` has no matching `}`",
                "write `{{` for a literal `{`",
            )],
        ),
        (
            "a {x <b>y</b> {z",
            vec![(
                UnclosedPlaceholder,
                2..16,
                "unclosed placeholder: `{` has no matching `}`",
                "write `{{` for a literal `{`",
            )],
        ),
        ("a } b", vec![(UnmatchedBrace, 2..3, "unmatched `}`", "write `}}` for a literal `}`")]),
        ("}}}", vec![(UnmatchedBrace, 2..3, "unmatched `}`", "write `}}` for a literal `}`")]),
        ("{x}}", vec![(UnmatchedBrace, 3..4, "unmatched `}`", "write `}}` for a literal `}`")]),
        // Invalid placeholders.
        (
            "hi { user }",
            vec![(
                InvalidPlaceholder,
                3..11,
                "invalid placeholder `{ user }`: unexpected whitespace",
                "write `{user}`",
            )],
        ),
        (
            "{ level : <8}",
            vec![(
                InvalidPlaceholder,
                0..13,
                "invalid placeholder `{ level : <8}`: unexpected whitespace",
                "write `{level: <8}`",
            )],
        ),
        (
            "{user name}",
            vec![(
                InvalidPlaceholder,
                0..11,
                "invalid placeholder `{user name}`: unexpected whitespace",
                "a placeholder has no spaces before its `:spec`",
            )],
        ),
        (
            "{x!r}",
            vec![(
                InvalidPlaceholder,
                0..5,
                "invalid placeholder `{x!r}`: conversions (`!r`) are not supported",
                "use `{x:?}` for Debug",
            )],
        ),
        (
            "{x!s:>4}",
            vec![(
                InvalidPlaceholder,
                0..8,
                "invalid placeholder `{x!s:>4}`: conversions (`!s`) are not supported",
                "write `{x}`: `Display` is the default",
            )],
        ),
        (
            "{1x}",
            vec![(
                InvalidPlaceholder,
                0..4,
                "invalid placeholder `{1x}`: `1x` is neither a name nor an index",
                PLACEHOLDER_HELP,
            )],
        ),
        (
            "{a-b}",
            vec![(
                InvalidPlaceholder,
                0..5,
                "invalid placeholder `{a-b}`: unexpected `-`",
                PLACEHOLDER_HELP,
            )],
        ),
        (
            "{é}",
            vec![(
                InvalidPlaceholder,
                0..4,
                "invalid placeholder `{é}`: unexpected `é`",
                PLACEHOLDER_HELP,
            )],
        ),
        (
            "{a.}",
            vec![(
                InvalidPlaceholder,
                0..4,
                "invalid placeholder `{a.}`: expected a field name after `.`",
                PLACEHOLDER_HELP,
            )],
        ),
        (
            "{a.1}",
            vec![(
                InvalidPlaceholder,
                0..5,
                "invalid placeholder `{a.1}`: expected a field name after `.`",
                PLACEHOLDER_HELP,
            )],
        ),
        (
            "{a[b}",
            vec![(
                InvalidPlaceholder,
                0..5,
                "invalid placeholder `{a[b}`: `[` is not closed by `]`",
                PLACEHOLDER_HELP,
            )],
        ),
        (
            "{a[]}",
            vec![(
                InvalidPlaceholder,
                0..5,
                "invalid placeholder `{a[]}`: empty key `[]`",
                PLACEHOLDER_HELP,
            )],
        ),
        (
            "{99999999999999999999999}",
            vec![(
                InvalidPlaceholder,
                0..25,
                "invalid placeholder `{99999999999999999999999}`: the index is too large",
                PLACEHOLDER_HELP,
            )],
        ),
        (
            "{x:>{width}} ok",
            vec![(
                InvalidPlaceholder,
                0..12,
                "invalid placeholder `{x:>{width}}`: nested placeholders are not supported",
                "write the width or precision itself (e.g. `{x:>8}`); write `{{` for a literal `{`",
            )],
        ),
        (
            "{a{b}",
            vec![(
                InvalidPlaceholder,
                0..5,
                "invalid placeholder `{a{b}`: nested placeholders are not supported",
                "write the width or precision itself (e.g. `{x:>8}`); write `{{` for a literal `{`",
            )],
        ),
        // Tags.
        ("<foo>x</foo>", vec![(unknown("foo"), 0..5, "unknown tag `<foo>`", TAG_HELP)]),
        // `<>` is refused, as loguru does; `\\<>` is the text.
        ("a <> b", vec![(unknown(""), 2..4, "unknown tag `<>`", TAG_HELP)]),
        (
            "<bolt>x</>",
            vec![(
                unknown("bolt"),
                0..6,
                "unknown tag `<bolt>`",
                "did you mean `<bold>`? tags are colours (`<red>`, `<light-blue>`, `<RED>` for the \
                 background, `<r>`), styles (`<bold>`, `<b>`, `<underline>`), `<fg #FF5733>`, \
                 `<bg 232>`, `<fg 255,87,51>` and `<level>`; write `\\<` for a literal `<`",
            )],
        ),
        (
            "a <Red>x</Red>",
            vec![(
                unknown("Red"),
                2..7,
                "unknown tag `<Red>`",
                "did you mean `<red>`? tags are colours (`<red>`, `<light-blue>`, `<RED>` for the \
                 background, `<r>`), styles (`<bold>`, `<b>`, `<underline>`), `<fg #FF5733>`, \
                 `<bg 232>`, `<fg 255,87,51>` and `<level>`; write `\\<` for a literal `<`",
            )],
        ),
        (
            "<light_red>x</>",
            vec![(
                unknown("light_red"),
                0..11,
                "unknown tag `<light_red>`",
                "did you mean `<light-red>`? tags are colours (`<red>`, `<light-blue>`, `<RED>` for \
                 the background, `<r>`), styles (`<bold>`, `<b>`, `<underline>`), `<fg #FF5733>`, \
                 `<bg 232>`, `<fg 255,87,51>` and `<level>`; write `\\<` for a literal `<`",
            )],
        ),
        ("Vec<String>", vec![(unknown("String"), 3..11, "unknown tag `<String>`", TAG_HELP)]),
        ("<#FF0000>x</>", vec![(unknown("#FF0000"), 0..9, "unknown tag `<#FF0000>`", TAG_HELP)]),
        ("<fg>x</fg>", vec![(unknown("fg"), 0..4, "unknown tag `<fg>`", TAG_HELP)]),
        (
            "<light-r>x</>",
            vec![(
                unknown("light-r"),
                0..9,
                "unknown tag `<light-r>`",
                "did you mean `<light-red>`? tags are colours (`<red>`, `<light-blue>`, `<RED>` for \
                 the background, `<r>`), styles (`<bold>`, `<b>`, `<underline>`), `<fg #FF5733>`, \
                 `<bg 232>`, `<fg 255,87,51>` and `<level>`; write `\\<` for a literal `<`",
            )],
        ),
        // Colour values.
        (
            "<fg #GG0000>x</>",
            vec![(
                InvalidColor,
                4..11,
                "invalid colour `#GG0000`: expected `#RRGGBB` or `#RGB` with hexadecimal digits",
                COLOUR_HELP,
            )],
        ),
        (
            "<fg #12345>x</>",
            vec![(
                InvalidColor,
                4..10,
                "invalid colour `#12345`: expected `#RRGGBB` or `#RGB` with hexadecimal digits",
                COLOUR_HELP,
            )],
        ),
        (
            "<bg 256>x</>",
            vec![(
                InvalidColor,
                4..7,
                "invalid colour `256`: a colour index must be 0–255",
                COLOUR_HELP,
            )],
        ),
        (
            "<fg 1,2>x</>",
            vec![(
                InvalidColor,
                4..7,
                "invalid colour `1,2`: expected three values `R,G,B`",
                COLOUR_HELP,
            )],
        ),
        (
            "<fg 300,0,0>x</>",
            vec![(
                InvalidColor,
                4..11,
                "invalid colour `300,0,0`: each of `R,G,B` must be a number 0–255",
                COLOUR_HELP,
            )],
        ),
        (
            "<fg 1,,3>x</>",
            vec![(
                InvalidColor,
                4..8,
                "invalid colour `1,,3`: each of `R,G,B` must be a number 0–255",
                COLOUR_HELP,
            )],
        ),
        (
            "<fg purple>x</>",
            vec![(
                InvalidColor,
                4..10,
                "invalid colour `purple`: not a colour name, an index, `#hex` or `R,G,B`",
                COLOUR_HELP,
            )],
        ),
        (
            "<bg bold>x</>",
            vec![(
                InvalidColor,
                4..8,
                "invalid colour `bold`: not a colour name, an index, `#hex` or `R,G,B`",
                COLOUR_HELP,
            )],
        ),
        // Closing tags.
        (
            "x</red>",
            vec![(
                close("red"),
                1..7,
                "`</red>` closes nothing: no tag is open",
                "remove it; write `\\<` for a literal `<`",
            )],
        ),
        (
            "</>",
            vec![(
                close(""),
                0..3,
                "`</>` closes nothing: no tag is open",
                "remove it; write `\\<` for a literal `<`",
            )],
        ),
        (
            "<b>x</b></b>",
            vec![(
                close("b"),
                8..12,
                "`</b>` closes nothing: no tag is open",
                "remove it; write `\\<` for a literal `<`",
            )],
        ),
        (
            "<red><bold>x</red></bold>",
            vec![(
                close("red"),
                12..18,
                "`</red>` does not match the innermost open tag `<bold>`",
                "close `<bold>` first with `</bold>` or `</>`",
            )],
        ),
        (
            "<red>x</green></red>",
            vec![(
                close("green"),
                6..14,
                "`</green>` does not match the innermost open tag `<red>`",
                "close `<red>` first with `</red>` or `</>`",
            )],
        ),
        (
            "<level>x</lvl>",
            vec![
                (
                    unclosed("level"),
                    0..7,
                    "`<level>` is never closed",
                    "close it with `</level>` or `</>`",
                ),
                (
                    close("lvl"),
                    8..14,
                    "`</lvl>` does not match the innermost open tag `<level>`",
                    "close `<level>` first with `</level>` or `</>`",
                ),
            ],
        ),
        (
            "<red>x",
            vec![(
                unclosed("red"),
                0..5,
                "`<red>` is never closed",
                "close it with `</red>` or `</>`",
            )],
        ),
        (
            "a <fg #F53>b <b>c",
            vec![
                (
                    unclosed("fg #F53"),
                    2..11,
                    "`<fg #F53>` is never closed",
                    "close it with `</fg #F53>` or `</>`",
                ),
                (unclosed("b"), 13..16, "`<b>` is never closed", "close it with `</b>` or `</>`"),
            ],
        ),
        (
            "<red><bold>x</red>",
            vec![
                (
                    unclosed("bold"),
                    5..11,
                    "`<bold>` is never closed",
                    "close it with `</bold>` or `</>`",
                ),
                (
                    close("red"),
                    12..18,
                    "`</red>` does not match the innermost open tag `<bold>`",
                    "close `<bold>` first with `</bold>` or `</>`",
                ),
            ],
        ),
        // Every problem is reported, in source order, without cascades.
        (
            "<nope>{x",
            vec![
                (unknown("nope"), 0..6, "unknown tag `<nope>`", TAG_HELP),
                (
                    UnclosedPlaceholder,
                    6..8,
                    "unclosed placeholder: `{` has no matching `}`",
                    "write `{{` for a literal `{`",
                ),
            ],
        ),
        (
            "} <x>{a b}</x> <fg 999>{c!r}</> {",
            vec![
                (UnmatchedBrace, 0..1, "unmatched `}`", "write `}}` for a literal `}`"),
                (unknown("x"), 2..5, "unknown tag `<x>`", TAG_HELP),
                (
                    InvalidPlaceholder,
                    5..10,
                    "invalid placeholder `{a b}`: unexpected whitespace",
                    "a placeholder has no spaces before its `:spec`",
                ),
                (
                    InvalidColor,
                    19..22,
                    "invalid colour `999`: a colour index must be 0–255",
                    COLOUR_HELP,
                ),
                (
                    InvalidPlaceholder,
                    23..28,
                    "invalid placeholder `{c!r}`: conversions (`!r`) are not supported",
                    "use `{c:?}` for Debug",
                ),
                (
                    UnclosedPlaceholder,
                    32..33,
                    "unclosed placeholder: `{` has no matching `}`",
                    "write `{{` for a literal `{`",
                ),
            ],
        ),
    ];
    for (src, expected) in &cases {
        let errors = parse(src).expect_err(src);
        let actual: Vec<(ErrorKind, Range<usize>, &str, &str)> = errors
            .iter()
            .map(|e: &Error| {
                (
                    e.kind.clone(),
                    e.range.clone(),
                    e.message.as_str(),
                    e.help.as_deref().unwrap_or(""),
                )
            })
            .collect();
        assert_eq!(actual, *expected, "source: {src:?}");
    }
}

#[test]
fn error_display_includes_help() {
    let errors = parse("a } b").unwrap_err();
    assert_eq!(errors[0].to_string(), "unmatched `}` (help: write `}}` for a literal `}`)");
}
