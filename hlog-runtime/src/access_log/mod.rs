//! The HTTP access log (cargo feature `tower`): [`AccessLogLayer`], a `tower::Layer` that logs
//! one line per request, for axum and hyper.
//!
//! ```text
//! 200 GET /api/users?page=2 3.2ms
//! ```
//!
//! Each line is an hlog record at the layer's level (INFO by default; WARNING, marked
//! `[SLOW]`, past the slow-request threshold), `{name}` `hlog::access_log`, its message
//! `status method path[?query] latency` (the latency with three decimals under a millisecond,
//! `0.042ms`, one from it, `3.2ms`), and its fields: `status`, `method`, `path`, `query` (when
//! shown), `bytes` (the data bytes the response body produced), `latency_ms` (the exact
//! milliseconds, to the microsecond), `remote_addr` (when known) and
//! the allowed request headers, then `cancelled`, `panicked` or `error` when the request ended
//! so.
//!
//! # When the line is written
//!
//! When the response body produces its last frame: the one after which it says it has ended
//! (`is_end_stream`), its end (`None`), or the frame that completes the length the response
//! head gave (its `Content-Length`, or the body's exact size: hyper stops polling the body
//! there). That is before hyper writes that frame to the connection: the latency is the time
//! to the body's last byte produced, and `bytes` counts the data bytes the body produced (what
//! the server was given to send, not what the client acknowledged). A response with no body
//! to send (an empty body, a `Content-Length` of 0, a `HEAD` request, a 1xx, 204 or 304
//! status, a 2xx to a `CONNECT`: hyper sends none) is logged when its head is made, `bytes` 0.
//! Every request gets a line, also when it does not end well:
//!
//! * the client went away while the body was sent (the body is dropped before its end): the
//!   status sent, the bytes the body produced so far, `[CANCELLED]` and `cancelled = true`;
//! * the client went away before the response head was made (the response future is
//!   dropped): status 499 (nginx's "client closed request"), `[CANCELLED]`;
//! * the service returned an error (hyper closes the connection): level ERROR, message
//!   `ERR GET /path 1.0ms [ERROR]`, no status, `error` the error's text; a body that fails:
//!   ERROR, its status, `[ERROR]`;
//! * a handler (or the body's stream) panicked while the layer polled it (whether the panic
//!   unwinds the connection's task or is caught by a layer outside this one, as tower-http's
//!   `CatchPanicLayer`): ERROR, `[PANICKED]`, `panicked = true`, and `ERR` for the status when
//!   no response head was made.
//!
//! A handler that answers with an error status (`500 Internal Server Error`) made a response:
//! its line is a normal one, with its status.
//!
//! # Context
//!
//! The inner service's future and the response body are polled in the request's context: the
//! context current when the layer's future is first polled (an outer layer's `in_context`
//! with a request id), or else the one current when the layer's `call` was made (a
//! `contextualize!` guard around it). The handler's own log lines and the access line carry
//! its fields.
//!
//! A handler adds fields to *its request's* access line with [`contextualize`] (the macro
//! `hlog::access_log::contextualize!(user = name);`, a statement: it returns nothing, no guard
//! to hold): the fields are added to the request's context, current for the rest of the
//! request (the handler's lines after the call, across its `.await`s) and on the access line.
//! Why a call of its own: a `contextualize!` guard is not `Send` (it cannot be held across an
//! `.await` in an axum handler), and it would end when the handler returns, before the body is
//! sent and the line written; the layer keeps the request's context for the whole request, and
//! [`contextualize`] adds to it. It works in the request's future (the handler and what it
//! awaits), not in tasks it spawns.
//!
//! # Cost
//!
//! Per request, the layer keeps the method, the URI and the allowed headers' values (reference
//! counted copies, as hyper parses them) and allocates one list when headers are allowed,
//! nothing otherwise; the line's message is written into a buffer the thread reuses.

mod body;
mod future;
mod line;

use std::cell::RefCell;
use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;
use std::task::{Context as TaskContext, Poll};
use std::time::{Duration, Instant};

use http::header::HeaderName;
use http::{Extensions, Request, Response};
use tower_layer::Layer;
use tower_service::Service;

pub use body::AccessLogBody;
pub use future::ResponseFuture;

