//! The generated code of a log call (see DESIGN.md, "One log call").

use hlog_template::Ansi;
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use crate::ast::{LevelArg, LogCall};
use crate::bind::{Bound, BoundPiece, bind};

pub(crate) fn expand(call: &LogCall) -> TokenStream {
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
    // A call with options (`raw`, `caller`, `err = e`) goes through `dispatch_with`; the others
    // keep the plain path, so options cost nothing where they are not used.
    let options = call_options(&p, call);
    let (logger_setup, enabled, dispatch) = match (&call.logger, &options) {
        (None, None) => (
            quote!(),
            quote!(#p::enabled_global(&__HLOG_CALLSITE, #level_no)),
            quote!(#p::dispatch_global(&__HLOG_CALLSITE, &__HLOG_LAYOUT, #level, __hlog_values)),
        ),
        (None, Some(options)) => (
            quote!(),
            quote!(#p::enabled_global(&__HLOG_CALLSITE, #level_no)),
            quote! {
                #p::dispatch_global_with(
                    &__HLOG_CALLSITE, &__HLOG_LAYOUT, #level, __hlog_values, #options,
                )
            },
        ),
        (Some(logger), options) => {
            let dispatch = match options {
                None => quote! {
                    #p::dispatch(
                        __hlog_logger, &__HLOG_CALLSITE, &__HLOG_LAYOUT, #level, __hlog_values,
                    )
                },
                Some(options) => quote! {
                    #p::dispatch_with(
                        __hlog_logger, &__HLOG_CALLSITE, &__HLOG_LAYOUT, #level, __hlog_values,
                        #options,
                    )
                },
            };
            (
                quote_spanned!(at(logger.span())=> let __hlog_logger: &#p::Logger = &#logger;),
                quote!(#p::enabled(__hlog_logger, &__HLOG_CALLSITE, #level_no)),
                dispatch,
            )
        }
    };

    // Each binding is located at its argument, so that type errors point there.
    let names: Vec<_> = bound
        .args
        .iter()
        .enumerate()
        .map(|(i, arg)| Ident::new(&format!("__hlog_a{i}"), at(arg.span)))
        .collect();
    let mut exprs: Vec<_> = bound
        .args
        .iter()
        .map(|arg| {
            let expr = &arg.expr;
            quote_spanned!(at(arg.span)=> &(#expr))
        })
        .collect();
    let mut names = names;
    // The attached error is evaluated with the arguments, by reference, after them.
    if let Some(error) = &call.options.error {
        let span = at(error.span());
        exprs.push(quote_spanned!(span=> &(#error)));
        names.push(Ident::new("__hlog_err", span));
    }
    let Values { pieces, fields, entries, formats, .. } =
        Values::new(&p, &bound, &names[..bound.args.len()]);
    let format_names = (0..formats.len()).map(|i| format_ident!("__hlog_f{i}"));
    let dispatch = quote! {
        let __hlog_values: &[(&'static str, #p::Value<'_>)] = &[#(#entries),*];
        #dispatch;
    };
    // Placeholders with a format spec are `format_args!` values, kept alive by a `match`.
    let dispatch = if formats.is_empty() {
        dispatch
    } else {
        quote!(match (#(#formats,)*) { (#(#format_names,)*) => { #dispatch } })
    };

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
        static __HLOG_LAYOUT: #p::Layout = #p::Layout::new(&[#(#pieces),*], #fields);
        #logger_setup
        #level_setup
        if #enabled {
            #[allow(unused_imports)]
            use #p::{DebugFallback as _, DisplayFallback as _, FastArg as _};
            match (#(#exprs,)*) {
                (#(#names,)*) => { #dispatch }
            }
        }
    }}
}

/// The `CallOptions` of a call that gives any (see `ast::Options`), built where the values are
/// bound (`__hlog_err` is the attached error, by reference).
fn call_options(p: &TokenStream, call: &LogCall) -> Option<TokenStream> {
    let options = &call.options;
    if !options.any() {
        return None;
    }
    let raw = options.raw;
    let location = if options.caller {
        quote!(::core::option::Option::Some(::core::panic::Location::caller()))
    } else {
        quote!(::core::option::Option::None)
    };
    let error = match &options.error {
        None => quote!(::core::option::Option::None),
        Some(error) => {
            // Method lookup dereferences as far as it must: an error by value or by reference,
            // `Box<dyn Error>`, `anyhow::Error` (which dereferences to `dyn Error`).
            let span = at(error.span());
            let method = Ident::new("__hlog_error", span);
            quote_spanned! {span=>
                ::core::option::Option::Some({
                    use #p::AsError as _;
                    (*__hlog_err).#method()
                })
            }
        }
    };
    Some(quote! {
        #p::CallOptions { error: #error, location: #location, raw: #raw }
    })
}

/// How a placeholder shows its value.
#[derive(Clone, PartialEq, Eq)]
enum Mode {
    Display,
    Debug,
    /// Any other format spec: the value is `format_args!` with it.
    Spec(String),
}

/// The call's values as the generated code passes them: the structured fields first (the
/// shown ones in template order, then the named arguments the message does not show, in call
/// order), then the values only the message shows (positional arguments, other
/// modes, format specs). The message is data — pieces that refer to values by index — rather
/// than a writer closure per call site, which was most of a call site's build cost; a value
/// both shown and recorded is converted once.
struct Values {
    /// `(argument, accessors, mode)` of each value, to share a value between uses.
    keys: Vec<(usize, Vec<String>, Mode)>,
    /// `(name, value)` expressions, in order.
    entries: Vec<TokenStream>,
    /// How many entries are structured fields.
    fields: usize,
    /// `format_args!` expressions of spec'd placeholders, bound to `__hlog_f{i}`.
    formats: Vec<TokenStream>,
    /// The message's pieces.
    pieces: Vec<TokenStream>,
}

impl Values {
    fn new(p: &TokenStream, bound: &Bound, names: &[Ident]) -> Values {
        let mut values = Values {
            keys: Vec::new(),
            entries: Vec::new(),
            fields: 0,
            formats: Vec::new(),
            pieces: Vec::new(),
        };
        let plain = bound.args.iter().enumerate().filter(|(_, arg)| arg.plain);
        let plain = plain.filter_map(|(index, arg)| {
            let mode = if arg.debug { Mode::Debug } else { Mode::Display };
            Some((arg.first_use, arg.field.as_deref()?, index, &[][..], mode))
        });
        let paths = bound.paths.iter().map(|path| {
            let mode = if path.debug { Mode::Debug } else { Mode::Display };
            (path.first_use, path.name.as_str(), path.index, &path.attrs[..], mode)
        });
        let mut fields: Vec<_> = plain.chain(paths).collect();
        fields.sort_by_key(|field| field.0);
        for (_, name, index, attrs, mode) in fields {
            values.add(p, bound, names, (name, index, attrs), mode);
        }
        values.fields = values.entries.len();

        let mut text = String::new();
        for piece in &bound.pieces {
            match piece {
                BoundPiece::Literal(literal) => text.push_str(literal),
                BoundPiece::Arg { index, attrs, spec } => {
                    let mode = match spec.as_deref() {
                        None => Mode::Display,
                        Some("?") => Mode::Debug,
                        Some(spec) => Mode::Spec(spec.to_owned()),
                    };
                    let at = values.add(p, bound, names, ("", *index, attrs), mode);
                    let text = std::mem::take(&mut text);
                    values.pieces.push(quote!(#p::Piece::TextValue(#text, #at)));
                }
                BoundPiece::Style(styles) => {
                    values.flush_text(p, &mut text);
                    values.pieces.extend(styles.iter().flat_map(|style| style_pieces(p, style)));
                }
            }
        }
        values.flush_text(p, &mut text);
        values
    }

    fn flush_text(&mut self, p: &TokenStream, text: &mut String) {
        if !text.is_empty() {
            let text = std::mem::take(text);
            self.pieces.push(quote!(#p::Piece::Text(#text)));
        }
    }

    /// The index of the value `(name, argument, accessors)` in `mode`, added if new.
    fn add(
        &mut self,
        p: &TokenStream,
        bound: &Bound,
        names: &[Ident],
        (name, index, attrs): (&str, usize, &[Ident]),
        mode: Mode,
    ) -> usize {
        let key = (index, attrs.iter().map(Ident::to_string).collect::<Vec<_>>(), mode);
        if let Some(at) = self.keys.iter().position(|k| *k == key) {
            return at;
        }
        let span = at(bound.args[index].span);
        let arg = &names[index];
        let value = if attrs.is_empty() { quote!(#arg) } else { quote!(&#arg #(.#attrs)*) };
        let entry = match &key.2 {
            Mode::Display => quote_spanned!(span=> (#name, (&#p::Arg(#value)).__hlog_value())),
            Mode::Debug => quote_spanned!(span=> (#name, (&#p::Arg(#value)).__hlog_debug_value())),
            Mode::Spec(spec) => {
                let format = format!("{{:{spec}}}");
                let binding = format_ident!("__hlog_f{}", self.formats.len());
                self.formats
                    .push(quote_spanned!(span=> ::core::format_args!(#format, #arg #(.#attrs)*)));
                quote_spanned!(span=> (#name, #p::Value::Display(&#binding)))
            }
        };
        self.keys.push(key);
        self.entries.push(entry);
        self.entries.len() - 1
    }
}

/// The pieces of a style change inside a message. A closing tag's reset also restores what
/// surrounds the message in the handler's format, so `<level>{message}</level>` keeps its
/// colour after the message's own `</red>`.
fn style_pieces(p: &TokenStream, style: &Ansi) -> Vec<TokenStream> {
    match style {
        Ansi::Level => vec![quote!(#p::Piece::LevelStyle)],
        Ansi::Bytes(bytes) => match bytes.strip_prefix("\x1b[0m") {
            Some("") => vec![quote!(#p::Piece::Reset)],
            Some(rest) => vec![quote!(#p::Piece::Reset), quote!(#p::Piece::Style(#rest))],
            None => vec![quote!(#p::Piece::Style(#bytes))],
        },
    }
}

/// A span with the macro's hygiene, located at the user's `span` (errors point there).
fn at(span: Span) -> Span {
    Span::call_site().located_at(span)
}

/// On error: the errors, plus code that still mentions every argument so that the user sees
/// the real problem and no "unused variable" cascade.
fn stand_in(call: &LogCall, error: syn::Error) -> TokenStream {
    let errors = error.into_compile_error();
    let exprs = call.args.iter().map(|arg| arg.expr());
    let logger = call.logger.iter();
    let error = call.options.error.iter();
    quote! {{
        #errors
        if false {
            #( let _ = &#logger; )*
            #( let _ = &(#exprs); )*
            #( let _ = &(#error); )*
        }
    }}
}
