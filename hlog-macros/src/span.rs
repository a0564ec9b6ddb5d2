//! From byte ranges in a template to spans the compiler can point at.

use proc_macro2::Span;
use syn::LitStr;

/// The span of `range` (bytes of the literal's value) inside `lit`, where the compiler can give
/// one (sub-spans of literals need a nightly compiler); otherwise the whole literal — never the
/// call site.
pub(crate) fn span_of(lit: &LitStr, range: std::ops::Range<usize>) -> Span {
    let token = lit.token();
    let source = token.to_string();
    // Only when the value appears verbatim in the source (no escapes) do offsets carry over.
    let value = lit.value();
    // `"..."` or `r#"..."#`: the value starts after the opening quote.
    let Some(prefix) = source.find('"').map(|quote| quote + 1) else { return lit.span() };
    if source.get(prefix..prefix + value.len()) != Some(value.as_str()) {
        return lit.span();
    }
    token.subspan(prefix + range.start..prefix + range.end).unwrap_or_else(|| lit.span())
}

/// A compile error about `range` of the template, with the offending text quoted and the help.
pub(crate) fn error(lit: &LitStr, error: &hlog_template::Error) -> syn::Error {
    let mut message = error.message.clone();
    if let Some(help) = &error.help {
        message.push_str("\n  = help: ");
        message.push_str(help);
    }
    syn::Error::new(span_of(lit, error.range.clone()), message)
}
