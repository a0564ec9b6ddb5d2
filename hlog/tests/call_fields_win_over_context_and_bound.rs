//! When fields share a name, one value wins, in this order: what a patch set, the call's own
//! named argument, the contextual field (innermost scope first), the bound field (latest `bind`
//! first). `{extra}` shows each name once; `{extra[key]}`, `Record::field` and filters agree.

use hlog::sink::Capture;
use hlog::{Logger, Value};

fn logger_with(capture: &Capture, format: &str) -> Logger {
    let logger = Logger::new();
    logger.add(capture.clone()).format(format).install().unwrap();
    logger
}

#[test]
fn the_calls_own_argument_wins_then_context_then_bound() {
    let capture = Capture::new();
    let root = logger_with(&capture, "{message}: {extra[key]} {extra}");
    let child = hlog::bind!(root; key = "bound", only_bound = 1);
    hlog::info!(child, "bound only");
    {
        let _scope = hlog::contextualize!(key = "context", only_context = 2);
        hlog::info!(child, "context over bound");
        hlog::info!(child, "the call over both", key = "call");
    }
    assert_eq!(
        capture.text(),
        "bound only: bound {\"key\": \"bound\", \"only_bound\": 1}\n\
         context over bound: context {\"key\": \"context\", \"only_context\": 2, \"only_bound\": 1}\n\
         the call over both: call {\"key\": \"call\", \"only_context\": 2, \"only_bound\": 1}\n"
    );
}

#[test]
fn a_patch_wins_over_everything_and_shows_last() {
    let capture = Capture::new();
    let root = logger_with(&capture, "{message}: {extra[key]} {extra}");
    let patched = hlog::bind!(root; key = "bound", b = 1).patch(|patch| {
        patch.set("key", "patched".into());
    });
    let _scope = hlog::contextualize!(key = "context");
    hlog::info!(patched, "m", key = "call", c = 3);
    assert_eq!(capture.text(), "m: patched {\"c\": 3, \"b\": 1, \"key\": \"patched\"}\n");
}

#[test]
fn inner_scopes_win_over_outer_ones() {
    let capture = Capture::new();
    let root = logger_with(&capture, "{extra}");
    let _outer = hlog::contextualize!(step = 1, request = "r");
    {
        let _inner = hlog::contextualize!(step = 2);
        hlog::info!(root, "m");
    }
    hlog::info!(root, "m");
    assert_eq!(
        capture.text(),
        "{\"step\": 2, \"request\": \"r\"}\n{\"step\": 1, \"request\": \"r\"}\n"
    );
}

#[test]
fn record_field_and_extra_apply_the_same_order() {
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let store = seen.clone();
    let root = Logger::new();
    root.add(hlog::sink::from_fn(move |_, record| {
        let key = record.field("key").map(|v| v.to_string());
        let extra: Vec<_> = record.extra().map(|(n, v)| format!("{n}={v}")).collect();
        let own: Vec<_> = record.fields().iter().map(|(n, _)| *n).collect();
        store.lock().unwrap().push((key, extra, own, record.extra().len()));
    }))
    .install()
    .unwrap();
    let child = hlog::bind!(root; key = "bound", n = 1);
    let _scope = hlog::contextualize!(key = "context");
    hlog::info!(child, "m", key = "call");
    let seen = seen.lock().unwrap();
    assert_eq!(
        *seen,
        [(Some("call".to_owned()), vec!["key=call".to_owned(), "n=1".to_owned()], vec!["key"], 2)]
    );
    assert!(matches!(Value::from(1u8), Value::U64(1)));
}
