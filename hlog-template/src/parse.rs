//! The template parser: literal text, `{...}` placeholders and `<tag>` markup.

use crate::{Error, Template};

/// Parse a template or format. Every problem is reported (not only the first), in source order.
///
/// # Examples
///
/// ```
/// let errors = hlog_template::parse("<nope>{x").unwrap_err();
/// assert_eq!(errors.len(), 2);
/// ```
pub fn parse(src: &str) -> Result<Template, Vec<Error>> {
    let _ = src;
    todo!("implemented by the parser work")
}
