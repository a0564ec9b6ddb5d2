//! `tag_ansi` and `parse_color_markup`: loguru's tag table and colour values.

use std::ops::Range;

use hlog_template::{ErrorKind, parse_color_markup, tag_ansi};

#[test]
fn tag_codes() {
    // (tag name, expected SGR bytes; `None` is the level's colour).
    let cases: &[(&str, Option<&str>)] = &[
        // Foreground colours, their light forms and one-letter forms.
        ("black", Some("\x1b[30m")),
        ("red", Some("\x1b[31m")),
        ("green", Some("\x1b[32m")),
        ("yellow", Some("\x1b[33m")),
        ("blue", Some("\x1b[34m")),
        ("magenta", Some("\x1b[35m")),
        ("cyan", Some("\x1b[36m")),
        ("white", Some("\x1b[37m")),
        ("light-black", Some("\x1b[90m")),
        ("light-red", Some("\x1b[91m")),
        ("light-green", Some("\x1b[92m")),
        ("light-yellow", Some("\x1b[93m")),
        ("light-blue", Some("\x1b[94m")),
        ("light-magenta", Some("\x1b[95m")),
        ("light-cyan", Some("\x1b[96m")),
        ("light-white", Some("\x1b[97m")),
        ("k", Some("\x1b[30m")),
        ("r", Some("\x1b[31m")),
        ("g", Some("\x1b[32m")),
        ("y", Some("\x1b[33m")),
        ("e", Some("\x1b[34m")),
        ("m", Some("\x1b[35m")),
        ("c", Some("\x1b[36m")),
        ("w", Some("\x1b[37m")),
        ("lk", Some("\x1b[90m")),
        ("lr", Some("\x1b[91m")),
        ("lg", Some("\x1b[92m")),
        ("ly", Some("\x1b[93m")),
        ("le", Some("\x1b[94m")),
        ("lm", Some("\x1b[95m")),
        ("lc", Some("\x1b[96m")),
        ("lw", Some("\x1b[97m")),
        // Backgrounds: the same names in upper case.
        ("BLACK", Some("\x1b[40m")),
        ("RED", Some("\x1b[41m")),
        ("GREEN", Some("\x1b[42m")),
        ("YELLOW", Some("\x1b[43m")),
        ("BLUE", Some("\x1b[44m")),
        ("MAGENTA", Some("\x1b[45m")),
        ("CYAN", Some("\x1b[46m")),
        ("WHITE", Some("\x1b[47m")),
        ("LIGHT-BLACK", Some("\x1b[100m")),
        ("LIGHT-RED", Some("\x1b[101m")),
        ("LIGHT-BLUE", Some("\x1b[104m")),
        ("LIGHT-WHITE", Some("\x1b[107m")),
        ("K", Some("\x1b[40m")),
        ("R", Some("\x1b[41m")),
        ("E", Some("\x1b[44m")),
        ("W", Some("\x1b[47m")),
        ("LK", Some("\x1b[100m")),
        ("LR", Some("\x1b[101m")),
        ("LW", Some("\x1b[107m")),
        // Styles.
        ("bold", Some("\x1b[1m")),
        ("b", Some("\x1b[1m")),
        ("dim", Some("\x1b[2m")),
        ("d", Some("\x1b[2m")),
        ("normal", Some("\x1b[22m")),
        ("n", Some("\x1b[22m")),
        ("italic", Some("\x1b[3m")),
        ("i", Some("\x1b[3m")),
        ("underline", Some("\x1b[4m")),
        ("u", Some("\x1b[4m")),
        ("strike", Some("\x1b[9m")),
        ("s", Some("\x1b[9m")),
        ("reverse", Some("\x1b[7m")),
        ("v", Some("\x1b[7m")),
        ("blink", Some("\x1b[5m")),
        ("l", Some("\x1b[5m")),
        ("hide", Some("\x1b[8m")),
        ("h", Some("\x1b[8m")),
        // The level's colour.
        ("level", None),
        ("lvl", None),
        // `fg` / `bg` with a name (any case, like loguru), an index, hex or RGB.
        ("fg red", Some("\x1b[31m")),
        ("fg RED", Some("\x1b[31m")),
        ("fg r", Some("\x1b[31m")),
        ("fg light-cyan", Some("\x1b[96m")),
        ("bg RED", Some("\x1b[41m")),
        ("bg red", Some("\x1b[41m")),
        ("bg lr", Some("\x1b[101m")),
        ("bg LIGHT-BLUE", Some("\x1b[104m")),
        ("fg 0", Some("\x1b[38;5;0m")),
        ("fg 196", Some("\x1b[38;5;196m")),
        ("fg 255", Some("\x1b[38;5;255m")),
        ("fg 007", Some("\x1b[38;5;7m")),
        ("bg 232", Some("\x1b[48;5;232m")),
        ("fg #FF5733", Some("\x1b[38;2;255;87;51m")),
        ("fg #ff5733", Some("\x1b[38;2;255;87;51m")),
        ("fg #F53", Some("\x1b[38;2;255;85;51m")),
        ("bg #0a0B0c", Some("\x1b[48;2;10;11;12m")),
        ("fg 255,87,51", Some("\x1b[38;2;255;87;51m")),
        ("bg 0,0,0", Some("\x1b[48;2;0;0;0m")),
    ];
    for (name, expected) in cases {
        assert_eq!(tag_ansi(name).as_ref().map(Option::as_deref), Ok(*expected), "tag: {name:?}");
    }
}

