//! The template parser: literal text, `{...}` placeholders and `<tag>` markup.

use std::ops::Range;

use crate::markup::{RESET, TagShape, scan_tag, tag_code};
use crate::{Accessor, Ansi, ArgRef, Error, ErrorKind, Piece, Placeholder, Template};

/// What the help of an invalid placeholder says when nothing more specific applies.
const PLACEHOLDER_HELP: &str = "a placeholder is `{}`, `{0}`, `{name}`, `{name.field}` or \
    `{name[key]}`, optionally followed by `:spec`; write `{{` and `}}` for literal braces";

/// The longest template or format accepted, in bytes (64 KiB): a longer one is refused with a
/// single [`ErrorKind::TooLong`] before any of it is parsed.
pub const MAX_LEN: usize = 64 * 1024;

/// The most tags open at once (64): the tag that would open one more is an
/// [`ErrorKind::TooDeep`] error, and parsing stops there. Each closing tag re-applies every tag
/// still open, so this bound keeps the parse, and the pieces it makes, linear in the text.
pub const MAX_DEPTH: usize = 64;

/// Parse a template or format. Every problem is reported (not only the first), in source order.
///
/// # Examples
///
/// ```
/// let errors = hlog_template::parse("<nope>{x").unwrap_err();
/// assert_eq!(errors.len(), 2);
/// ```
pub fn parse(src: &str) -> Result<Template, Vec<Error>> {
    match parse_recovering(src) {
        (template, errors) if errors.is_empty() => Ok(template),
        (_, errors) => Err(errors),
    }
}

/// Parse as far as possible: the pieces that did parse (placeholders included) and every
/// error, in source order. The macros use it to check arguments even when markup is wrong, so
/// that one compile reports every problem.
///
/// # Examples
///
/// ```
/// let (template, errors) = hlog_template::parse_recovering("<nope>{x}");
/// assert_eq!(errors.len(), 1);
/// assert_eq!(template.placeholders().count(), 1);
/// ```
pub fn parse_recovering(src: &str) -> (Template, Vec<Error>) {
    if src.len() > MAX_LEN {
        let error = Error::new(
            ErrorKind::TooLong { max: MAX_LEN },
            0..src.len(),
            format!(
                "the text is {} bytes long; at most {MAX_LEN} bytes (64 KiB) are accepted",
                src.len()
            ),
        )
        .with_help("split it, or keep long constant text out of the template");
        return (Template::default(), vec![error]);
    }
    let mut parser = Parser::new(src);
    parser.run();
    parser.finish()
}

/// A tag that is open at the current point of the parse.
struct OpenTag {
    /// The name as written (`red`, `fg #F53`).
    name: String,
    /// The whole opening tag.
    range: Range<usize>,
    /// Its code, or `None` when the tag itself was an error (already reported).
    code: Option<Ansi>,
}

struct Parser<'a> {
    src: &'a str,
    pieces: Vec<Piece>,
    /// Literal text not yet pushed as a piece.
    literal: String,
    /// Open tags, outermost first.
    open: Vec<OpenTag>,
    errors: Vec<Error>,
    /// An unclosed `{` was reported: every later `{` is unclosed too, so say it once.
    unclosed_reported: bool,
    /// More than [`MAX_DEPTH`] tags were opened: the parse stopped there.
    too_deep: bool,
}

impl<'a> Parser<'a> {
    fn new(src: &'a str) -> Self {
        Parser {
            src,
            pieces: Vec::new(),
            literal: String::new(),
            open: Vec::new(),
            errors: Vec::new(),
            unclosed_reported: false,
            too_deep: false,
        }
    }

    fn run(&mut self) {
        let src = self.src;
        let bytes = src.as_bytes();
        let mut i = 0;
        while i < bytes.len() && !self.too_deep {
            let next = bytes.get(i + 1).copied();
            i = match (bytes[i], next) {
                (b'{', Some(b'{')) => self.text("{", i + 2),
                (b'{', _) => self.placeholder(i),
                (b'}', Some(b'}')) => self.text("}", i + 2),
                (b'}', _) => {
                    self.errors.push(
                        Error::new(ErrorKind::UnmatchedBrace, i..i + 1, "unmatched `}`")
                            .with_help("write `}}` for a literal `}`"),
                    );
                    i + 1
                }
                (b'\\', Some(b'\\' | b'<')) => self.backslashes(i),
                (b'<', _) => match scan_tag(src, i) {
                    Some(tag) => self.tag(tag),
                    None => self.text("<", i + 1),
                },
                _ => {
                    // A run of plain text up to the next byte that may mean something. Those
                    // are all ASCII, so the slice is on character boundaries.
                    let end = bytes[i + 1..]
                        .iter()
                        .position(|b| matches!(b, b'{' | b'}' | b'\\' | b'<'))
                        .map_or(bytes.len(), |k| i + 1 + k);
                    self.text(&src[i..end], end)
                }
            };
        }
    }

