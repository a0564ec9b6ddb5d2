//! `hlog::format!("...")`: a handler format checked at compile time and compiled into
//! straight-line code — the same pieces the run-time parser produces, written out.

use hlog_template::{Align, Ansi, Field, FormatPiece, FormatSpec, Kind, Sign};
use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use quote::quote;
use syn::LitStr;

use crate::span;

pub fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let (krate, rest) = crate::ast::split_krate(input);
    let mut rest: Vec<TokenTree> = rest.into_iter().collect();
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
    let source = lit.value();
    let format = match hlog_template::parse_format(&source) {
        Ok(format) => format,
        Err(errors) => {
            let mut errors = errors.iter().map(|e| span::error(&lit, e));
            let mut first = errors.next().expect("at least one error");
            errors.for_each(|e| first.combine(e));
            return Err(first);
        }
    };
    // The raw text of each placeholder's spec, in order (the time pattern of `{time:...}`).
    let specs: Vec<Option<String>> = hlog_template::parse(&source)
        .map(|t| t.placeholders().map(|p| p.spec.as_ref().map(|(s, _)| s.clone())).collect())
        .unwrap_or_default();
    let p = quote!(#krate::__private);
    let plain = sequence(&p, &format.pieces, &specs, false);
    let colored = sequence(&p, &format.pieces, &specs, true);
    let shows_exception = format
        .pieces
        .iter()
        .any(|piece| matches!(piece, FormatPiece::Field { field: Field::Exception, .. }));
    Ok(quote! {{
        fn __hlog_render(
            buf: &mut ::std::vec::Vec<u8>,
            record: &#p::Record<'_>,
            colorize: bool,
            zone: &#p::Zone,
        ) {
            if colorize { #colored } else { #plain }
            #p::fmt::finish(buf, record, #shows_exception);
        }
        static __HLOG_FORMAT: ::std::sync::LazyLock<#p::Format> =
            ::std::sync::LazyLock::new(|| #p::Format::compiled(#lit, __hlog_render));
        ::std::clone::Clone::clone(&*__HLOG_FORMAT)
    }})
}

/// One statement per piece; neighbouring text (and fixed colour codes, when colourised) merged.
fn sequence(
    p: &TokenStream,
    pieces: &[FormatPiece],
    specs: &[Option<String>],
    colorize: bool,
) -> TokenStream {
    let mut out = TokenStream::new();
    let mut text = String::new();
    let flush = |text: &mut String, out: &mut TokenStream| {
        if !text.is_empty() {
            let bytes = syn::LitByteStr::new(text.as_bytes(), Span::call_site());
            out.extend(quote!(#p::fmt::text(buf, #bytes);));
            text.clear();
        }
    };
    let mut placeholder = 0;
    for piece in pieces {
        match piece {
            FormatPiece::Literal(literal) => text.push_str(literal),
            FormatPiece::Style(styles) if colorize => {
                for style in styles {
                    match style {
                        Ansi::Bytes(sgr) => text.push_str(sgr),
                        Ansi::Level => {
                            flush(&mut text, &mut out);
                            out.extend(quote!(#p::fmt::level_style(buf, record);));
                        }
                    }
                }
            }
            FormatPiece::Style(_) => {}
            FormatPiece::Field { field, spec, active_style } => {
                flush(&mut text, &mut out);
                let raw = specs.get(placeholder).cloned().flatten();
                placeholder += 1;
                let write = field_code(p, field, raw, active_style, colorize);
                out.extend(if spec.is_plain() {
                    quote!(#write;)
                } else {
                    let spec = spec_code(p, spec);
                    quote! {{
                        let start = buf.len();
                        let numeric = #write;
                        #p::fmt::pad(buf, start, &#spec, numeric);
                    }}
                });
            }
        }
    }
    flush(&mut text, &mut out);
    out
}

/// The call that writes one field (an expression: true for numbers).
fn field_code(
    p: &TokenStream,
    field: &Field,
    raw_spec: Option<String>,
    active: &[Ansi],
    colorize: bool,
) -> TokenStream {
    match field {
        Field::Time(_) => {
            let pattern = match raw_spec {
                Some(text) => quote!(::core::option::Option::Some(#text)),
                None => quote!(::core::option::Option::None),
            };
            quote! {{
                static TIME: #p::fmt::TimePiece = #p::fmt::TimePiece::new(#pattern);
                TIME.render(buf, record, zone);
                false
            }}
        }
        Field::Message => {
            if colorize {
                let styles = active.iter().map(|style| match style {
                    Ansi::Bytes(sgr) => quote!(#p::fmt::Style::Sgr(#p::fmt::Cow::Borrowed(#sgr))),
                    Ansi::Level => quote!(#p::fmt::Style::Level),
                });
                quote!(#p::fmt::message(buf, record, ::core::option::Option::Some(&[#(#styles),*])))
            } else {
                quote!(#p::fmt::message(buf, record, ::core::option::Option::None))
            }
        }
        Field::ExtraKey(key) => {
            let key: &str = key;
            quote!(#p::fmt::extra_key(buf, record, #key))
        }
        other => {
            let variant = Ident::new(&format!("{other:?}"), Span::call_site());
            quote!(#p::fmt::field(buf, &#p::fmt::Field::#variant, record, zone))
        }
    }
}

fn spec_code(p: &TokenStream, spec: &FormatSpec) -> TokenStream {
    let option = |value: Option<TokenStream>| match value {
        Some(value) => quote!(::core::option::Option::Some(#value)),
        None => quote!(::core::option::Option::None),
    };
    let fill = option(spec.fill.map(|c| quote!(#c)));
    let align = option(spec.align.map(|a| match a {
        Align::Left => quote!(#p::fmt::Align::Left),
        Align::Center => quote!(#p::fmt::Align::Center),
        Align::Right => quote!(#p::fmt::Align::Right),
    }));
    let sign = option(spec.sign.map(|s| match s {
        Sign::Plus => quote!(#p::fmt::Sign::Plus),
        Sign::Minus => quote!(#p::fmt::Sign::Minus),
    }));
    let width = option(spec.width.map(|w| quote!(#w)));
    let precision = option(spec.precision.map(|w| quote!(#w)));
    let (alternate, zero) = (spec.alternate, spec.zero);
    debug_assert_eq!(spec.kind, Kind::Display, "formats take Display specs only");
    quote! {
        #p::fmt::FormatSpec {
            fill: #fill,
            align: #align,
            sign: #sign,
            alternate: #alternate,
            zero: #zero,
            width: #width,
            precision: #precision,
            kind: #p::fmt::Kind::Display,
        }
    }
}
