//! What was written: the arguments of a log call, parsed, nothing checked yet.

use proc_macro2::{TokenStream, TokenTree};
use syn::parse::{ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{Expr, ExprLit, Ident, Lit, LitStr, Token};

/// The level of a call.
pub enum LevelArg {
    /// `info!` and friends: a built-in level constant (`INFO`).
    Builtin(Ident),
    /// `log!("AUDIT", ...)`: a level registered by name.
    Named(LitStr),
    /// `log!(level_expr, ...)`: a `Level` value.
    Value(Expr),
}

/// One argument after the template.
pub enum Arg {
    /// `expr`
    Positional(Expr),
    /// `name = expr`
    Named(Ident, Expr),
}

/// A whole log call.
pub struct LogCall {
    /// The facade crate's path (`$crate` of `hlog`).
    pub krate: TokenStream,
    pub level: LevelArg,
    pub logger: Option<Expr>,
    pub template: LitStr,
    pub args: Vec<Arg>,
}

impl LogCall {
    /// Split `krate, LEVEL, rest...` and parse the rest.
    pub fn parse_tokens(input: TokenStream) -> syn::Result<LogCall> {
        let mut tokens = input.into_iter();
        let mut krate = TokenStream::new();
        for token in tokens.by_ref() {
            if matches!(&token, TokenTree::Punct(p) if p.as_char() == ',') {
                break;
            }
            krate.extend([token]);
        }
        let level = match tokens.next() {
            Some(TokenTree::Ident(ident)) if ident == "dynamic" => None,
            Some(TokenTree::Ident(ident)) => Some(ident),
            other => {
                return Err(syn::Error::new_spanned(other, "hlog: malformed internal macro call"));
            }
        };
        match tokens.next() {
            Some(TokenTree::Punct(p)) if p.as_char() == ',' => {}
            _ => return Err(syn::Error::new(proc_macro2::Span::call_site(), "hlog: malformed internal macro call")),
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
    let template_at = items.iter().position(|e| matches!(e, Expr::Lit(ExprLit { lit: Lit::Str(_), .. })));
    let mut items = items.into_iter();
    let (before, template) = match template_at {
        // In `log!("AUDIT", "message")` the first literal is the level's name.
        Some(0) if dynamic => {
            let level = items.next();
            let rest: Vec<Expr> = items.collect();
            let position = rest.iter().position(|e| matches!(e, Expr::Lit(ExprLit { lit: Lit::Str(_), .. })));
            let Some(position) = position else {
                return Err(syn::Error::new(input.span(), usage));
            };
            let mut rest = rest.into_iter();
            let mut before: Vec<Expr> = level.into_iter().collect();
            before.extend(rest.by_ref().take(position));
            let template = rest.next().expect("found above");
            return finish(before, template, rest.collect(), dynamic, usage);
        }
        Some(position) => {
            let before: Vec<Expr> = items.by_ref().take(position).collect();
            (before, items.next().expect("found above"))
        }
        None => {
            let span = items.next().map(|e| syn::spanned::Spanned::span(&e)).unwrap_or(input.span());
            return Err(syn::Error::new(span, usage));
        }
    };
    finish(before, template, items.collect(), dynamic, usage)
}

fn finish(before: Vec<Expr>, template: Expr, rest: Vec<Expr>, dynamic: bool, usage: &str) -> syn::Result<Parsed> {
    let Expr::Lit(ExprLit { lit: Lit::Str(template), .. }) = template else { unreachable!() };
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
    let level = level.map(|expr| match expr {
        Expr::Lit(ExprLit { lit: Lit::Str(name), .. }) => LevelArg::Named(name),
        other => LevelArg::Value(other),
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
    pub fn shorthand(&self) -> Option<&Ident> {
        match self {
            Arg::Positional(Expr::Path(path)) if path.qself.is_none() && path.attrs.is_empty() => path.path.get_ident(),
            _ => None,
        }
    }

    pub fn expr(&self) -> &Expr {
        match self {
            Arg::Positional(expr) | Arg::Named(_, expr) => expr,
        }
    }
}
