//! The one parser of hlog's message templates, formats and colour markup.
//!
//! Two callers share it: `hlog-macros` parses templates and formats at compile time (and turns
//! every [`Error`]'s byte range into a span inside the string literal), and `hlog-runtime`
//! parses formats given at run time (a config file, a string). One grammar, two callers, so
//! the same text renders byte-for-byte the same either way.
//!
//! **To log, depend on [`hlog`](https://docs.rs/hlog), not on this crate**: its `info!` and
//! `fmt!` check templates and formats with this parser at compile time, and `hlog::Format::parse`
//! at run time. This crate is for tools that read hlog's template syntax themselves (a linter,
//! an editor plugin, a log viewer); it has no dependencies beyond `std`.
//!
//! # Grammar
//!
//! ```text
//! template    := piece*
//! piece       := "{{" | "}}" | "\\" | "\<" | placeholder | tag | text
//! placeholder := "{" arg accessor* (":" spec)? "}"
//! arg         := "" | digits | identifier
//! accessor    := "." identifier | "[" key "]"          key: any text without "]"
//! spec        := [[fill] align] ["+" | "-"] ["#"] ["0"] [width] ["." precision] [kind]
//! align       := "<" | "^" | ">"
//! kind        := "" | "?" | "x" | "X" | "o" | "b" | "e" | "E"
//! tag         := "<" ["/"] name ">"                   name: no spaces, except after "fg " / "bg "
//! text        := any other character; a "<" that does not begin a tag is text
//!                ("\\" and "\<" only before a "<": a backslash, and "<" as text; "<>" is an error)
//! ```
//!
//! Inside a *format* the spec of `{time:...}` is a time pattern instead (see [`parse_time`]).
//!
//! # Limits
//!
//! A template or format is at most [`MAX_LEN`] bytes (64 KiB) long, and at most [`MAX_DEPTH`]
//! (64) tags are open at once; beyond either the parse returns [`ErrorKind::TooLong`] or
//! [`ErrorKind::TooDeep`]. Within them parsing takes time and memory linear in the text's
//! length, whatever the text (a closing tag re-applies the tags still open, at most 64).
//!
//! # Examples
//!
//! ```
//! use hlog_template::{parse, Piece, ArgRef};
//!
//! let t = parse("User <green>{user}</green> logged in").unwrap();
//! assert_eq!(t.pieces[0], Piece::Literal("User ".into()));
//! let Piece::Placeholder(p) = &t.pieces[2] else { panic!() };
//! assert_eq!(p.arg, ArgRef::Name("user".into()));
//! ```

mod error;
mod format;
mod lower;
mod markup;
mod parse;
mod spec;
mod time;

pub use error::{Error, ErrorKind};
pub use format::{FIELD_NAMES, Field, Format, FormatPiece, parse_format, parse_time_field};
pub use lower::{Lowered, Step, Style, lower_format};
pub use markup::{Ansi, parse_color_markup, tag_ansi};
pub use parse::{MAX_DEPTH, MAX_LEN, parse, parse_recovering};
pub use spec::{Align, FormatSpec, Kind, Sign, parse_spec};
pub use time::{DEFAULT_TIME_FORMAT, TimeFormat, TimeToken, parse_time};

use std::ops::Range;

/// A parsed template or format: literal text, style changes and placeholders, in order.
///
/// # Examples
///
/// ```
/// use hlog_template::{Piece, parse};
///
/// let template = parse("Hello <b>{user}</b>!").unwrap();
/// assert_eq!(template.pieces.len(), 5); // "Hello ", <b>, {user}, </b>, "!"
/// assert_eq!(template.pieces[0], Piece::Literal("Hello ".into()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Template {
    /// The pieces in source order. Adjacent literals are merged; empty literals are dropped.
    pub pieces: Vec<Piece>,
}

