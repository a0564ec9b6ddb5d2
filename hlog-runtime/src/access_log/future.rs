//! The response future: runs the inner service's future in the request's context, and hands
//! the line to the response body (or writes it when the service fails or the future is dropped).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context as TaskContext, Poll};

use http::Response;
use http_body::Body;

use super::body::AccessLogBody;
use super::in_request;
use super::line::{Outcome, Pending};
use crate::context::Context;

pin_project_lite::pin_project! {
    /// The future of an [`AccessLog`](super::AccessLog) service: the inner service's future,
    /// polled in the request's context. Dropped before it is ready (the client went away), it
    /// writes the request's line then, with status 499 and `[CANCELLED]` (or at ERROR,
    /// `[PANICKED]`, when a panic went through its poll, caught outside the layer or not).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::access_log::{AccessLogLayer, ResponseFuture};
    /// use tower::{Layer as _, Service as _};
    /// let inner = tower::service_fn(|_: http::Request<()>| async {
    ///     Ok::<_, std::convert::Infallible>(http::Response::new(String::new()))
    /// });
    /// let mut service = AccessLogLayer::new().layer(inner);
    /// let future: ResponseFuture<_> = service.call(http::Request::new(()));
    /// drop(future); // never polled: a line with status 499 and `[CANCELLED]`
    /// ```
    pub struct ResponseFuture<F> {
        #[pin]
        inner: F,
        pending: Option<Pending>,
    }

    impl<F> PinnedDrop for ResponseFuture<F> {
        fn drop(this: Pin<&mut Self>) {
            if let Some(pending) = this.project().pending.take() {
                pending.dropped();
            }
        }
    }
}

impl<F> ResponseFuture<F> {
    pub(super) fn new(inner: F, pending: Option<Pending>) -> Self {
        ResponseFuture { inner, pending }
    }
}

impl<F, B, E> Future for ResponseFuture<F>
where
    F: Future<Output = Result<Response<B>, E>>,
    B: Body,
    E: fmt::Display,
{
    type Output = Result<Response<AccessLogBody<B>>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let Some(pending) = this.pending.as_mut() else {
            return match this.inner.poll(cx) {
                Poll::Ready(result) => Poll::Ready(result.map(|r| r.map(AccessLogBody::unlogged))),
                Poll::Pending => Poll::Pending,
            };
        };
        if !pending.polled {
            pending.polled = true;
            // A context made current around the future (an outer layer's `in_context`) is the
            // request's, rather than the one current when `call` was made.
            let now = Context::current();
            if now.fields().next().is_some() {
                pending.scope = now;
            }
        }
        let inner = this.inner;
        let result = match in_request(pending, || inner.poll(cx)) {
            Poll::Ready(result) => result,
            Poll::Pending => return Poll::Pending,
        };
        let Some(mut pending) = this.pending.take() else { unreachable!() };
        Poll::Ready(match result {
            Ok(response) => {
                let (parts, body) = response.into_parts();
                pending.status = Some(parts.status);
                // The length hyper sends (and then stops polling the body, which may not say
                // it has ended): the body's exact size, else the `Content-Length` header.
                pending.expected = body.size_hint().exact().or_else(|| {
                    let length = parts.headers.get(http::header::CONTENT_LENGTH)?;
                    length.to_str().ok()?.parse().ok()
                });
                let pending = if body.is_end_stream()
                    || pending.expected == Some(0)
                    || pending.sends_no_body(parts.status)
                {
                    // No body to wait for (hyper will not poll it): the request ends here.
                    pending.finish(Outcome::Complete);
                    None
                } else {
                    Some(pending)
                };
                Ok(Response::from_parts(parts, AccessLogBody::new(body, pending)))
            }
            Err(error) => {
                pending.finish(Outcome::Failed(&error));
                Err(error)
            }
        })
    }
}

impl<F> fmt::Debug for ResponseFuture<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseFuture")
            .field("logged", &self.pending.is_some())
            .finish_non_exhaustive()
    }
}