    /// A run of backslashes from `start`. Before a `<`, as in loguru, each `\\` is one
    /// backslash and a last odd one makes the `<` text: `\\<red>` is a backslash then a tag,
    /// `\<red>` the text `<red>`. Elsewhere backslashes are text as written (`C:\\dir`).
    fn backslashes(&mut self, start: usize) -> usize {
        let src = self.src;
        let bytes = src.as_bytes();
        let n = bytes[start..].iter().take_while(|&&b| b == b'\\').count();
        let end = start + n;
        if bytes.get(end) != Some(&b'<') {
            return self.text(&src[start..end], end);
        }
        let next = self.text(&src[start..start + n / 2], end);
        if n % 2 == 1 { self.text("<", next + 1) } else { next }
    }

    fn finish(mut self) -> (Template, Vec<Error>) {
        if self.too_deep {
            // The rest was not read: the tags still open may be closed there.
            self.open.clear();
        }
        for tag in std::mem::take(&mut self.open) {
            if tag.code.is_none() {
                continue;
            }
            let name = tag.name;
            self.errors.push(
                Error::new(
                    ErrorKind::UnclosedTag { name: name.clone() },
                    tag.range,
                    format!("`<{name}>` is never closed"),
                )
                .with_help(format!("close it with `</{name}>` or `</>`")),
            );
        }
        self.flush_literal();
        self.errors.sort_by_key(|e| e.range.start);
        (Template { pieces: self.pieces }, self.errors)
    }

    /// Append literal text; returns `next` (where to continue).
    fn text(&mut self, text: &str, next: usize) -> usize {
        self.literal.push_str(text);
        next
    }

    fn flush_literal(&mut self) {
        if !self.literal.is_empty() {
            self.pieces.push(Piece::Literal(std::mem::take(&mut self.literal)));
        }
    }

    /// Push a style change, merged into a style change just before it.
    fn style(&mut self, codes: Vec<Ansi>) {
        self.flush_literal();
        if let Some(Piece::Style(previous)) = self.pieces.last_mut() {
            codes.into_iter().for_each(|code| push_ansi(previous, code));
            return;
        }
        let mut merged = Vec::with_capacity(codes.len());
        codes.into_iter().for_each(|code| push_ansi(&mut merged, code));
        if !merged.is_empty() {
            self.pieces.push(Piece::Style(merged));
        }
    }

    /// The codes re-applying every open tag, outermost first.
    fn active_style(&self) -> Vec<Ansi> {
        let mut codes = Vec::new();
        for code in self.open.iter().filter_map(|tag| tag.code.clone()) {
            push_ansi(&mut codes, code);
        }
        codes
    }

    /// The placeholder starting at `src[start]` (a `{` not followed by `{`); returns where to
    /// continue.
    fn placeholder(&mut self, start: usize) -> usize {
        let src = self.src;
        if self.unclosed_reported {
            // No `}` follows an earlier `{`, so none follows this one: not searched again,
            // which keeps a text of many `{` linear.
            return start + 1;
        }
        let Some(close) = src[start + 1..].find('}').map(|k| start + 1 + k) else {
            if !self.unclosed_reported {
                self.unclosed_reported = true;
                self.errors.push(
                    Error::new(
                        ErrorKind::UnclosedPlaceholder,
                        start..src.len(),
                        "unclosed placeholder: `{` has no matching `}`",
                    )
                    .with_help("write `{{` for a literal `{`"),
                );
            }
            // Go on after the `{`, so tags after it are still checked.
            return start + 1;
        };
        let content = &src[start + 1..close];
        if content.contains('{') {
            // Report `{x:>{width}}` as one error, not one per brace.
            let end = balanced_end(src, start).unwrap_or(close);
            let whole = &src[start..=end];
            self.errors.push(
                Error::new(
                    ErrorKind::InvalidPlaceholder,
                    start..end + 1,
                    format!("invalid placeholder `{whole}`: nested placeholders are not supported"),
                )
                .with_help(
                    "write the width or precision itself (e.g. `{x:>8}`); \
                     write `{{` for a literal `{`",
                ),
            );
            return end + 1;
        }
        match parse_content(content, start + 1) {
            Ok(inner) => {
                let active_style = self.active_style();
                self.flush_literal();
                self.pieces.push(Piece::Placeholder(Placeholder {
                    arg: inner.arg,
                    accessors: inner.accessors,
                    spec: inner.spec,
                    range: start..close + 1,
                    arg_range: inner.arg_range,
                    active_style,
                }));
            }
            Err(problem) => {
                let whole = &src[start..=close];
                let message = format!("invalid placeholder `{whole}`: {}", problem.reason);
                self.errors.push(
                    Error::new(ErrorKind::InvalidPlaceholder, start..close + 1, message)
                        .with_help(problem.help.unwrap_or_else(|| PLACEHOLDER_HELP.to_owned())),
                );
            }
        }
        close + 1
    }

