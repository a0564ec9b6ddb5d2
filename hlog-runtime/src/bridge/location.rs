//! Where a bridged record comes from, as hlog's records hold it: a `&'static Callsite` per
//! distinct (target, file, line), made once and kept for the life of the process, and field
//! names as `&'static str`.
//!
//! Why interned call sites rather than a location carried by the record: everything downstream
//! of a record already reads its location from its call site (`{name}`, `{file}`, `{line}` with
//! its decimal text made once, JSON's `template`), queued handlers carry the call site as an
//! address, and the logger caches module enable/disable in the call site's interest. An interned
//! call site per location gets all of that unchanged, and the cached interest makes a disabled
//! target cost one lookup. The number of distinct locations is the number of `log`/`tracing`
//! call sites in the program (their targets, files and lines are literals) unless a program makes
//! targets at run time; memory stays bounded by [`MAX_CALLSITES`] and [`MAX_NAME_BYTES`](crate::intern::MAX_NAME_BYTES): past
//! them, records keep their level, message and fields, and take the location
//! `hlog::bridge::other`.

use std::cell::Cell;
use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::sync::{LazyLock, RwLock};

use crate::callsite::Callsite;
pub(crate) use crate::intern::intern;

/// At most this many interned call sites (a `Callsite` is about 100 bytes).
pub(crate) const MAX_CALLSITES: usize = 16_384;

/// The function of a bridged record: neither `log` nor `tracing` records it.
pub(crate) const UNKNOWN_FUNCTION: &str = "<unknown>";

/// The call site of records past the bounds.
static OTHER: Callsite = Callsite::new("hlog::bridge::other", "<unknown>", 0, "", unknown);

fn unknown() -> &'static str {
    UNKNOWN_FUNCTION
}

/// Text that may already be `'static` (tracing's metadata, `log`'s static file) or not.
#[derive(Clone, Copy)]
pub(crate) enum Text<'a> {
    /// Kept as it is.
    Static(&'static str),
    /// Copied once, when first seen (`log`'s targets; tracing's texts are all `'static`).
    #[cfg_attr(not(feature = "log"), allow(dead_code))]
    Borrowed(&'a str),
}

impl Text<'_> {
    fn as_str(&self) -> &str {
        match *self {
            Text::Static(s) => s,
            Text::Borrowed(s) => s,
        }
    }

    fn to_static(self) -> Option<&'static str> {
        match self {
            Text::Static(s) => Some(s),
            Text::Borrowed(s) => intern(s),
        }
    }
}

struct Callsites {
    hasher: RandomState,
    /// By the hash of (target, file, line); the few that share a hash are told apart by their
    /// texts.
    by_hash: HashMap<u64, Vec<&'static Callsite>>,
    count: usize,
}

static CALLSITES: LazyLock<RwLock<Callsites>> = LazyLock::new(|| {
    RwLock::new(Callsites { hasher: RandomState::new(), by_hash: HashMap::new(), count: 0 })
});

/// How many call sites each thread remembers, by line and file address.
const RECENT: usize = 64;

thread_local! {
    /// The call sites this thread used last: a hit costs a few compares instead of hashing the
    /// texts and taking the map's lock. Each is checked against the location's texts, so an
    /// address reused for other text finds nothing.
    static RECENT_CALLSITES: [Cell<Option<&'static Callsite>>; RECENT] =
        const { [const { Cell::new(None) }; RECENT] };
}

/// The call site of records from `target` at `file:line`: made on first use, then the same one.
pub(crate) fn callsite(target: Text<'_>, file: Text<'_>, line: u32) -> &'static Callsite {
    let matches = |c: &Callsite| {
        c.line() == line && c.module() == target.as_str() && c.file() == file.as_str()
    };
    let slot = (line as usize ^ (file.as_str().as_ptr() as usize >> 3)) % RECENT;
    let recent = RECENT_CALLSITES.try_with(|recent| recent[slot].get()).ok().flatten();
    if let Some(found) = recent.filter(|c| matches(c)) {
        return found;
    }
    let found = shared(target, file, line, matches);
    let _ = RECENT_CALLSITES.try_with(|recent| recent[slot].set(Some(found)));
    found
}

/// [`callsite`] from the map every thread shares.
fn shared(
    target: Text<'_>,
    file: Text<'_>,
    line: u32,
    matches: impl Fn(&Callsite) -> bool,
) -> &'static Callsite {
    let hash = {
        let callsites = CALLSITES.read().unwrap_or_else(|e| e.into_inner());
        let hash = callsites.hasher.hash_one((target.as_str(), file.as_str(), line));
        if let Some(found) =
            callsites.by_hash.get(&hash).and_then(|v| v.iter().copied().find(|c| matches(c)))
        {
            return found;
        }
        hash
    };
    make(hash, target, file, line, matches)
}

#[cold]
fn make(
    hash: u64,
    target: Text<'_>,
    file: Text<'_>,
    line: u32,
    matches: impl Fn(&Callsite) -> bool,
) -> &'static Callsite {
    let mut callsites = CALLSITES.write().unwrap_or_else(|e| e.into_inner());
    if let Some(found) =
        callsites.by_hash.get(&hash).and_then(|v| v.iter().copied().find(|c| matches(c)))
    {
        return found;
    }
    if callsites.count >= MAX_CALLSITES {
        return &OTHER;
    }
    let (Some(target), Some(file)) = (target.to_static(), file.to_static()) else {
        return &OTHER;
    };
    let callsite: &'static Callsite =
        Box::leak(Box::new(Callsite::new(target, file, line, "", unknown)));
    callsites.by_hash.entry(hash).or_default().push(callsite);
    callsites.count += 1;
    callsite
}

#[cfg(test)]
mod tests {
    use super::{Text, callsite, intern};

    #[test]
    fn one_callsite_per_location() {
        let target = String::from("dep::db");
        let a = callsite(Text::Borrowed(&target), Text::Static("src/db.rs"), 7);
        let b = callsite(Text::Static("dep::db"), Text::Borrowed("src/db.rs"), 7);
        let c = callsite(Text::Static("dep::db"), Text::Static("src/db.rs"), 8);
        assert!(std::ptr::eq(a, b));
        assert!(!std::ptr::eq(a, c));
        assert_eq!(
            (a.module(), a.file(), a.line(), a.function()),
            ("dep::db", "src/db.rs", 7, "<unknown>")
        );
    }

    #[test]
    fn names_are_interned_once() {
        let a = intern(&String::from("user_id")).unwrap();
        let b = intern("user_id").unwrap();
        assert!(std::ptr::eq(a, b));
    }
}
