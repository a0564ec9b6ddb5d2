//! What a child process measures around a row's log calls, and the one line it prints.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Instant;

use crate::alloc;

/// Lines every row writes.
pub const LINES: u64 = 1_000_000;
/// Calls timed together: one `Instant` pair per burst, so the clock's own cost (~20 ns) is
/// spread over 20 calls.
pub const BURST: u64 = 20;
/// Bursts per run: every line of the run is in one.
pub const BURSTS: usize = (LINES / BURST) as usize;

/// The values every row logs: `User alice logged in from 10.0.0.1 (id=<i>, ms=3.14)`.
pub const USER: &str = "alice";
pub const IP: &str = "10.0.0.1";
#[allow(clippy::approx_constant)] // the value in the sample line, not π
pub const MS: f64 = 3.14;

/// The figures of one run of one row, as the child reports them.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    /// From the first call to the last line being in the file (flush / drain included).
    pub elapsed_ns: u64,
    /// Caller-thread latency per call (burst time / 20) at the 50th, 99th, 99.9th percentiles.
    pub p50: f64,
    pub p99: f64,
    pub p999: f64,
    /// Allocations by the calling thread during the timed calls, and by every thread from the
    /// first call until the end of the flush / drain. `None` where not measured (Python).
    pub allocs_caller: Option<u64>,
    pub allocs_all: Option<u64>,
    /// VmHWM at the end of the child, in KiB.
    pub hwm_kib: u64,
}

impl Outcome {
    /// The child's report: one line, `RESULT key=value ...`.
    pub fn to_line(&self) -> String {
        let mut s = format!(
            "RESULT elapsed_ns={} p50={:.1} p99={:.1} p999={:.1} hwm_kib={}",
            self.elapsed_ns, self.p50, self.p99, self.p999, self.hwm_kib
        );
        if let (Some(c), Some(a)) = (self.allocs_caller, self.allocs_all) {
            let _ = write!(s, " allocs_caller={c} allocs_all={a}");
        }
        s
    }

    /// Reads the line printed by `to_line` (or by `loguru_bench.py`) out of a child's stdout.
    pub fn parse(stdout: &str) -> Option<Outcome> {
        let line = stdout.lines().find(|l| l.starts_with("RESULT "))?;
        let mut out = Outcome::default();
        let mut seen = 0;
        for pair in line["RESULT ".len()..].split_whitespace() {
            let (k, v) = pair.split_once('=')?;
            match k {
                "elapsed_ns" => out.elapsed_ns = v.parse().ok()?,
                "p50" => out.p50 = v.parse().ok()?,
                "p99" => out.p99 = v.parse().ok()?,
                "p999" => out.p999 = v.parse().ok()?,
                "hwm_kib" => out.hwm_kib = v.parse().ok()?,
                "allocs_caller" => out.allocs_caller = Some(v.parse().ok()?),
                "allocs_all" => out.allocs_all = Some(v.parse().ok()?),
                _ => continue,
            }
            seen += 1;
        }
        (seen >= 5).then_some(out)
    }
}

/// Runs `call(i)` for i in 0..LINES in bursts of `BURST`, timing each burst, then `finish()`
/// (the flush, or the wait for a background thread to drain), and reports.
#[inline(always)]
pub fn drive<C: FnMut(u64)>(mut call: C, finish: impl FnOnce()) -> Outcome {
    let mut bursts: Vec<u64> = Vec::with_capacity(BURSTS);
    let caller0 = alloc::this_thread();
    let all0 = alloc::all_threads();
    let start = Instant::now();
    let mut i = 0u64;
    for _ in 0..BURSTS {
        let t = Instant::now();
        for _ in 0..BURST {
            call(black_box(i));
            i += 1;
        }
        bursts.push(t.elapsed().as_nanos() as u64);
    }
    let caller = alloc::this_thread() - caller0;
    // Whatever the calls own (a logger moved into the closure) goes before the drain.
    drop(call);
    finish();
    let elapsed_ns = start.elapsed().as_nanos() as u64;
    let all = alloc::all_threads() - all0;
    summarize(elapsed_ns, &mut bursts, Some(caller), Some(all))
}

