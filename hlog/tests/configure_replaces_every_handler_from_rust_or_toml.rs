//! `configure()` replaces every handler at once, registers levels, sets default extra fields
//! and applies an activation list — from Rust values and from a TOML or JSON file (the seed's
//! complete example is a fixture in all three forms). A configuration with a mistake is refused with the
//! file, line, handler and field, and the running configuration stays as it was.
//!
//! The TOML tests call `hlog_runtime`'s functions: the facade re-exports them with its feature
//! `config`, which this crate's dev-dependency on the runtime turns on.

mod common;

use common::TempDir;
use hlog::sink::Capture;
use hlog::{Config, HandlerConfig, Logger};

const FIXTURE: &str = include_str!("fixtures/complete_configuration.toml");
const FIXTURE_JSON: &str = include_str!("fixtures/complete_configuration.json");

/// The seed's complete example in Rust, its files in `dir`.
fn seed_config(dir: &std::path::Path) -> Config {
    let app = dir.join("app.log");
    let errors = dir.join("errors.log");
    Config::new()
        .handler(
            HandlerConfig::new("ext://stderr")
                .level("INFO")
                .format("<green>{time:HH:mm:ss}</green> | <level>{level: <8}</level> | {name}:{line} - {message}"),
        )
        .handler(
            HandlerConfig::new(app.to_str().unwrap())
                .level("DEBUG")
                .format("{time:YYYY-MM-DD HH:mm:ss.SSS} | {level: <8} | {name}:{function}:{line} - {message}")
                .rotation("10 MB")
                .retention("1 week")
                .compression("gz")
                .enqueue(true),
        )
        .handler(
            HandlerConfig::new(errors.to_str().unwrap())
                .level("ERROR")
                .format("{time:YYYY-MM-DD HH:mm:ss} | {level} | {message}")
                .filter_levels([("", "OFF"), ("my_app", "ERROR")]),
        )
        .level("AUDIT", 35, "<cyan><bold>", "@")
        .extra("app", "my_app")
        .extra("version", "1.0")
        .activation("my_app", true)
        .activation("my_app::noisy", false)
}

fn describe(logger: &Logger) -> Vec<(u32, String)> {
    logger.stats().iter().map(|s| (s.level, s.sink.clone())).collect()
}

#[test]
fn the_seed_example_from_rust_and_from_toml_is_the_same_setup() {
    let dir = TempDir::new("configure-seed");
    let from_rust = Logger::new();
    let ids = from_rust.configure(seed_config(dir.path())).unwrap();
    assert_eq!(ids.len(), 3);

    let toml_dir = TempDir::new("configure-seed-toml");
    let text = FIXTURE.replace("logs/", &format!("{}/", toml_dir.path().display()));
    let from_toml = Logger::new();
    from_toml.configure_from_toml(&text, "complete_configuration.toml").unwrap();

    let json_dir = TempDir::new("configure-seed-json");
    let text = FIXTURE_JSON.replace("logs/", &format!("{}/", json_dir.path().display()));
    let from_json = Logger::new();
    from_json.configure_from_json(&text, "complete_configuration.json").unwrap();

    let rust = describe(&from_rust);
    let toml = describe(&from_toml);
    let json = describe(&from_json);
    assert_eq!(rust.len(), 3);
    let expected = |dir: &std::path::Path| {
        vec![
            (20, "stderr".to_owned()),
            (10, format!("file {}", dir.join("app.log").display())),
            (40, format!("file {}", dir.join("errors.log").display())),
        ]
    };
    assert_eq!(rust, expected(dir.path()));
    assert_eq!(toml, expected(toml_dir.path()));
    assert_eq!(json, expected(json_dir.path()));
    for logger in [&from_rust, &from_toml, &from_json] {
        assert_eq!(
            logger.extra(),
            [("app".to_owned(), "my_app".to_owned()), ("version".to_owned(), "1.0".to_owned())]
        );
    }
    assert_eq!(hlog::Level::lookup("AUDIT").map(|l| (l.no(), l.icon())), Some((35, "@")));
}

#[test]
fn the_new_handlers_write_and_the_old_ones_are_gone() {
    let logger = Logger::new();
    let old = Capture::new();
    logger.add(old.clone()).format("{message}").install().unwrap();
    let new = Capture::new();
    let ids =
        logger
            .configure(Config::new().handler(
                HandlerConfig::sink(new.clone()).level("WARNING").format("{level}:{message}"),
            ))
            .unwrap();
    hlog::info!(logger, "below");
    hlog::error!(logger, "kept");
    assert_eq!(old.text(), "");
    assert_eq!(new.text(), "ERROR:kept\n");
    assert_eq!(logger.stats().iter().map(|s| s.id).collect::<Vec<_>>(), ids);
}

