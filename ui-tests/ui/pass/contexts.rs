// Log calls in a generic function, a closure and an `async fn`, and values that are references,
// temporaries or borrowed from a loop.
#![deny(warnings)]

use std::fmt::Display;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use hlog::sink::Capture;
use hlog::{Logger, info};

fn show<T: Display>(logger: &Logger, value: T) {
    info!(logger, "value {value}");
    info!(logger, "again {}", value);
}

fn show_ref<T: Display + ?Sized>(logger: &Logger, value: &T) {
    info!(logger, "ref {value:>3}");
}

async fn task(logger: &Logger, id: u32) -> u32 {
    info!(logger, "task {id} started");
    async {}.await;
    info!(logger, "task {id} done");
    id
}

fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

fn main() {
    let logger = Logger::new();
    let capture = Capture::new();
    logger.add(capture.clone()).format("{message}").install().unwrap();

    show(&logger, 1);
    show(&logger, String::from("s"));
    show_ref(&logger, "ab");
    let log = |n: i32| info!(logger, "closure {n}");
    log(5);
    let each = ["a", "b"];
    each.iter().for_each(|item| info!(logger, "item {item}"));
    assert_eq!(block_on(task(&logger, 9)), 9);
    info!(logger, "temporary {}", String::from("t") + "u");
    assert_eq!(
        capture.lines(),
        [
            "value 1",
            "again 1",
            "value s",
            "again s",
            "ref  ab",
            "closure 5",
            "item a",
            "item b",
            "task 9 started",
            "task 9 done",
            "temporary tu",
        ]
    );
}
