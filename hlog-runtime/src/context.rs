//! Contextual fields (loguru's `contextualize`): fields for everything logged inside a scope,
//! through any logger. A thread has one current [`Context`]; a guard, a closure or a future
//! wrapper sets it and puts the one before back.
//!
//! A context is an immutable list of owned fields, each name once (an inner scope's fields
//! merged over the outer's when the scope is made), shared by an `Arc`: a log call takes the
//! thread's current one with one reference count, and allocates nothing.

use std::cell::Cell;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context as TaskContext, Poll};

use crate::extra::{OwnedFields, OwnedValue, merge};

thread_local! {
    /// The current context of this thread (`None`: no contextual field; also while a log call
    /// has lent it out, see [`with_current`]).
    static CURRENT: Cell<Option<Arc<OwnedFields>>> = const { Cell::new(None) };
    /// The context a log call on this thread took out of `CURRENT` for its duration (null:
    /// none): what calls and scopes nested in it (from a `Display` impl, a filter, a sink) see
    /// as current while `CURRENT` is empty.
    static LENT: Cell<*const Arc<OwnedFields>> = const { Cell::new(std::ptr::null()) };
    /// Whether `CURRENT` or `LENT` holds fields: a log call outside every scope reads only this
    /// (a thread-local without a destructor is one load; `CURRENT`, which has one, costs a
    /// state check: 44 instructions a call for both, measured, against a few).
    static ANY: Cell<bool> = const { Cell::new(false) };
}

/// Whether this thread has contextual fields (one load).
#[inline]
pub(crate) fn any() -> bool {
    ANY.with(Cell::get)
}

/// The current thread's contextual fields, shared (`None` when there are none or during the
/// thread's teardown).
pub(crate) fn current_fields() -> Option<Arc<OwnedFields>> {
    if !any() {
        return None;
    }
    let current = CURRENT
        .try_with(|c| {
            let current = c.take();
            let shared = current.clone();
            c.set(current);
            shared
        })
        .ok()
        .flatten();
    current.or_else(|| {
        let lent = LENT.try_with(Cell::get).unwrap_or(std::ptr::null());
        // SAFETY: a non-null `LENT` points at the `Arc` of a `Lending` on this thread's stack,
        // which resets `LENT` when it is dropped, before that `Arc` goes (see `with_current`).
        (!lent.is_null()).then(|| unsafe { Arc::clone(&*lent) })
    })
}

/// Run `f` with the current thread's contextual fields, borrowed (the caller saw [`any`]): a
/// log call takes them out of `CURRENT` for its duration and puts them back after (also when
/// unwinding), instead of cloning the `Arc`: two atomic operations, measured at 1.14-1.15x a
/// plain call with them and 1.10x without (fastest of 30 rounds, `profile_context race` in
/// the benchmarks).
#[inline(never)]
pub(crate) fn with_current<R>(f: impl FnOnce(&OwnedFields) -> R) -> R {
    let taken = CURRENT.try_with(Cell::take);
    let Some(taken) = taken.ok().flatten() else {
        // Nothing in `CURRENT`: a call nested in one that lent its context, or none.
        let lent = LENT.try_with(Cell::get).unwrap_or(std::ptr::null());
        if lent.is_null() {
            return f(&[]);
        }
        // SAFETY: as in `current_fields`: the outer call's `Lending` outlives this call.
        return f(unsafe { &*lent });
    };
    let outer = LENT.try_with(Cell::get).unwrap_or(std::ptr::null());
    let lending = Lending { fields: Some(taken), outer };
    // `lending` stays where it is until it is dropped, after `f`: `LENT` points into it.
    let Some(fields) = &lending.fields else { unreachable!() };
    let _ = LENT.try_with(|l| l.set(fields as *const Arc<OwnedFields>));
    f(fields)
}

/// A context lent out of `CURRENT` by a log call: dropping it puts it back.
struct Lending {
    fields: Option<Arc<OwnedFields>>,
    /// `LENT` before this call (an outer call's, or null).
    outer: *const Arc<OwnedFields>,
}

impl Drop for Lending {
    fn drop(&mut self) {
        let _ = LENT.try_with(|l| l.set(self.outer));
        let fields = self.fields.take();
        let _ = CURRENT.try_with(|c| c.set(fields));
        let _ = ANY.try_with(|any| any.set(true));
    }
}

/// Set this thread's context to `fields`; returns the one before.
fn replace(fields: Option<Arc<OwnedFields>>) -> Option<Arc<OwnedFields>> {
    let any = fields.is_some() || !LENT.try_with(Cell::get).unwrap_or(std::ptr::null()).is_null();
    CURRENT
        .try_with(|current| {
            ANY.with(|flag| flag.set(any));
            current.replace(fields)
        })
        .ok()
        .flatten()
}

