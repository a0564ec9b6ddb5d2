//! Problems the logger itself meets (a failing sink, an unknown level name): reported on stderr
//! once each, never as a panic, and logging carries on.

use std::collections::HashSet;
use std::fmt;
use std::io::Write;
use std::sync::{Mutex, MutexGuard};
use std::time::Instant;

/// The messages reported so far.
static SEEN: Mutex<Option<HashSet<String>>> = Mutex::new(None);

/// Print `hlog: <message>` on stderr, once per distinct message for the life of the program.
pub(crate) fn report_once(message: fmt::Arguments<'_>) {
    let text = message.to_string();
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    if seen.get_or_insert_with(HashSet::new).insert(text.clone()) {
        let _ = writeln!(std::io::stderr().lock(), "hlog: {text}");
    }
}

/// The reports' lock, held across a `fork` (see `logger.rs`), or `None` if it is still held
/// at `deadline`.
pub(crate) fn hold_for_fork(
    deadline: Instant,
) -> Option<MutexGuard<'static, Option<HashSet<String>>>> {
    crate::lock::lock_until(&SEEN, deadline)
}
