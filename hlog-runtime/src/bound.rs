//! What a child logger adds to its parent's records: bound fields (loguru's `bind`) and patches
//! (loguru's `patch`). The child shares its parent's handlers; this layer is all it owns.

use std::sync::Arc;

use crate::extra::{OwnedFields, OwnedValue, merge};
use crate::record::Record;
use crate::value::Value;

/// A patch: a closure run on every record a patched logger logs (see `Logger::patch`).
pub(crate) type PatchFn = dyn Fn(&mut Patch<'_, '_>) + Send + Sync;

/// The bound fields and patches of a child logger.
pub(crate) struct Bound {
    pub(crate) fields: Arc<OwnedFields>,
    pub(crate) patches: Arc<[Arc<PatchFn>]>,
}

impl Bound {
    /// `parent`'s layer (if any) with `fields` bound over it.
    pub(crate) fn bind(
        parent: Option<&Bound>,
        fields: impl IntoIterator<Item = (&'static str, OwnedValue)>,
    ) -> Bound {
        let base: &OwnedFields = parent.map_or(&[], |p| &p.fields);
        Bound {
            fields: merge(fields, base),
            patches: parent.map_or_else(|| Arc::from([]), |p| p.patches.clone()),
        }
    }

    /// `parent`'s layer (if any) with `patch` run after its patches.
    pub(crate) fn patch(parent: Option<&Bound>, patch: Arc<PatchFn>) -> Bound {
        let mut patches: Vec<Arc<PatchFn>> = parent.map_or_else(Vec::new, |p| p.patches.to_vec());
        patches.push(patch);
        Bound {
            fields: parent.map_or_else(|| Arc::from([]), |p| p.fields.clone()),
            patches: patches.into(),
        }
    }
}

/// How many fields the patches of one logger may set on a record; more are left out (and
/// [`Patch::set`] says so).
pub const MAX_PATCHED_FIELDS: usize = 8;

/// What a patch closure receives: the record as logged (its message, level, time, and every
/// field so far) and room for the fields it adds or changes.
///
/// Fields set here take precedence over every other field of the same name (the call's own,
/// contextual, bound). Values are `Value<'static>`: numbers, `bool`, `char`, `&'static str`
/// (`From` conversions make them). Setting a field stores it in a fixed array on the stack:
/// patching allocates nothing.
///
/// # Examples
///
/// ```
/// let capture = hlog::sink::Capture::new();
/// let logger = hlog::Logger::new();
/// logger.add(capture.clone()).format("{message} {extra}").install().unwrap();
/// let patched = logger.patch(|patch| {
///     let doubled = match patch.get("n") {
///         Some(hlog::Value::I64(n)) => n * 2,
///         _ => 0,
///     };
///     patch.set("doubled", doubled.into());
///     patch.set("service", "billing".into());
/// });
/// hlog::info!(patched, "go", n = 21);
/// assert_eq!(capture.text(), "go {\"n\": 21, \"doubled\": 42, \"service\": \"billing\"}\n");
/// ```
pub struct Patch<'p, 'a> {
    record: &'p Record<'a>,
    fields: [(&'static str, Value<'static>); MAX_PATCHED_FIELDS],
    len: usize,
}

impl<'p, 'a> Patch<'p, 'a> {
    pub(crate) fn new(record: &'p Record<'a>) -> Self {
        Patch { record, fields: [("", Value::Bool(false)); MAX_PATCHED_FIELDS], len: 0 }
    }

    /// The record as logged, without what patches set (see [`Patch::get`] for that).
    ///
    /// # Examples
    ///
    /// ```
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new();
    /// logger.add(capture.clone()).format("{message} {extra}").install().unwrap();
    /// let tagged = logger.patch(|patch| {
    ///     let level = patch.record().level().name();
    ///     patch.set("loud", (level == "ERROR").into());
    /// });
    /// hlog::error!(tagged, "failed");
    /// assert_eq!(capture.text(), "failed {\"loud\": true}\n");
    /// ```
    pub fn record(&self) -> &Record<'a> {
        self.record
    }

    /// A field by name: one a patch set, else the record's (see `Record::field`).
    ///
    /// # Examples
    ///
    /// ```
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new();
    /// logger.add(capture.clone()).format("{message} {extra}").install().unwrap();
    /// let doubled = logger.patch(|patch| {
    ///     if let Some(hlog::Value::I64(n)) = patch.get("n") {
    ///         patch.set("twice", (n * 2).into());
    ///     }
    /// });
    /// hlog::info!(doubled, "counted", n = 21);
    /// assert_eq!(capture.text(), "counted {\"n\": 21, \"twice\": 42}\n");
    /// ```
    pub fn get(&self, name: &str) -> Option<Value<'_>> {
        match self.set_fields().iter().find(|(n, _)| *n == name) {
            Some((_, value)) => Some(*value),
            None => self.record.field(name),
        }
    }

    /// Add the field `name`, or change it (over the record's value, or what an earlier patch
    /// set). False if [`MAX_PATCHED_FIELDS`] different names are set already (then nothing is).
    ///
    /// # Examples
    ///
    /// ```
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new();
    /// logger.add(capture.clone()).format("{message} {extra}").install().unwrap();
    /// let stamped = logger.patch(|patch| {
    ///     assert!(patch.set("host", "web-1".into()));
    ///     assert!(patch.set("host", "web-2".into())); // changed, still one field
    /// });
    /// hlog::info!(stamped, "served");
    /// assert_eq!(capture.text(), "served {\"host\": \"web-2\"}\n");
    /// ```
    pub fn set(&mut self, name: &'static str, value: Value<'static>) -> bool {
        if let Some(slot) = self.fields[..self.len].iter_mut().find(|(n, _)| *n == name) {
            slot.1 = value;
            return true;
        }
        match self.fields.get_mut(self.len) {
            Some(slot) => {
                *slot = (name, value);
                self.len += 1;
                true
            }
            None => false,
        }
    }

    /// The fields set so far.
    pub(crate) fn set_fields(&self) -> &[(&'static str, Value<'static>)] {
        &self.fields[..self.len]
    }

    /// The fields set, in a fixed array, and how many there are.
    pub(crate) fn into_fields(
        self,
    ) -> ([(&'static str, Value<'static>); MAX_PATCHED_FIELDS], usize) {
        (self.fields, self.len)
    }
}

impl std::fmt::Debug for Patch<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Patch").field("set", &self.set_fields()).finish_non_exhaustive()
    }
}
