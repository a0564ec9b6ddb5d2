//! The template and markup parser: never panics, errors in source order on char boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let (template, errors) = hlog_template::parse_recovering(text);
    for error in &errors {
        assert!(error.range.start <= error.range.end, "{text:?}: {error:?}");
        assert!(text.is_char_boundary(error.range.start) && text.is_char_boundary(error.range.end));
    }
    assert!(errors.windows(2).all(|w| w[0].range.start <= w[1].range.start));
    for p in template.placeholders() {
        assert!(text.get(p.range.clone()).is_some() && text.get(p.arg_range.clone()).is_some());
    }
    let _ = hlog_template::parse_color_markup(text);
    let _ = hlog_template::tag_ansi(text);
    let _ = hlog_template::parse_spec(text);
});
