//! A contextual scope ends when its guard is dropped, also when the thread unwinds from a panic:
//! the scope around it is current again, and nothing of the inner scope is left.

use hlog::Logger;
use hlog::sink::Capture;

#[test]
fn a_panic_inside_a_scope_restores_the_outer_context() {
    let capture = Capture::new();
    let logger = Logger::new();
    logger.add(capture.clone()).format("{message} {extra}").install().unwrap();
    let _outer = hlog::contextualize!(request_id = "outer");
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _inner = hlog::contextualize!(request_id = "inner", step = 1);
        hlog::info!(logger, "before the panic");
        panic!("boom");
    }));
    assert!(result.is_err());
    hlog::info!(logger, "after the panic");
    let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        hlog::with_context(hlog::fields!(job = 9), || -> () { panic!("in a closure") })
    }));
    assert!(panicked.is_err());
    hlog::info!(logger, "after the closure");
    assert_eq!(
        capture.text(),
        "before the panic {\"request_id\": \"inner\", \"step\": 1}\n\
         after the panic {\"request_id\": \"outer\"}\n\
         after the closure {\"request_id\": \"outer\"}\n"
    );
}

#[test]
fn scopes_nest_and_end_in_order() {
    let capture = Capture::new();
    let logger = Logger::new();
    logger.add(capture.clone()).format("{extra}").install().unwrap();
    hlog::info!(logger, "none");
    {
        let _a = hlog::contextualize!(a = 1);
        {
            let _b = hlog::contextualize!(b = 2);
            hlog::info!(logger, "both");
        }
        hlog::info!(logger, "a");
    }
    hlog::info!(logger, "none");
    assert_eq!(capture.text(), "{}\n{\"b\": 2, \"a\": 1}\n{\"a\": 1}\n{}\n");
}

#[test]
fn a_scope_belongs_to_its_thread() {
    let capture = Capture::new();
    let logger = Logger::new();
    logger.add(capture.clone()).format("{message} {extra}").install().unwrap();
    let _scope = hlog::contextualize!(main = true);
    let other = logger.clone();
    std::thread::spawn(move || hlog::info!(other, "other thread")).join().unwrap();
    hlog::info!(logger, "this thread");
    assert_eq!(capture.text(), "other thread {}\nthis thread {\"main\": true}\n");
}
