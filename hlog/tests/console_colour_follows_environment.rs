//! A console's colour follows NO_COLOR, FORCE_COLOR, CLICOLOR_FORCE, CLICOLOR, TERM and the
//! terminal, in that order; an explicit `colorize` beats them; other sinks get no colour.

use std::ffi::OsString;

use hlog::sink::{Capture, color_from_env};

fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
    move |name| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| OsString::from(v))
}

type Env = &'static [(&'static str, &'static str)];

#[test]
fn decision_table() {
    #[rustfmt::skip]
    let table: &[(Env, bool, bool)] = &[
        // (environment, is a terminal, colour)
        (&[], true, true),
        (&[], false, false),
        (&[("NO_COLOR", "1")], true, false),
        (&[("NO_COLOR", "")], true, true), // empty NO_COLOR is unset, per no-color.org
        (&[("NO_COLOR", "1"), ("FORCE_COLOR", "1")], true, false),
        (&[("FORCE_COLOR", "1")], false, true),
        (&[("FORCE_COLOR", "0")], false, false),
        (&[("CLICOLOR_FORCE", "1")], false, true),
        (&[("CLICOLOR", "0")], true, false),
        (&[("CLICOLOR", "0"), ("FORCE_COLOR", "1")], false, true),
        (&[("TERM", "dumb")], true, false),
        (&[("TERM", "dumb"), ("CLICOLOR_FORCE", "1")], false, true),
        (&[("TERM", "xterm-256color")], true, true),
        (&[("CLICOLOR", "1")], false, false),
    ];
    for (vars, terminal, expected) in table {
        assert_eq!(
            color_from_env(env(vars), *terminal),
            *expected,
            "{vars:?}, terminal: {terminal}"
        );
    }
}

#[test]
fn explicit_setting_beats_the_environment_and_other_sinks_get_none() {
    let logger = hlog::Logger::new();
    let auto = Capture::new();
    let on = Capture::new();
    let off = Capture::new();
    logger.add(auto.clone()).format("<red>{message}</red>").install().unwrap();
    logger.add(on.clone()).format("<red>{message}</red>").colorize(true).install().unwrap();
    logger.add(off.clone()).format("<red>{message}</red>").colorize(false).install().unwrap();
    hlog::info!(logger, "x");
    assert_eq!(auto.text(), "x\n", "a capture sink is not a console: automatic colour is off");
    assert_eq!(on.text(), "\x1b[31mx\x1b[0m\n");
    assert_eq!(off.text(), "x\n");
}
