//! Catching panics for the logs: the closure and async forms of loguru's `logger.catch()`, and
//! what the `#[hlog::catch]` attribute's code calls.
//!
//! A panic caught here is logged once, with its location and payload, as the record's error
//! ([`Panic`]). While a thread runs inside a catch, hlog's panic hook (installed on first use,
//! chained in front of the hook that was there) keeps the panic's location for the catch and
//! leaves stderr alone: the log holds the report. Panics outside any catch still go to the
//! previous hook.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::fmt;
use std::future::Future;
use std::panic::{AssertUnwindSafe, PanicHookInfo};
use std::pin::Pin;
use std::sync::Once;
use std::task::{Context, Poll};

use crate::{Level, Logger};

/// A caught panic: its payload and where it happened. Attached to the record that logs it, so
/// `{exception}` shows `Error: panicked at src/main.rs:5:13: attempt to divide by zero`.
///
/// # Examples
///
/// ```
/// let logger = hlog::Logger::new();
/// let capture = hlog::sink::Capture::new();
/// logger.add(capture.clone()).format("{message}").install().unwrap();
/// let divisor = 0;
/// let caught = hlog::Catch::new().logger(&logger).run(|| 1 / divisor);
/// assert_eq!(caught, None);
/// assert!(capture.text().starts_with("An error has been caught in a block\nError: panicked at "));
/// assert!(capture.text().ends_with(": attempt to divide by zero\n"));
/// ```
pub struct Panic {
    payload: Box<dyn Any + Send>,
    location: Option<(String, u32, u32)>,
}

impl Panic {
    fn new(payload: Box<dyn Any + Send>) -> Panic {
        let location = LAST_LOCATION.with(|last| last.borrow_mut().take());
        Panic { payload, location }
    }

    /// The panic's message: its payload when that is text (`panic!("...")`, a failed
    /// `assert!`, an arithmetic overflow), `Box<dyn Any>` otherwise.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    ///
    /// let messages = Arc::new(Mutex::new(Vec::new()));
    /// let store = messages.clone();
    /// let logger = hlog::Logger::new();
    /// logger
    ///     .add(hlog::sink::from_fn(move |_line, record| {
    ///         if let Some(panic) = record.error().and_then(|e| e.downcast_ref::<hlog::Panic>()) {
    ///             store.lock().unwrap().push(panic.message().to_owned());
    ///         }
    ///     }))
    ///     .install()
    ///     .unwrap();
    /// hlog::Catch::new().logger(&logger).run(|| panic!("retry in {}s", 5));
    /// assert_eq!(*messages.lock().unwrap(), ["retry in 5s"]);
    /// ```
    pub fn message(&self) -> &str {
        if let Some(text) = self.payload.downcast_ref::<&'static str>() {
            text
        } else if let Some(text) = self.payload.downcast_ref::<String>() {
            text
        } else {
            "Box<dyn Any>"
        }
    }

    /// Where the panic happened (file, line, column), when hlog's panic hook saw it (a hook
    /// installed later that does not call the one before it hides panics from hlog's).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    ///
    /// let lines = Arc::new(Mutex::new(Vec::new()));
    /// let store = lines.clone();
    /// let logger = hlog::Logger::new();
    /// logger
    ///     .add(hlog::sink::from_fn(move |_line, record| {
    ///         if let Some(panic) = record.error().and_then(|e| e.downcast_ref::<hlog::Panic>()) {
    ///             store.lock().unwrap().push(panic.location().map(|(_file, line, _column)| line));
    ///         }
    ///     }))
    ///     .install()
    ///     .unwrap();
    /// let line = line!() + 1;
    /// hlog::Catch::new().logger(&logger).run(|| panic!("here"));
    /// assert_eq!(*lines.lock().unwrap(), [Some(line)]);
    /// ```
    pub fn location(&self) -> Option<(&str, u32, u32)> {
        self.location.as_ref().map(|(file, line, column)| (file.as_str(), *line, *column))
    }

    /// Carry on unwinding with the original payload (the `reraise` of `#[hlog::catch]`).
    ///
    /// # Examples
    ///
    /// ```
    /// // What `reraise` does: log the panic, then let it carry on (here, into `catch_unwind`).
    /// let unwound = std::panic::catch_unwind(|| {
    ///     #[hlog::catch(catch_panics, reraise)]
    ///     fn step() -> u32 {
    ///         panic!("fatal")
    ///     }
    ///     step()
    /// });
    /// assert!(unwound.is_err());
    /// ```
    pub fn resume(self) -> ! {
        std::panic::resume_unwind(self.payload)
    }
}

