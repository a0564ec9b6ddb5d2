//! Colour markup: loguru's tags and the ANSI SGR codes they stand for.

use std::ops::Range;

use crate::{Error, ErrorKind};

/// What a style change emits when colour is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ansi {
    /// Fixed SGR bytes, e.g. `"\x1b[31m"` or `"\x1b[0m\x1b[32m"`.
    Bytes(String),
    /// The colour of the record's level (`<level>` / `<lvl>`), known only per record.
    Level,
}

/// The reset sequence a closing tag emits before re-applying the tags still open.
pub(crate) const RESET: &str = "\x1b[0m";

/// Style tags and their SGR codes (loguru's `Style`).
const STYLES: &[(&str, u8)] = &[
    ("bold", 1),
    ("b", 1),
    ("dim", 2),
    ("d", 2),
    ("normal", 22),
    ("n", 22),
    ("italic", 3),
    ("i", 3),
    ("underline", 4),
    ("u", 4),
    ("strike", 9),
    ("s", 9),
    ("reverse", 7),
    ("v", 7),
    ("blink", 5),
    ("l", 5),
    ("hide", 8),
    ("h", 8),
];

/// The eight colours in SGR order, with loguru's one-letter forms.
const COLOURS: [(&str, &str); 8] = [
    ("black", "k"),
    ("red", "r"),
    ("green", "g"),
    ("yellow", "y"),
    ("blue", "e"),
    ("magenta", "m"),
    ("cyan", "c"),
    ("white", "w"),
];

/// What an [`Error`] of kind [`ErrorKind::InvalidColor`] suggests.
const COLOUR_HELP: &str = "a colour is a name (`red`, `light-blue`), an index 0–255 (`196`), \
    `#RRGGBB` or `#RGB` (`#FF5733`, `#F53`), or `R,G,B` with each 0–255 (`255,87,51`)";

/// What an [`Error`] of kind [`ErrorKind::UnknownTag`] suggests (after a "did you mean").
const TAG_HELP: &str = "tags are colours (`<red>`, `<light-blue>`, `<RED>` for the background, \
    `<r>`), styles (`<bold>`, `<b>`, `<underline>`), `<fg #FF5733>`, `<bg 232>`, \
    `<fg 255,87,51>` and `<level>`; write `\\<` for a literal `<`";

/// `\x1b[<params>m`
fn sgr(params: impl std::fmt::Display) -> String {
    format!("\x1b[{params}m")
}

/// The offset (0–7) and lightness of a lower-case colour name such as `red`, `light-red`,
/// `r` or `lr`.
fn colour_index(lower: &str) -> Option<(u8, bool)> {
    let by_name = |name: &str| COLOURS.iter().position(|(full, _)| *full == name);
    let by_letter = |letter: &str| COLOURS.iter().position(|(_, short)| *short == letter);
    let (index, light) = if let Some(base) = lower.strip_prefix("light-") {
        (by_name(base)?, true)
    } else if let Some(index) = by_name(lower).or_else(|| by_letter(lower)) {
        (index, false)
    } else {
        (by_letter(lower.strip_prefix('l')?)?, true)
    };
    Some((index as u8, light))
}

/// SGR code of a foreground colour name (lower case: `red`, `light-red`, `r`, `lr`).
fn fg_code(name: &str) -> Option<u8> {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let (index, light) = colour_index(name)?;
    Some(index + if light { 90 } else { 30 })
}