mod my_app {
    pub(crate) fn log(logger: &hlog::Logger) {
        hlog::error!(logger, "app error");
    }
    pub(crate) mod noisy {
        pub(crate) fn log(logger: &hlog::Logger) {
            hlog::error!(logger, "noisy error");
        }
    }
}

#[test]
fn filters_and_activation_apply() {
    let logger = Logger::new();
    let capture = Capture::new();
    let module = module_path!();
    logger
        .configure(
            Config::new()
                .handler(HandlerConfig::sink(capture.clone()).format("{message}").filter_levels([
                    ("".to_owned(), "OFF"),
                    (format!("{module}::my_app"), "ERROR"),
                ]))
                .activation(&format!("{module}::my_app::noisy"), false),
        )
        .unwrap();
    hlog::error!(logger, "from the test");
    my_app::log(&logger);
    my_app::noisy::log(&logger);
    assert_eq!(capture.text(), "app error\n");
}

#[test]
fn a_broken_configuration_keeps_the_old_one_running() {
    let logger = Logger::new();
    let old = Capture::new();
    let old_id = logger.add(old.clone()).format("{message}").install().unwrap();
    let dir = TempDir::new("configure-broken");
    let cases: Vec<(Config, &str)> = vec![
        (
            Config::new().handler(HandlerConfig::new("ext://stderr").level("LOUD")),
            "handler 0 (ext://stderr), field `level`: unknown level \"LOUD\"",
        ),
        (
            Config::new()
                .handler(HandlerConfig::new("ext://stdout"))
                .handler(HandlerConfig::new("ext://stderr").format("{nope}")),
            "handler 1 (ext://stderr), field `format`: invalid format \"{nope}\"",
        ),
        (
            Config::new().handler(HandlerConfig::new("ext://stderr").rotation("1 day")),
            "handler 0 (ext://stderr), field `rotation`: only a file sink rotates",
        ),
        (
            Config::new().handler(HandlerConfig::new("ext://printer")),
            "handler 0 (ext://printer), field `sink`: unknown sink \"ext://printer\"",
        ),
        (
            Config::new().level("INFO", 21, "", ""),
            "level 0 (INFO), field `no`: level \"INFO\" is already built in with number 20",
        ),
        (
            Config::new().level("BAD_COLOUR", 21, "<nope>", ""),
            "level 0 (BAD_COLOUR), field `color`:",
        ),
        (
            Config::new()
                .handler(HandlerConfig::new(dir.join("fine.log").to_str().unwrap()))
                .handler(HandlerConfig::new(dir.join("a_folder").to_str().unwrap())),
            "handler 1 (",
        ),
    ];
    std::fs::create_dir(dir.join("a_folder")).unwrap();
    for (config, expected) in cases {
        let error = logger.configure(config).unwrap_err();
        assert!(error.to_string().starts_with(expected), "{error}\nexpected: {expected}");
        assert_eq!(logger.stats().iter().map(|s| s.id).collect::<Vec<_>>(), [old_id]);
        assert!(logger.extra().is_empty());
    }
    hlog::info!(logger, "still here");
    assert_eq!(old.text(), "still here\n");
}

#[test]
fn a_broken_file_names_file_line_handler_and_field_and_keeps_the_old_setup() {
    let logger = Logger::new();
    let old = Capture::new();
    logger.add(old.clone()).format("{message}").install().unwrap();
    let dir = TempDir::new("configure-broken-file");
    let path = dir.join("logging.toml");
    let write = |text: &str| std::fs::write(&path, text).unwrap();
    let shown = path.display().to_string();

    write(
        "[[handlers]]\nsink = \"ext://stderr\"\n\n[[handlers]]\nsink = \"x.log\"\nrotation = \"10 parsecs\"\n",
    );
    let error = logger.configure_from_file(&path).unwrap_err();
    assert_eq!(
        (error.line(), error.handler(), error.field()),
        (Some(6), Some(1), Some("rotation"))
    );
    assert!(
        error.to_string().starts_with(&format!(
            "{shown}:6: handler 1 (x.log), field `rotation`: invalid rotation \"10 parsecs\""
        )),
        "{error}"
    );

    write("[[handlers]]\nsink = \"ext://stderr\"\nlevl = \"INFO\"\n");
    let error = logger.configure_from_file(&path).unwrap_err();
    assert_eq!(error.line(), Some(3), "{error}");
    assert!(error.to_string().starts_with(&format!("{shown}:3: unknown field `levl`")), "{error}");

    write("[[handlers]\n");
    let error = logger.configure_from_file(&path).unwrap_err();
    assert_eq!(error.line(), Some(1), "{error}");

    let error = logger.configure_from_file(dir.join("missing.toml")).unwrap_err();
    assert!(error.to_string().contains("missing.toml: cannot read:"), "{error}");

    assert_eq!(logger.stats().len(), 1);
    hlog::info!(logger, "still here");
    assert_eq!(old.text(), "still here\n");
}

