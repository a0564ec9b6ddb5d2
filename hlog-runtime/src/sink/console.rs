use std::io::{self, IsTerminal, Write};

use super::Sink;
use crate::record::Record;

/// The console: standard error (the default handler's sink) or standard output.
///
/// Colour is on when the environment says so and the stream is a terminal; see
/// [`color_from_env`] for the rules.
///
/// # Examples
///
/// ```
/// let logger = hlog::Logger::new();
/// logger.add(hlog::sink::Console::stdout()).install().unwrap();
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Console {
    stdout: bool,
}

impl Console {
    /// Standard error.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::Console;
    ///
    /// let logger = hlog::Logger::new();
    /// // Diagnostics on stderr, so that stdout stays the program's output.
    /// logger.add(Console::stderr()).level("WARNING").install().unwrap();
    /// assert_eq!(logger.stats()[0].sink, "stderr");
    /// ```
    pub fn stderr() -> Self {
        Console { stdout: false }
    }

    /// Standard output.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::Console;
    ///
    /// let logger = hlog::Logger::new();
    /// logger.add(Console::stdout()).format("{level} {message}").install().unwrap();
    /// hlog::info!(logger, "on standard output");
    /// assert_eq!(logger.stats()[0].sink, "stdout");
    /// ```
    pub fn stdout() -> Self {
        Console { stdout: true }
    }

    fn is_terminal(&self) -> bool {
        if self.stdout { io::stdout().is_terminal() } else { io::stderr().is_terminal() }
    }
}

impl Sink for Console {
    fn write(&mut self, line: &[u8], _record: &Record<'_>) -> io::Result<()> {
        if self.stdout {
            io::stdout().lock().write_all(line)
        } else {
            io::stderr().lock().write_all(line)
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.stdout { io::stdout().flush() } else { io::stderr().flush() }
    }

    fn auto_color(&self) -> bool {
        color_from_env(|name| std::env::var_os(name), self.is_terminal())
    }

    fn describe(&self) -> String {
        if self.stdout { "stdout".into() } else { "stderr".into() }
    }
}

/// Decide whether a console gets colour, from the environment and whether it is a terminal:
///
/// 1. `NO_COLOR` set (to anything but the empty string) → off;
/// 2. else `FORCE_COLOR` or `CLICOLOR_FORCE` set (and not `0`) → on;
/// 3. else `CLICOLOR=0` or `TERM=dumb` → off;
/// 4. else on exactly when the stream is a terminal.
///
/// A handler's explicit `colorize(true/false)` beats all of these.
///
/// # Examples
///
/// ```
/// use hlog::sink::color_from_env;
/// let env = |vars: &'static [(&'static str, &'static str)]| {
///     move |name: &str| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).into())
/// };
/// assert!(!color_from_env(env(&[("NO_COLOR", "1"), ("FORCE_COLOR", "1")]), true));
/// assert!(color_from_env(env(&[("FORCE_COLOR", "1")]), false));
/// assert!(!color_from_env(env(&[("TERM", "dumb")]), true));
/// assert!(color_from_env(env(&[]), true));
/// ```
pub fn color_from_env(var: impl Fn(&str) -> Option<std::ffi::OsString>, is_terminal: bool) -> bool {
    let set = |name: &str| var(name).is_some_and(|v| !v.is_empty());
    let forced = |name: &str| var(name).is_some_and(|v| !v.is_empty() && v != "0");
    if set("NO_COLOR") {
        return false;
    }
    if forced("FORCE_COLOR") || forced("CLICOLOR_FORCE") {
        return true;
    }
    if var("CLICOLOR").is_some_and(|v| v == "0") || var("TERM").is_some_and(|v| v == "dumb") {
        return false;
    }
    is_terminal
}