/// Threads of the caller-latency mode's second column: 4 threads log at once.
pub const LATENCY_THREADS: usize = 4;

/// Like `drive`, but on `threads` threads at once (the caller-latency mode): thread `t` makes
/// the calls `t * LINES / threads ..` up to the next thread's first, in bursts of `BURST`, so
/// the run still writes every id once. The threads start together (a barrier); the time runs
/// from their start until every thread is done and `finish()` has returned. Every thread's
/// bursts go into one set of samples, and the caller-side allocations are the sum over the
/// threads. `threads == 1` is `drive` itself, on the calling thread.
pub fn drive_threads<C: Fn(u64) + Sync>(threads: usize, call: C, finish: impl FnOnce()) -> Outcome {
    if threads <= 1 {
        return drive(call, finish);
    }
    let per_thread = LINES / threads as u64;
    assert!(
        per_thread * threads as u64 == LINES && per_thread.is_multiple_of(BURST),
        "{threads} threads do not divide {LINES} lines into bursts of {BURST}"
    );
    let barrier = std::sync::Barrier::new(threads + 1);
    let all0 = alloc::all_threads();
    let (start, per) = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let (call, barrier) = (&call, &barrier);
                std::thread::Builder::new()
                    .name(format!("caller-{t}"))
                    .spawn_scoped(scope, move || {
                        let mut bursts: Vec<u64> =
                            Vec::with_capacity((per_thread / BURST) as usize);
                        barrier.wait();
                        let caller0 = alloc::this_thread();
                        let mut i = t as u64 * per_thread;
                        for _ in 0..per_thread / BURST {
                            let b = Instant::now();
                            for _ in 0..BURST {
                                call(black_box(i));
                                i += 1;
                            }
                            bursts.push(b.elapsed().as_nanos() as u64);
                        }
                        (bursts, alloc::this_thread() - caller0)
                    })
                    .expect("start a calling thread")
            })
            .collect();
        barrier.wait();
        let start = Instant::now();
        let per: Vec<(Vec<u64>, u64)> =
            handles.into_iter().map(|h| h.join().expect("a calling thread panicked")).collect();
        (start, per)
    });
    drop(call);
    finish();
    let elapsed_ns = start.elapsed().as_nanos() as u64;
    let all = alloc::all_threads() - all0;
    let caller = per.iter().map(|p| p.1).sum();
    let mut bursts: Vec<u64> = per.into_iter().flat_map(|p| p.0).collect();
    summarize(elapsed_ns, &mut bursts, Some(caller), Some(all))
}

fn summarize(
    elapsed_ns: u64,
    bursts: &mut [u64],
    caller: Option<u64>,
    all: Option<u64>,
) -> Outcome {
    bursts.sort_unstable();
    let pick = |q: f64| {
        let idx = ((bursts.len() as f64 * q) as usize).min(bursts.len() - 1);
        bursts[idx] as f64 / BURST as f64
    };
    Outcome {
        elapsed_ns,
        p50: pick(0.50),
        p99: pick(0.99),
        p999: pick(0.999),
        allocs_caller: caller,
        allocs_all: all,
        hwm_kib: vm_hwm_kib(),
    }
}

/// Peak resident set size of this process (`VmHWM` in /proc/self/status), in KiB.
pub fn vm_hwm_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Disabled calls: `call(i)` for i in 0..n, no bursts (a filtered call is ~1 ns, far below
/// the clock's resolution). Returns ns per call.
#[inline(always)]
pub fn drive_disabled(n: u64, mut call: impl FnMut(u64)) -> f64 {
    let start = Instant::now();
    for i in 0..n {
        call(black_box(i));
    }
    start.elapsed().as_nanos() as f64 / n as f64
}
