//! The time module's tests. The tables of the rendering internals (tokens, the per-second
//! cache, elapsed time, the local zone across threads) live here, next to the code, since the
//! renderers are crate-internal; what needs a process of its own (a counting global allocator,
//! setting `TZ`) stays in `tests/` and goes through the public API.

mod civil;
mod time_cache;
mod time_elapsed;
mod time_local;
mod time_tokens;

use super::*;

#[test]
fn now_matches_system_time() {
    for _ in 0..1000 {
        let before = Timestamp::from_system_time(SystemTime::now());
        let now = Timestamp::now();
        let after = Timestamp::from_system_time(SystemTime::now());
        assert!(now.nanos() < NANOS_PER_SEC);
        // The clock may step back between reads (NTP); allow a second either way.
        assert!(now.secs() >= before.secs() - 1 && now.secs() <= after.secs() + 1);
        if before.secs() == after.secs() && before <= after {
            assert!(before <= now && now <= after, "{before:?} {now:?} {after:?}");
        }
    }
}