/// A set of contextual fields: what [`Context::enter`], [`Context::run`] and
/// [`Context::scope`] make current. Cheap to clone (shared); `Send + Sync`.
///
/// Fields of a context appear in every record logged while it is current, through any logger,
/// after the call's own fields and before bound ones (see `Record::extra` for precedence).
///
/// # Examples
///
/// ```
/// let capture = hlog::sink::Capture::new();
/// let logger = hlog::Logger::new();
/// logger.add(capture.clone()).format("{message} {extra}").install().unwrap();
/// let request = hlog::Context::current().with([("request_id", "r-1".into())]);
/// {
///     let _guard = request.enter();
///     hlog::info!(logger, "inside");
/// }
/// hlog::info!(logger, "outside");
/// assert_eq!(capture.text(), "inside {\"request_id\": \"r-1\"}\noutside {}\n");
/// ```
#[derive(Clone, Default)]
pub struct Context {
    fields: Option<Arc<OwnedFields>>,
}

impl Context {
    /// No contextual field.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::Context;
    ///
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new();
    /// logger.add(capture.clone()).format("{message} {extra}").install().unwrap();
    /// let _request = hlog::contextualize!(request_id = "r-1");
    /// // A background job that must not carry the request's fields:
    /// Context::empty().run(|| hlog::info!(logger, "job"));
    /// assert_eq!(capture.text(), "job {}\n");
    /// ```
    pub fn empty() -> Self {
        Context { fields: None }
    }

    /// The current thread's context (what a future wrapped now should carry).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::Context;
    ///
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new();
    /// logger.add(capture.clone()).format("{message} {extra}").install().unwrap();
    /// let _request = hlog::contextualize!(request_id = "r-1");
    /// let context = Context::current(); // taken along to another thread
    /// std::thread::scope(|s| {
    ///     s.spawn(|| context.run(|| hlog::info!(logger, "on a worker")));
    /// });
    /// assert_eq!(capture.text(), "on a worker {\"request_id\": \"r-1\"}\n");
    /// ```
    pub fn current() -> Self {
        Context { fields: current_fields() }
    }

    /// This context with `fields` added (a name already there takes the new value). Allocates
    /// the new list once.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::Context;
    ///
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new();
    /// logger.add(capture.clone()).format("{message} {extra}").install().unwrap();
    /// let context = Context::empty().with(hlog::fields!(user = "alice")).with(hlog::fields!(user = "bob", step = 2));
    /// context.run(|| hlog::info!(logger, "inside"));
    /// assert_eq!(capture.text(), "inside {\"user\": \"bob\", \"step\": 2}\n");
    /// ```
    pub fn with(&self, fields: impl IntoIterator<Item = (&'static str, OwnedValue)>) -> Self {
        let base: &OwnedFields = self.fields.as_deref().unwrap_or(&[]);
        let merged = merge(fields, base);
        Context { fields: (!merged.is_empty()).then_some(merged) }
    }

    /// The fields, each name once, the innermost scope's first.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{Context, OwnedValue};
    ///
    /// let _outer = hlog::contextualize!(request_id = "r-1");
    /// let _inner = hlog::contextualize!(step = 2);
    /// let context = Context::current();
    /// let fields: Vec<(&str, &OwnedValue)> = context.fields().collect();
    /// let r1 = OwnedValue::from("r-1");
    /// assert_eq!(fields, [("step", &OwnedValue::I64(2)), ("request_id", &r1)]);
    /// ```
    pub fn fields(&self) -> impl Iterator<Item = (&'static str, &OwnedValue)> {
        self.fields.as_deref().unwrap_or(&[]).iter().map(|(name, value)| (*name, value))
    }

    /// Make this context the current thread's until the guard is dropped (also when the thread
    /// unwinds from a panic); the context before is then current again. Guards nest.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::Context;
    ///
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new();
    /// logger.add(capture.clone()).format("{message} {extra}").install().unwrap();
    /// {
    ///     let _guard = Context::current().with(hlog::fields!(request_id = "r-1")).enter();
    ///     hlog::info!(logger, "inside");
    /// } // dropped: the context before is current again
    /// hlog::info!(logger, "outside");
    /// assert_eq!(capture.text(), "inside {\"request_id\": \"r-1\"}\noutside {}\n");
    /// ```
    #[must_use = "the context is current only while the guard lives"]
    pub fn enter(&self) -> ContextGuard {
        ContextGuard { previous: replace(self.fields.clone()), _not_send: PhantomData }
    }

    /// Run `f` with this context current.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::Context;
    ///
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new();
    /// logger.add(capture.clone()).format("{message} {extra}").install().unwrap();
    /// let context = Context::current().with(hlog::fields!(job = "cleanup"));
    /// let removed = context.run(|| {
    ///     hlog::info!(logger, "running");
    ///     3
    /// });
    /// assert_eq!(removed, 3);
    /// assert_eq!(capture.text(), "running {\"job\": \"cleanup\"}\n");
    /// ```
    pub fn run<R>(&self, f: impl FnOnce() -> R) -> R {
        let _guard = self.enter();
        f()
    }

    /// Wrap `future` so that this context is current while it is polled, on whichever thread
    /// polls it, and never outside (another task on the same thread does not see it).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::Context;
    ///
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new();
    /// logger.add(capture.clone()).format("{message} {extra}").install().unwrap();
    /// let task = Context::current().with(hlog::fields!(task = 7)).scope({
    ///     let logger = logger.clone();
    ///     async move { hlog::info!(logger, "polled") }
    /// });
    /// // Any executor; here one poll with a no-op waker.
    /// let mut task = std::pin::pin!(task);
    /// let _ = task.as_mut().poll(&mut std::task::Context::from_waker(std::task::Waker::noop()));
    /// assert_eq!(capture.text(), "polled {\"task\": 7}\n");
    /// ```
    pub fn scope<F: Future>(self, future: F) -> InContext<F> {
        InContext { context: self, future: Box::pin(future) }
    }
}

impl std::fmt::Debug for Context {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.fields()).finish()
    }
}

