//! The response body: counts the bytes it produces, and writes the request's line when it
//! produces its last frame, fails, or is dropped before its end.

use std::fmt;
use std::pin::Pin;
use std::task::{Context as TaskContext, Poll};

use bytes::Buf as _;
use http_body::{Body, Frame, SizeHint};

use super::in_request;
use super::line::{Outcome, Pending};

pin_project_lite::pin_project! {
    /// The response body of an [`AccessLog`](super::AccessLog) service: the inner body, its
    /// data bytes counted as it produces them. The request's line is written when the body
    /// produces its last frame (the one after which it says it has ended, or that completes
    /// the length the response head gave), before hyper writes that frame, or when it fails;
    /// dropped before its end (the client went away), the line is written then, with the bytes
    /// produced so far and `[CANCELLED]` (`[PANICKED]` when a panic went through its poll).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::access_log::{AccessLogBody, AccessLogLayer};
    /// use tower::{Layer as _, ServiceExt as _};
    /// let inner = tower::service_fn(|_: http::Request<()>| async {
    ///     Ok::<_, std::convert::Infallible>(http::Response::new(String::from("hello")))
    /// });
    /// let service = AccessLogLayer::new().layer(inner);
    /// let mut response = std::pin::pin!(service.oneshot(http::Request::new(())));
    /// let waker = std::task::Waker::noop();
    /// let mut cx = std::task::Context::from_waker(&waker);
    /// let std::task::Poll::Ready(Ok(response)) = response.as_mut().poll(&mut cx) else {
    ///     unreachable!()
    /// };
    /// let body: AccessLogBody<String> = response.into_body();
    /// drop(body); // dropped unread: a line with status 200 and `[CANCELLED]`
    /// ```
    pub struct AccessLogBody<B> {
        #[pin]
        inner: B,
        pending: Option<Pending>,
    }

    impl<B> PinnedDrop for AccessLogBody<B> {
        fn drop(this: Pin<&mut Self>) {
            if let Some(pending) = this.project().pending.take() {
                pending.dropped();
            }
        }
    }
}

impl<B> AccessLogBody<B> {
    pub(super) fn new(inner: B, pending: Option<Pending>) -> Self {
        AccessLogBody { inner, pending }
    }

    /// A body whose request is not logged (an excluded path).
    pub(super) fn unlogged(inner: B) -> Self {
        AccessLogBody { inner, pending: None }
    }
}

impl<B> Body for AccessLogBody<B>
where
    B: Body,
    B::Error: fmt::Display,
{
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut TaskContext<'_>,
    ) -> Poll<Option<Result<Frame<B::Data>, B::Error>>> {
        let this = self.project();
        let Some(pending) = this.pending.as_mut() else {
            return this.inner.poll_frame(cx);
        };
        let mut inner = this.inner;
        let result = in_request(pending, || inner.as_mut().poll_frame(cx));
        let outcome = match &result {
            Poll::Pending => return result,
            Poll::Ready(Some(Ok(frame))) => {
                if let Some(data) = frame.data_ref() {
                    pending.bytes += data.remaining() as u64;
                }
                // A body that knows it has ended, or has produced the length the head says, is
                // not polled again (hyper drops it).
                let sent_all = pending.expected.is_some_and(|expected| pending.bytes >= expected);
                if !inner.is_end_stream() && !sent_all {
                    return result;
                }
                None
            }
            Poll::Ready(None) => None,
            Poll::Ready(Some(Err(error))) => Some(error),
        };
        if let Some(pending) = this.pending.take() {
            match outcome {
                Some(error) => pending.finish(Outcome::Failed(error)),
                None => pending.finish(Outcome::Complete),
            }
        }
        result
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

impl<B> fmt::Debug for AccessLogBody<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessLogBody")
            .field("logged", &self.pending.is_some())
            .finish_non_exhaustive()
    }
}
