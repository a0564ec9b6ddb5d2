// Colour markup in templates: nested tags, `</>`, colours by value, `<level>`, `\<` and a `<`
// that is plain text. Plain sinks get the text without colour.
#![deny(warnings)]

use hlog::sink::Capture;
use hlog::{Logger, info};

fn main() {
    let logger = Logger::new();
    let capture = Capture::new();
    logger.add(capture.clone()).format("{message}").colorize(false).install().unwrap();

    let ms = 150;
    info!(logger, "<red>red <bold>bold {ms}</bold> red</red>");
    info!(logger, "<green><u>both</></>");
    info!(logger, "<fg #FF5733>hex</> <fg #F53>short</> <bg 232>index</> <fg 255,87,51>rgb</>");
    info!(logger, "<fg red>fg</fg red> <bg RED>bg</> <RED>bg</RED> <lr>light</lr>");
    info!(logger, "<level>levelled</level> <lvl>too</lvl>");
    info!(logger, "\\<red> is not a tag");
    info!(logger, "a < b and b > a, <a b>");
    info!(
        logger,
        "<dim><italic><strike><reverse><blink><hide>x</hide></blink></reverse></strike></italic></dim>"
    );
    assert_eq!(
        capture.lines(),
        [
            "red bold 150 red",
            "both",
            "hex short index rgb",
            "fg bg bg light",
            "levelled too",
            "<red> is not a tag",
            "a < b and b > a, <a b>",
            "x",
        ]
    );

    let coloured = Logger::new();
    let colours = Capture::new();
    coloured.add(colours.clone()).format("{message}").colorize(true).install().unwrap();
    info!(coloured, "<red>r</red>");
    assert_eq!(colours.text(), "\x1b[31mr\x1b[0m\n");
}