use crate::context::{Context, ContextGuard};
use crate::extra::OwnedValue;
use crate::intern::intern_configured;
use crate::level::Level;
use crate::logger::Logger;

/// A `tower::Layer` that logs one line per HTTP request (see the [module docs](self) for the
/// line, its fields and when it is written). Options are set with its methods; it is cheap to
/// clone (the options are shared).
///
/// # Examples
///
/// A `tower` service, called directly (with axum: `Router::new().route(...).layer(layer)`;
/// with hyper: `tower::ServiceBuilder::new().layer(layer).service(service)`):
///
/// ```
/// use std::convert::Infallible;
/// use std::time::{Duration, Instant};
/// use http_body_util::{BodyExt as _, Full};
/// use tower::{ServiceBuilder, ServiceExt as _};
///
/// let capture = hlog::sink::Capture::new();
/// let logger = hlog::Logger::new();
/// logger.add(capture.clone()).format("{level} {message} {extra}").install().unwrap();
/// // A clock that moves 3.2 ms a reading, so that the latency shown is exact.
/// let start = Instant::now();
/// let readings = std::sync::atomic::AtomicU32::new(0);
/// let clock = move || {
///     let n = readings.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
///     start + Duration::from_micros(3_200) * n
/// };
/// let layer = hlog::access_log::AccessLogLayer::new().logger(logger).clock(clock);
/// let service = ServiceBuilder::new().layer(layer).service_fn(|_: http::Request<()>| async {
///     Ok::<_, Infallible>(http::Response::new(Full::new(&b"[\"alice\"]"[..])))
/// });
///
/// let request = http::Request::get("/api/users?page=2").body(()).unwrap();
/// let response = block_on(service.oneshot(request)).unwrap();
/// block_on(response.into_body().collect()).unwrap();
/// assert_eq!(
///     capture.text(),
///     "INFO 200 GET /api/users?page=2 3.2ms {\"status\": 200, \"method\": \"GET\", \
///      \"path\": \"/api/users\", \"query\": \"page=2\", \"bytes\": 9, \"latency_ms\": 3.2}\n"
/// );
/// # fn block_on<F: std::future::Future>(future: F) -> F::Output {
/// #     let waker = std::task::Waker::noop();
/// #     let mut cx = std::task::Context::from_waker(&waker);
/// #     let mut future = std::pin::pin!(future);
/// #     loop {
/// #         if let std::task::Poll::Ready(output) = future.as_mut().poll(&mut cx) {
/// #             return output;
/// #         }
/// #     }
/// # }
/// ```
#[derive(Clone)]
pub struct AccessLogLayer {
    config: Arc<Config>,
}

/// The layer's options, shared by its services and their requests.
#[derive(Clone)]
pub(crate) struct Config {
    level: Level,
    /// `None`: the global logger.
    logger: Option<Logger>,
    /// The allowed request headers, and their field names (`user-agent` → `user_agent`).
    headers: Vec<(HeaderName, &'static str)>,
    exclude: Vec<String>,
    query: bool,
    slow: Option<Duration>,
    remote_addr: fn(&Extensions) -> Option<SocketAddr>,
    /// `None`: `Instant::now`.
    clock: Option<Arc<dyn Fn() -> Instant + Send + Sync>>,
}

impl Config {
    fn now(&self) -> Instant {
        match &self.clock {
            Some(clock) => clock(),
            None => Instant::now(),
        }
    }

    /// The highest level a line of this layer may have (a request that fails is logged at
    /// ERROR): when no handler takes it, no line of the layer would be written.
    fn highest_level(&self) -> u32 {
        self.level.no().max(Level::ERROR.no())
    }
}

/// The default remote address: a `SocketAddr` in the request's extensions (what a hyper server
/// of your own can put there).
fn socket_addr(extensions: &Extensions) -> Option<SocketAddr> {
    extensions.get::<SocketAddr>().copied()
}

impl AccessLogLayer {
    /// A layer with the defaults: level INFO, the global logger, no header, no exclusion, the
    /// query string shown, no slow-request threshold, the remote address from a `SocketAddr`
    /// request extension.
    ///
    /// # Examples
    ///
    /// ```
    /// let layer = hlog::access_log::AccessLogLayer::new();
    /// # let _ = layer;
    /// ```
    pub fn new() -> Self {
        AccessLogLayer {
            config: Arc::new(Config {
                level: Level::INFO,
                logger: None,
                headers: Vec::new(),
                exclude: Vec::new(),
                query: true,
                slow: None,
                remote_addr: socket_addr,
                clock: None,
            }),
        }
    }