impl fmt::Display for Panic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location() {
            Some((file, line, column)) => {
                write!(f, "panicked at {file}:{line}:{column}: {}", self.message())
            }
            None => write!(f, "panicked: {}", self.message()),
        }
    }
}

impl fmt::Debug for Panic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Panic")
            .field("message", &self.message())
            .field("location", &self.location())
            .finish()
    }
}

impl std::error::Error for Panic {}

thread_local! {
    /// How many catches this thread is inside.
    static DEPTH: Cell<u32> = const { Cell::new(0) };
    /// The location of the last panic inside a catch, for the catch to take.
    static LAST_LOCATION: RefCell<Option<(String, u32, u32)>> = const { RefCell::new(None) };
}

/// Whether the current thread runs inside a catch (`#[hlog::catch(catch_panics)]`,
/// [`catch`], [`catch_async`], [`Catch`]): a panic now is caught and logged there. A panic hook
/// that logs panics itself can skip these, so that each panic is logged once.
///
/// # Examples
///
/// ```
/// # hlog::remove_all();
/// assert!(!hlog::catching());
/// assert_eq!(hlog::catch(hlog::catching), Some(true));
/// ```
pub fn catching() -> bool {
    DEPTH.try_with(Cell::get).unwrap_or(0) > 0
}

/// Put hlog's panic hook in front of the current one, once.
fn install_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info: &PanicHookInfo<'_>| {
            // (`try_with`: a panic during thread teardown has no thread-locals left.)
            let inside = catching();
            // With `panic = "abort"` nothing is caught: the hooks before hlog's (the flush of
            // every sink among them) must run.
            if !inside || cfg!(panic = "abort") {
                return previous(info);
            }
            let location = info.location().map(|l| (l.file().to_owned(), l.line(), l.column()));
            let _ = LAST_LOCATION.try_with(|last| *last.borrow_mut() = location);
        }));
    });
}

/// Counts this thread as inside a catch while it lives (also when the catch unwinds).
struct Inside;

impl Inside {
    fn enter() -> Inside {
        install_hook();
        DEPTH.with(|depth| depth.set(depth.get() + 1));
        // A location left by a panic that code inside caught by itself is not this catch's.
        LAST_LOCATION.with(|last| last.borrow_mut().take());
        Inside
    }
}

impl Drop for Inside {
    fn drop(&mut self) {
        let _ = DEPTH.try_with(|depth| depth.set(depth.get().saturating_sub(1)));
    }
}

/// Run `f`, whose return type the caller names (`__call::<Ret, _>(|| body)`), so that `?` in
/// the body knows its error type. What `#[hlog::catch]`'s code calls; not a stable API.
#[doc(hidden)]
pub fn __call<R, F: FnOnce() -> R>(f: F) -> R {
    f()
}

/// `future`, its output type named by the caller (`__typed::<Ret, _>(async { body })`), so
/// that `?` in the block knows its error type. What `#[hlog::catch]`'s code calls; not a stable
/// API.
#[doc(hidden)]
pub fn __typed<R, F: Future<Output = R>>(future: F) -> F {
    future
}

/// Run `f`, catching a panic as a [`Panic`] (with its location). What `#[hlog::catch]`'s code
/// calls; not a stable API.
#[doc(hidden)]
pub fn __catch_unwind<R, F: FnOnce() -> R>(f: F) -> Result<R, Panic> {
    let _inside = Inside::enter();
    std::panic::catch_unwind(AssertUnwindSafe(f)).map_err(Panic::new)
}

