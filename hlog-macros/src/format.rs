//! `hlog::fmt!("...")`: a handler format checked at compile time, lowered by the one lowering
//! run-time formats use (`hlog_template::lower_format`), and written out twice: as straight-line
//! code, and as the lowered data itself (constants), so the run time parses nothing.

use hlog_template::{
    Align, DEFAULT_TIME_FORMAT, Field, FormatSpec, Kind, Lowered, Sign, Step, Style, TimeFormat,
    TimeToken,
};
use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use quote::{format_ident, quote};
use syn::LitStr;

use crate::span;

pub(crate) fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let (krate, rest) = crate::ast::split_krate(input);
    let mut rest: Vec<TokenTree> = rest.into_iter().collect();
    if matches!(rest.last(), Some(TokenTree::Punct(p)) if p.as_char() == ',') {
        rest.pop(); // a trailing comma, as every log macro accepts
    }
    let rest: TokenStream = rest.into_iter().collect();
    let lit: LitStr = syn::parse2(rest.clone()).map_err(|_| {
        syn::Error::new_spanned(
            &rest,
            "expected a string literal: `hlog::fmt!(\"{time} | {level} | {message}\")`",
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
    let lowered = hlog_template::lower_format(&format);
    let code = Code { p: quote!(#krate::__private), times: Vec::new() };
    Ok(code.expand(&lit, &lowered))
}

/// The generated code's pieces: the runtime's path and the time patterns written out so far.
struct Code {
    p: TokenStream,
    /// Each distinct time pattern, written once as a `const` that the data and the code share.
    times: Vec<TimeFormat>,
}

impl Code {
    fn expand(mut self, lit: &LitStr, lowered: &Lowered) -> TokenStream {
        let p = self.p.clone();
        let plain = self.writer(&lowered.plain);
        let colored = self.writer(&lowered.colored);
        let (steps, data) = self.lowered(lowered);
        // Each pattern once: its parsed tokens as a `const` (the data and the code share it),
        // and one `TimePiece` (its per-second cache) that the plain and the colourised writer
        // share.
        let times = self.times.iter().enumerate().map(|(i, time)| {
            let (name, piece) = (time_const(i), time_piece(i));
            let value = time_format(&p, time);
            quote! {
                const #name: #p::fmt::TimeFormat = #value;
                static #piece: #p::fmt::TimePiece = #p::fmt::TimePiece::new(#name);
            }
        });
        let shows_exception = lowered.shows_exception;
        quote! {{
            #(#times)*
            #steps
            fn __hlog_render(
                buf: &mut ::std::vec::Vec<u8>,
                record: &#p::Record<'_>,
                colorize: bool,
                escape: bool,
                zone: &#p::Zone,
            ) {
                if colorize { #colored } else { #plain }
                #p::fmt::finish(buf, record, #shows_exception, escape);
            }
            static __HLOG_COMPILED: #p::fmt::Compiled =
                #p::fmt::Compiled::new(#lit, #data, __hlog_render);
            #p::Format::compiled(&__HLOG_COMPILED)
        }}
    }

    /// The `const` holding `time`, written out the first time it is asked for.
    fn time(&mut self, time: &TimeFormat) -> Ident {
        time_const(self.time_index(time))
    }

    /// The index of `time` among the patterns written out, added if new.
    fn time_index(&mut self, time: &TimeFormat) -> usize {
        match self.times.iter().position(|known| known == time) {
            Some(index) => index,
            None => {
                self.times.push(time.clone());
                self.times.len() - 1
            }
        }
    }

    /// One statement per step: the straight-line writer.
    fn writer(&mut self, steps: &[Step]) -> TokenStream {
        let p = self.p.clone();
        let mut out = TokenStream::new();
        for step in steps {
            out.extend(match step {
                Step::Text(text) => {
                    let bytes = syn::LitByteStr::new(text.as_bytes(), Span::call_site());
                    quote!(#p::fmt::text(buf, #bytes);)
                }
                Step::LevelStyle => quote!(#p::fmt::level_style(buf, record);),
                Step::Time(time) => {
                    let piece = time_piece(self.time_index(time));
                    quote!(#piece.render(buf, record, zone);)
                }
                Step::Message { spec, outer } => {
                    let outer = match outer {
                        Some(outer) => {
                            let styles = outer.iter().map(|style| match style {
                                Style::Sgr(sgr) => {
                                    let sgr: &str = sgr;
                                    quote!(#p::fmt::Style::Sgr(#p::fmt::Cow::Borrowed(#sgr)))
                                }
                                Style::Level => quote!(#p::fmt::Style::Level),
                            });
                            quote!(::core::option::Option::Some(&[#(#styles),*]))
                        }
                        None => quote!(::core::option::Option::None),
                    };
                    let write = quote!(#p::fmt::message(buf, record, #outer, escape));
                    padded(&p, write, spec.as_ref(), false)
                }
                Step::Field { field, spec } => {
                    let write = match field {
                        Field::ExtraKey(key) => {
                            let key: &str = key;
                            quote!(#p::fmt::extra_key(buf, record, #key, escape))
                        }
                        field => {
                            let field = field_value(&p, field);
                            quote!(#p::fmt::field(buf, &#field, record, zone, escape))
                        }
                    };
                    padded(&p, write, spec.as_ref(), true)
                }
            });
        }
        out
    }

    /// The lowered steps as `static` arrays (statics, so that nothing in them is a temporary a
    /// constant would have to drop) and the [`Lowered`] that borrows them.
    fn lowered(&mut self, lowered: &Lowered) -> (TokenStream, TokenStream) {
        let p = self.p.clone();
        let (plain_len, colored_len) = (lowered.plain.len(), lowered.colored.len());
        let plain = lowered.plain.iter().map(|step| self.step(step)).collect::<Vec<_>>();
        let colored = lowered.colored.iter().map(|step| self.step(step)).collect::<Vec<_>>();
        let shows_exception = lowered.shows_exception;
        let statics = quote! {
            static __HLOG_PLAIN: [#p::fmt::Step; #plain_len] = [#(#plain),*];
            static __HLOG_COLORED: [#p::fmt::Step; #colored_len] = [#(#colored),*];
        };
        let value = quote! {
            #p::fmt::Lowered {
                plain: #p::fmt::Cow::Borrowed(&__HLOG_PLAIN),
                colored: #p::fmt::Cow::Borrowed(&__HLOG_COLORED),
                shows_exception: #shows_exception,
            }
        };
        (statics, value)
    }

    fn step(&mut self, step: &Step) -> TokenStream {
        let p = self.p.clone();
        match step {
            Step::Text(text) => {
                let text: &str = text;
                quote!(#p::fmt::Step::Text(#p::fmt::Cow::Borrowed(#text)))
            }
            Step::LevelStyle => quote!(#p::fmt::Step::LevelStyle),
            Step::Time(time) => {
                let time = self.time(time);
                quote!(#p::fmt::Step::Time(#time))
            }
            Step::Message { spec, outer } => {
                let spec = option(spec.as_ref().map(|spec| spec_value(&p, spec)));
                let outer = option(outer.as_ref().map(|outer| {
                    let styles = outer.iter().map(|style| match style {
                        Style::Sgr(sgr) => {
                            let sgr: &str = sgr;
                            quote!(#p::fmt::Style::Sgr(#p::fmt::Cow::Borrowed(#sgr)))
                        }
                        Style::Level => quote!(#p::fmt::Style::Level),
                    });
                    quote!(#p::fmt::Cow::Borrowed(&[#(#styles),*]))
                }));
                quote!(#p::fmt::Step::Message { spec: #spec, outer: #outer })
            }
            Step::Field { field, spec } => {
                let field = field_value(&p, field);
                let spec = option(spec.as_ref().map(|spec| spec_value(&p, spec)));
                quote!(#p::fmt::Step::Field { field: #field, spec: #spec })
            }
        }
    }
}

fn time_const(index: usize) -> Ident {
    format_ident!("__HLOG_TIME_{}", index)
}

fn time_piece(index: usize) -> Ident {
    format_ident!("__HLOG_TIME_PIECE_{}", index)
}

/// The call `write`, then the padding of `spec` (if any) over what it wrote. With `numeric`,
/// `write` returns whether it wrote a number (right-aligned by default).
fn padded(
    p: &TokenStream,
    write: TokenStream,
    spec: Option<&FormatSpec>,
    numeric: bool,
) -> TokenStream {
    let Some(spec) = spec else { return quote!(#write;) };
    let spec = spec_value(p, spec);
    let numeric = if numeric { quote!(#write) } else { quote!({ #write; false }) };
    quote! {{
        let start = buf.len();
        let numeric = #numeric;
        #p::fmt::pad(buf, start, &#spec, numeric);
    }}
}

fn option(value: Option<TokenStream>) -> TokenStream {
    match value {
        Some(value) => quote!(::core::option::Option::Some(#value)),
        None => quote!(::core::option::Option::None),
    }
}

/// A unit variant of a data-free enum, by its `Debug` name (`Field::Line`, `TimeToken::Hour2`).
fn variant(name: impl std::fmt::Debug) -> Ident {
    Ident::new(&format!("{name:?}"), Span::call_site())
}

fn field_value(p: &TokenStream, field: &Field) -> TokenStream {
    match field {
        Field::Time(time) => {
            let time = option(time.as_ref().map(|time| time_format(p, time)));
            quote!(#p::fmt::Field::Time(#time))
        }
        Field::ExtraKey(key) => {
            let key: &str = key;
            quote!(#p::fmt::Field::ExtraKey(#p::fmt::Cow::Borrowed(#key)))
        }
        other => {
            let variant = variant(other);
            quote!(#p::fmt::Field::#variant)
        }
    }
}

/// A parsed time pattern as a constant expression: loguru's default by name, any other as its
/// tokens.
fn time_format(p: &TokenStream, time: &TimeFormat) -> TokenStream {
    if *time == DEFAULT_TIME_FORMAT {
        return quote!(#p::fmt::DEFAULT_TIME_FORMAT);
    }
    let tokens = time.tokens.iter().map(|token| match token {
        TimeToken::Literal(text) => {
            let text: &str = text;
            quote!(#p::fmt::TimeToken::Literal(#p::fmt::Cow::Borrowed(#text)))
        }
        TimeToken::Fraction(digits) => quote!(#p::fmt::TimeToken::Fraction(#digits)),
        other => {
            let variant = variant(other);
            quote!(#p::fmt::TimeToken::#variant)
        }
    });
    let utc = time.utc;
    quote!(#p::fmt::TimeFormat { tokens: #p::fmt::Cow::Borrowed(&[#(#tokens),*]), utc: #utc })
}

fn spec_value(p: &TokenStream, spec: &FormatSpec) -> TokenStream {
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
