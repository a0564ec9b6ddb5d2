//! Contextual fields given to a future are current whenever it is polled, on whichever worker
//! of a multi-threaded runtime polls it, and never leak into another task polled on the same
//! worker: many tasks interleave on 2 workers, each logging its own id at every step.

use std::time::Duration;

use hlog::sink::Capture;
use hlog::{FutureExt as _, Logger};

const TASKS: usize = 64;
const STEPS: usize = 20;

#[test]
fn context_follows_each_task_and_never_leaks_to_a_sibling() {
    let capture = Capture::new();
    let logger = Logger::new();
    logger.add(capture.clone()).format("{message}|{extra}").install().unwrap();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_time()
        .build()
        .unwrap();
    let threads = std::sync::Arc::new(std::sync::Mutex::new(std::collections::HashSet::new()));
    runtime.block_on(async {
        let mut handles = Vec::new();
        for task in 0..TASKS {
            let logger = logger.clone();
            let threads = threads.clone();
            let work = async move {
                for step in 0..STEPS {
                    threads.lock().unwrap().insert(std::thread::current().id());
                    // (Expressions given positionally are not fields: only the context's show.)
                    hlog::info!(logger, "task={} step={}", task as u32, step as u32);
                    if step % 3 == 0 {
                        tokio::time::sleep(Duration::from_micros(50)).await;
                    } else {
                        tokio::task::yield_now().await;
                    }
                }
            };
            handles.push(if task % 4 == 0 {
                // A sibling without context: nothing of another task's shows in it.
                tokio::spawn(work)
            } else {
                tokio::spawn(work.in_context(hlog::fields!(task)))
            });
        }
        for handle in handles {
            handle.await.unwrap();
        }
    });
    let text = capture.text();
    let mut count = 0;
    for line in text.lines() {
        let (message, extra) = line.split_once('|').unwrap();
        let task: usize = message["task=".len()..message.find(' ').unwrap()].parse().unwrap();
        let expected =
            if task % 4 == 0 { "{}".to_owned() } else { format!("{{\"task\": {task}}}") };
        assert_eq!(extra, expected, "line {line:?}");
        count += 1;
    }
    assert_eq!(count, TASKS * STEPS);
    assert_eq!(threads.lock().unwrap().len(), 2, "the tasks ran on both workers");
    // Nothing was left current on this thread.
    hlog::info!(logger, "task=0 after|");
    assert!(capture.text().ends_with("task=0 after||{}\n"));
}

#[test]
fn a_wrapped_future_takes_the_context_it_was_made_in() {
    let capture = Capture::new();
    let logger = Logger::new();
    logger.add(capture.clone()).format("{message} {extra}").install().unwrap();
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).build().unwrap();
    let future = {
        let _request = hlog::contextualize!(request_id = "r-9");
        let logger = logger.clone();
        async move { hlog::info!(logger, "in the task") }.in_context(hlog::fields!(part = 2))
    };
    runtime.block_on(runtime.spawn(future)).unwrap();
    hlog::info!(logger, "outside");
    assert_eq!(capture.text(), "in the task {\"part\": 2, \"request_id\": \"r-9\"}\noutside {}\n");
}

#[test]
fn context_scope_runs_a_future_with_a_given_context() {
    let capture = Capture::new();
    let logger = Logger::new();
    logger.add(capture.clone()).format("{message} {extra}").install().unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let context = hlog::Context::empty().with(hlog::fields!(job = "sync"));
    let inner = logger.clone();
    runtime.block_on(context.scope(async move { hlog::info!(inner, "scoped") }));
    assert_eq!(capture.text(), "scoped {\"job\": \"sync\"}\n");
}
