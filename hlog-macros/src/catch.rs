//! `#[hlog::catch]`: a function whose `Err` (and, with `catch_panics`, whose panic) is logged
//! once, then returned, replaced by `default`, or (a panic, with `reraise`) resumed.
//!
//! The body runs in a closure (an `async` block for an `async fn`) so that its `return`s and
//! `?`s land in the catch, not past it:
//!
//! ```text
//! fn f(args) -> Ret {
//!     let __hlog_result: Ret = ::hlog::__call::<Ret, _>(|| body);
//!     match __hlog_result {
//!         Err(__hlog_error) => { error!(err = __hlog_error, "message"); Err(__hlog_error) }
//!         __hlog_ok => __hlog_ok,
//!     }
//! }
//! ```

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Expr, Ident, ItemFn, LitStr, ReturnType, Type};

use crate::levels::BUILTIN;

/// What the attribute's arguments asked for.
#[derive(Default)]
struct Options {
    /// A built-in level (`ERROR`) or a registered level's name (`"AUDIT"`).
    level: Option<LevelOption>,
    message: Option<LitStr>,
    default: Option<Expr>,
    /// `logger = expr`: a `Logger` (or a reference to one) instead of the global logger.
    logger: Option<Expr>,
    catch_panics: Option<Span>,
    reraise: Option<Span>,
}

enum LevelOption {
    Builtin(Ident),
    Named(LitStr),
}

