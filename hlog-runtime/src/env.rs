//! The default console handler's settings from the environment: `HLOG_LOG` (or `RUST_LOG`
//! when the program asks) directives, `HLOG_LEVEL`, `HLOG_FORMAT`, `HLOG_COLORIZE`. A value
//! that does not parse is reported once on stderr and left out; the rest applies.

use crate::filter::{Directives, Filter, IntoLevelNo};
use crate::format::Format;
use crate::handler::Colorize;
use crate::level::Level;

/// The default console handler's settings.
pub(crate) struct ConsoleSettings {
    pub(crate) level: u32,
    pub(crate) format: Option<Format>,
    pub(crate) colorize: Colorize,
    pub(crate) filter: Filter,
}

/// Read the settings through `var` (the environment, or a test's table), reporting what does
/// not parse. `rust_log`: read `RUST_LOG` when `HLOG_LOG` is not set.
pub(crate) fn console_settings(
    var: impl Fn(&str) -> Option<String>,
    rust_log: bool,
) -> ConsoleSettings {
    let mut settings = ConsoleSettings {
        level: Level::DEBUG.no(),
        format: None,
        colorize: Colorize::Auto,
        filter: Filter::all(),
    };
    let directives = directives(&var, rust_log);
    if let Some(directives) = &directives {
        settings.filter = directives.filter();
        // The directives choose the levels: the handler's own floor steps aside.
        settings.level = directives.lowest().unwrap_or(settings.level);
    }
    if let Some(text) = var("HLOG_LEVEL") {
        match text.trim().into_level_no() {
            Ok(no) => settings.level = no,
            Err(error) => report("HLOG_LEVEL", &text, &error.to_string(), "DEBUG applies"),
        }
    }
    if let Some(text) = var("HLOG_FORMAT") {
        match Format::parse(&text) {
            Ok(format) => settings.format = Some(format),
            Err(error) => report("HLOG_FORMAT", &text, &error.to_string(), "the default applies"),
        }
    }
    if let Some(text) = var("HLOG_COLORIZE") {
        match parse_colorize(&text) {
            Some(colorize) => settings.colorize = colorize,
            None => report(
                "HLOG_COLORIZE",
                &text,
                "expected true/false (1/0, yes/no, on/off) or auto",
                "colour is chosen from the terminal",
            ),
        }
    }
    settings
}

/// The directives of `HLOG_LOG`, or of `RUST_LOG` when asked and `HLOG_LOG` is not set.
pub(crate) fn directives(
    var: &impl Fn(&str) -> Option<String>,
    rust_log: bool,
) -> Option<Directives> {
    let (name, text) = match var("HLOG_LOG") {
        Some(text) => ("HLOG_LOG", text),
        None if rust_log => ("RUST_LOG", var("RUST_LOG")?),
        None => return None,
    };
    let directives = Directives::parse(&text);
    for error in directives.errors() {
        crate::report::report_once(format_args!(
            "{name}={text:?}: {error}; this directive is left out, the others apply"
        ));
    }
    Some(directives)
}

fn parse_colorize(text: &str) -> Option<Colorize> {
    match text.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(Colorize::On),
        "0" | "false" | "no" | "off" => Some(Colorize::Off),
        "auto" | "" => Some(Colorize::Auto),
        _ => None,
    }
}

fn report(name: &str, text: &str, why: &str, then: &str) {
    crate::report::report_once(format_args!("{name}={text:?}: {why}; {then}"));
}

/// The process environment, as [`console_settings`] reads it (a value that is not UTF-8 is
/// reported and left out).
pub(crate) fn process_var(name: &str) -> Option<String> {
    let value = std::env::var_os(name)?;
    match value.into_string() {
        Ok(text) => Some(text),
        Err(raw) => {
            crate::report::report_once(format_args!("{name}={raw:?} is not UTF-8; it is left out"));
            None
        }
    }
}