/// SGR code of a background colour name (upper case: `RED`, `LIGHT-RED`, `R`, `LR`).
fn bg_code(name: &str) -> Option<u8> {
    if name.bytes().any(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let (index, light) = colour_index(&name.to_ascii_lowercase())?;
    Some(index + if light { 100 } else { 40 })
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
    if name == "level" || name == "lvl" {
        return Ok(None);
    }
    if let Some(&(_, code)) = STYLES.iter().find(|(style, _)| *style == name) {
        return Ok(Some(sgr(code)));
    }
    if let Some(code) = fg_code(name).or_else(|| bg_code(name)) {
        return Ok(Some(sgr(code)));
    }
    let (background, value) = match (name.strip_prefix("fg "), name.strip_prefix("bg ")) {
        (Some(value), _) => (false, value),
        (_, Some(value)) => (true, value),
        _ => return Err(unknown_tag(name)),
    };
    // Like loguru, `fg` takes any case of a colour name (`<fg RED>` is red text) and `bg`
    // too (`<bg red>` is a red background).
    let named = if background {
        bg_code(&value.to_ascii_uppercase())
    } else {
        fg_code(&value.to_ascii_lowercase())
    };
    if let Some(code) = named {
        return Ok(Some(sgr(code)));
    }
    let layer = if background { 48 } else { 38 };
    match colour_value(value) {
        Ok(Colour::Index(n)) => Ok(Some(sgr(format_args!("{layer};5;{n}")))),
        Ok(Colour::Rgb(r, g, b)) => Ok(Some(sgr(format_args!("{layer};2;{r};{g};{b}")))),
        Err(reason) => Err(Error::new(
            ErrorKind::InvalidColor,
            3..name.len(),
            format!("invalid colour `{value}`: {reason}"),
        )
        .with_help(COLOUR_HELP)),
    }
}

/// A colour given by value in `<fg …>` / `<bg …>`.
enum Colour {
    /// `196`
    Index(u8),
    /// `#FF5733`, `#F53` or `255,87,51`
    Rgb(u8, u8, u8),
}

/// Parse a colour index, `#hex` or `R,G,B` value; on failure, why it is not one.
fn colour_value(value: &str) -> Result<Colour, &'static str> {
    if value.is_empty() {
        return Err("a colour is missing");
    }
    if let Some(hex) = value.strip_prefix('#') {
        let digits: Option<Vec<u8>> =
            hex.chars().map(|c| c.to_digit(16).map(|d| d as u8)).collect();
        return match digits.as_deref() {
            Some(&[r, g, b]) => Ok(Colour::Rgb(r * 17, g * 17, b * 17)),
            Some(&[r1, r0, g1, g0, b1, b0]) => {
                Ok(Colour::Rgb(r1 * 16 + r0, g1 * 16 + g0, b1 * 16 + b0))
            }
            _ => Err("expected `#RRGGBB` or `#RGB` with hexadecimal digits"),
        };
    }
    if value.contains(',') {
        let parts: Vec<&str> = value.split(',').collect();
        let [r, g, b] = parts.as_slice() else {
            return Err("expected three values `R,G,B`");
        };
        return match (byte(r), byte(g), byte(b)) {
            (Some(r), Some(g), Some(b)) => Ok(Colour::Rgb(r, g, b)),
            _ => Err("each of `R,G,B` must be a number 0–255"),
        };
    }
    if value.bytes().all(|b| b.is_ascii_digit()) {
        return byte(value).map(Colour::Index).ok_or("a colour index must be 0–255");
    }
    Err("not a colour name, an index, `#hex` or `R,G,B`")
}

/// A decimal number 0–255 written with ASCII digits only.
fn byte(text: &str) -> Option<u8> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// The error for an opening tag whose name is not known, with a suggestion when one is close.
fn unknown_tag(name: &str) -> Error {
    let help = match suggestion(name) {
        Some(close) => format!("did you mean `<{close}>`? {TAG_HELP}"),
        None => TAG_HELP.to_owned(),
    };
    Error::new(
        ErrorKind::UnknownTag { name: name.to_owned() },
        0..name.len(),
        format!("unknown tag `<{name}>`"),
    )
    .with_help(help)
}