/// Await `future`, catching a panic in any of its polls as a [`Panic`]. What
/// `#[hlog::catch(catch_panics)]` on an `async fn` calls; not a stable API.
#[doc(hidden)]
pub fn __catch_unwind_async<R, F: Future<Output = R>>(future: F) -> CatchUnwind<F> {
    CatchUnwind { future: Box::pin(future) }
}

/// A future that catches a panic of the future it wraps (see [`Catch::run_async`]).
#[must_use = "futures do nothing unless awaited"]
pub struct CatchUnwind<F> {
    future: Pin<Box<F>>,
}

impl<F: Future> Future for CatchUnwind<F> {
    type Output = Result<F::Output, Panic>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let future = self.future.as_mut();
        match __catch_unwind(|| future.poll(cx)) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(output)) => Poll::Ready(Ok(output)),
            Err(panic) => Poll::Ready(Err(panic)),
        }
    }
}

/// Run `f`, logging a panic at ERROR on the global logger instead of letting it unwind: the
/// closure form of loguru's `with logger.catch():`. `Some` of what `f` returned, or `None`
/// after a panic. See [`Catch`] for another logger or level, and `#[hlog::catch]` for
/// functions (which also logs their `Err`s).
///
/// The record is reported at the line that called `catch` (`{file}`, `{line}`), as a
/// `#[track_caller]` wrapper's; its `{function}` is `catch` and its `{name}` `hlog::catch`
/// (hlog's own call site), its message `An error has been caught in a block`, its error the
/// [`Panic`].
///
/// # Examples
///
/// ```
/// # hlog::remove_all();
/// let values = [1, 2];
/// let index = 5;
/// assert_eq!(hlog::catch(|| values[index]), None); // logged, not unwound
/// assert_eq!(hlog::catch(|| values[1]), Some(2));
/// ```
#[track_caller]
pub fn catch<R>(f: impl FnOnce() -> R) -> Option<R> {
    Catch::new().run(f)
}

/// Await `future`, logging a panic in it at ERROR on the global logger (see [`catch`]):
/// `Some` of its output, or `None` after a panic. The future is boxed once.
///
/// # Examples
///
/// ```
/// # hlog::remove_all();
/// # let waker = std::task::Waker::noop();
/// # let mut cx = std::task::Context::from_waker(&waker);
/// let task = hlog::catch_async(async { panic!("task failed") });
/// let mut task = std::pin::pin!(task);
/// assert_eq!(task.as_mut().poll(&mut cx), std::task::Poll::Ready(None::<()>));
/// ```
#[track_caller]
pub fn catch_async<F: Future>(future: F) -> impl Future<Output = Option<F::Output>> {
    Catch::new().run_async(future)
}

/// Settings of a [`catch`]: the logger and the level (default: the global logger, ERROR).
///
/// # Examples
///
/// ```
/// let logger = hlog::Logger::new();
/// let capture = hlog::sink::Capture::new();
/// logger.add(capture.clone()).format("{level} {message}\n{exception}").install().unwrap();
/// let outcome = hlog::Catch::new().logger(&logger).level(hlog::Level::WARNING).run(|| {
///     panic!("retry later");
/// });
/// assert_eq!(outcome, None::<()>);
/// let text = capture.text();
/// assert!(text.starts_with("WARNING An error has been caught in a block\nError: panicked at "));
/// assert!(text.ends_with(": retry later\n"));
/// ```
#[derive(Clone, Copy)]
#[must_use = "a Catch does nothing until .run() or .run_async()"]
pub struct Catch<'l> {
    logger: &'l Logger,
    level: Level,
}

impl Default for Catch<'static> {
    fn default() -> Self {
        Catch::new()
    }
}

impl Catch<'static> {
    /// Catch panics, logging them at ERROR on the global logger.
    ///
    /// # Examples
    ///
    /// ```
    /// // The global logger, at ERROR: the same as `hlog::catch(...)`.
    /// let value = hlog::Catch::new().run(|| 40 + 2);
    /// assert_eq!(value, Some(42));
    /// ```
    pub fn new() -> Self {
        Catch { logger: crate::logger(), level: Level::ERROR }
    }
}

