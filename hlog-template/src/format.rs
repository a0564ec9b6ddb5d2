//! Formats: templates whose placeholders name record fields (`{time}`, `{level: <8}`, ...).
//! Resolved here, once, for both `hlog::fmt!` (compile time) and run-time format strings.

use std::borrow::Cow;

use crate::{
    Accessor, Ansi, ArgRef, DEFAULT_TIME_FORMAT, Error, ErrorKind, FormatSpec, Kind, Piece,
    TimeFormat, parse_recovering, parse_spec, parse_time,
};

/// The record fields a format may name.
pub const FIELD_NAMES: &str = "time, level, level.no, level.icon, message, module, function, \
    line, file, file.name, file.path, name, thread, thread.id, process, process.id, elapsed, \
    extra, extra[key], exception";

/// A format resolved against the record's fields.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Format {
    /// The pieces in source order.
    pub pieces: Vec<FormatPiece>,
}

/// One piece of a [`Format`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatPiece {
    /// Literal text.
    Literal(String),
    /// A style change (emitted on colourised sinks only).
    Style(Vec<Ansi>),
    /// A record field.
    Field {
        /// Which field.
        field: Field,
        /// How to pad or align it.
        spec: FormatSpec,
        /// The styles open around it, outermost first (used by `{message}` to restore them).
        active_style: Vec<Ansi>,
    },
}

/// A record field named by a format. Its data is borrowed in a constant (what `hlog::fmt!`
/// writes out) and owned when parsed at run time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// `{time}` / `{time:PATTERN}`; `None` is loguru's default, [`DEFAULT_TIME_FORMAT`].
    Time(Option<TimeFormat>),
    /// `{level}` / `{level.name}`
    Level,
    /// `{level.no}`
    LevelNo,
    /// `{level.icon}`
    LevelIcon,
    /// `{message}`
    Message,
    /// `{module}`: the last segment of the module path
    Module,
    /// `{function}`
    Function,
    /// `{line}`
    Line,
    /// `{file}` / `{file.path}`: the path as `file!()` gives it
    File,
    /// `{file.name}`: the file's name without folders
    FileName,
    /// `{name}`: the module path, e.g. `my_app::db`
    Name,
    /// `{thread}` / `{thread.name}`
    Thread,
    /// `{thread.id}`
    ThreadId,
    /// `{process}` / `{process.name}`
    Process,
    /// `{process.id}`
    ProcessId,
    /// `{elapsed}`: time since the logger started
    Elapsed,
    /// `{extra}`: every structured field
    Extra,
    /// `{extra[key]}`: one structured field
    ExtraKey(Cow<'static, str>),
    /// `{exception}`: the attached error and its causes
    Exception,
}

/// The pattern of a `{time:PATTERN}` field: loguru's time tokens, where an empty pattern
/// (`{time:}`, `{time:!UTC}`) means loguru's default, [`DEFAULT_TIME_FORMAT`].
///
/// # Examples
///
/// ```
/// let utc_default = hlog_template::parse_time_field("!UTC").unwrap();
/// assert!(utc_default.utc);
/// assert_eq!(utc_default.tokens, hlog_template::DEFAULT_TIME_FORMAT.tokens);
/// ```
pub fn parse_time_field(pattern: &str) -> Result<TimeFormat, Error> {
    let mut time = parse_time(pattern)?;
    if time.tokens.is_empty() {
        time.tokens = DEFAULT_TIME_FORMAT.tokens;
    }
    Ok(time)
}

