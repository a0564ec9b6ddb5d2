//! `hlog::format!("...")`: a handler format checked at compile time.

use proc_macro2::{TokenStream, TokenTree};
use quote::quote;
use syn::LitStr;

use crate::span;

pub fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let mut tokens = input.into_iter();
    let mut krate = TokenStream::new();
    for token in tokens.by_ref() {
        if matches!(&token, TokenTree::Punct(p) if p.as_char() == ',') {
            break;
        }
        krate.extend([token]);
    }
    let mut rest: Vec<TokenTree> = tokens.collect();
    if matches!(rest.last(), Some(TokenTree::Punct(p)) if p.as_char() == ',') {
        rest.pop(); // a trailing comma, as every log macro accepts
    }
    let rest: TokenStream = rest.into_iter().collect();
    let lit: LitStr = syn::parse2(rest.clone()).map_err(|_| {
        syn::Error::new_spanned(
            &rest,
            "expected a string literal: `hlog::format!(\"{time} | {level} | {message}\")`",
        )
    })?;
    if let Err(errors) = hlog_template::parse_format(&lit.value()) {
        let mut errors = errors.iter().map(|e| span::error(&lit, e));
        let mut first = errors.next().expect("at least one error");
        errors.for_each(|e| first.combine(e));
        return Err(first);
    }
    // The runtime builds the format from the same text with the same parser, once; so a
    // format written here and the same text read from a config file render identical bytes.
    Ok(quote! {{
        static __HLOG_FORMAT: ::std::sync::LazyLock<#krate::Format> =
            ::std::sync::LazyLock::new(|| #krate::__private::Format::from_checked(#lit));
        ::std::clone::Clone::clone(&*__HLOG_FORMAT)
    }})
}
