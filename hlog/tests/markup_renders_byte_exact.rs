//! Colour markup in templates renders to exact ANSI bytes on colourised sinks and to nothing on
//! plain ones; markup-looking text in argument values is printed as is.

use hlog::Logger;
use hlog::sink::Capture;

fn pair(format: &str) -> (Logger, Capture, Capture) {
    let logger = Logger::new();
    let coloured = Capture::new();
    let plain = Capture::new();
    logger.add(coloured.clone()).format(format).colorize(true).install().unwrap();
    logger.add(plain.clone()).format(format).colorize(false).install().unwrap();
    (logger, coloured, plain)
}

/// Each row: the call, the coloured bytes, the plain bytes (format `{message}`).
macro_rules! cases {
    ($logger:ident; $( ($($call:tt)*) => $coloured:expr, $plain:expr; )*) => {
        vec![$( (stringify!($($call)*), Box::new(|$logger: &Logger| { hlog::info!($logger, $($call)*) }) as Box<dyn Fn(&Logger)>, $coloured, $plain) ),*]
    };
}

#[test]
fn message_markup() {
    let table = cases! { logger;
        ("<red>error</red>") => "\x1b[31merror\x1b[0m", "error";
        ("<red>a<bold>b</bold>c</red>") => "\x1b[31ma\x1b[1mb\x1b[0m\x1b[31mc\x1b[0m", "abc";
        ("<green>ok</>") => "\x1b[32mok\x1b[0m", "ok";
        ("<fg #FF5733>hex</fg #FF5733>") => "\x1b[38;2;255;87;51mhex\x1b[0m", "hex";
        ("<fg #F53>short</>") => "\x1b[38;2;255;85;51mshort\x1b[0m", "short";
        ("<bg 232>grey</bg 232>") => "\x1b[48;5;232mgrey\x1b[0m", "grey";
        ("<fg 255,87,51>rgb</>") => "\x1b[38;2;255;87;51mrgb\x1b[0m", "rgb";
        ("<RED>bg</RED>") => "\x1b[41mbg\x1b[0m", "bg";
        ("<light-blue>lb</light-blue>") => "\x1b[94mlb\x1b[0m", "lb";
        ("<b><u>x</u></b>") => "\x1b[1m\x1b[4mx\x1b[0m\x1b[1m\x1b[0m", "x";
        ("<level>lvl</level>") => "\x1b[1mlvl\x1b[0m", "lvl";
        ("\\<red> is a tag") => "<red> is a tag", "<red> is a tag";
        ("a < b and <a b>") => "a < b and <a b>", "a < b and <a b>";
        ("{{braces}}") => "{braces}", "{braces}";
        ("<red>{}</red>", 42) => "\x1b[31m42\x1b[0m", "42";
    };
    for (call, log, coloured, plain) in table {
        let (logger, c, p) = pair("{message}");
        log(&logger);
        assert_eq!(c.text(), format!("{coloured}\n"), "coloured: {call}");
        assert_eq!(p.text(), format!("{plain}\n"), "plain: {call}");
    }
}

#[test]
fn message_closing_tags_restore_the_format_around_it() {
    let (logger, coloured, plain) = pair("<level>[{message}]</level>");
    hlog::error!(logger, "disk <bold>{d}</bold> full", d = "sda1");
    // After the message's `</bold>`: reset, then the format's `<level>` (ERROR: red bold).
    assert_eq!(
        coloured.text(),
        "\x1b[31m\x1b[1m[disk \x1b[1msda1\x1b[0m\x1b[31m\x1b[1m full]\x1b[0m\n"
    );
    assert_eq!(plain.text(), "[disk sda1 full]\n");
}

#[test]
fn markup_in_argument_values_is_printed_literally() {
    let (logger, coloured, plain) = pair("{message} {extra[v]}");
    let v = "<red>not a tag</red> {x} \x1b[0m";
    hlog::info!(logger, "{v}");
    // (ESC in a value is escaped: values_cannot_forge_lines_or_drive_the_terminal.rs.)
    let shown = r"<red>not a tag</red> {x} \x1b[0m";
    let expected = format!("{shown} {shown}\n");
    assert_eq!(coloured.text(), expected);
    assert_eq!(plain.text(), expected);
}

#[test]
fn format_markup_and_level_colour() {
    let (logger, coloured, plain) = pair("<green>{level}</green> <level>{message}</level>");
    hlog::success!(logger, "done");
    assert_eq!(coloured.text(), "\x1b[32mSUCCESS\x1b[0m \x1b[32m\x1b[1mdone\x1b[0m\n");
    assert_eq!(plain.text(), "SUCCESS done\n");
}