const COLOUR_HELP: &str = "a colour is a name (`red`, `light-blue`), an index 0–255 (`196`), \
    `#RRGGBB` or `#RGB` (`#FF5733`, `#F53`), or `R,G,B` with each 0–255 (`255,87,51`)";

const TAG_HELP: &str = "tags are colours (`<red>`, `<light-blue>`, `<RED>` for the background, \
    `<r>`), styles (`<bold>`, `<b>`, `<underline>`), `<fg #FF5733>`, `<bg 232>`, \
    `<fg 255,87,51>` and `<level>`; write `\\<` for a literal `<`";

#[test]
fn tag_errors() {
    let unknown = |name: &str| ErrorKind::UnknownTag { name: name.to_owned() };
    // (tag name, kind, range in the name, message, help)
    let cases: Vec<(&str, ErrorKind, Range<usize>, &str, String)> = vec![
        ("foo", unknown("foo"), 0..3, "unknown tag `<foo>`", TAG_HELP.to_owned()),
        (
            "Red",
            unknown("Red"),
            0..3,
            "unknown tag `<Red>`",
            format!("did you mean `<red>`? {TAG_HELP}"),
        ),
        (
            "lightblue",
            unknown("lightblue"),
            0..9,
            "unknown tag `<lightblue>`",
            format!("did you mean `<light-blue>`? {TAG_HELP}"),
        ),
        ("BOLD", unknown("BOLD"), 0..4, "unknown tag `<BOLD>`", TAG_HELP.to_owned()),
        ("B", unknown("B"), 0..1, "unknown tag `<B>`", TAG_HELP.to_owned()),
        (
            "lred",
            unknown("lred"),
            0..4,
            "unknown tag `<lred>`",
            format!("did you mean `<red>`? {TAG_HELP}"),
        ),
        ("fg", unknown("fg"), 0..2, "unknown tag `<fg>`", TAG_HELP.to_owned()),
        ("", unknown(""), 0..0, "unknown tag `<>`", TAG_HELP.to_owned()),
        (
            "fg #GG0000",
            ErrorKind::InvalidColor,
            3..10,
            "invalid colour `#GG0000`: expected `#RRGGBB` or `#RGB` with hexadecimal digits",
            COLOUR_HELP.to_owned(),
        ),
        (
            "fg #12345",
            ErrorKind::InvalidColor,
            3..9,
            "invalid colour `#12345`: expected `#RRGGBB` or `#RGB` with hexadecimal digits",
            COLOUR_HELP.to_owned(),
        ),
        (
            "bg #",
            ErrorKind::InvalidColor,
            3..4,
            "invalid colour `#`: expected `#RRGGBB` or `#RGB` with hexadecimal digits",
            COLOUR_HELP.to_owned(),
        ),
        (
            "fg 256",
            ErrorKind::InvalidColor,
            3..6,
            "invalid colour `256`: a colour index must be 0–255",
            COLOUR_HELP.to_owned(),
        ),
        (
            "fg 1,2",
            ErrorKind::InvalidColor,
            3..6,
            "invalid colour `1,2`: expected three values `R,G,B`",
            COLOUR_HELP.to_owned(),
        ),
        (
            "fg 1,2,3,4",
            ErrorKind::InvalidColor,
            3..10,
            "invalid colour `1,2,3,4`: expected three values `R,G,B`",
            COLOUR_HELP.to_owned(),
        ),
        (
            "fg 300,0,0",
            ErrorKind::InvalidColor,
            3..10,
            "invalid colour `300,0,0`: each of `R,G,B` must be a number 0–255",
            COLOUR_HELP.to_owned(),
        ),
        (
            "bg -1,0,0",
            ErrorKind::InvalidColor,
            3..9,
            "invalid colour `-1,0,0`: each of `R,G,B` must be a number 0–255",
            COLOUR_HELP.to_owned(),
        ),
        (
            "fg pink",
            ErrorKind::InvalidColor,
            3..7,
            "invalid colour `pink`: not a colour name, an index, `#hex` or `R,G,B`",
            COLOUR_HELP.to_owned(),
        ),
        (
            "fg ",
            ErrorKind::InvalidColor,
            3..3,
            "invalid colour ``: a colour is missing",
            COLOUR_HELP.to_owned(),
        ),
    ];
    for (name, kind, range, message, help) in &cases {
        let error = tag_ansi(name).expect_err(name);
        assert_eq!(
            (&error.kind, &error.range, error.message.as_str(), error.help.as_deref()),
            (kind, range, *message, Some(help.as_str())),
            "tag: {name:?}",
        );
    }
}

