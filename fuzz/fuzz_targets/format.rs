//! The format parser and its lowering, as the runtime and the macros use them.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(format) = hlog_template::parse_format(text) {
        let _ = hlog_template::lower_format(&format);
    }
    let _ = hlog::Format::parse(text);
});
