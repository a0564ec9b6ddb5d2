//! One thread's ring: a bounded single-producer, single-consumer queue of variable-size
//! entries, each contiguous in memory so the writer can borrow it whole.
//!
//! Positions are byte counts since the ring was made (they only grow): the producer publishes
//! `tail`, the consumer releases `head`, and `tail - head` bytes are in use. An entry is a
//! 4-byte length, then its bytes, padded to a multiple of 8; an entry that would cross the end
//! of the buffer starts at the beginning instead, behind a [`SKIP`] length that fills the rest.
//! Because the buffer and every entry are multiples of 8, the space left before the end is 0 or
//! at least 8: a length always fits.

use std::ptr::NonNull;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::thread::ThreadInfo;

/// The length of an entry that is not one: the rest of the buffer is unused.
const SKIP: u32 = u32::MAX;

/// Bytes of an entry's length field.
const LEN: usize = 4;

/// A position's own cache line, so the producer's and the consumer's stores do not make each
/// other's caches miss.
#[repr(align(128))]
struct Padded(AtomicUsize);

/// What [`Ring::push`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pushed {
    /// Published.
    Done,
    /// No room now; the writer must drain first.
    Full,
    /// The entry is larger than the whole ring: it can never go in.
    TooBig,
}

/// The ring's bytes, owned through a raw pointer: both threads write and read them through it
/// (never through a `&[u8]` or `&mut [u8]` held across the other's accesses). Allocated zeroed,
/// so the system maps its pages only as the ring first reaches them: a thread that logs little
/// costs little memory.
struct Bytes {
    ptr: NonNull<u8>,
    len: usize,
}

impl Bytes {
    fn zeroed(len: usize) -> Bytes {
        let boxed: Box<[u8]> = vec![0u8; len].into_boxed_slice();
        let len = boxed.len();
        let ptr = NonNull::new(Box::into_raw(boxed).cast::<u8>()).unwrap_or(NonNull::dangling());
        Bytes { ptr, len }
    }
}

impl Drop for Bytes {
    fn drop(&mut self) {
        // SAFETY: `ptr` and `len` are those of the boxed slice `zeroed` leaked, freed once here.
        unsafe {
            drop(Box::from_raw(std::ptr::slice_from_raw_parts_mut(self.ptr.as_ptr(), self.len)));
        }
    }
}

pub(crate) struct Ring {
    buf: Bytes,
    /// Released by the consumer: bytes before it may be written again.
    head: Padded,
    /// Published by the producer: bytes before it hold whole entries.
    tail: Padded,
    /// The producing thread has exited: once drained, the ring is dropped from the writer's list.
    closed: AtomicBool,
    /// The thread that logs through this ring, for `{thread}` and `{thread.id}`.
    thread: ThreadInfo,
}

// SAFETY: `Bytes` owns its allocation (freed once, by whichever thread drops the last `Arc`).
unsafe impl Send for Ring {}

// SAFETY: the buffer's bytes are shared between exactly two threads under the protocol above:
// the producer writes only bytes in `tail .. head + capacity` (not yet published, already
// released), the consumer reads only bytes in `head .. tail` (published, not yet released), and
// the Release store of a position followed by the other side's Acquire load of it orders each
// side's accesses before the other's. `push` is called by the owning thread only (the ring is
// reached for pushing through that thread's thread-local producer), and the reading methods by
// the one writer thread that owns the logger's cursors (or a thread that took its place while
// it does not run, as after `fork`).
unsafe impl Sync for Ring {}

impl Ring {
    /// A ring of at least `capacity` bytes (rounded up to a multiple of 8), for `thread`.
    pub(crate) fn new(capacity: usize, thread: ThreadInfo) -> Ring {
        let capacity = capacity.max(64).next_multiple_of(8);
        Ring {
            buf: Bytes::zeroed(capacity),
            head: Padded(AtomicUsize::new(0)),
            tail: Padded(AtomicUsize::new(0)),
            closed: AtomicBool::new(false),
            thread,
        }
    }

    pub(crate) fn capacity(&self) -> usize {
        self.buf.len
    }