    fn config(&mut self) -> &mut Config {
        Arc::make_mut(&mut self.config)
    }

    /// The level of the lines (INFO by default). Slow requests are logged at WARNING when this
    /// is below it, errors at ERROR.
    ///
    /// # Examples
    ///
    /// ```
    /// let layer = hlog::access_log::AccessLogLayer::new().level(hlog::Level::DEBUG);
    /// # let _ = layer;
    /// ```
    pub fn level(mut self, level: Level) -> Self {
        self.config().level = level;
        self
    }

    /// Log to `logger` instead of the global logger.
    ///
    /// # Examples
    ///
    /// ```
    /// let layer = hlog::access_log::AccessLogLayer::new().logger(hlog::Logger::new());
    /// # let _ = layer;
    /// ```
    pub fn logger(mut self, logger: Logger) -> Self {
        self.config().logger = Some(logger);
        self
    }

    /// Show these request headers as fields (an allow-list: no other header ever appears).
    /// Names are case-insensitive; each field is named after its header in lower case with
    /// `-` as `_` (`User-Agent` → `user_agent`). A header the request does not have is left
    /// out. Values are shown as text (escaped by the format like any value); a value that is
    /// not visible ASCII shows quoted with its bytes escaped. Replaces the list set before.
    ///
    /// # Errors
    ///
    /// [`HeaderNameError`], quoting the name, for a name that is not an HTTP header name, one
    /// whose field would be one every line may have (`status`, `method`, `path`, `query`,
    /// `bytes`, `latency_ms`, `remote_addr`, `cancelled`, `panicked`, `error`), or one whose field
    /// is another given header's (`x-a` and `x_a`, `X-A` and `x-a`).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::access_log::AccessLogLayer;
    /// let layer = AccessLogLayer::new().headers(["User-Agent", "x-request-id"]).unwrap();
    /// let error = AccessLogLayer::new().headers(["user agent"]).unwrap_err();
    /// assert_eq!(
    ///     error.to_string(),
    ///     "\"user agent\" is not an HTTP header name: a header name is one or more ASCII \
    ///      letters, digits or !#$%&'*+-.^_`|~ (e.g. \"user-agent\")"
    /// );
    /// # let _ = layer;
    /// ```
    pub fn headers<'a>(
        mut self,
        names: impl IntoIterator<Item = &'a str>,
    ) -> Result<Self, HeaderNameError> {
        let mut headers: Vec<(HeaderName, &'static str, &str)> = Vec::new();
        for name in names {
            let error = |kind| HeaderNameError { name: name.to_owned(), kind };
            let header = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| error(HeaderNameErrorKind::Invalid))?;
            let field = field_name(header.as_str());
            if FIXED_FIELDS.contains(&field) {
                return Err(error(HeaderNameErrorKind::Fixed(field)));
            }
            if let Some((_, _, before)) = headers.iter().find(|(_, f, _)| *f == field) {
                return Err(error(HeaderNameErrorKind::Duplicate((*before).to_owned(), field)));
            }
            headers.push((header, field, name));
        }
        let headers = headers.into_iter().map(|(header, field, _)| (header, field)).collect();
        self.config().headers = headers;
        Ok(self)
    }