    /// An opening or closing tag; returns where to continue.
    fn tag(&mut self, tag: TagShape) -> usize {
        let name = &self.src[tag.name.clone()];
        if tag.closing {
            self.close(name, &tag);
        } else {
            if self.open.len() == MAX_DEPTH {
                self.too_deep = true;
                self.errors.push(
                    Error::new(
                        ErrorKind::TooDeep { max: MAX_DEPTH },
                        tag.range.clone(),
                        format!(
                            "`<{name}>` opens a tag inside {MAX_DEPTH} open tags; at most \
                             {MAX_DEPTH} tags may be open at once"
                        ),
                    )
                    .with_help("close some tags first (`</>` closes the innermost)"),
                );
                return tag.range.end;
            }
            let code = match tag_code(self.src, &tag) {
                Ok(Some(bytes)) => Some(Ansi::Bytes(bytes)),
                Ok(None) => Some(Ansi::Level),
                Err(error) => {
                    self.errors.push(error);
                    None
                }
            };
            if let Some(code) = &code {
                self.style(vec![code.clone()]);
            }
            // An invalid tag stays open too, so that its closing tag is not a second error.
            self.open.push(OpenTag { name: name.to_owned(), range: tag.range.clone(), code });
        }
        tag.range.end
    }

    fn close(&mut self, name: &str, tag: &TagShape) {
        let Some(innermost) = self.open.last() else {
            self.errors.push(
                Error::new(
                    ErrorKind::UnexpectedClose { name: name.to_owned() },
                    tag.range.clone(),
                    format!("`</{name}>` closes nothing: no tag is open"),
                )
                .with_help("remove it; write `\\<` for a literal `<`"),
            );
            return;
        };
        if name.is_empty() || innermost.name == name {
            self.open.pop();
            let mut codes = vec![Ansi::Bytes(RESET.to_owned())];
            codes.extend(self.active_style());
            self.style(codes);
            return;
        }
        let open = &innermost.name;
        self.errors.push(
            Error::new(
                ErrorKind::UnexpectedClose { name: name.to_owned() },
                tag.range.clone(),
                format!("`</{name}>` does not match the innermost open tag `<{open}>`"),
            )
            .with_help(format!("close `<{open}>` first with `</{open}>` or `</>`")),
        );
        // Take the tag it meant to close out of the stack (if any), so that the tags around
        // it still pair up without more errors.
        if let Some(index) = self.open.iter().rposition(|t| t.name == name) {
            self.open.remove(index);
        }
    }
}

/// Append a code, merging it into fixed bytes just before it.
fn push_ansi(codes: &mut Vec<Ansi>, code: Ansi) {
    match code {
        Ansi::Bytes(bytes) if bytes.is_empty() => {}
        Ansi::Bytes(bytes) => match codes.last_mut() {
            Some(Ansi::Bytes(last)) => last.push_str(&bytes),
            _ => codes.push(Ansi::Bytes(bytes)),
        },
        Ansi::Level => codes.push(Ansi::Level),
    }
}