pub(crate) fn expand(args: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let mut options = Options::default();
    let mut errors: Vec<syn::Error> = Vec::new();
    let parser = syn::meta::parser(|meta| {
        let name = meta.path.get_ident().map(Ident::to_string).unwrap_or_default();
        match name.as_str() {
            "level" => {
                options.level = Some(parse_level(meta.value()?.parse()?)?);
            }
            "message" => options.message = Some(meta.value()?.parse()?),
            "default" => options.default = Some(meta.value()?.parse()?),
            "logger" => options.logger = Some(meta.value()?.parse()?),
            "catch_panics" => options.catch_panics = Some(meta.path.span()),
            "reraise" => options.reraise = Some(meta.path.span()),
            _ => {
                return Err(meta.error(
                    "unknown option of #[hlog::catch]; the options are `level = ERROR`, \
                     `message = \"...\"`, `default = value`, `logger = expr`, `catch_panics`, \
                     `reraise`",
                ));
            }
        }
        Ok(())
    });
    let function: ItemFn = syn::parse2(item)?;
    if let Err(error) = syn::parse::Parser::parse2(parser, args) {
        // The function as written, so that its callers see no second error.
        let error = error.into_compile_error();
        return Ok(quote!(#error #function));
    }

    let ret = match &function.sig.output {
        ReturnType::Type(_, ty) => Some((**ty).clone()),
        ReturnType::Default => None,
    };
    let ret = ret.as_ref();
    let returns_result = ret.is_some_and(is_result);
    if !returns_result && options.catch_panics.is_none() {
        let span = ret.map_or_else(|| function.sig.ident.span(), Spanned::span);
        errors.push(syn::Error::new(
            span,
            "#[hlog::catch] needs a function that returns a `Result` (written `Result<T, E>` or \
             a path ending in `Result`, such as `io::Result<T>`); to log the panics of any \
             function, add `catch_panics`",
        ));
    }
    if let (Some(reraise), Some(_)) = (options.reraise, &options.default) {
        errors.push(syn::Error::new(
            reraise,
            "`reraise` resumes a panic and `default` replaces it: give one of them",
        ));
    }
    if let (Some(reraise), None) = (options.reraise, options.catch_panics) {
        errors.push(syn::Error::new(
            reraise,
            "`reraise` resumes a caught panic: add `catch_panics` (an `Err` is returned as it \
             is unless `default` is given)",
        ));
    }
    if let Some(constness) = function.sig.constness {
        errors.push(syn::Error::new(constness.span(), "#[hlog::catch] cannot log in a `const fn`"));
    }
    if let Some(error) = errors.into_iter().reduce(|mut all, e| {
        all.combine(e);
        all
    }) {
        // The function as written, so that its callers see no second error.
        let errors = error.into_compile_error();
        return Ok(quote!(#errors #function));
    }

    Ok(generate(&options, function, ret, returns_result))
}

/// `level = ERROR` or `level = "AUDIT"`.
fn parse_level(expr: Expr) -> syn::Result<LevelOption> {
    let unknown = |span: Span, name: &str| {
        syn::Error::new(
            span,
            format!(
                "`{name}` is not a built-in level ({}); a registered level is named by a string: \
                 `level = \"AUDIT\"`",
                BUILTIN.join(", ")
            ),
        )
    };
    match expr {
        Expr::Path(path) => {
            let Some(ident) = path.path.get_ident() else {
                return Err(syn::Error::new_spanned(
                    path,
                    "expected `level = ERROR` or `level = \"NAME\"`",
                ));
            };
            if BUILTIN.contains(&ident.to_string().as_str()) {
                Ok(LevelOption::Builtin(ident.clone()))
            } else {
                Err(unknown(ident.span(), &ident.to_string()))
            }
        }
        Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(name), .. }) => {
            if BUILTIN.contains(&name.value().as_str()) {
                Ok(LevelOption::Builtin(Ident::new(&name.value(), name.span())))
            } else {
                Ok(LevelOption::Named(name))
            }
        }
        other => {
            Err(syn::Error::new_spanned(other, "expected `level = ERROR` or `level = \"NAME\"`"))
        }
    }
}

/// A return type written as a `Result`: `Result<T, E>`, `io::Result<T>`, `anyhow::Result<T>`.
fn is_result(ty: &Type) -> bool {
    match ty {
        Type::Path(path) => path.path.segments.last().is_some_and(|s| s.ident == "Result"),
        Type::Group(group) => is_result(&group.elem),
        Type::Paren(paren) => is_result(&paren.elem),
        _ => false,
    }
}

fn generate(
    options: &Options,
    function: ItemFn,
    ret: Option<&Type>,
    returns_result: bool,
) -> TokenStream {
    let ItemFn { attrs, vis, sig, block } = function;
    let name = sig.ident.to_string();
    let name = name.strip_prefix("r#").unwrap_or(&name);
    let ret = match ret {
        Some(ty) => quote!(#ty),
        None => quote!(()),
    };
    let message = match &options.message {
        Some(message) => quote!(#message),
        None => {
            let text = format!("An error has been caught in function '{name}'");
            quote!(#text)
        }
    };
    // The log call: `::hlog::__log!` with the level as the level macros and `log!` pass it.
    let logger = options.logger.as_ref().map(|logger| quote!((#logger),));
    let log = |error: TokenStream| match &options.level {
        None => quote!(::hlog::__log!(::hlog, ERROR, #logger err = #error, #message)),
        Some(LevelOption::Builtin(level)) => {
            quote!(::hlog::__log!(::hlog, #level, #logger err = #error, #message))
        }
        Some(LevelOption::Named(level)) => {
            quote!(::hlog::__log!(::hlog, dynamic, #logger #level, err = #error, #message))
        }
    };
    // `default`: type-checked against the return type where it is written.
    let default = options.default.as_ref().map(|default| {
        quote_spanned! {default.span()=>
            {
                let __hlog_default: #ret = #default;
                __hlog_default
            }
        }
    });

    // The return type is named to the helper, so that `?` in the body knows its error type.
    let is_async = sig.asyncness.is_some();
    let run = match (is_async, options.catch_panics.is_some()) {
        (false, false) => quote!(::hlog::__call::<#ret, _>(|| #block)),
        (true, false) => quote!(::hlog::__typed::<#ret, _>(async #block).await),
        (false, true) => quote!(::hlog::__catch_unwind::<#ret, _>(|| #block)),
        (true, true) => quote!(::hlog::__catch_unwind_async::<#ret, _>(async #block).await),
    };
    let on_error = match &default {
        Some(default) => quote!(#default),
        None => quote!(::core::result::Result::Err(__hlog_error)),
    };
    let log_error = log(quote!(__hlog_error));
    let errors = if returns_result {
        quote! {
            match __hlog_result {
                ::core::result::Result::Err(__hlog_error) => {
                    #log_error;
                    #on_error
                }
                __hlog_ok => __hlog_ok,
            }
        }
    } else {
        quote!(__hlog_result)
    };
    let body = if options.catch_panics.is_some() {
        let on_panic = match &default {
            Some(default) => quote!(return #default),
            None => quote!(__hlog_panic.resume()),
        };
        let log_panic = log(quote!(__hlog_panic));
        quote! {
            let __hlog_result: #ret = match #run {
                ::core::result::Result::Ok(__hlog_result) => __hlog_result,
                ::core::result::Result::Err(__hlog_panic) => {
                    #log_panic;
                    #on_panic
                }
            };
            #errors
        }
    } else {
        quote! {
            let __hlog_result: #ret = #run;
            #errors
        }
    };
    quote! {
        #(#attrs)*
        #vis #sig {
            #body
        }
    }
}