impl<'l> Catch<'l> {
    /// Log through `logger`.
    ///
    /// # Examples
    ///
    /// ```
    /// let logger = hlog::Logger::new();
    /// let capture = hlog::sink::Capture::new();
    /// logger.add(capture.clone()).format("{level} {message}").install().unwrap();
    /// assert_eq!(hlog::Catch::new().logger(&logger).run(|| -> u8 { panic!("boom") }), None);
    /// assert_eq!(capture.lines()[0], "ERROR An error has been caught in a block");
    /// ```
    pub fn logger<'m>(self, logger: &'m Logger) -> Catch<'m> {
        Catch { logger, level: self.level }
    }

    /// Log at `level`.
    ///
    /// # Examples
    ///
    /// ```
    /// let logger = hlog::Logger::new();
    /// let capture = hlog::sink::Capture::new();
    /// logger.add(capture.clone()).format("{level}").install().unwrap();
    /// hlog::Catch::new().logger(&logger).level(hlog::Level::CRITICAL).run(|| panic!("boom"));
    /// assert_eq!(capture.lines()[0], "CRITICAL");
    /// ```
    pub fn level(mut self, level: Level) -> Self {
        self.level = level;
        self
    }

    /// Run `f`: `Some` of what it returned, or `None` after a panic, logged.
    ///
    /// # Examples
    ///
    /// ```
    /// let logger = hlog::Logger::new();
    /// let catch = || hlog::Catch::new().logger(&logger);
    /// let values = [1, 2, 3];
    /// assert_eq!(catch().run(|| values[1]), Some(2));
    /// assert_eq!(catch().run(|| values[values.len()]), None); // the panic is logged
    /// ```
    #[track_caller]
    pub fn run<R>(self, f: impl FnOnce() -> R) -> Option<R> {
        match __catch_unwind(f) {
            Ok(value) => Some(value),
            Err(panic) => {
                self.log(&panic);
                None
            }
        }
    }

    /// Await `future`: `Some` of its output, or `None` after a panic in it, logged.
    ///
    /// # Examples
    ///
    /// ```
    /// let logger = hlog::Logger::new();
    /// let capture = hlog::sink::Capture::new();
    /// logger.add(capture.clone()).format("{message}").install().unwrap();
    /// let task = hlog::Catch::new().logger(&logger).run_async(async { panic!("lost connection") });
    /// // Any executor; here one poll with a no-op waker.
    /// let mut task = std::pin::pin!(task);
    /// let polled = task.as_mut().poll(&mut std::task::Context::from_waker(std::task::Waker::noop()));
    /// assert_eq!(polled, std::task::Poll::Ready(None::<()>));
    /// assert_eq!(capture.lines()[0], "An error has been caught in a block");
    /// ```
    #[track_caller]
    pub fn run_async<F: Future>(self, future: F) -> impl Future<Output = Option<F::Output>> {
        let location = std::panic::Location::caller();
        let (logger, level) = (self.logger.clone(), self.level);
        async move {
            match __catch_unwind_async(future).await {
                Ok(value) => Some(value),
                Err(panic) => {
                    log_panic(&logger, level, location, &panic);
                    None
                }
            }
        }
    }

    #[track_caller]
    fn log(&self, panic: &Panic) {
        log_panic(self.logger, self.level, std::panic::Location::caller(), panic);
    }
}

/// The record of a panic a block's catch caught, reported at `location` (its caller's).
fn log_panic(
    logger: &Logger,
    level: Level,
    location: &'static std::panic::Location<'static>,
    panic: &Panic,
) {
    static CALLSITE: crate::__private::Callsite = crate::__private::Callsite::new(
        module_path!(),
        file!(),
        line!(),
        "An error has been caught in a block",
        || "hlog::catch::catch::__hlog_here",
    );
    if !crate::__private::enabled(logger, &CALLSITE, level.no()) {
        return;
    }
    static LAYOUT: crate::__private::Layout = crate::__private::Layout::new(
        &[crate::__private::Piece::Text("An error has been caught in a block")],
        0,
    );
    let options =
        crate::__private::CallOptions { error: Some(panic), location: Some(location), raw: false };
    crate::__private::dispatch_with(logger, &CALLSITE, &LAYOUT, &level, &[], options);
}