    /// Log no line for requests to these paths (compared with the request's path, without its
    /// query string, exactly: `/health` excludes `/health` and `/health?full=1`, not
    /// `/health/db`). Adds to the paths excluded before.
    ///
    /// # Examples
    ///
    /// ```
    /// let layer = hlog::access_log::AccessLogLayer::new().exclude(["/health", "/ready"]);
    /// # let _ = layer;
    /// ```
    pub fn exclude<'a>(mut self, paths: impl IntoIterator<Item = &'a str>) -> Self {
        self.config().exclude.extend(paths.into_iter().map(str::to_owned));
        self
    }

    /// Whether the query string is shown, in the message (`?page=2`) and as the `query` field
    /// (on by default; off: it may hold what should not be logged).
    ///
    /// # Examples
    ///
    /// ```
    /// let layer = hlog::access_log::AccessLogLayer::new().query(false);
    /// # let _ = layer;
    /// ```
    pub fn query(mut self, show: bool) -> Self {
        self.config().query = show;
        self
    }

    /// Requests that take `threshold` or longer (to the end of their body) are logged at
    /// WARNING (or the layer's level when it is higher), their message marked `[SLOW]`.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// let layer = hlog::access_log::AccessLogLayer::new().slow_threshold(Duration::from_secs(1));
    /// # let _ = layer;
    /// ```
    pub fn slow_threshold(mut self, threshold: Duration) -> Self {
        self.config().slow = Some(threshold);
        self
    }

    /// Where the client's address is found in the request's extensions (by default a
    /// `SocketAddr` extension; return `None` to leave the field out). With axum, which puts a
    /// `ConnectInfo<SocketAddr>` there when the router is served with
    /// `into_make_service_with_connect_info::<SocketAddr>()`:
    /// `.remote_addr(|ext| ext.get::<ConnectInfo<SocketAddr>>().map(|c| c.0))`.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::net::SocketAddr;
    /// /// A stand-in for axum's `ConnectInfo`.
    /// #[derive(Clone)]
    /// struct ConnectInfo<T>(T);
    /// let layer = hlog::access_log::AccessLogLayer::new()
    ///     .remote_addr(|ext| ext.get::<ConnectInfo<SocketAddr>>().map(|c| c.0));
    /// let no_address = hlog::access_log::AccessLogLayer::new().remote_addr(|_| None);
    /// # let _ = (layer, no_address);
    /// ```
    pub fn remote_addr(mut self, find: fn(&Extensions) -> Option<SocketAddr>) -> Self {
        self.config().remote_addr = find;
        self
    }

    /// The clock latencies are measured with (`Instant::now` by default): a test makes them
    /// exact with a clock of its own. It is read when the request arrives and when it ends.
    ///
    /// # Examples
    ///
    /// A clock that moves 42 µs a reading: each request takes 42 µs, shown `0.042ms`.
    ///
    /// ```
    /// use std::sync::atomic::{AtomicU32, Ordering};
    /// use std::time::{Duration, Instant};
    /// use tower::{Layer as _, ServiceExt as _};
    ///
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new();
    /// logger.add(capture.clone()).format("{message} {extra[latency_ms]}").install().unwrap();
    /// let (start, readings) = (Instant::now(), AtomicU32::new(0));
    /// let clock = move || {
    ///     start + Duration::from_micros(42) * readings.fetch_add(1, Ordering::Relaxed)
    /// };
    /// let layer = hlog::access_log::AccessLogLayer::new().logger(logger).clock(clock);
    /// let service = layer.layer(tower::service_fn(|_: http::Request<()>| async {
    ///     Ok::<_, std::convert::Infallible>(http::Response::new(String::new()))
    /// }));
    /// let future = service.oneshot(http::Request::get("/").body(()).unwrap());
    /// let mut future = std::pin::pin!(future);
    /// let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    /// assert!(future.as_mut().poll(&mut cx).is_ready()); // an empty body: logged at its head
    /// assert_eq!(capture.text(), "200 GET / 0.042ms 0.042\n");
    /// ```
    pub fn clock(mut self, clock: impl Fn() -> Instant + Send + Sync + 'static) -> Self {
        self.config().clock = Some(Arc::new(clock));
        self
    }
}

impl Default for AccessLogLayer {
    fn default() -> Self {
        AccessLogLayer::new()
    }
}

impl fmt::Debug for AccessLogLayer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let config = &*self.config;
        f.debug_struct("AccessLogLayer")
            .field("level", &config.level.name())
            .field("headers", &config.headers.iter().map(|(h, _)| h).collect::<Vec<_>>())
            .field("exclude", &config.exclude)
            .field("query", &config.query)
            .field("slow_threshold", &config.slow)
            .finish_non_exhaustive()
    }
}

impl<S> Layer<S> for AccessLogLayer {
    type Service = AccessLog<S>;

    fn layer(&self, inner: S) -> AccessLog<S> {
        AccessLog { inner, config: Arc::clone(&self.config) }
    }
}