/// The index of the `}` that balances the `{` at `src[start]`, counting nested braces.
fn balanced_end(src: &str, start: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in src.bytes().enumerate().skip(start) {
        match b {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The parts of a valid placeholder, ranges already in source coordinates.
struct Inner {
    arg: ArgRef,
    arg_range: Range<usize>,
    accessors: Vec<Accessor>,
    spec: Option<(String, Range<usize>)>,
}

/// Why the text between the braces is not a placeholder.
struct Problem {
    reason: String,
    help: Option<String>,
}

impl Problem {
    fn new(reason: impl Into<String>) -> Self {
        Problem { reason: reason.into(), help: None }
    }

    fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_ident_continue(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Length of the identifier at the start of `bytes` (0 when there is none).
fn ident_len(bytes: &[u8]) -> usize {
    match bytes.first() {
        Some(&b) if is_ident_start(b) => {
            1 + bytes[1..].iter().take_while(|&&b| is_ident_continue(b)).count()
        }
        _ => 0,
    }
}

/// Parse `arg accessor* (":" spec)?`, the text between the braces (without any `{`), which
/// starts at `base` in the source.
fn parse_content(content: &str, base: usize) -> Result<Inner, Problem> {
    let bytes = content.as_bytes();
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    let (arg, mut i) = if digits > 0 {
        let word = digits + ident_len_continue(&bytes[digits..]);
        if word > digits {
            let word = &content[..word];
            return Err(Problem::new(format!("`{word}` is neither a name nor an index")));
        }
        match content[..digits].parse() {
            Ok(index) => (ArgRef::Index(index), digits),
            Err(_) => return Err(Problem::new("the index is too large")),
        }
    } else {
        let len = ident_len(bytes);
        if len == 0 { (ArgRef::Next, 0) } else { (ArgRef::Name(content[..len].to_owned()), len) }
    };
    let arg_range = base..base + i;

    let mut accessors = Vec::new();
    loop {
        match bytes.get(i) {
            Some(b'.') => {
                let len = ident_len(&bytes[i + 1..]);
                if len == 0 {
                    return Err(Problem::new("expected a field name after `.`"));
                }
                accessors.push(Accessor::Attr(content[i + 1..i + 1 + len].to_owned()));
                i += 1 + len;
            }
            Some(b'[') => {
                let Some(len) = content[i + 1..].find(']') else {
                    return Err(Problem::new("`[` is not closed by `]`"));
                };
                if len == 0 {
                    return Err(Problem::new("empty key `[]`"));
                }
                accessors.push(Accessor::Key(content[i + 1..i + 1 + len].to_owned()));
                i += len + 2;
            }
            _ => break,
        }
    }

    let spec = match bytes.get(i) {
        None => None,
        Some(b':') => Some((content[i + 1..].to_owned(), base + i + 1..base + content.len())),
        Some(b'!') => return Err(conversion(content, i)),
        Some(b) if b.is_ascii_whitespace() => return Err(whitespace(content, base)),
        Some(_) => {
            let unexpected = content[i..].chars().next().unwrap_or_default();
            return Err(Problem::new(format!("unexpected `{unexpected}`")));
        }
    };
    Ok(Inner { arg, arg_range, accessors, spec })
}

/// Length of the identifier characters at the start of `bytes` (digits included).
fn ident_len_continue(bytes: &[u8]) -> usize {
    bytes.iter().take_while(|&&b| is_ident_continue(b)).count()
}

/// `{x!r}`: Python's conversions.
fn conversion(content: &str, bang: usize) -> Problem {
    let rest = &content[bang..];
    let end = rest.find(':').unwrap_or(rest.len());
    let conversion = &rest[..end];
    let name = &content[..bang];
    let problem = Problem::new(format!("conversions (`{conversion}`) are not supported"));
    match conversion {
        "!s" => problem.help(format!("write `{{{name}}}`: `Display` is the default")),
        _ => problem.help(format!("use `{{{name}:?}}` for Debug")),
    }
}

/// `{ user }`: whitespace where a name, accessor or `:` is expected.
fn whitespace(content: &str, base: usize) -> Problem {
    let problem = Problem::new("unexpected whitespace");
    // Suggest the placeholder without the spaces around its name, when that is valid.
    let (head, tail) = content.split_at(content.find(':').unwrap_or(content.len()));
    let trimmed = format!("{}{tail}", head.trim());
    if trimmed != content && parse_content(&trimmed, base).is_ok() {
        problem.help(format!("write `{{{trimmed}}}`"))
    } else {
        problem.help("a placeholder has no spaces before its `:spec`")
    }
}
