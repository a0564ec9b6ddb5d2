//! The generated code of a log call (see DESIGN.md, "One log call").

use hlog_template::Ansi;
use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::ast::{LevelArg, LogCall};
use crate::bind::{Bound, BoundPiece, bind};

pub fn expand(call: &LogCall) -> TokenStream {
    let krate = &call.krate;
    let p = quote!(#krate::__private);
    let template = call.template.value();

    let bound = match bind(call) {
        Ok(bound) => bound,
        Err(error) => return stand_in(call, error),
    };

    // The level: a constant, a name resolved once per registration, or a value.
    let (level_setup, level) = match &call.level {
        LevelArg::Builtin(ident) => (quote!(), quote!(&#p::Level::#ident)),
        LevelArg::Named(name) => (
            quote! {
                static __HLOG_LEVEL: #p::NamedLevel = #p::NamedLevel::new(#name);
                let __hlog_level = __HLOG_LEVEL.get();
            },
            quote!(&__hlog_level),
        ),
        LevelArg::Value(expr) => {
            let span = at(expr.span());
            (
                quote_spanned! {span=>
                    let __hlog_level: #p::Level = {
                        use #p::LevelFallback as _;
                        (#expr).__hlog_level()
                    };
                },
                quote!(&__hlog_level),
            )
        }
    };
    let level_no = match &call.level {
        LevelArg::Builtin(ident) => quote!(#p::Level::#ident.no()),
        _ => quote!(__hlog_level.no()),
    };
    let (logger_setup, enabled, dispatch) = match &call.logger {
        None => (
            quote!(),
            quote!(#p::enabled_global(&__HLOG_CALLSITE, #level_no)),
            quote!(#p::dispatch_global(&__HLOG_CALLSITE, #level, __hlog_message, __hlog_fields)),
        ),
        Some(logger) => (
            quote_spanned!(at(logger.span())=> let __hlog_logger: &#p::Logger = &#logger;),
            quote!(#p::enabled(__hlog_logger, &__HLOG_CALLSITE, #level_no)),
            quote!(#p::dispatch(__hlog_logger, &__HLOG_CALLSITE, #level, __hlog_message, __hlog_fields)),
        ),
    };

    // Each binding is located at its argument, so that type errors point there.
    let names: Vec<_> = bound
        .args
        .iter()
        .enumerate()
        .map(|(i, arg)| Ident::new(&format!("__hlog_a{i}"), at(arg.span)))
        .collect();
    let exprs = bound.args.iter().map(|arg| {
        let expr = &arg.expr;
        quote_spanned!(at(arg.span)=> &(#expr))
    });
    let message = message(&p, &bound, &names);
    let plain_fields =
        bound.args.iter().zip(&names).filter(|(arg, _)| arg.plain).filter_map(|(arg, name)| {
            let tokens = field(&p, arg.field.as_ref()?, quote!(#name), arg.debug, arg.span);
            Some((arg.first_use, tokens))
        });
    let path_fields = bound.paths.iter().map(|path| {
        let (name, attrs) = (&names[path.index], &path.attrs);
        let value = quote!(&#name #(.#attrs)*);
        (path.first_use, field(&p, &path.name, value, path.debug, bound.args[path.index].span))
    });
    let mut fields: Vec<_> = plain_fields.chain(path_fields).collect();
    fields.sort_by_key(|(order, _)| *order);
    let fields = fields.into_iter().map(|(_, tokens)| tokens);

    quote! {{
        // A `fn` item rather than a closure: one function per call site, not three.
        fn __hlog_function() -> &'static str {
            fn __hlog_here() {}
            ::core::any::type_name_of_val(&__hlog_here)
        }
        static __HLOG_CALLSITE: #p::Callsite = #p::Callsite::new(
            ::core::module_path!(),
            ::core::file!(),
            ::core::line!(),
            #template,
            __hlog_function,
        );
        #logger_setup
        #level_setup
        if #enabled {
            #[allow(unused_imports)]
            use #p::{DebugFallback as _, DisplayFallback as _, FastArg as _};
            match (#(#exprs,)*) {
                (#(#names,)*) => {
                    let __hlog_message = #message;
                    let __hlog_fields: &[(&'static str, #p::Value<'_>)] = &[#(#fields),*];
                    #dispatch;
                }
            }
        }
    }}
}

/// The message: a `&'static str` when the template is plain text, else a writer closure with
/// one statement per piece.
/// `(name, value)` of one structured field; `Debug` for `{x:?}` placeholders.
fn field(p: &TokenStream, name: &str, value: TokenStream, debug: bool, span: Span) -> TokenStream {
    if debug {
        quote_spanned!(at(span)=> (#name, (&#p::Arg(#value)).__hlog_debug_value()))
    } else {
        quote_spanned!(at(span)=> (#name, (&#p::Arg(#value)).__hlog_value()))
    }
}

/// A span with the macro's hygiene, located at the user's `span` (errors point there).
fn at(span: Span) -> Span {
    Span::call_site().located_at(span)
}

fn message(p: &TokenStream, bound: &Bound, names: &[Ident]) -> TokenStream {
    if bound.pieces.is_empty() {
        return quote!(#p::Message::Static(""));
    }
    if let [BoundPiece::Literal(text)] = bound.pieces.as_slice() {
        return quote!(#p::Message::Static(#text));
    }
    let out = quote!(__hlog_out);
    let statements = bound.pieces.iter().map(|piece| match piece {
        BoundPiece::Literal(text) => quote!(#out.str(#text);),
        BoundPiece::Style(styles) => {
            styles.iter().map(|style| style_statement(&out, style)).collect()
        }
        BoundPiece::Arg { index, attrs, spec } => {
            let span = at(bound.args[*index].span);
            let name = &names[*index];
            let value = quote_spanned!(span=> #name #(.#attrs)*);
            match spec {
                None if attrs.is_empty() => {
                    quote_spanned!(span=> (&#p::Arg(#value)).__hlog_write(#out);)
                }
                None => quote_spanned!(span=> (&#p::Arg(&#value)).__hlog_write(#out);),
                // The field's path too, so a missing `Debug` is one error, not two.
                Some(spec) if spec == "?" => quote_spanned!(span=>
                    (&#p::Arg(#value)).__hlog_debug_value().write(#out);
                ),
                Some(spec) => {
                    let format = format!("{{:{spec}}}");
                    quote_spanned!(span=> #out.fmt(::core::format_args!(#format, #value));)
                }
            }
        }
    });
    quote!(#p::Message::Writer(&|#out: &mut #p::Out<'_>| { #(#statements)* }))
}

/// A style change inside a message. A closing tag's reset also restores what surrounds the
/// message in the handler's format, so `<level>{message}</level>` keeps its colour after the
/// message's own `</red>`.
fn style_statement(out: &TokenStream, style: &Ansi) -> TokenStream {
    match style {
        Ansi::Level => quote!(#out.level_style();),
        Ansi::Bytes(bytes) => match bytes.strip_prefix("\x1b[0m") {
            Some("") => quote!(#out.reset();),
            Some(rest) => quote!(#out.reset(); #out.style(#rest);),
            None => quote!(#out.style(#bytes);),
        },
    }
}

/// On error: the errors, plus code that still mentions every argument so that the user sees
/// the real problem and no "unused variable" cascade.
fn stand_in(call: &LogCall, error: syn::Error) -> TokenStream {
    let errors = error.into_compile_error();
    let exprs = call.args.iter().map(|arg| arg.expr());
    let logger = call.logger.iter();
    quote! {{
        #errors
        if false {
            #( let _ = &#logger; )*
            #( let _ = &(#exprs); )*
        }
    }}
}