/// One piece of a [`Template`].
///
/// # Examples
///
/// ```
/// use hlog_template::{Piece, parse};
///
/// let template = parse("{{literal}} <red>{}</red>").unwrap();
/// assert_eq!(template.pieces[0], Piece::Literal("{literal} ".into()));
/// assert!(matches!(&template.pieces[1], Piece::Style(codes) if !codes.is_empty()));
/// assert!(matches!(&template.pieces[2], Piece::Placeholder(_)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Literal text, already unescaped (`{{` is `{`, `}}` is `}`, `\<` is `<`).
    Literal(String),
    /// A change of style at this point: what to emit when colour is on (nothing otherwise).
    /// An opening tag emits its own codes; a closing tag emits a reset (`\x1b[0m`) followed
    /// by the codes of every tag still open, outermost first (loguru's behaviour).
    Style(Vec<Ansi>),
    /// A `{...}` placeholder.
    Placeholder(Placeholder),
}

/// A `{...}` placeholder.
///
/// # Examples
///
/// ```
/// use hlog_template::{Accessor, ArgRef, parse};
///
/// let template = parse("took {request.ms:>6.1}").unwrap();
/// let placeholder = template.placeholders().next().unwrap();
/// assert_eq!(placeholder.arg, ArgRef::Name("request".into()));
/// assert_eq!(placeholder.accessors, [Accessor::Attr("ms".into())]);
/// assert_eq!(placeholder.spec.as_ref().map(|(spec, _)| spec.as_str()), Some(">6.1"));
/// assert_eq!(placeholder.range, 5..22);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    /// Which argument (or record field, in a format) it names.
    pub arg: ArgRef,
    /// `.attr` and `[key]` accessors after the name, in order.
    pub accessors: Vec<Accessor>,
    /// The raw text after `:`, if any, with its byte range in the source. Parse it with
    /// [`parse_spec`] (or [`parse_time`] for a format's `time` field).
    pub spec: Option<(String, Range<usize>)>,
    /// Byte range of the whole placeholder, braces included.
    pub range: Range<usize>,
    /// Byte range of the argument name or index (empty range at the `{`+1 for `{}`).
    pub arg_range: Range<usize>,
    /// The codes that re-apply the styles open at this placeholder, outermost first (empty
    /// when no tag is open). A message written inside `<level>{message}</level>` uses this to
    /// restore its surroundings after its own closing tags.
    pub active_style: Vec<Ansi>,
}

/// The argument a placeholder names.
///
/// # Examples
///
/// ```
/// use hlog_template::{ArgRef, parse};
///
/// let template = parse("{} {0} {name}").unwrap();
/// let args: Vec<ArgRef> = template.placeholders().map(|p| p.arg.clone()).collect();
/// assert_eq!(args, [ArgRef::Next, ArgRef::Index(0), ArgRef::Name("name".into())]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArgRef {
    /// `{}`: the next positional argument.
    Next,
    /// `{0}`: a positional argument by index.
    Index(usize),
    /// `{name}`: a named argument, a captured variable or a record field.
    Name(String),
}

/// An accessor after a placeholder's name.
///
/// # Examples
///
/// ```
/// use hlog_template::{Accessor, parse};
///
/// let template = parse("{level.icon} {extra[user id]}").unwrap();
/// let accessors: Vec<&Accessor> = template.placeholders().flat_map(|p| &p.accessors).collect();
/// assert_eq!(accessors, [&Accessor::Attr("icon".into()), &Accessor::Key("user id".into())]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Accessor {
    /// `.attr`
    Attr(String),
    /// `[key]`
    Key(String),
}

impl Template {
    /// The placeholders in source order.
    ///
    /// # Examples
    ///
    /// ```
    /// let template = hlog_template::parse("<b>{a}</b> and {b}").unwrap();
    /// assert_eq!(template.placeholders().count(), 2);
    /// ```
    pub fn placeholders(&self) -> impl Iterator<Item = &Placeholder> {
        self.pieces.iter().filter_map(|p| match p {
            Piece::Placeholder(p) => Some(p),
            _ => None,
        })
    }

    /// True when the template is literal text only (no placeholders, no style changes).
    ///
    /// # Examples
    ///
    /// ```
    /// assert!(hlog_template::parse("plain {{text}}").unwrap().is_literal());
    /// assert!(!hlog_template::parse("<b>bold</b>").unwrap().is_literal());
    /// ```
    pub fn is_literal(&self) -> bool {
        self.pieces.iter().all(|p| matches!(p, Piece::Literal(_)))
    }
}
