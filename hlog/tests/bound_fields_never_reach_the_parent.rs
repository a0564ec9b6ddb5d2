//! `bind` makes a child logger: it shares every handler of its parent (added or removed later,
//! through either), adds its fields to its own records only, and binding again never changes the
//! logger bound from. Bound values keep their types.

use hlog::sink::Capture;
use hlog::{Logger, OwnedValue};

fn logger_with(capture: &Capture, format: &str) -> Logger {
    let logger = Logger::new();
    logger.add(capture.clone()).format(format).install().unwrap();
    logger
}

#[test]
fn a_childs_fields_never_reach_the_parent() {
    let capture = Capture::new();
    let root = logger_with(&capture, "{message} {extra}");
    let child = hlog::bind!(root; request_id = "abc-123");
    hlog::info!(root, "root");
    hlog::info!(child, "child");
    hlog::info!(root, "root again");
    assert_eq!(capture.text(), "root {}\nchild {\"request_id\": \"abc-123\"}\nroot again {}\n");
}

#[test]
fn binding_again_makes_a_new_child_and_leaves_the_first_alone() {
    let capture = Capture::new();
    let root = logger_with(&capture, "{message} {extra}");
    let first = hlog::bind!(root; user = "alice", step = 1);
    let second = hlog::bind!(first; step = 2, extra = true);
    hlog::info!(first, "first");
    hlog::info!(second, "second");
    assert_eq!(
        capture.text(),
        "first {\"user\": \"alice\", \"step\": 1}\n\
         second {\"step\": 2, \"extra\": true, \"user\": \"alice\"}\n"
    );
    assert_eq!(first.bound_fields().count(), 2);
}

#[test]
fn handlers_added_or_removed_on_the_root_are_the_childs_too() {
    let root = Logger::new();
    let child = root.bind([("k", OwnedValue::from(1))]);
    let capture = Capture::new();
    let id = root.add(capture.clone()).format("{message} {extra[k]}").install().unwrap();
    hlog::info!(child, "seen");
    root.remove(id).unwrap();
    hlog::info!(child, "no handler any more");
    let through_child = Capture::new();
    child.add(through_child.clone()).format("{message}").install().unwrap();
    hlog::info!(root, "a handler added through the child is the root's");
    assert_eq!(capture.text(), "seen 1\n");
    assert_eq!(through_child.text(), "a handler added through the child is the root's\n");
}

#[test]
fn bound_values_keep_their_types() {
    let capture = Capture::new();
    let root = logger_with(&capture, "{extra}|{extra[port]:>6}|{extra[ratio]:.2}");
    let addr = std::net::Ipv4Addr::new(10, 0, 0, 1);
    let name = String::from("db");
    let child =
        hlog::bind!(root; port = 5432u16, ratio = 0.25, ok = false, grade = 'A', name, addr);
    hlog::info!(child, "x");
    assert_eq!(
        capture.text(),
        "{\"port\": 5432, \"ratio\": 0.25, \"ok\": false, \"grade\": \"A\", \"name\": \"db\", \
         \"addr\": \"10.0.0.1\"}|  5432|0.25\n"
    );
    assert_eq!(name, "db", "a bound variable is borrowed, not moved");
    let values: Vec<_> = child.bound_fields().map(|(n, v)| (n, v.clone())).collect();
    assert_eq!(values[0], ("port", OwnedValue::U64(5432)));
    assert_eq!(values[1], ("ratio", OwnedValue::F64(0.25)));
}

#[test]
fn a_child_is_cheap_to_clone_and_send() {
    fn send_sync<T: Send + Sync + Clone + 'static>(_: &T) {}
    let capture = Capture::new();
    let root = logger_with(&capture, "{message} {extra}");
    let child = hlog::bind!(root; worker = 0);
    send_sync(&child);
    let threads: Vec<_> = (1..=4)
        .map(|i| {
            let child = child.clone();
            std::thread::spawn(move || {
                let own = hlog::bind!(child; worker = i);
                hlog::info!(own, "hello");
            })
        })
        .collect();
    threads.into_iter().for_each(|t| t.join().unwrap());
    let mut lines: Vec<_> = capture.text().lines().map(str::to_owned).collect();
    lines.sort();
    assert_eq!(lines, (1..=4).map(|i| format!("hello {{\"worker\": {i}}}")).collect::<Vec<_>>());
}

#[test]
fn the_method_form_takes_owned_pairs() {
    let capture = Capture::new();
    let root = logger_with(&capture, "{message} {extra}");
    let fields: Vec<(&'static str, OwnedValue)> =
        vec![("tenant", "acme".into()), ("shard", 3u32.into())];
    let child = root.bind(fields);
    hlog::info!(child, "m");
    assert_eq!(capture.text(), "m {\"tenant\": \"acme\", \"shard\": 3}\n");
}

#[test]
fn the_global_form_binds_to_the_global_logger() {
    let child = hlog::bind!(component = "db");
    assert_eq!(child.bound_fields().map(|(n, _)| n).collect::<Vec<_>>(), ["component"]);
}
