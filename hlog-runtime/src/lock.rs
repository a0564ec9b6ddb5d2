//! Taking a lock with a deadline: the exit flush and `fork` must never wait forever for a
//! thread stuck while it holds one (or for a lock this very thread holds).

use std::sync::{Mutex, MutexGuard, RwLock, RwLockWriteGuard, TryLockError};
use std::time::{Duration, Instant};

/// `mutex`'s guard (poisoned or not), or `None` if it is still held at `deadline`.
pub(crate) fn lock_until<T: ?Sized>(
    mutex: &Mutex<T>,
    deadline: Instant,
) -> Option<MutexGuard<'_, T>> {
    retry_until(deadline, || match mutex.try_lock() {
        Ok(guard) => Some(Some(guard)),
        Err(TryLockError::Poisoned(poisoned)) => Some(Some(poisoned.into_inner())),
        Err(TryLockError::WouldBlock) => None,
    })
}

/// `lock`'s write guard (poisoned or not), or `None` if it is still held at `deadline`.
pub(crate) fn write_until<T: ?Sized>(
    lock: &RwLock<T>,
    deadline: Instant,
) -> Option<RwLockWriteGuard<'_, T>> {
    retry_until(deadline, || match lock.try_write() {
        Ok(guard) => Some(Some(guard)),
        Err(TryLockError::Poisoned(poisoned)) => Some(Some(poisoned.into_inner())),
        Err(TryLockError::WouldBlock) => None,
    })
}

/// Call `attempt` until it gives an answer or `deadline` passes: a write in progress usually
/// ends within microseconds, so the first retries only yield; then once a millisecond.
fn retry_until<G>(deadline: Instant, mut attempt: impl FnMut() -> Option<Option<G>>) -> Option<G> {
    for tries in 0u32.. {
        if let Some(answer) = attempt() {
            return answer;
        }
        if Instant::now() >= deadline {
            return None;
        }
        if tries < 64 {
            std::thread::yield_now();
        } else {
            std::thread::sleep(Duration::from_millis(1));
        }
    }
    None
}