    pub(crate) fn thread(&self) -> &ThreadInfo {
        &self.thread
    }

    /// Publish one entry. Producer only. `cached_head` is the producer's last view of `head`,
    /// refreshed only when the ring looks full (the consumer's line is not read per push).
    #[cfg(test)]
    pub(crate) fn push(&self, entry: &[u8], cached_head: &mut usize) -> Pushed {
        self.push_with(entry.len(), cached_head, |out| out.copy_from_slice(entry))
    }

    /// Publish one entry of `len` bytes, written in place by `write`. Producer only.
    /// `cached_head` is the producer's last view of `head`, refreshed only when the ring looks
    /// full (the consumer's line is not read per push).
    #[inline]
    pub(crate) fn push_with(
        &self,
        len: usize,
        cached_head: &mut usize,
        write: impl FnOnce(&mut [u8]),
    ) -> Pushed {
        let capacity = self.capacity();
        let size = (LEN + len).next_multiple_of(8);
        if size > capacity || len >= SKIP as usize {
            return Pushed::TooBig;
        }
        let tail = self.tail.0.load(Ordering::Relaxed);
        let at = tail % capacity;
        let before_end = capacity - at;
        let needed = if size <= before_end { size } else { before_end + size };
        if tail + needed - *cached_head > capacity {
            *cached_head = self.head.0.load(Ordering::Acquire);
            if tail + needed - *cached_head > capacity {
                return Pushed::Full;
            }
        }
        let start = if size <= before_end {
            at
        } else {
            self.free(at, LEN).copy_from_slice(&SKIP.to_ne_bytes());
            0
        };
        self.free(start, LEN).copy_from_slice(&(len as u32).to_ne_bytes());
        write(self.free(start + LEN, len));
        self.tail.0.store(tail + needed, Ordering::Release);
        Pushed::Done
    }

    /// The producer's free bytes `at..at + len` (inside the buffer), to write.
    #[allow(clippy::mut_from_ref)] // the producer's exclusive region, see below
    fn free(&self, at: usize, len: usize) -> &mut [u8] {
        let end = at + len;
        assert!(end <= self.buf.len, "ring write out of bounds");
        // SAFETY: `at..end` lies inside the buffer (asserted) and inside the producer's free
        // space (`push_with` asks only for bytes between `tail` and the `head + capacity` it
        // checked), which the consumer does not read until the Release store of `tail`
        // publishes it, and which no other borrow covers: the one producer thread takes
        // disjoint regions, one at a time, and each borrow ends before `tail` is published.
        unsafe { std::slice::from_raw_parts_mut(self.buf.ptr.as_ptr().add(at), len) }
    }

    /// The published end: entries before it may be read. Consumer only.
    pub(crate) fn published(&self) -> usize {
        self.tail.0.load(Ordering::Acquire)
    }

    /// The released position. Anyone (the producer waits for it to drain).
    pub(crate) fn released(&self) -> usize {
        self.head.0.load(Ordering::Acquire)
    }

    /// The entry at `position` (below [`Ring::published`], at or after `head`) and the position
    /// after it. Consumer only; the bytes stay valid until `release` passes them.
    pub(crate) fn entry(&self, position: usize) -> (&[u8], usize) {
        let capacity = self.capacity();
        let mut position = position;
        let mut at = position % capacity;
        let mut len = u32::from_ne_bytes(self.read(at, LEN).try_into().unwrap_or([0; 4]));
        if len == SKIP {
            position += capacity - at;
            at = 0;
            len = u32::from_ne_bytes(self.read(0, LEN).try_into().unwrap_or([0; 4]));
        }
        let len = len as usize;
        let next = position + (LEN + len).next_multiple_of(8);
        (self.read(at + LEN, len), next)
    }

    /// The published bytes `at..at + len`.
    fn read(&self, at: usize, len: usize) -> &[u8] {
        let end = (at + len).min(self.buf.len);
        let at = at.min(end);
        // SAFETY: `at..end` lies inside the buffer (clamped). Callers read only published,
        // unreleased bytes (`head..tail`), which the producer does not write until `release`
        // moves `head` past them; the Acquire load of `tail` in `published` made the producer's
        // writes of them visible. The borrow is tied to `&self`; the consumer releases an entry
        // only after it is done with it (the writer renders a record, then releases it).
        unsafe { std::slice::from_raw_parts(self.buf.ptr.as_ptr().add(at), end - at) }
    }

