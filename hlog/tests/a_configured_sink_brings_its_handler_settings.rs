//! A sink of one's own in a configuration (`HandlerConfig::sink`) brings the handler settings
//! it brings to `add()` (`IntoSink::defaults`): an `AsyncSink` its queue (and the
//! OpenTelemetry sink its empty format).

use std::sync::{Arc, Mutex};

use hlog::sink::AsyncSink;
use hlog::{Config, HandlerConfig};

#[test]
fn an_async_sink_in_a_configuration_is_queued() {
    let logger = hlog::Logger::new();
    let writers = Arc::new(Mutex::new(Vec::new()));
    let seen = writers.clone();
    let sink = hlog::sink::from_fn(move |_line, _record| {
        let thread = std::thread::current();
        seen.lock().unwrap().push(thread.name().map(str::to_owned));
    });
    logger.configure(Config::new().handler(HandlerConfig::sink(AsyncSink::new(sink)))).unwrap();
    hlog::info!(logger, "queued");
    logger.complete();
    let here = std::thread::current().name().map(str::to_owned);
    let writers = writers.lock().unwrap();
    assert_eq!(writers.len(), 1);
    assert_ne!(writers[0], here, "written on the calling thread: not queued");
}
