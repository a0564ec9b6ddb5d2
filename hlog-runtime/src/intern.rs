//! Names as the `&'static str` records carry, each distinct text made once and kept for the life
//! of the process: field names a configuration gives (`extra`, an access log's allowed headers:
//! few, always kept) and the targets, files and keys the bridges meet at run time (bounded by
//! [`MAX_NAME_BYTES`], since a program may make them without end).

use std::collections::HashSet;
use std::sync::RwLock;

/// At most this many bytes of names interned for the bridges ([`intern`]).
#[cfg(any(feature = "log", feature = "tracing"))]
pub(crate) const MAX_NAME_BYTES: usize = 1 << 20;

struct Names {
    set: HashSet<&'static str>,
    bytes: usize,
}

static NAMES: RwLock<Option<Names>> = RwLock::new(None);

/// `name` as a `&'static str`: the same one for the same text, made on first use. `None` past
/// [`MAX_NAME_BYTES`] of names.
#[cfg(any(feature = "log", feature = "tracing"))]
pub(crate) fn intern(name: &str) -> Option<&'static str> {
    within(name, MAX_NAME_BYTES)
}

/// `name` as a `&'static str`, made on first use and kept whatever the bound: for the few names
/// a configuration gives.
pub(crate) fn intern_configured(name: &str) -> &'static str {
    within(name, usize::MAX).expect("no bound")
}

fn within(name: &str, max_bytes: usize) -> Option<&'static str> {
    {
        let names = NAMES.read().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = names.as_ref().and_then(|n| n.set.get(name)) {
            return Some(found);
        }
    }
    let mut names = NAMES.write().unwrap_or_else(|e| e.into_inner());
    let names = names.get_or_insert_with(|| Names { set: HashSet::new(), bytes: 0 });
    if let Some(found) = names.set.get(name) {
        return Some(found);
    }
    if names.bytes.saturating_add(name.len()) > max_bytes {
        return None;
    }
    let name: &'static str = Box::leak(Box::from(name));
    names.set.insert(name);
    names.bytes += name.len();
    Some(name)
}

#[cfg(test)]
mod tests {
    use super::intern_configured;

    #[test]
    fn names_are_interned_once() {
        let a = intern_configured(&String::from("user_id"));
        let b = intern_configured("user_id");
        assert!(std::ptr::eq(a, b));
        assert_eq!(a, "user_id");
    }
}
