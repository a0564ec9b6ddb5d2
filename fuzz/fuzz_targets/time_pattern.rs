//! Time patterns (`{time:...}`), alone and as a format's field.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Err(error) = hlog_template::parse_time(text) {
        assert!(text.get(error.range.clone()).is_some(), "{text:?}: {error:?}");
    }
    let _ = hlog_template::parse_time_field(text);
});
