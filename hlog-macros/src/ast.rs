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

/// One argument: after the template, or a field before it (`info!(id = 7, "...")`).
pub(crate) enum Arg {
    /// `expr`
    Positional(Expr),
    /// `name = expr`
    Named(Ident, Expr),
}

/// What a call asks besides its message (loguru's `opt(...)`): option words before the
/// template (`raw`, `caller`) and the reserved argument `err = e`.
#[derive(Default)]
pub(crate) struct Options {
    /// `raw`: the message alone, no format, no newline added.
    pub raw: bool,
    /// `caller`: reported at the caller of a `#[track_caller]` function.
    pub caller: bool,
    /// `err = e`: the attached error.
    pub error: Option<Expr>,
}

impl Options {
    pub(crate) fn any(&self) -> bool {
        self.raw || self.caller || self.error.is_some()
    }
}

/// The reserved argument name that attaches an error.
pub(crate) const ERROR_ARG: &str = "err";

/// A whole log call.
pub(crate) struct LogCall {
    /// The facade crate's path (`$crate` of `hlog`).
    pub krate: TokenStream,
    pub level: LevelArg,
    pub logger: Option<Expr>,
    pub template: LitStr,
    pub args: Vec<Arg>,
    pub options: Options,
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
        let (level_arg, logger, template, args, mut options) = parser.parse2(rest)?;
        let level = match level {
            Some(ident) => LevelArg::Builtin(ident),
            None => level_arg.expect("log! parses a level"),
        };
        let args = take_error(args, &mut options)?;
        Ok(LogCall { krate, level, logger, template, args, options })
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

const NEEDS_LEVEL: &str = "`log!` needs a level before the template: `log!(\"AUDIT\", \"...\")` \
                           or `log!(Level::INFO, \"...\")`";

/// What comes before the template and after: level, logger, template, arguments.
type Parts = (Option<LevelArg>, Option<Expr>, LitStr, Vec<Arg>);

type Parsed = (Option<LevelArg>, Option<Expr>, LitStr, Vec<Arg>, Options);

/// `[logger,] [level,] (name = value,)* "template" (, arg)* [,]`: before the template, the
/// logger and (for `log!`) the level, then fields in tracing's order. A field there is always
/// `name = value` (an assignment is never a logger or a level, so this reads one way); a bare
/// identifier there would read as the logger, so the shorthand field goes after the template.
fn parse_call(input: ParseStream<'_>, dynamic: bool) -> syn::Result<Parsed> {
    let items = Punctuated::<Expr, Token![,]>::parse_terminated(input)?;
    let usage = if dynamic {
        "expected `log!([logger,] level, \"template\", args...)` with a string literal template"
    } else {
        "expected a string literal template: `info!([logger,] \"template {}\", args...)`"
    };
    let items: Vec<Expr> = items.into_iter().collect();
    let is_str = |e: &Expr| lit_str(e).is_some();
    let (options, items) = take_option_words(items, is_str)?;
    let Some(first) = items.iter().position(is_str) else {
        let span = items.first().map(Spanned::span).unwrap_or(input.span());
        return Err(syn::Error::new(span, usage));
    };
    // In `log!`, a string literal in the level's place is the level's name, and the template
    // is the next literal after any fields: `log!("AUDIT", "...")`,
    // `log!(logger, "AUDIT", id = 7, "...")`. The one ambiguous shape, `log!(x, "A", "B")`,
    // reads "A" as a level name when it is one word.
    let template_at = if dynamic {
        let template_after = |i: usize| {
            let next = i + 1 + items[i + 1..].iter().take_while(|e| is_assign(e)).count();
            items.get(next).is_some_and(is_str).then_some(next)
        };
        let names_level = |i: usize| lit_str(&items[i]).is_some_and(|s| is_level_name(&s.value()));
        match first {
            0 => template_after(0).ok_or_else(|| syn::Error::new(items[0].span(), NEEDS_LEVEL))?,
            1 if names_level(1) => template_after(1).unwrap_or(1),
            other => other,
        }
    } else {
        first
    };
    let mut items = items.into_iter();
    let before: Vec<Expr> = items.by_ref().take(template_at).collect();
    let template = items.next().expect("found above");
    let (level, logger, template, args) =
        finish(before, template, items.collect(), dynamic, usage)?;
    Ok((level, logger, template, args, options))
}

/// The option words (`raw`, `caller`) among the items before the template, taken out; each
/// may be given once. (A logger held in a variable named `raw` or `caller` is written `(raw)`.)
fn take_option_words(
    items: Vec<Expr>,
    is_str: impl Fn(&Expr) -> bool,
) -> syn::Result<(Options, Vec<Expr>)> {
    let template_at = items.iter().position(&is_str).unwrap_or(items.len());
    let mut options = Options::default();
    let mut kept = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let word = match &item {
            Expr::Path(path)
                if i < template_at && path.qself.is_none() && path.attrs.is_empty() =>
            {
                path.path.get_ident().map(Ident::to_string)
            }
            _ => None,
        };
        let flag = match word.as_deref() {
            Some("raw") => &mut options.raw,
            Some("caller") => &mut options.caller,
            _ => {
                kept.push(item);
                continue;
            }
        };
        if *flag {
            let word = word.unwrap_or_default();
            return Err(syn::Error::new_spanned(
                item,
                format!("the option `{word}` is given twice"),
            ));
        }
        *flag = true;
    }
    Ok((options, kept))
}