/// Keeps a [`Context`] current on this thread; dropping it puts the one before back. Not
/// `Send`: it belongs to the thread it was made on (in async code, wrap the future instead:
/// [`Context::scope`], [`FutureExt::in_context`]: a guard held across an `.await` would stay
/// current for whatever else the thread polls meanwhile). Guards are meant to end in the
/// reverse order they were made, as scopes do: each restores what was current when it was made.
#[must_use = "the context is current only while the guard lives"]
pub struct ContextGuard {
    previous: Option<Arc<OwnedFields>>,
    _not_send: PhantomData<*const ()>,
}

impl Drop for ContextGuard {
    fn drop(&mut self) {
        replace(self.previous.take());
    }
}

impl std::fmt::Debug for ContextGuard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ContextGuard").finish_non_exhaustive()
    }
}

/// A future with its own [`Context`], current while it is polled (made by [`Context::scope`]
/// and [`FutureExt::in_context`]).
#[must_use = "futures do nothing unless polled"]
pub struct InContext<F> {
    context: Context,
    // Boxed once when wrapped, so that no `unsafe` pin projection is needed.
    future: Pin<Box<F>>,
}

impl<F: Future> Future for InContext<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<F::Output> {
        let this = &mut *self;
        let _guard = this.context.enter();
        this.future.as_mut().poll(cx)
    }
}

impl<F> std::fmt::Debug for InContext<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InContext").field("context", &self.context).finish_non_exhaustive()
    }
}

/// Contextual fields for futures: `fut.in_context(fields)`.
///
/// # Examples
///
/// ```
/// use hlog::FutureExt as _;
/// let capture = hlog::sink::Capture::new();
/// let logger = hlog::Logger::new();
/// logger.add(capture.clone()).format("{message} {extra[task]}").install().unwrap();
/// let task = async { hlog::info!(logger, "polled") }.in_context([("task", 7.into())]);
/// // Any executor; a trivial one here.
/// let waker = std::task::Waker::noop();
/// let mut task = std::pin::pin!(task);
/// assert!(task.as_mut().poll(&mut std::task::Context::from_waker(&waker)).is_ready());
/// assert_eq!(capture.text(), "polled 7\n");
/// ```
pub trait FutureExt: Future + Sized {
    /// This future with the current thread's context plus `fields`, current whenever it is
    /// polled (and only then).
    fn in_context(
        self,
        fields: impl IntoIterator<Item = (&'static str, OwnedValue)>,
    ) -> InContext<Self> {
        Context::current().with(fields).scope(self)
    }

    /// This future with `context` current whenever it is polled.
    fn with_context(self, context: Context) -> InContext<Self> {
        context.scope(self)
    }
}

impl<F: Future> FutureExt for F {}

/// Run `f` with `fields` added to the current thread's context (the closure form of
/// `contextualize!`).
///
/// # Examples
///
/// ```
/// let capture = hlog::sink::Capture::new();
/// let logger = hlog::Logger::new();
/// logger.add(capture.clone()).format("{message} {extra}").install().unwrap();
/// let n = hlog::with_context([("job", 3.into())], || {
///     hlog::info!(logger, "working");
///     42
/// });
/// assert_eq!(n, 42);
/// assert_eq!(capture.text(), "working {\"job\": 3}\n");
/// ```
pub fn with_context<R>(
    fields: impl IntoIterator<Item = (&'static str, OwnedValue)>,
    f: impl FnOnce() -> R,
) -> R {
    Context::current().with(fields).run(f)
}
