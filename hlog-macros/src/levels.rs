//! `levels! { AUDIT = 35, "<cyan>", "@"; ... }`: custom levels declared at compile time, each a
//! `const Level` and a logging macro named after it in lower case (`audit!`), so that a
//! misspelt level is a compile error. Parsed, checked (every problem at once) and expanded
//! here; one file, as the whole macro is small.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::parse::{Parse, ParseStream, Parser};
use syn::{Ident, LitInt, LitStr, Token, Visibility};

use crate::ast::split_krate;

/// The built-in levels: they cannot be declared again, and `#[catch(level = ...)]` names them.
pub(crate) const BUILTIN: [&str; 7] =
    ["TRACE", "DEBUG", "INFO", "SUCCESS", "WARNING", "ERROR", "CRITICAL"];

/// One declaration: `[vis] NAME = no [, "colour" [, "icon"]]`.
struct Declaration {
    vis: Visibility,
    name: Ident,
    no: LitInt,
    color: Option<LitStr>,
    icon: Option<LitStr>,
}

impl Parse for Declaration {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let vis = input.parse()?;
        let name = input.parse()?;
        input.parse::<Token![=]>()?;
        let no = input.parse()?;
        let mut color = None;
        let mut icon = None;
        if input.parse::<Option<Token![,]>>()?.is_some() && !input.is_empty() {
            color = Some(input.parse()?);
            if input.parse::<Option<Token![,]>>()?.is_some() && !input.is_empty() {
                icon = Some(input.parse()?);
            }
        }
        Ok(Declaration { vis, name, no, color, icon })
    }
}

/// `krate, declarations...`
pub(crate) fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let (krate, rest) = split_krate(input);
    let parser = |input: ParseStream<'_>| {
        let mut declarations = Vec::new();
        while !input.is_empty() {
            declarations.push(input.parse::<Declaration>()?);
            if input.parse::<Option<Token![;]>>()?.is_none() && !input.is_empty() {
                return Err(input.error("expected `;` after a level's declaration"));
            }
        }
        Ok(declarations)
    };
    let declarations = parser.parse2(rest)?;
    if declarations.is_empty() {
        return Err(syn::Error::new(
            Span::call_site(),
            "levels! declares at least one level: `levels! { AUDIT = 35, \"<cyan>\", \"@\"; }`",
        ));
    }
    let mut errors: Option<syn::Error> = None;
    let mut push = |error: syn::Error| match &mut errors {
        Some(errors) => errors.combine(error),
        None => errors = Some(error),
    };
    let mut items = Vec::new();
    for (i, declaration) in declarations.iter().enumerate() {
        match check(declaration, &declarations[..i]) {
            Ok(ansi) => items.push(generate(&krate, declaration, &ansi)),
            Err(error) => push(error),
        }
    }
    match errors {
        Some(errors) => Err(errors),
        None => Ok(quote!(#(#items)*)),
    }
}

/// Every problem of one declaration; its colour as ANSI bytes if there is none.
fn check(declaration: &Declaration, before: &[Declaration]) -> syn::Result<String> {
    let name = declaration.name.to_string();
    let mut errors = Vec::new();
    if BUILTIN.contains(&name.as_str()) {
        errors.push(syn::Error::new(
            declaration.name.span(),
            format!("`{name}` is a built-in level; declare levels with other names"),
        ));
    }
    if name != name.to_uppercase() || name.starts_with('_') {
        errors.push(syn::Error::new(
            declaration.name.span(),
            format!(
                "a declared level's name is in upper case (`{}`): its macro is the name in \
                 lower case",
                name.to_uppercase()
            ),
        ));
    }
    if before.iter().any(|d| d.name == declaration.name) {
        errors.push(syn::Error::new(
            declaration.name.span(),
            format!("level `{name}` is declared twice"),
        ));
    }
    if let Err(error) = declaration.no.base10_parse::<u32>() {
        errors.push(error);
    }
    let mut ansi = String::new();
    if let Some(color) = &declaration.color {
        match hlog_template::parse_color_markup(&color.value()) {
            Ok(bytes) => ansi = bytes,
            Err(error) => errors.push(crate::span::error(color, &error)),
        }
    }
    let mut errors = errors.into_iter();
    match errors.next() {
        None => Ok(ansi),
        Some(mut first) => {
            errors.for_each(|e| first.combine(e));
            Err(first)
        }
    }
}

fn generate(krate: &TokenStream, declaration: &Declaration, ansi: &str) -> TokenStream {
    let p = quote!(#krate::__private);
    let Declaration { vis, name, no, color, icon } = declaration;
    let name_text = name.to_string();
    let color = color.as_ref().map_or_else(String::new, LitStr::value);
    let icon = icon.as_ref().map_or_else(String::new, LitStr::value);
    let lower = format_ident!("{}", name_text.to_lowercase(), span = name.span());
    let no: u32 = no.base10_parse().unwrap_or_default();
    let doc = format!(
        "The level `{name_text}` ({no}), declared with `levels!`; log at it with \
         `{lower}!`."
    );
    let macro_doc = format!("Log at `{name_text}` ({no}). See `hlog::info!` for the syntax.");
    let needs = format!("{lower}! needs a template: `{lower}!(\"message {{}}\", value)`");
    let level = quote!({ #p::Level::declared(#name_text, #no, #color, #ansi, #icon) });
    quote! {
        #[doc = #doc]
        #vis const #name: #p::Level = #p::Level::declared(#name_text, #no, #color, #ansi, #icon);

        #[doc = #macro_doc]
        #[allow(unused_macros)]
        macro_rules! #lower {
            () => { ::core::compile_error!(#needs) };
            ($template:literal $($rest:tt)*) => {
                #krate::__log!(#krate, dynamic, #level, $template $($rest)*)
            };
            ($field:ident = $($rest:tt)+) => {
                #krate::__log!(#krate, dynamic, #level, $field = $($rest)+)
            };
            ($logger:expr, $($rest:tt)+) => {
                #krate::__log!(#krate, dynamic, $logger, #level, $($rest)+)
            };
        }
        #[allow(unused_imports)]
        pub(crate) use #lower;
    }
}
