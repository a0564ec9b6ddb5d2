//! One request's access line: what is kept from the request when it arrives, what the response
//! adds, and the record written when the request ends.

use std::cell::RefCell;
use std::fmt::{self, Write as _};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use http::{HeaderValue, Method, StatusCode, Uri};

use super::Config;
use crate::callsite::Callsite;
use crate::context::Context;
use crate::level::Level;
use crate::logger::logger;
use crate::message::Message;
use crate::record::Record;
use crate::reentry;
use crate::value::Value;

/// The call site of every access line: `{name}` is `hlog::access_log`, what `enable`/`disable`
/// and filters see.
pub(super) static CALLSITE: Callsite =
    Callsite::new("hlog::access_log", file!(), line!(), "", || "access_log");

/// The status an access line shows for a request whose client went away before the response
/// head was made (nginx's "client closed request"); no response was sent.
pub(super) const CLIENT_CLOSED: u16 = 499;

/// How a request ended.
pub(super) enum Outcome<'a> {
    /// The response body ended (or there was none).
    Complete,
    /// The response future or body was dropped before its end: the client went away (or the
    /// server shut down).
    Cancelled,
    /// The response future or body was dropped while the thread unwound from a panic (in the
    /// handler, or in the body's stream).
    Panicked,
    /// The service returned an error, or the response body failed.
    Failed(&'a dyn fmt::Display),
}

/// What one request's access line needs, kept from the request until the line is written.
pub(super) struct Pending {
    pub(super) config: Arc<Config>,
    start: Instant,
    method: Method,
    uri: Uri,
    /// The allowed headers' values, in the order of `config.headers` (empty when none is
    /// configured: no allocation).
    headers: Vec<Option<HeaderValue>>,
    remote: Option<SocketAddr>,
    pub(super) status: Option<StatusCode>,
    pub(super) bytes: u64,
    /// The request's context: the one current when it arrived (or when first polled), with the
    /// fields the handler added (`access_log::contextualize`).
    pub(super) scope: Context,
    pub(super) polled: bool,
    /// The body's length when the response head says it (its `Content-Length`, or the body's
    /// exact size): hyper stops polling the body once it has sent that much.
    pub(super) expected: Option<u64>,
    /// A panic unwound through a poll of the request's future or body (and was caught outside
    /// the layer, or is unwinding now).
    pub(super) panicked: bool,
}

impl Pending {
    /// The line of `request`, or `None` when no line is wanted (an excluded path, or no handler
    /// takes any level the line may have: the level is known only at the end).
    pub(super) fn start<B>(config: &Arc<Config>, request: &http::Request<B>) -> Option<Pending> {
        let path = request.uri().path();
        if config.exclude.iter().any(|excluded| excluded == path) {
            return None;
        }
        let logger = config.logger.as_ref().unwrap_or_else(|| logger());
        if !logger.enabled(&CALLSITE, config.highest_level()) {
            return None;
        }
        let headers = if config.headers.is_empty() {
            Vec::new()
        } else {
            let values = config.headers.iter().map(|(name, _)| request.headers().get(name));
            values.map(|value| value.cloned()).collect()
        };
        Some(Pending {
            config: Arc::clone(config),
            start: config.now(),
            method: request.method().clone(),
            uri: request.uri().clone(),
            headers,
            remote: (config.remote_addr)(request.extensions()),
            status: None,
            bytes: 0,
            scope: Context::current(),
            polled: false,
            expected: None,
            panicked: false,
        })
    }

    /// Whether the response has no body to send, whatever its body holds: hyper sends none for
    /// a `HEAD` request, a 1xx, 204 or 304 status, or a 2xx to a `CONNECT` (the connection
    /// becomes a tunnel), and drops the body unpolled.
    pub(super) fn sends_no_body(&self, status: StatusCode) -> bool {
        self.method == Method::HEAD
            || (self.method == Method::CONNECT && status.is_success())
            || status.is_informational()
            || status == StatusCode::NO_CONTENT
            || status == StatusCode::NOT_MODIFIED
    }

    /// The end of a request whose response future or body is dropped before its end: the
    /// client went away, or a poll panicked (the panic may have been caught outside the layer
    /// since: `panicked` says so).
    pub(super) fn dropped(self) {
        let panicked = self.panicked || std::thread::panicking();
        let outcome = if panicked { Outcome::Panicked } else { Outcome::Cancelled };
        self.finish(outcome);
    }