/// The known tag name closest to `name`, if it is close enough to be a likely typo.
fn suggestion(name: &str) -> Option<String> {
    let len = name.chars().count();
    // One-letter tags are too short to guess from, and nothing is close to a long text.
    if !(3..=20).contains(&len) {
        return None;
    }
    let mut candidates: Vec<String> = vec!["level".to_owned()];
    candidates.extend(STYLES.iter().map(|(style, _)| (*style).to_owned()));
    for (colour, _) in COLOURS {
        let light = format!("light-{colour}");
        candidates.push(colour.to_ascii_uppercase());
        candidates.push(light.to_ascii_uppercase());
        candidates.push(colour.to_owned());
        candidates.push(light);
    }
    let limit = (len / 3).max(1);
    candidates
        .into_iter()
        .filter(|candidate| candidate.len() >= 3 && candidate.len().abs_diff(len) <= limit)
        .map(|candidate| (edit_distance(name, &candidate), candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance between two short strings.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// A `<...>` of tag shape found in a text.
#[derive(Debug, Clone)]
pub(crate) struct TagShape {
    /// The whole tag, `<` to `>` included.
    pub(crate) range: Range<usize>,
    /// `</...>`
    pub(crate) closing: bool,
    /// The name (empty for `</>`), e.g. `red` or `fg #FF5733`.
    pub(crate) name: Range<usize>,
}

/// Bytes a tag name may contain.
fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'#' | b',')
}

/// Bytes that end the value of `<fg VALUE>` / `<bg VALUE>`.
fn ends_value(b: u8) -> bool {
    b.is_ascii_whitespace() || matches!(b, b'<' | b'>' | b'{' | b'}')
}

/// The tag starting at `src[start]` (a `<`), if the text there has the shape of one:
/// `<` optional `/` name `>`, where the name is made of ASCII alphanumerics, `-`, `_`, `#`
/// and `,`, or is `fg `/`bg ` and one value without spaces. Otherwise the `<` is plain text.
/// The name may be empty: `</>` closes the innermost tag, and `<>` is a tag that
/// [`tag_ansi`] refuses, as loguru does.
pub(crate) fn scan_tag(src: &str, start: usize) -> Option<TagShape> {
    let bytes = src.as_bytes();
    debug_assert_eq!(bytes.get(start), Some(&b'<'));
    let mut i = start + 1;
    let closing = bytes.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    let name_start = i;
    let rest = &bytes[i..];
    if rest.starts_with(b"fg ") || rest.starts_with(b"bg ") {
        i += 3;
        let value_start = i;
        while bytes.get(i).is_some_and(|&b| !ends_value(b)) {
            i += 1;
        }
        if i == value_start {
            return None;
        }
    } else {
        while bytes.get(i).is_some_and(|&b| is_name_byte(b)) {
            i += 1;
        }
    }
    (bytes.get(i) == Some(&b'>')).then(|| TagShape {
        range: start..i + 1,
        closing,
        name: name_start..i,
    })
}

/// [`tag_ansi`] of an opening tag found in `src`, with error ranges in `src`: the whole tag
/// for an unknown tag, the value for a bad colour.
pub(crate) fn tag_code(src: &str, tag: &TagShape) -> Result<Option<String>, Error> {
    tag_ansi(&src[tag.name.clone()]).map_err(|error| match error.kind {
        ErrorKind::UnknownTag { .. } => Error { range: tag.range.clone(), ..error },
        _ => error.offset(tag.name.start),
    })
}

/// The SGR bytes of a level colour written as markup of opening tags only, e.g.
/// `"<red><bold>"` → `"\x1b[31m\x1b[1m"` (used for level colours such as loguru's defaults).
///
/// Surrounding whitespace is ignored and an empty markup is no colour (`""`). Errors carry
/// byte ranges into `markup`: an unknown tag, a bad colour value, `<level>` (a level colour
/// cannot refer to itself), a closing tag or text other than tags (all
/// [`ErrorKind::InvalidColor`] except the first, [`ErrorKind::UnknownTag`]).
///
/// # Examples
///
/// ```
/// use hlog_template::parse_color_markup;
/// assert_eq!(parse_color_markup("<red><bold>").unwrap(), "\x1b[31m\x1b[1m");
/// assert!(parse_color_markup("<nope>").is_err());
/// ```
pub fn parse_color_markup(markup: &str) -> Result<String, Error> {
    let end = markup.trim_end().len();
    let mut i = markup.len() - markup.trim_start().len();
    let mut out = String::new();
    while i < end {
        let tag = (markup.as_bytes()[i] == b'<').then(|| scan_tag(markup, i)).flatten();
        let Some(tag) = tag.filter(|tag| !tag.closing && tag.range.end <= end) else {
            let stop = markup[i..end]
                .char_indices()
                .skip(1)
                .find(|&(_, c)| c == '<')
                .map_or(end, |(k, _)| i + k);
            return Err(Error::new(
                ErrorKind::InvalidColor,
                i..stop,
                format!("invalid colour markup `{}`: expected opening tags only", &markup[i..stop]),
            )
            .with_help("a colour is written as opening tags, for example `<red><bold>`"));
        };
        match tag_code(markup, &tag)? {
            Some(bytes) => out.push_str(&bytes),
            None => {
                let name = &markup[tag.name.clone()];
                return Err(Error::new(
                    ErrorKind::InvalidColor,
                    tag.range,
                    format!("`<{name}>` cannot be used in a colour"),
                )
                .with_help("the level tag takes its colour from the level; name colours here"));
            }
        }
        i = tag.range.end;
    }
    Ok(out)
}
