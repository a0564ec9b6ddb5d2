//! Each argument of a log call is evaluated exactly once — however many times the template
//! uses it, whether it is also a structured field (shown or not), and however many handlers
//! receive the record — and arguments are evaluated left to right, in source order.

use std::cell::{Cell, RefCell};

use hlog::sink::Capture;

/// Records the order in which argument expressions run.
#[derive(Default)]
struct Trace {
    calls: RefCell<Vec<&'static str>>,
    count: Cell<u32>,
}

impl Trace {
    fn eval<T>(&self, name: &'static str, value: T) -> T {
        self.calls.borrow_mut().push(name);
        self.count.set(self.count.get() + 1);
        value
    }

    fn calls(&self) -> Vec<&'static str> {
        self.calls.borrow().clone()
    }
}

/// A logger with two handlers, both accepting everything.
fn two_handlers() -> (hlog::Logger, Capture, Capture) {
    let logger = hlog::Logger::new();
    let first = Capture::new();
    let second = Capture::new();
    logger.add(first.clone()).format("{message}").colorize(false).install().unwrap();
    logger.add(second.clone()).format("{message} {extra}").colorize(false).install().unwrap();
    (logger, first, second)
}

#[test]
fn positional_used_twice_is_evaluated_once() {
    let trace = Trace::default();
    let (logger, first, second) = two_handlers();

    hlog::info!(logger, "{0} {0}", trace.eval("a", 7));

    assert_eq!(trace.calls(), ["a"]);
    assert_eq!(first.text(), "7 7\n");
    assert_eq!(second.text(), "7 7 {}\n");
}

#[test]
fn named_used_twice_is_evaluated_once_and_is_a_field() {
    let trace = Trace::default();
    let (logger, first, second) = two_handlers();

    hlog::info!(logger, "{x} {x} {x:?}", x = trace.eval("x", "v"));

    assert_eq!(trace.calls(), ["x"]);
    assert_eq!(first.text(), "v v \"v\"\n");
    assert!(second.text().starts_with("v v \"v\" {\"x\": "), "{:?}", second.text());
}

#[test]
fn named_used_twice_as_display_is_a_plain_field() {
    let trace = Trace::default();
    let (logger, first, second) = two_handlers();

    hlog::warning!(logger, "{n}+{n}", n = trace.eval("n", 21));

    assert_eq!(trace.count.get(), 1);
    assert_eq!(first.text(), "21+21\n");
    assert_eq!(second.text(), "21+21 {\"n\": 21}\n");
}

#[test]
fn unused_by_one_handler_format_still_evaluated_once() {
    // The first handler's format does not even show the message; the second shows it twice.
    let trace = Trace::default();
    let logger = hlog::Logger::new();
    let level_only = Capture::new();
    let twice = Capture::new();
    logger.add(level_only.clone()).format("{level}").install().unwrap();
    logger.add(twice.clone()).format("{message}|{message}").install().unwrap();

    hlog::error!(logger, "{} {}", trace.eval("a", 1), trace.eval("b", 2.5));

    assert_eq!(trace.calls(), ["a", "b"]);
    assert_eq!(level_only.text(), "ERROR\n");
    assert_eq!(twice.text(), "1 2.5|1 2.5\n");
}

#[test]
fn arguments_are_evaluated_left_to_right_in_source_order() {
    struct Case {
        what: &'static str,
        run: fn(&hlog::Logger, &Trace),
        calls: &'static [&'static str],
        message: &'static str,
    }
    let cases = [
        Case {
            what: "positional in order",
            run: |l, t| hlog::info!(l, "{} {} {}", t.eval("a", 1), t.eval("b", 2), t.eval("c", 3)),
            calls: &["a", "b", "c"],
            message: "1 2 3",
        },
        Case {
            what: "template uses them in reverse",
            run: |l, t| {
                hlog::info!(l, "{2} {1} {0}", t.eval("a", 1), t.eval("b", 2), t.eval("c", 3))
            },
            calls: &["a", "b", "c"],
            message: "3 2 1",
        },
        Case {
            what: "named arguments in reverse template order",
            run: |l, t| {
                hlog::info!(
                    l,
                    "{z} {y} {x}",
                    x = t.eval("x", 1),
                    y = t.eval("y", 2),
                    z = t.eval("z", 3)
                )
            },
            calls: &["x", "y", "z"],
            message: "3 2 1",
        },
        Case {
            what: "mixed positional and named",
            run: |l, t| {
                hlog::info!(
                    l,
                    "{k}={} {}",
                    t.eval("p0", "a"),
                    t.eval("p1", 'b'),
                    k = t.eval("k", true)
                )
            },
            calls: &["p0", "p1", "k"],
            message: "true=a b",
        },
        Case {
            what: "through log! with a level value",
            run: |l, t| {
                hlog::log!(
                    l,
                    hlog::Level::SUCCESS,
                    "{1}{0}",
                    t.eval("first", "x"),
                    t.eval("second", "y")
                )
            },
            calls: &["first", "second"],
            message: "yx",
        },
    ];
    for case in cases {
        let trace = Trace::default();
        let (logger, first, second) = two_handlers();
        (case.run)(&logger, &trace);
        assert_eq!(trace.calls(), case.calls, "{}", case.what);
        assert_eq!(first.text(), format!("{}\n", case.message), "{}", case.what);
        assert!(second.text().starts_with(case.message), "{}: {:?}", case.what, second.text());
    }
}

#[test]
fn unshown_field_is_evaluated_once_in_source_order() {
    let trace = Trace::default();
    let (logger, first, second) = two_handlers();

    hlog::info!(
        logger,
        before = trace.eval("before", 1),
        "{shown} placed",
        shown = trace.eval("shown", "Order"),
        after = trace.eval("after", 2.5),
    );

    assert_eq!(trace.calls(), ["before", "shown", "after"]);
    assert_eq!(first.text(), "Order placed\n");
    assert_eq!(
        second.text(),
        "Order placed {\"shown\": \"Order\", \"before\": 1, \"after\": 2.5}\n"
    );
}

#[test]
fn evaluated_once_per_call_across_repeated_calls() {
    let trace = Trace::default();
    let (logger, first, _second) = two_handlers();
    for i in 0..3 {
        hlog::debug!(logger, "{i}:{v}{v}", v = trace.eval("v", i * 10));
    }
    assert_eq!(trace.count.get(), 3);
    assert_eq!(first.text(), "0:00\n1:1010\n2:2020\n");
}
