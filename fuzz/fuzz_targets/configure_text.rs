//! `configure_from_toml` / `configure_from_json`: any text is either a configuration or an
//! error that names the origin; never a panic. Sinks a valid input names are made in a
//! temporary folder (the process's working directory), and every handler is removed again.
#![no_main]

use std::sync::Once;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    static CHDIR: Once = Once::new();
    CHDIR.call_once(|| {
        let dir = std::env::temp_dir().join(format!("hlog-fuzz-configure-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::env::set_current_dir(&dir).unwrap();
    });
    let logger = hlog::Logger::new();
    for (result, origin) in [
        (logger.configure_from_toml(text, "fuzz.toml"), "fuzz.toml"),
        (logger.configure_from_json(text, "fuzz.json"), "fuzz.json"),
    ] {
        if let Err(error) = result {
            let shown = error.to_string();
            assert!(shown.starts_with(origin), "{shown}");
            if let Some(line) = error.line() {
                assert!(line >= 1 && line <= text.lines().count().max(1) + 1, "{line}: {shown}");
            }
        }
    }
    logger.remove_all();
});