/// The reserved argument `err = e` (the attached error), taken out of the arguments.
fn take_error(args: Vec<Arg>, options: &mut Options) -> syn::Result<Vec<Arg>> {
    let mut kept = Vec::with_capacity(args.len());
    for arg in args {
        match arg {
            Arg::Named(name, expr) if name == ERROR_ARG => {
                if options.error.is_some() {
                    return Err(syn::Error::new(
                        name.span(),
                        "an error is attached once: `err = ...` is given twice",
                    ));
                }
                options.error = Some(expr);
            }
            other => kept.push(other),
        }
    }
    Ok(kept)
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

/// `x = y`: a named argument (or, where the name is not an identifier, a mistaken one).
fn is_assign(expr: &Expr) -> bool {
    matches!(expr, Expr::Assign(_))
}

/// One word: what a registered level's name looks like (`AUDIT`, `NOTICE`, `http-5xx`).
fn is_level_name(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

fn finish(
    mut before: Vec<Expr>,
    template: Expr,
    rest: Vec<Expr>,
    dynamic: bool,
    usage: &str,
) -> syn::Result<Parts> {
    let template = lit_str(&template).cloned().expect("the template is a string literal");
    // Fields before the template (tracing's order) come after the logger and the level.
    let first_field = before.iter().position(is_assign).unwrap_or(before.len());
    let fields = before.split_off(first_field);
    if let Some(misplaced) = fields.iter().find(|e| !is_assign(e)) {
        let message = if dynamic {
            "the logger and the level come before the fields: \
             `log!([logger,] level, name = value, \"template\")`"
        } else {
            "the logger comes before the fields: `info!([logger,] name = value, \"template\")`"
        };
        return Err(syn::Error::new_spanned(misplaced, message));
    }
    let mut before = before.into_iter();
    let (logger, level) = match (dynamic, before.len()) {
        (false, 0) => (None, None),
        (false, 1) => (before.next(), None),
        (true, 1) => (None, before.next()),
        (true, 2) => (before.next(), before.next()),
        (true, 0) => return Err(syn::Error::new(template.span(), NEEDS_LEVEL)),
        _ => {
            let extra = before.next_back().expect("not empty");
            return Err(syn::Error::new_spanned(extra, usage));
        }
    };
    let level = level.map(|expr| match lit_str(&expr) {
        Some(name) => LevelArg::Named(name.clone()),
        None => LevelArg::Value(expr),
    });
    let args = fields.into_iter().chain(rest).map(classify).collect::<syn::Result<_>>()?;
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