#[test]
fn a_broken_json_file_names_file_line_handler_and_field_and_keeps_the_old_setup() {
    let logger = Logger::new();
    let old = Capture::new();
    logger.add(old.clone()).format("{message}").install().unwrap();
    let dir = TempDir::new("configure-broken-json");
    let path = dir.join("logging.json");
    let write = |text: &str| std::fs::write(&path, text).unwrap();
    let shown = path.display().to_string();

    write(concat!(
        "{\n",
        "  \"handlers\": [\n",
        "    { \"sink\": \"ext://stderr\" },\n",
        "    {\n",
        "      \"sink\": \"x.log\",\n",
        "      \"rotation\": \"10 parsecs\"\n",
        "    }\n",
        "  ]\n",
        "}\n",
    ));
    let error = logger.configure_from_file(&path).unwrap_err();
    assert_eq!(
        (error.line(), error.handler(), error.field()),
        (Some(6), Some(1), Some("rotation")),
        "{error}"
    );
    assert!(
        error.to_string().starts_with(&format!(
            "{shown}:6: handler 1 (x.log), field `rotation`: invalid rotation \"10 parsecs\""
        )),
        "{error}"
    );

    // A handler-wide mistake (a sink that cannot be made) names the handler's first line.
    write(
        "{\"handlers\": [\n  {\"sink\": \"ext://stderr\"},\n  {\n  \"sink\": \"ext://nowhere\"}]}",
    );
    let error = logger.configure_from_file(&path).unwrap_err();
    assert_eq!((error.line(), error.handler()), (Some(4), Some(1)), "{error}");

    write("{\"handlers\": [{\"sink\": \"ext://stderr\",\n \"levl\": \"INFO\"}]}");
    let error = logger.configure_from_file(&path).unwrap_err();
    assert_eq!(error.line(), Some(2), "{error}");
    assert!(error.to_string().starts_with(&format!("{shown}:2: unknown field `levl`")), "{error}");

    write("{\"handlers\": [\n");
    let error = logger.configure_from_file(&path).unwrap_err();
    assert_eq!(error.line(), Some(2), "{error}");

    for text in ["", "[]", "null", "{\"extra\": {\"k\": [1]}}", "\u{feff}{}", "{\"handlers\": 7}"] {
        write(text);
        let error = logger.configure_from_file(&path).unwrap_err();
        assert!(error.to_string().starts_with(&format!("{shown}:")), "{text:?}: {error}");
    }

    assert_eq!(logger.stats().len(), 1);
    hlog::info!(logger, "still here");
    assert_eq!(old.text(), "still here\n");
}

#[test]
fn reconfiguring_the_same_rotating_file_hands_it_over() {
    let dir = TempDir::new("configure-again");
    let path = dir.join("app.log");
    let config = || {
        Config::new().handler(
            HandlerConfig::new(path.to_str().unwrap()).format("{message}").rotation("10 MB"),
        )
    };
    let logger = Logger::new();
    logger.configure(config()).unwrap();
    hlog::info!(logger, "first");
    logger.configure(config()).unwrap();
    hlog::info!(logger, "second");
    logger.complete();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "first\nsecond\n");
}

/// `serialize = true` in a configuration writes JSON lines, as `HandlerBuilder::serialize` does.
#[test]
fn a_configured_handler_can_write_json_lines() {
    let logger = hlog::Logger::new();
    let capture = hlog::sink::Capture::new();
    logger
        .configure(Config::new().handler(HandlerConfig::sink(capture.clone()).serialize(true)))
        .unwrap();
    hlog::info!(logger, "as JSON", n = 7);
    let line = capture.text();
    let value: serde_json::Value = serde_json::from_str(line.trim_end()).unwrap();
    assert_eq!(value["message"], "as JSON");
    assert_eq!(value["extra"]["n"], 7);
}

/// The configured extra fields reach every record, below bound, contextual and call fields,
/// also through a queued handler.
#[test]
fn configured_extra_fields_reach_every_record() {
    let logger = hlog::Logger::new();
    let sync = hlog::sink::Capture::new();
    let queued = hlog::sink::Capture::new();
    let config = Config::new()
        .handler(HandlerConfig::sink(sync.clone()).format("{message} {extra}"))
        .handler(HandlerConfig::sink(queued.clone()).format("{message} {extra}").enqueue(true))
        .extra("app", "shop")
        .extra("region", "eu");
    logger.configure(config).unwrap();
    hlog::info!(logger, "plain");
    let child = hlog::bind!(logger; region = "us");
    hlog::info!(child, "bound");
    hlog::info!(child, "call", app = "override");
    logger.complete();
    let expected = "plain {\"app\": \"shop\", \"region\": \"eu\"}\n\
                    bound {\"region\": \"us\", \"app\": \"shop\"}\n\
                    call {\"app\": \"override\", \"region\": \"us\"}\n";
    assert_eq!(sync.text(), expected);
    assert_eq!(queued.text(), expected);
}
