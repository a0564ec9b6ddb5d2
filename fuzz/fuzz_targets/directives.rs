//! `Directives::parse` (`HLOG_LOG` / `RUST_LOG`): never panics; every refused part is reported
//! with the part as written.
#![no_main]

use hlog::Directives;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let directives = Directives::parse(text);
    for error in directives.errors() {
        assert!(text.contains(error.directive.as_str()), "{error}");
        let _ = error.to_string();
    }
});
