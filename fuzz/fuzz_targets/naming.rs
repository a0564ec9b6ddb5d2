//! Naming patterns of rotated files, through the public builder: installed (with `delay`, so
//! nothing is created) in a temporary folder, then removed. A pattern that leaves the folder
//! must be refused.
#![no_main]

use std::sync::OnceLock;

use hlog::sink::FileSink;
use libfuzzer_sys::fuzz_target;

fn dir() -> &'static std::path::Path {
    static DIR: OnceLock<std::path::PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("hlog-fuzz-naming-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    })
}

fuzz_target!(|pattern: &str| {
    let logger = hlog::Logger::new();
    let sink = FileSink::new(dir().join("app.log")).naming(pattern).delay(true);
    match logger.add(sink).install() {
        Ok(id) => {
            assert!(
                !pattern.contains(['/', '\\']),
                "a pattern with a path separator was accepted: {pattern:?}"
            );
            logger.remove(id).unwrap();
        }
        Err(error) => {
            let _ = error.to_string();
        }
    }
});
