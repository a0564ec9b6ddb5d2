//! What was written: the arguments of a log call, parsed, nothing checked yet.

use proc_macro2::{TokenStream, TokenTree};
use syn::parse::{ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Expr, ExprLit, Ident, Lit, LitStr, Token};

/// The level of a call.
pub(crate) enum LevelArg {
    /// `info!` and friends: a built-in level constant (`INFO`).
    Builtin(Ident),
    /// `log!("AUDIT", ...)`: a level registered by name.
    Named(LitStr),
    /// `log!(level_expr, ...)`: a `Level` value.
    Value(Expr),
}

/// One argument after the template.
pub(crate) enum Arg {
    /// `expr`
    Positional(Expr),
    /// `name = expr`
    Named(Ident, Expr),
}

/// A whole log call.
pub(crate) struct LogCall {
    /// The facade crate's path (`$crate` of `hlog`).
    pub krate: TokenStream,
    pub level: LevelArg,
    pub logger: Option<Expr>,
    pub template: LitStr,
    pub args: Vec<Arg>,
}

impl LogCall {
    /// Split `krate, LEVEL, rest...` and parse the rest.
    pub(crate) fn parse_tokens(input: TokenStream) -> syn::Result<LogCall> {
        let (krate, rest) = split_krate(input);
        let mut tokens = rest.into_iter();
        let level = match tokens.next() {
            Some(TokenTree::Ident(ident)) if ident == "dynamic" => None,
            Some(TokenTree::Ident(ident)) => Some(ident),
            other => {
                return Err(syn::Error::new_spanned(other, "hlog: malformed internal macro call"));
            }
        };
        match tokens.next() {
            Some(TokenTree::Punct(p)) if p.as_char() == ',' => {}
            _ => {
                return Err(syn::Error::new(
                    proc_macro2::Span::call_site(),
                    "hlog: malformed internal macro call",
                ));
            }
        }
        let rest: TokenStream = tokens.collect();
        let parser = |input: ParseStream<'_>| parse_call(input, level.is_none());
        let (level_arg, logger, template, args) = parser.parse2(rest)?;
        let level = match level {
            Some(ident) => LevelArg::Builtin(ident),
            None => level_arg.expect("log! parses a level"),
        };
        Ok(LogCall { krate, level, logger, template, args })
    }
}

/// `krate, rest...` → (`krate`, `rest...`): the facade passes its own path first (`$crate`).
pub(crate) fn split_krate(input: TokenStream) -> (TokenStream, TokenStream) {
    let mut tokens = input.into_iter();
    let mut krate = TokenStream::new();
    for token in tokens.by_ref() {
        if matches!(&token, TokenTree::Punct(p) if p.as_char() == ',') {
            break;
        }
        krate.extend([token]);
    }
    (krate, tokens.collect())
}

type Parsed = (Option<LevelArg>, Option<Expr>, LitStr, Vec<Arg>);

/// `[logger,] [level,] "template" (, arg)* [,]`: everything before the first string literal is
/// the logger and (for `log!`) the level.
fn parse_call(input: ParseStream<'_>, dynamic: bool) -> syn::Result<Parsed> {
    let items = Punctuated::<Expr, Token![,]>::parse_terminated(input)?;
    let usage = if dynamic {
        "expected `log!([logger,] level, \"template\", args...)` with a string literal template"
    } else {
        "expected a string literal template: `info!([logger,] \"template {}\", args...)`"
    };
    let items: Vec<Expr> = items.into_iter().collect();
    let is_str = |e: &Expr| lit_str(e).is_some();
    let Some(first) = items.iter().position(is_str) else {
        let span = items.first().map(Spanned::span).unwrap_or(input.span());
        return Err(syn::Error::new(span, usage));
    };
    // In `log!`, a string literal in the level's place is the level's name, and the template
    // is the next literal: `log!("AUDIT", "...")`, `log!(logger, "AUDIT", "...")`. The one
    // ambiguous shape, `log!(x, "A", "B")`, reads "A" as a level name when it is one word.
    let template_at = if dynamic {
        let names_level = |i: usize| {
            lit_str(&items[i]).is_some_and(|s| is_level_name(&s.value()))
                && items.get(i + 1).is_some_and(is_str)
        };
        match first {
            0 if items.get(1).is_some_and(is_str) => 1,
            1 if names_level(1) => 2,
            0 => {
                return Err(syn::Error::new(
                    items[0].span(),
                    "`log!` needs a level before the template: `log!(\"AUDIT\", \"...\")` or \
                     `log!(Level::INFO, \"...\")`",
                ));
            }
            other => other,
        }
    } else {
        first
    };
    let mut items = items.into_iter();
    let before: Vec<Expr> = items.by_ref().take(template_at).collect();
    let template = items.next().expect("found above");
    finish(before, template, items.collect(), dynamic, usage)
}

/// A string literal, also when a `macro_rules!` fragment (`$t:literal`, `$t:expr`) wrapped it
/// in an invisible group.
fn lit_str(expr: &Expr) -> Option<&LitStr> {
    match expr {
        Expr::Lit(ExprLit { lit: Lit::Str(s), .. }) => Some(s),
        Expr::Group(group) => lit_str(&group.expr),
        _ => None,
    }
}

/// One word: what a registered level's name looks like (`AUDIT`, `NOTICE`, `http-5xx`).
fn is_level_name(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

fn finish(
    before: Vec<Expr>,
    template: Expr,
    rest: Vec<Expr>,
    dynamic: bool,
    usage: &str,
) -> syn::Result<Parsed> {
    let template = lit_str(&template).cloned().expect("the template is a string literal");
    let mut before = before.into_iter();
    let (logger, level) = match (dynamic, before.len()) {
        (false, 0) => (None, None),
        (false, 1) => (before.next(), None),
        (true, 1) => (None, before.next()),
        (true, 2) => (before.next(), before.next()),
        _ => {
            let extra = before.next_back().expect("not empty");
            return Err(syn::Error::new_spanned(extra, usage));
        }
    };
    let level = level.map(|expr| match lit_str(&expr) {
        Some(name) => LevelArg::Named(name.clone()),
        None => LevelArg::Value(expr),
    });
    let args = rest.into_iter().map(classify).collect::<syn::Result<_>>()?;
    Ok((level, logger, template, args))
}

fn classify(expr: Expr) -> syn::Result<Arg> {
    if let Expr::Assign(assign) = &expr {
        if let Expr::Path(path) = &*assign.left {
            if let Some(ident) = path.path.get_ident() {
                if path.qself.is_none() && path.attrs.is_empty() {
                    return Ok(Arg::Named(ident.clone(), (*assign.right).clone()));
                }
            }
        }
        return Err(syn::Error::new_spanned(&assign.left, "a named argument is `name = value`"));
    }
    Ok(Arg::Positional(expr))
}

impl Arg {
    /// The identifier a positional argument can also be referred to by (`info!("{a}", a)`).
    pub(crate) fn shorthand(&self) -> Option<&Ident> {
        match self {
            Arg::Positional(Expr::Path(path)) if path.qself.is_none() && path.attrs.is_empty() => {
                path.path.get_ident()
            }
            _ => None,
        }
    }

    pub(crate) fn expr(&self) -> &Expr {
        match self {
            Arg::Positional(expr) | Arg::Named(_, expr) => expr,
        }
    }
}
