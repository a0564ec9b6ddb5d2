//! Placeholders matched to arguments, and everything wrong with the call collected at once.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::ops::Range;

use hlog_template::{Accessor, Ansi, ArgRef, ErrorKind, Kind, Piece};
use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::spanned::Spanned;
use syn::{Ident, LitStr};

use crate::ast::{Arg, LogCall};
use crate::span;

/// An argument as the generated code evaluates it: explicit ones in source order, then the
/// variables captured by `{name}` placeholders.
pub(crate) struct BoundArg {
    pub expr: TokenStream,
    pub span: Span,
    /// The structured field name, for named, shorthand and captured arguments.
    pub field: Option<String>,
    /// The field is recorded with `Debug` (its placeholder is `{x:?}`).
    pub debug: bool,
    /// The argument itself is a field: some placeholder shows it (not only `{arg.field}`), or
    /// it is named and no placeholder shows it at all.
    pub plain: bool,
    /// Where it first shows in the template: fields are recorded in template order, and the
    /// ones the message does not show (`usize::MAX`) after them, in call order.
    pub first_use: usize,
    used: bool,
}

/// A structured field shown through an accessor, `{user.name}`: recorded as `user.name`.
pub(crate) struct FieldPath {
    pub first_use: usize,
    pub name: String,
    pub index: usize,
    pub attrs: Vec<Ident>,
    pub debug: bool,
}

/// A template piece with its placeholder resolved to an argument index.
pub(crate) enum BoundPiece {
    Literal(String),
    Style(Vec<Ansi>),
    Arg { index: usize, attrs: Vec<Ident>, spec: Option<String> },
}

/// A call whose template and arguments agree.
pub(crate) struct Bound {
    pub args: Vec<BoundArg>,
    pub pieces: Vec<BoundPiece>,
    pub paths: Vec<FieldPath>,
}