/// The service an [`AccessLogLayer`] wraps around another: it answers as the inner service
/// does, with the response body wrapped to count its bytes ([`AccessLogBody`]). The inner
/// service's error and its body's error are `Display` (their text is the line's `error`
/// field), as `Infallible`, `Box<dyn Error + Send + Sync>`, axum's and hyper's errors are.
///
/// # Examples
///
/// ```
/// use tower::Layer as _;
/// let inner = tower::service_fn(|_: http::Request<()>| async {
///     Ok::<_, std::convert::Infallible>(http::Response::new(String::new()))
/// });
/// let service = hlog::access_log::AccessLogLayer::new().layer(inner);
/// # let _ = service;
/// ```
#[derive(Clone)]
pub struct AccessLog<S> {
    inner: S,
    config: Arc<Config>,
}

impl<S: fmt::Debug> fmt::Debug for AccessLog<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessLog").field("inner", &self.inner).finish_non_exhaustive()
    }
}

impl<S, ReqBody, ResBody> Service<Request<ReqBody>> for AccessLog<S>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>>,
    S::Error: fmt::Display,
    ResBody: http_body::Body,
{
    type Response = Response<AccessLogBody<ResBody>>;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut TaskContext<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<ReqBody>) -> Self::Future {
        let pending = line::Pending::start(&self.config, &request);
        ResponseFuture::new(self.inner.call(request), pending)
    }
}

/// A name given to [`AccessLogLayer::headers`] that cannot be shown: not an HTTP header name,
/// or one whose field name is taken (by a field every line may have, or by another header
/// given: `x-a` and `x_a` are both the field `x_a`).
///
/// # Examples
///
/// ```
/// use hlog::access_log::AccessLogLayer;
/// let error = AccessLogLayer::new().headers(["x-ok", "x bad"]).unwrap_err();
/// assert_eq!(error.name(), "x bad");
/// let error = AccessLogLayer::new().headers(["x-a", "X_A"]).unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "\"X_A\" is shown as the field \"x_a\", as \"x-a\" given before it: give one of them"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderNameError {
    name: String,
    kind: HeaderNameErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum HeaderNameErrorKind {
    /// Not an HTTP header name.
    Invalid,
    /// Its field name is one of [`FIXED_FIELDS`].
    Fixed(&'static str),
    /// Its field name is that of this header, given before it.
    Duplicate(String, &'static str),
}

/// The fields an access line may have besides the headers: no header is shown under these.
const FIXED_FIELDS: [&str; 10] = [
    "status",
    "method",
    "path",
    "query",
    "bytes",
    "latency_ms",
    "remote_addr",
    "cancelled",
    "panicked",
    "error",
];

impl HeaderNameError {
    /// The name as it was given.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl fmt::Display for HeaderNameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            HeaderNameErrorKind::Invalid => write!(
                f,
                "{:?} is not an HTTP header name: a header name is one or more ASCII letters, \
                 digits or !#$%&'*+-.^_`|~ (e.g. \"user-agent\")",
                self.name
            ),
            HeaderNameErrorKind::Fixed(field) => write!(
                f,
                "{:?} would be shown as the field {field:?}, which every access line has or may \
                 have (the fields {}): no header is shown under these names",
                self.name,
                FIXED_FIELDS.join(", ")
            ),
            HeaderNameErrorKind::Duplicate(before, field) => write!(
                f,
                "{:?} is shown as the field {field:?}, as {before:?} given before it: give one \
                 of them",
                self.name
            ),
        }
    }
}

impl std::error::Error for HeaderNameError {}

/// The field name of a header (lower case already): `-` as `_`, kept for the life of the
/// process (the names come from the layer's configuration: few).
fn field_name(header: &str) -> &'static str {
    intern_configured(&header.replace('-', "_"))
}

/// The request whose future or body this thread is polling: what [`contextualize`] adds to.
struct Current {
    /// The request's context, with the fields [`contextualize`] added during this poll.
    scope: Context,
    /// The context [`contextualize`] made current for the rest of this poll (the one before
    /// is put back when the poll ends).
    entered: Option<ContextGuard>,
}

thread_local! {
    /// The request whose future or body this thread is polling (`None`: none).
    static REQUEST: RefCell<Option<Current>> = const { RefCell::new(None) };
}