#[test]
fn colour_markup() {
    let cases: &[(&str, &str)] = &[
        ("", ""),
        ("   ", ""),
        ("<red>", "\x1b[31m"),
        ("<red><bold>", "\x1b[31m\x1b[1m"),
        (" <cyan><bold> ", "\x1b[36m\x1b[1m"),
        ("<fg #FF5733><BLUE>", "\x1b[38;2;255;87;51m\x1b[44m"),
        ("<bg 232><u>", "\x1b[48;5;232m\x1b[4m"),
    ];
    for (markup, expected) in cases {
        assert_eq!(parse_color_markup(markup).as_deref(), Ok(*expected), "markup: {markup:?}");
    }
}

#[test]
fn colour_markup_errors() {
    const OPENING_HELP: &str = "a colour is written as opening tags, for example `<red><bold>`";
    let cases: Vec<(&str, ErrorKind, Range<usize>, &str, &str)> = vec![
        (
            "red",
            ErrorKind::InvalidColor,
            0..3,
            "invalid colour markup `red`: expected opening tags only",
            OPENING_HELP,
        ),
        (
            "<red> <bold>",
            ErrorKind::InvalidColor,
            5..6,
            "invalid colour markup ` `: expected opening tags only",
            OPENING_HELP,
        ),
        (
            "<red>x",
            ErrorKind::InvalidColor,
            5..6,
            "invalid colour markup `x`: expected opening tags only",
            OPENING_HELP,
        ),
        (
            "<red></red>",
            ErrorKind::InvalidColor,
            5..11,
            "invalid colour markup `</red>`: expected opening tags only",
            OPENING_HELP,
        ),
        (
            "<red",
            ErrorKind::InvalidColor,
            0..4,
            "invalid colour markup `<red`: expected opening tags only",
            OPENING_HELP,
        ),
        (
            "<level>",
            ErrorKind::InvalidColor,
            0..7,
            "`<level>` cannot be used in a colour",
            "the level tag takes its colour from the level; name colours here",
        ),
        (
            "<red><nope>",
            ErrorKind::UnknownTag { name: "nope".to_owned() },
            5..11,
            "unknown tag `<nope>`",
            TAG_HELP,
        ),
        (
            "<b><fg 300>",
            ErrorKind::InvalidColor,
            7..10,
            "invalid colour `300`: a colour index must be 0–255",
            COLOUR_HELP,
        ),
    ];
    for (markup, kind, range, message, help) in &cases {
        let error = parse_color_markup(markup).expect_err(markup);
        assert_eq!(
            (&error.kind, &error.range, error.message.as_str(), error.help.as_deref()),
            (kind, range, *message, Some(*help)),
            "markup: {markup:?}",
        );
    }
}