    /// Give the bytes before `position` back to the producer. Consumer only.
    pub(crate) fn release(&self, position: usize) {
        self.head.0.store(position, Ordering::Release);
    }

    /// Drop everything queued (in a child process after `fork`: the parent writes it).
    pub(crate) fn discard(&self) {
        self.release(self.published());
    }

    /// Nothing queued.
    pub(crate) fn is_empty(&self) -> bool {
        self.released() == self.published()
    }

    /// The producing thread exited.
    pub(crate) fn close(&self) {
        self.closed.store(true, Ordering::Release);
    }

    pub(crate) fn is_closed(&self) -> bool {
        self.closed.load(Ordering::Acquire)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::{Pushed, Ring};
    use crate::thread::ThreadInfo;

    fn drain(ring: &Ring, out: &mut Vec<Vec<u8>>) {
        let end = ring.published();
        let mut position = ring.released();
        while position < end {
            let (entry, next) = ring.entry(position);
            out.push(entry.to_vec());
            position = next;
        }
        ring.release(position);
    }

    #[test]
    fn entries_of_every_size_come_out_whole_across_the_wrap() {
        let ring = Ring::new(256, ThreadInfo::current());
        let mut cached = 0;
        let mut out = Vec::new();
        let mut expected = Vec::new();
        for round in 0..if cfg!(miri) { 300 } else { 2_000usize } {
            let len = (round * 7) % 120;
            let entry: Vec<u8> = (0..len).map(|i| (i + round) as u8).collect();
            while ring.push(&entry, &mut cached) == Pushed::Full {
                drain(&ring, &mut out);
            }
            expected.push(entry);
        }
        drain(&ring, &mut out);
        assert_eq!(out, expected);
        assert!(ring.is_empty());
    }

    #[test]
    fn an_entry_larger_than_the_ring_is_refused_and_a_full_ring_says_so() {
        let ring = Ring::new(64, ThreadInfo::current());
        let mut cached = 0;
        assert_eq!(ring.push(&[0; 61], &mut cached), Pushed::TooBig);
        assert_eq!(ring.push(&[1; 60], &mut cached), Pushed::Done);
        assert_eq!(ring.push(&[2; 1], &mut cached), Pushed::Full);
        let mut out = Vec::new();
        drain(&ring, &mut out);
        assert_eq!(out, vec![vec![1; 60]]);
        assert_eq!(ring.push(&[2; 1], &mut cached), Pushed::Done);
    }

    /// One producer and one consumer thread: every entry arrives once, whole, in order.
    #[test]
    fn two_threads_pass_every_entry_once_in_order() {
        let ring = Arc::new(Ring::new(1024, ThreadInfo::current()));
        const N: u32 = if cfg!(miri) { 2_000 } else { 200_000 };
        let consumer = {
            let ring = Arc::clone(&ring);
            std::thread::spawn(move || {
                let mut next = 0u32;
                while next < N {
                    let end = ring.published();
                    let mut position = ring.released();
                    while position < end {
                        let (entry, after) = ring.entry(position);
                        let n = u32::from_ne_bytes(entry[..4].try_into().unwrap());
                        assert_eq!(n, next);
                        assert!(entry[4..].iter().all(|&b| b == n as u8), "torn entry {n}");
                        next += 1;
                        position = after;
                    }
                    ring.release(position);
                    std::hint::spin_loop();
                }
            })
        };
        let mut cached = 0;
        for n in 0..N {
            let mut entry = n.to_ne_bytes().to_vec();
            entry.resize(4 + (n as usize % 50), n as u8);
            while ring.push(&entry, &mut cached) == Pushed::Full {
                std::thread::yield_now();
            }
        }
        consumer.join().unwrap();
        assert!(ring.is_empty());
    }
}