/// Run `poll` with the request's context current and open to [`contextualize`]; the fields it
/// adds are kept in the request's scope. A panic that unwinds through `poll` marks the request
/// panicked (whoever catches the panic, the line says `[PANICKED]`).
fn in_request<R>(pending: &mut line::Pending, poll: impl FnOnce() -> R) -> R {
    /// Puts the request before back (also when `poll` panics), and hands back the scope.
    struct Restore<'a> {
        outer: Option<Current>,
        pending: &'a mut line::Pending,
    }
    impl Drop for Restore<'_> {
        fn drop(&mut self) {
            if std::thread::panicking() {
                self.pending.panicked = true;
            }
            let outer = self.outer.take();
            if let Ok(Some(current)) = REQUEST.try_with(|r| r.replace(outer)) {
                self.pending.scope = current.scope;
                // The context before `contextualize` is current again (then the one before
                // the poll, when `in_request`'s own guard ends).
                drop(current.entered);
            }
        }
    }
    let _current = pending.scope.enter();
    let current = Current { scope: pending.scope.clone(), entered: None };
    let outer = REQUEST.try_with(|r| r.replace(Some(current))).ok().flatten();
    let _restore = Restore { outer, pending };
    poll()
}

/// Add `fields` to the access line of the request being handled, and to everything it logs
/// from here to its end (the handler's lines after the call, across its `.await`s, and the
/// response body's). The macro `hlog::access_log::contextualize!(user = name)` takes fields as
/// `hlog::fields!` does. Nothing is returned: the fields last as long as the request, which
/// the layer makes current on each poll of its future and body (and only then: a task the
/// handler spawns, or another request polled by the same thread, does not see them).
///
/// Outside a request handled by an [`AccessLogLayer`] (a task the handler spawned, a plain
/// function) it does nothing: use `hlog::contextualize!` or `FutureExt::in_context` there.
///
/// # Examples
///
/// ```
/// use std::convert::Infallible;
/// use std::time::Duration;
/// use tower::{ServiceBuilder, ServiceExt as _};
///
/// let capture = hlog::sink::Capture::new();
/// let logger = hlog::Logger::new();
/// logger.add(capture.clone()).format("{message} | {extra[user]}").install().unwrap();
/// // A clock that moves 1.5 ms a reading, so that the latency shown is exact.
/// let start = std::time::Instant::now();
/// let readings = std::sync::atomic::AtomicU32::new(0);
/// let clock = move || {
///     let n = readings.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
///     start + Duration::from_micros(1_500) * n
/// };
/// let layer = hlog::access_log::AccessLogLayer::new().logger(logger.clone()).clock(clock);
/// let service = ServiceBuilder::new().layer(layer).service_fn(|_: http::Request<()>| {
///     let logger = logger.clone();
///     async move {
///         hlog::access_log::contextualize!(user = "alice");
///         hlog::info!(logger, "listing users");
///         Ok::<_, Infallible>(http::Response::new(String::new()))
///     }
/// });
/// let request = http::Request::get("/users").body(()).unwrap();
/// let response = block_on(service.oneshot(request)).unwrap();
/// drop(response);
/// assert_eq!(capture.text(), "listing users | alice\n200 GET /users 1.5ms | alice\n");
/// # fn block_on<F: std::future::Future>(future: F) -> F::Output {
/// #     let waker = std::task::Waker::noop();
/// #     let mut cx = std::task::Context::from_waker(&waker);
/// #     let mut future = std::pin::pin!(future);
/// #     loop {
/// #         if let std::task::Poll::Ready(output) = future.as_mut().poll(&mut cx) {
/// #             return output;
/// #         }
/// #     }
/// # }
/// ```
pub fn contextualize(fields: impl IntoIterator<Item = (&'static str, OwnedValue)>) {
    let _ = REQUEST.try_with(|request| {
        let Ok(mut request) = request.try_borrow_mut() else { return };
        let Some(current) = request.as_mut() else { return };
        let added = Context::empty().with(fields);
        let added = || added.fields().map(|(name, value)| (name, value.clone()));
        current.scope = current.scope.with(added());
        // The fields are current for the rest of this poll: the context current now with
        // them, in place of the one `contextualize` made before in this poll (whose guard puts
        // back what was current before it, at the poll's end).
        let now = Context::current().with(added());
        let previous = current.entered.take();
        drop(previous);
        current.entered = Some(now.enter());
    });
}