/// Match placeholders to arguments; report every problem (not only the first) as one error.
///
/// A named argument no placeholder shows is a field the message does not show, and so is an
/// identifier alone (`info!("Order placed", order_id)`) — unless the template takes positional
/// arguments (`{}`, `{0}`): there every positional argument, identifiers included, must be
/// shown, as in `format!`, since a forgotten `{}` is the likelier mistake.
pub(crate) fn bind(call: &LogCall) -> Result<Bound, syn::Error> {
    let lit = &call.template;
    let mut errors = Vec::new();
    let mut args = Vec::new();
    let mut positional = Vec::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let mut duplicates = Vec::new();
    for arg in &call.args {
        let index = args.len();
        let field = match arg {
            Arg::Named(name, _) => {
                let key = name.to_string();
                if by_name.contains_key(&key) {
                    errors.push(syn::Error::new(
                        name.span(),
                        format!("duplicate argument named `{key}`"),
                    ));
                    duplicates.push(index);
                } else {
                    by_name.insert(key.clone(), index);
                }
                Some(key)
            }
            Arg::Positional(_) => {
                positional.push(index);
                // A name already given is not a second field (`info!("{} {}", a, a)`).
                arg.shorthand().and_then(|ident| match by_name.entry(ident.to_string()) {
                    Entry::Vacant(entry) => {
                        entry.insert(index);
                        Some(ident.to_string())
                    }
                    Entry::Occupied(_) => None,
                })
            }
        };
        let expr = arg.expr();
        args.push(BoundArg {
            expr: expr.to_token_stream(),
            span: expr.span(),
            field,
            debug: false,
            plain: false,
            first_use: usize::MAX,
            used: false,
        });
    }
    for &index in &duplicates {
        args[index].used = true; // reported as a duplicate; "unused" would be noise
    }

    // Placeholders are bound even when the markup is wrong, so one compile reports both.
    let (template, template_errors) = hlog_template::parse_recovering(&lit.value());
    // Without a sure view of every placeholder, "unused argument" could be a false alarm.
    let mut check_unused = template_errors.is_empty();
    for error in template_errors {
        errors.push(span::error(lit, &tag_hint(error, &by_name)));
    }
    let mut paths: Vec<FieldPath> = Vec::new();
    // Names captured from scope, with their placeholders' ranges, for the did-you-mean hint.
    let mut captured: Vec<(String, Range<usize>)> = Vec::new();
    let mut takes_positional = false;

    let mut pieces = Vec::with_capacity(template.pieces.len());
    let mut next = 0;
    for piece in template.pieces {
        let placeholder = match piece {
            Piece::Literal(text) => {
                pieces.push(BoundPiece::Literal(text));
                continue;
            }
            Piece::Style(style) => {
                pieces.push(BoundPiece::Style(style));
                continue;
            }
            Piece::Placeholder(placeholder) => placeholder,
        };
        let src = &lit.value()[placeholder.range.clone()];
        let fail = |errors: &mut Vec<syn::Error>, message: String| {
            errors.push(syn::Error::new(span::span_of(lit, placeholder.range.clone()), message));
        };
        let index = match &placeholder.arg {
            ArgRef::Next | ArgRef::Index(_) => {
                takes_positional = true;
                let n = match placeholder.arg {
                    ArgRef::Index(n) => n,
                    _ => {
                        next += 1;
                        next - 1
                    }
                };
                match positional.get(n) {
                    Some(&index) => index,
                    None => {
                        fail(
                            &mut errors,
                            format!(
                                "`{src}` refers to positional argument {n}, but the call has {}",
                                plural(positional.len(), "positional argument")
                            ),
                        );
                        continue;
                    }
                }
            }
            ArgRef::Name(name) => match by_name.get(name) {
                Some(&index) => index,
                None => match capture(lit, name) {
                    Ok(ident) => {
                        let index = args.len();
                        args.push(BoundArg {
                            expr: ident.to_token_stream(),
                            span: lit.span(),
                            field: Some(name.clone()),
                            debug: false,
                            plain: false,
                            first_use: usize::MAX,
                            used: false,
                        });
                        by_name.insert(name.clone(), index);
                        captured.push((name.clone(), placeholder.range.clone()));
                        index
                    }
                    Err(message) => {
                        fail(&mut errors, message);
                        continue;
                    }
                },
            },
        };
        let mut attrs = Vec::new();
        for accessor in &placeholder.accessors {
            match accessor {
                Accessor::Attr(attr) => match syn::parse_str::<Ident>(attr) {
                    Ok(ident) => attrs.push(Ident::new(&ident.to_string(), lit.span())),
                    Err(_) => {
                        fail(&mut errors, format!("`.{attr}` in `{src}` is not a field name"))
                    }
                },
                Accessor::Key(key) => fail(
                    &mut errors,
                    format!(
                        "`[{key}]` in `{src}`: indexing works in formats (`{{extra[{key}]}}`), not in \
                     messages; pass the value as an argument instead"
                    ),
                ),
            }
        }
        let mut debug = false;
        let spec = match &placeholder.spec {
            None => None,
            Some((text, range)) => match hlog_template::parse_spec(text) {
                Ok(parsed) => {
                    debug = parsed.kind == Kind::Debug;
                    (!parsed.is_plain()).then(|| text.clone())
                }
                Err(error) => {
                    errors.push(span::error(lit, &error.offset(range.start)));
                    check_unused = false; // `{x:>w$}` names arguments we cannot see
                    None
                }
            },
        };
        let order = pieces.len();
        let arg = &mut args[index];
        arg.used = true;
        if attrs.is_empty() {
            arg.debug |= debug && !arg.plain;
            arg.plain = true;
            arg.first_use = arg.first_use.min(order);
        } else if let Some(root) = &arg.field {
            let name = std::iter::once(root.clone())
                .chain(attrs.iter().map(Ident::to_string))
                .collect::<Vec<_>>()
                .join(".");
            if !paths.iter().any(|p| p.name == name) {
                paths.push(FieldPath {
                    first_use: order,
                    name,
                    index,
                    attrs: attrs.clone(),
                    debug,
                });
            }
        }
        pieces.push(BoundPiece::Arg { index, attrs, spec });
    }

    for (index, source) in call.args.iter().enumerate() {
        let arg = &mut args[index];
        if arg.used {
            continue;
        }
        let shorthand = source.shorthand().filter(|_| !takes_positional);
        match (source, shorthand) {
            (Arg::Named(..), _) => arg.plain = true,
            (_, Some(ident)) if by_name.get(&ident.to_string()) == Some(&index) => arg.plain = true,
            (_, Some(ident)) if check_unused => errors
                .push(syn::Error::new(ident.span(), format!("duplicate argument named `{ident}`"))),
            _ if check_unused => {
                let (show, field) = match source.shorthand() {
                    Some(ident) => {
                        let n = positional.iter().position(|&p| p == index).unwrap_or(0);
                        (format!("`{{}}` or `{{{n}}}`"), format!("`{ident} = {ident}`"))
                    }
                    None => ("`{}` or `{index}`".to_owned(), "`name = value`".to_owned()),
                };
                let help = format!(
                    "every positional argument appears in the message; show it with {show}, or \
                     record it as a field the message does not show: {field}"
                );
                errors.push(syn::Error::new(
                    arg.span,
                    format!("argument never used in the template\n  = help: {help}"),
                ));
            }
            _ => {}
        }
    }

    // `{usr}` beside a field `user` the message does not show: a typo, not a capture. At most
    // one edit in three characters, so that `{x}` beside `y = 1` is no typo.
    for (name, range) in captured.iter().filter(|_| check_unused) {
        let close = |arg: &&BoundArg| {
            arg.plain
                && arg.first_use == usize::MAX
                && arg.field.as_ref().is_some_and(|field| {
                    let longer = field.chars().count().max(name.chars().count());
                    edit_distance(field, name) <= longer / 3
                })
        };
        if let Some(field) = args.iter().find(close).and_then(|arg| arg.field.as_ref()) {
            errors.push(syn::Error::new(
                span::span_of(lit, range.clone()),
                format!(
                    "`{{{name}}}` names no argument; did you mean `{{{field}}}`?\n  = help: \
                     `{field}` is a field the message does not show; to show a variable \
                     `{name}` beside it, pass the variable: `{name} = {name}`"
                ),
            ));
        }
    }

    if errors.is_empty() { Ok(Bound { args, pieces, paths }) } else { Err(combine(errors)) }
}

