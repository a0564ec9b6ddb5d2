//! Colour markup: loguru's tags and the ANSI SGR codes they stand for.

use crate::Error;

/// What a style change emits when colour is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ansi {
    /// Fixed SGR bytes, e.g. `"\x1b[31m"` or `"\x1b[0m\x1b[32m"`.
    Bytes(String),
    /// The colour of the record's level (`<level>` / `<lvl>`), known only per record.
    Level,
}

/// The SGR codes of one opening tag name (without `<` `>`), or `None` for `level`/`lvl`.
///
/// Errors: an unknown name ([`crate::ErrorKind::UnknownTag`]) or a bad colour value
/// ([`crate::ErrorKind::InvalidColor`]); ranges are relative to `name`.
///
/// # Examples
///
/// ```
/// use hlog_template::tag_ansi;
/// assert_eq!(tag_ansi("red").unwrap().as_deref(), Some("\x1b[31m"));
/// assert_eq!(tag_ansi("fg #FF5733").unwrap().as_deref(), Some("\x1b[38;2;255;87;51m"));
/// assert_eq!(tag_ansi("level").unwrap(), None);
/// ```
pub fn tag_ansi(name: &str) -> Result<Option<String>, Error> {
    let _ = name;
    todo!("implemented by the parser work")
}

/// The SGR bytes of a level colour written as markup of opening tags only, e.g.
/// `"<red><bold>"` → `"\x1b[31m\x1b[1m"` (used for level colours such as loguru's defaults).
///
/// # Examples
///
/// ```
/// use hlog_template::parse_color_markup;
/// assert_eq!(parse_color_markup("<red><bold>").unwrap(), "\x1b[31m\x1b[1m");
/// assert!(parse_color_markup("<nope>").is_err());
/// ```
pub fn parse_color_markup(markup: &str) -> Result<String, Error> {
    let _ = markup;
    todo!("implemented by the parser work")
}
