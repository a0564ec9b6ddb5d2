//! Procedural macros of [hlog](https://docs.rs/hlog), a logging library with loguru's API and
//! templates checked at compile time. **Depend on `hlog`, not on this crate**: use the macros
//! through it (`hlog::info!`, `hlog::fmt!`, `hlog::levels!`, `#[hlog::catch]`), which passes its
//! own path in so that renamed dependencies work, and where they are documented with examples.
//! Their entry points here are hidden and not a stable API.
//!
//! Each macro runs in phases, one file each: `ast` (what was written) → `bind` (placeholders
//! matched to arguments, every problem collected) → `expand` (the generated code).

mod ast;
mod bind;
mod catch;
mod expand;
mod format;
mod levels;
mod span;

use proc_macro::TokenStream;

/// `__log!(krate, LEVEL, [logger,] "template", args...)`: the body of `info!` and friends.
#[doc(hidden)]
#[proc_macro]
pub fn __log(input: TokenStream) -> TokenStream {
    ast::LogCall::parse_tokens(input.into())
        .map(|call| expand::expand(&call))
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// `__format!(krate, "format")`: the body of `hlog::fmt!`.
#[doc(hidden)]
#[proc_macro]
pub fn __format(input: TokenStream) -> TokenStream {
    format::expand(input.into()).unwrap_or_else(syn::Error::into_compile_error).into()
}

/// The attribute behind `#[hlog::catch]`.
#[proc_macro_attribute]
pub fn catch(args: TokenStream, item: TokenStream) -> TokenStream {
    catch::expand(args.into(), item.into()).unwrap_or_else(syn::Error::into_compile_error).into()
}

/// `__levels!(krate, NAME = no, "colour", "icon"; ...)`: the body of `hlog::levels!`.
#[doc(hidden)]
#[proc_macro]
pub fn __levels(input: TokenStream) -> TokenStream {
    levels::expand(input.into()).unwrap_or_else(syn::Error::into_compile_error).into()
}