/// `{name}` with no argument of that name captures the variable `name` from scope, as
/// `format!` does. The identifier carries the literal's span, so it resolves where the call is.
fn capture(lit: &LitStr, name: &str) -> Result<Ident, String> {
    if name == "_" {
        return Err("`{_}` is not a placeholder name\n  = help: name an argument, `{value}`, or \
                    use `{}` for the next positional argument"
            .to_owned());
    }
    match syn::parse_str::<Ident>(name) {
        Ok(_) => Ok(Ident::new(name, lit.span())),
        Err(_) => Err(format!(
            "`{{{name}}}` cannot capture a variable: `{name}` is a keyword\n  = help: pass it as a \
             named argument: `{name} = value`"
        )),
    }
}

/// An unknown tag that names an argument was almost certainly meant as a placeholder.
fn tag_hint(
    mut error: hlog_template::Error,
    names: &HashMap<String, usize>,
) -> hlog_template::Error {
    if let ErrorKind::UnknownTag { name } = &error.kind {
        if names.contains_key(name) {
            error.help = Some(format!("did you mean the placeholder `{{{name}}}`?"));
        }
    }
    error
}

/// Levenshtein distance, with a swap of two neighbours counted as one edit.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 { format!("1 {what}") } else { format!("{n} {what}s") }
}

fn combine(errors: Vec<syn::Error>) -> syn::Error {
    let mut errors = errors.into_iter();
    let mut first = errors.next().expect("at least one error");
    for error in errors {
        first.combine(error);
    }
    first
}
