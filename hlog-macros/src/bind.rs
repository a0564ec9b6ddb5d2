//! Placeholders matched to arguments, and everything wrong with the call collected at once.

use std::collections::HashMap;

use hlog_template::{Accessor, Ansi, ArgRef, ErrorKind, Kind, Piece};
use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::spanned::Spanned;
use syn::{Ident, LitStr};

use crate::ast::{Arg, LogCall};
use crate::span;

/// An argument as the generated code evaluates it: explicit ones in source order, then the
/// variables captured by `{name}` placeholders.
pub struct BoundArg {
    pub expr: TokenStream,
    pub span: Span,
    /// The structured field name, for named, shorthand and captured arguments.
    pub field: Option<String>,
    /// The field is recorded with `Debug` (its placeholder is `{x:?}`).
    pub debug: bool,
    used: bool,
}

/// A template piece with its placeholder resolved to an argument index.
pub enum BoundPiece {
    Literal(String),
    Style(Vec<Ansi>),
    Arg { index: usize, attrs: Vec<Ident>, spec: Option<String> },
}

/// A call whose template and arguments agree.
pub struct Bound {
    pub args: Vec<BoundArg>,
    pub pieces: Vec<BoundPiece>,
}

/// Match placeholders to arguments; report every problem (not only the first) as one error.
pub fn bind(call: &LogCall) -> Result<Bound, syn::Error> {
    let lit = &call.template;
    let mut errors = Vec::new();
    let mut args = Vec::new();
    let mut positional = Vec::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for arg in &call.args {
        let index = args.len();
        let field = match arg {
            Arg::Named(name, _) => {
                let key = name.to_string();
                if by_name.contains_key(&key) {
                    errors.push(syn::Error::new(name.span(), format!("duplicate argument named `{key}`")));
                }
                by_name.insert(key.clone(), index);
                Some(key)
            }
            Arg::Positional(_) => {
                positional.push(index);
                arg.shorthand().map(|ident| {
                    by_name.entry(ident.to_string()).or_insert(index);
                    ident.to_string()
                })
            }
        };
        let expr = arg.expr();
        args.push(BoundArg { expr: expr.to_token_stream(), span: expr.span(), field, debug: false, used: false });
    }

    let template = match hlog_template::parse(&lit.value()) {
        Ok(template) => template,
        Err(template_errors) => {
            for error in template_errors {
                errors.push(span::error(lit, &tag_hint(error, &by_name)));
            }
            return Err(combine(errors));
        }
    };

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
                        fail(&mut errors, format!(
                            "`{src}` refers to positional argument {n}, but the call has {}",
                            plural(positional.len(), "positional argument")
                        ));
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
                            used: false,
                        });
                        by_name.insert(name.clone(), index);
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
                    Err(_) => fail(&mut errors, format!("`.{attr}` in `{src}` is not a field name")),
                },
                Accessor::Key(key) => fail(&mut errors, format!(
                    "`[{key}]` in `{src}`: indexing works in formats (`{{extra[{key}]}}`), not in \
                     messages; pass the value as an argument instead"
                )),
            }
        }
        let spec = match &placeholder.spec {
            None => None,
            Some((text, range)) => match hlog_template::parse_spec(text) {
                Ok(parsed) => {
                    if parsed.kind == Kind::Debug && attrs.is_empty() {
                        args[index].debug = true;
                    }
                    (!parsed.is_plain()).then(|| text.clone())
                }
                Err(error) => {
                    errors.push(span::error(lit, &error.offset(range.start)));
                    None
                }
            },
        };
        args[index].used = true;
        pieces.push(BoundPiece::Arg { index, attrs, spec });
    }

    for (arg, source) in args.iter().zip(&call.args) {
        if !arg.used {
            let message = match source {
                Arg::Named(name, _) => format!("named argument `{name}` is never used in the template"),
                Arg::Positional(_) => "argument never used in the template".to_owned(),
            };
            errors.push(syn::Error::new(arg.span, format!(
                "{message}\n  = help: every argument appears in the message; refer to it with \
                 `{{}}`, `{{index}}` or `{{name}}`"
            )));
        }
    }

    if errors.is_empty() { Ok(Bound { args, pieces }) } else { Err(combine(errors)) }
}

/// `{name}` with no argument of that name captures the variable `name` from scope, as
/// `format!` does. The identifier carries the literal's span, so it resolves where the call is.
fn capture(lit: &LitStr, name: &str) -> Result<Ident, String> {
    match syn::parse_str::<Ident>(name) {
        Ok(_) if name != "_" => Ok(Ident::new(name, lit.span())),
        _ => Err(format!(
            "`{{{name}}}` cannot capture a variable: `{name}` is a keyword\n  = help: pass it as a \
             named argument: `{name} = value`"
        )),
    }
}

/// An unknown tag that names an argument was almost certainly meant as a placeholder.
fn tag_hint(mut error: hlog_template::Error, names: &HashMap<String, usize>) -> hlog_template::Error {
    if let ErrorKind::UnknownTag { name } = &error.kind {
        if names.contains_key(name) {
            error.help = Some(format!("did you mean the placeholder `{{{name}}}`?"));
        }
    }
    error
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