    /// Write the access line (in the request's context), ending the request.
    pub(super) fn finish(self, outcome: Outcome<'_>) {
        let config = &*self.config;
        let elapsed = config.now().saturating_duration_since(self.start);
        let slow = config.slow.is_some_and(|threshold| elapsed >= threshold);
        let level = match outcome {
            Outcome::Failed(_) | Outcome::Panicked => &Level::ERROR,
            _ if slow && config.level.no() < Level::WARNING.no() => &Level::WARNING,
            _ => &config.level,
        };
        let logger = config.logger.as_ref().unwrap_or_else(|| logger());
        if !logger.enabled(&CALLSITE, level.no()) {
            return;
        }
        let status = match (&outcome, self.status) {
            (Outcome::Failed(_) | Outcome::Panicked, None) => None,
            (_, Some(status)) => Some(status.as_u16()),
            (_, None) => Some(CLIENT_CLOSED),
        };
        let query = if config.query { self.uri.query() } else { None };
        // Microseconds, as milliseconds: what a clock resolves in practice.
        let latency_ms = elapsed.as_micros() as f64 / 1000.0;
        with_scratch(|message| {
            match status {
                Some(status) => {
                    let _ = write!(message, "{status} ");
                }
                None => message.push_str("ERR "),
            }
            message.push_str(self.method.as_str());
            message.push(' ');
            message.push_str(self.uri.path());
            if let Some(query) = query {
                message.push('?');
                message.push_str(query);
            }
            let _ = write_latency(message, latency_ms);
            if slow {
                message.push_str(" [SLOW]");
            }
            match outcome {
                Outcome::Panicked => message.push_str(" [PANICKED]"),
                Outcome::Cancelled => message.push_str(" [CANCELLED]"),
                Outcome::Failed(_) => message.push_str(" [ERROR]"),
                Outcome::Complete => {}
            }

            let mut inline = [("", Value::Bool(false)); INLINE];
            let mut heap = Vec::new();
            let count = FIXED + self.headers.len();
            let fields: &mut [(&'static str, Value<'_>)] = if count <= INLINE {
                &mut inline[..]
            } else {
                heap.resize(count, ("", Value::Bool(false)));
                &mut heap[..]
            };
            let mut n = 0;
            macro_rules! push {
                ($name:expr, $value:expr) => {{
                    fields[n] = ($name, $value);
                    n += 1;
                }};
            }
            if let Some(status) = status {
                push!("status", Value::U64(u64::from(status)));
            }
            push!("method", Value::Str(self.method.as_str()));
            push!("path", Value::Str(self.uri.path()));
            if let Some(query) = query {
                push!("query", Value::Str(query));
            }
            push!("bytes", Value::U64(self.bytes));
            push!("latency_ms", Value::F64(latency_ms));
            if let Some(remote) = &self.remote {
                push!("remote_addr", Value::Display(remote));
            }
            for ((_, field), value) in config.headers.iter().zip(&self.headers) {
                if let Some(value) = value {
                    push!(*field, header_value(value));
                }
            }
            match outcome {
                Outcome::Cancelled => push!("cancelled", Value::Bool(true)),
                Outcome::Panicked => push!("panicked", Value::Bool(true)),
                Outcome::Failed(error) => push!("error", Value::Display(error)),
                Outcome::Complete => {}
            }
            let _scope = self.scope.enter();
            let record =
                Record::new(logger.now(), level, &CALLSITE, Message::Text(message), &fields[..n]);
            logger.log(&record);
        });
    }
}

/// A latency in the message: three decimals under a millisecond (`0.042ms`: the clock's
/// microseconds), one from a millisecond (`3.2ms`).
fn write_latency(message: &mut String, latency_ms: f64) -> fmt::Result {
    if latency_ms < 1.0 {
        write!(message, " {latency_ms:.3}ms")
    } else {
        write!(message, " {latency_ms:.1}ms")
    }
}

/// The fields every line may have besides the headers (status, method, path, query, bytes,
/// latency_ms, remote_addr, and cancelled or error).
const FIXED: usize = 8;

/// Lines with up to this many fields build them on the stack.
const INLINE: usize = 32;

/// A header value as a field: its text, or (bytes that are not visible ASCII) its `Debug`
/// form, quoted with the bytes escaped (`"caf\\xc3\\xa9"`).
fn header_value(value: &HeaderValue) -> Value<'_> {
    match value.to_str() {
        Ok(text) => Value::Str(text),
        Err(_) => Value::Debug(value),
    }
}

/// Run `f` with this thread's message buffer, cleared (see [`reentry::with_scratch`]).
fn with_scratch(f: impl FnOnce(&mut String)) {
    thread_local! {
        static SCRATCH: RefCell<String> = const { RefCell::new(String::new()) };
    }
    reentry::with_scratch(&SCRATCH, String::clear, f);
}