/// Parse a format and resolve its placeholders to record fields. Every problem is reported.
///
/// # Examples
///
/// ```
/// use hlog_template::{parse_format, Field, FormatPiece};
/// let f = parse_format("{level: <8} | {extra[user]}").unwrap();
/// assert!(matches!(&f.pieces[0], FormatPiece::Field { field: Field::Level, .. }));
/// let errors = parse_format("{lvl}").unwrap_err();
/// assert!(errors[0].message.contains("`{lvl}`"));
/// ```
pub fn parse_format(src: &str) -> Result<Format, Vec<Error>> {
    let (template, mut errors) = parse_recovering(src);
    let mut pieces = Vec::with_capacity(template.pieces.len());
    for piece in template.pieces {
        match piece {
            Piece::Literal(text) => pieces.push(FormatPiece::Literal(text)),
            Piece::Style(style) => pieces.push(FormatPiece::Style(style)),
            Piece::Placeholder(p) => match resolve(src, &p) {
                Ok((field, spec)) => {
                    pieces.push(FormatPiece::Field { field, spec, active_style: p.active_style })
                }
                Err(error) => errors.push(error),
            },
        }
    }
    if errors.is_empty() {
        Ok(Format { pieces })
    } else {
        errors.sort_by_key(|e| e.range.start);
        Err(errors)
    }
}

fn resolve(src: &str, p: &crate::Placeholder) -> Result<(Field, FormatSpec), Error> {
    let text = &src[p.range.clone()];
    let unknown = || {
        Error::new(
            ErrorKind::InvalidPlaceholder,
            p.range.clone(),
            format!("unknown field `{text}` in format"),
        )
        .with_help(format!("a format names record fields: {FIELD_NAMES}"))
    };
    let name = match &p.arg {
        ArgRef::Name(name) => name.as_str(),
        ArgRef::Next | ArgRef::Index(_) => {
            return Err(Error::new(
                ErrorKind::InvalidPlaceholder,
                p.range.clone(),
                format!("positional placeholder `{text}` in a format"),
            )
            .with_help(format!("a format names record fields: {FIELD_NAMES}")));
        }
    };
    let accessor = match p.accessors.as_slice() {
        [] => None,
        [one] => Some(one),
        _ => return Err(unknown()),
    };
    let attr = |a: &str| matches!(accessor, Some(Accessor::Attr(x)) if x == a);
    let field = match (name, accessor) {
        ("time", None) => Field::Time(None),
        ("level", None) => Field::Level,
        ("level", Some(_)) if attr("name") => Field::Level,
        ("level", Some(_)) if attr("no") => Field::LevelNo,
        ("level", Some(_)) if attr("icon") => Field::LevelIcon,
        ("message", None) => Field::Message,
        ("module", None) => Field::Module,
        ("function", None) => Field::Function,
        ("line", None) => Field::Line,
        ("file", None) => Field::File,
        ("file", Some(_)) if attr("path") => Field::File,
        ("file", Some(_)) if attr("name") => Field::FileName,
        ("name", None) => Field::Name,
        ("thread", None) => Field::Thread,
        ("thread", Some(_)) if attr("name") => Field::Thread,
        ("thread", Some(_)) if attr("id") => Field::ThreadId,
        ("process", None) => Field::Process,
        ("process", Some(_)) if attr("name") => Field::Process,
        ("process", Some(_)) if attr("id") => Field::ProcessId,
        ("elapsed", None) => Field::Elapsed,
        ("extra", None) => Field::Extra,
        ("extra", Some(Accessor::Key(key) | Accessor::Attr(key))) => {
            Field::ExtraKey(key.clone().into())
        }
        ("exception", None) => Field::Exception,
        _ => return Err(unknown()),
    };
    let Some((spec, spec_range)) = &p.spec else {
        return Ok((field, FormatSpec::default()));
    };
    if let Field::Time(_) = field {
        let time = parse_time_field(spec).map_err(|e| e.offset(spec_range.start))?;
        return Ok((Field::Time(Some(time)), FormatSpec::default()));
    }
    let parsed = parse_spec(spec).map_err(|e| e.offset(spec_range.start))?;
    if parsed.kind != Kind::Display {
        return Err(Error::new(
            ErrorKind::InvalidSpec,
            spec_range.clone(),
            format!("`{text}`: record fields take fill, alignment, width and precision only"),
        )
        .with_help("for example `{level: <8}` or `{line:>4}`"));
    }
    Ok((field, parsed))
}
