//! Configuring from a TOML file: `cargo run --example configure_file --features config`.
//!
//! `hlog::configure_from_file("logging.toml")` reads what `hlog::configure` takes (see the
//! `configure` example) from a file; an error names the file, the line, the handler and the
//! field. This example writes its file into a temporary folder and removes it at the end.

use hlog::Logger;

const LOGGING_TOML: &str = r#"
activation = [["configure_file::noisy", false]]

[[handlers]]
sink = "ext://stdout"                  # or "ext://stderr", or a file's path
level = "DEBUG"
format = "<green>{time:HH:mm:ss}</green> | <level>{level: <8}</level> | {message} {extra}"

[[handlers]]
sink = "ext://stderr"
level = "ERROR"
serialize = true                       # JSON lines
filter = { "" = "ERROR", "configure_file::noisy" = "OFF" }

[[levels]]
name = "AUDIT"
no = 35
color = "<cyan><bold>"
icon = "@"

[extra]
app = "my_app"
"#;

/// Applies `text` from a file in a temporary folder; the error's text if it is refused.
fn configure_from(logger: &Logger, name: &str, text: &str) -> Result<usize, String> {
    let dir = std::env::temp_dir().join(format!("hlog-example-config-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    let applied = logger.configure_from_file(&path);
    std::fs::remove_dir_all(&dir).unwrap();
    applied.map(|ids| ids.len()).map_err(|e| e.to_string().replace(dir.to_str().unwrap(), "$DIR"))
}

fn main() {
    let logger = hlog::logger(); // `hlog::configure_from_file(path)` for the global logger
    let handlers = configure_from(logger, "logging.toml", LOGGING_TOML).expect("a valid file");
    hlog::info!(logger, "{handlers} handlers configured from logging.toml");
    hlog::log!(logger, "AUDIT", "User {user} exported data", user = "alice");
    let refused = configure_from(
        logger,
        "bad.toml",
        "[[handlers]]\nsink = \"ext://stderr\"\nlevel = \"LOUD\"\n",
    );
    hlog::warning!(logger, "bad.toml was refused: {}", refused.unwrap_err());
}

#[test]
fn reads_the_file_and_locates_mistakes() {
    let logger = Logger::new();
    assert_eq!(configure_from(&logger, "logging.toml", LOGGING_TOML), Ok(2));
    assert_eq!(logger.stats().len(), 2);
    let refused = configure_from(
        &logger,
        "bad.toml",
        "[[handlers]]\nsink = \"ext://stderr\"\nlevel = \"LOUD\"\n",
    );
    let refused = refused.unwrap_err();
    assert!(
        refused
            .starts_with("$DIR/bad.toml:3: handler 0 (ext://stderr), field `level`: unknown level"),
        "{refused}"
    );
    assert_eq!(logger.stats().len(), 2, "the running configuration stays");
}
