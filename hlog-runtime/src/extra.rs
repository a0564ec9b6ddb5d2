//! Fields that outlive a call: the [`OwnedValue`]s of bound and contextual fields, and
//! [`Extra`], the view over every field of a record with precedence applied.
//!
//! Precedence, highest first: fields a patch set, the call's own named arguments, contextual
//! fields (the innermost scope first), bound fields (the latest `bind` first), a
//! configuration's default fields. Each layer holds
//! a name once (bound and contextual fields are merged when they are made; a patch replaces
//! what it set before), so [`Extra`] only skips a field that a layer above also has.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use crate::value::{Arg, FastArg, Value};

/// The value of a bound or contextual field: owned, typed (numbers stay numbers), cheap to
/// clone (text is shared). Lent to records as a [`Value`].
///
/// Made from integers, floats, `bool`, `char` and text with `From`, and from anything else
/// that is `Display` with [`OwnedValue::display`] (rendered once, when the field is bound).
///
/// # Examples
///
/// ```
/// use hlog::{OwnedValue, Value};
/// let n = OwnedValue::from(42u16);
/// assert!(matches!(n.as_value(), Value::U64(42)));
/// let addr = OwnedValue::display(std::net::Ipv4Addr::LOCALHOST);
/// assert_eq!(addr.as_value().to_string(), "127.0.0.1");
/// ```
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub enum OwnedValue {
    /// Text.
    Str(Arc<str>),
    /// A signed integer.
    I64(i64),
    /// An unsigned integer.
    U64(u64),
    /// A wide signed integer.
    I128(i128),
    /// A wide unsigned integer.
    U128(u128),
    /// A float.
    F64(f64),
    /// A single-precision float.
    F32(f32),
    /// A boolean.
    Bool(bool),
    /// A character.
    Char(char),
}

impl OwnedValue {
    /// The value as a record lends it.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{OwnedValue, Value};
    ///
    /// let owned = OwnedValue::from(8080u16);
    /// assert!(matches!(owned.as_value(), Value::U64(8080)));
    /// ```
    #[inline]
    pub fn as_value(&self) -> Value<'_> {
        match self {
            OwnedValue::Str(s) => Value::Str(s),
            OwnedValue::I64(v) => Value::I64(*v),
            OwnedValue::U64(v) => Value::U64(*v),
            OwnedValue::I128(v) => Value::I128(*v),
            OwnedValue::U128(v) => Value::U128(*v),
            OwnedValue::F64(v) => Value::F64(*v),
            OwnedValue::F32(v) => Value::F32(*v),
            OwnedValue::Bool(v) => Value::Bool(*v),
            OwnedValue::Char(v) => Value::Char(*v),
        }
    }

    /// Any `Display` value, as its text (rendered now).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::OwnedValue;
    ///
    /// let addr = std::net::Ipv4Addr::LOCALHOST;
    /// assert_eq!(OwnedValue::display(addr), OwnedValue::from("127.0.0.1"));
    /// ```
    pub fn display(value: impl fmt::Display) -> Self {
        OwnedValue::Str(value.to_string().into())
    }

    /// A copy of a record's value (`Display`/`Debug` values as their text).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{OwnedValue, Value};
    ///
    /// assert_eq!(OwnedValue::from_value(Value::I64(-3)), OwnedValue::I64(-3));
    /// let addr = std::net::Ipv4Addr::LOCALHOST;
    /// assert_eq!(OwnedValue::from_value(Value::Display(&addr)), OwnedValue::from("127.0.0.1"));
    /// ```
    pub fn from_value(value: Value<'_>) -> Self {
        match value {
            Value::Str(s) => OwnedValue::Str(s.into()),
            Value::I64(v) => OwnedValue::I64(v),
            Value::U64(v) => OwnedValue::U64(v),
            Value::I128(v) => OwnedValue::I128(v),
            Value::U128(v) => OwnedValue::U128(v),
            Value::F64(v) => OwnedValue::F64(v),
            Value::F32(v) => OwnedValue::F32(v),
            Value::Bool(v) => OwnedValue::Bool(v),
            Value::Char(v) => OwnedValue::Char(v),
            Value::Display(d) => OwnedValue::display(d),
            Value::Debug(d) => OwnedValue::Str(format!("{d:?}").into()),
        }
    }
}

impl fmt::Debug for OwnedValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.as_value(), f)
    }
}

impl fmt::Display for OwnedValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.as_value(), f)
    }
}

macro_rules! owned_from {
    ($($ty:ty => |$v:ident| $value:expr;)*) => {$(
        impl From<$ty> for OwnedValue {
            #[inline]
            fn from($v: $ty) -> Self {
                $value
            }
        }
        impl From<&$ty> for OwnedValue {
            #[inline]
            fn from($v: &$ty) -> Self {
                let $v = $v.clone();
                $value
            }
        }
    )*};
}

owned_from! {
    i8 => |v| OwnedValue::I64(v.into());
    i16 => |v| OwnedValue::I64(v.into());
    i32 => |v| OwnedValue::I64(v.into());
    i64 => |v| OwnedValue::I64(v);
    isize => |v| OwnedValue::I64(v as i64);
    u8 => |v| OwnedValue::U64(v.into());
    u16 => |v| OwnedValue::U64(v.into());
    u32 => |v| OwnedValue::U64(v.into());
    u64 => |v| OwnedValue::U64(v);
    usize => |v| OwnedValue::U64(v as u64);
    i128 => |v| OwnedValue::I128(v);
    u128 => |v| OwnedValue::U128(v);
    f64 => |v| OwnedValue::F64(v);
    f32 => |v| OwnedValue::F32(v);
    bool => |v| OwnedValue::Bool(v);
    char => |v| OwnedValue::Char(v);
    String => |v| OwnedValue::Str(v.into());
    Arc<str> => |v| OwnedValue::Str(v);
}

impl From<&str> for OwnedValue {
    fn from(v: &str) -> Self {
        OwnedValue::Str(v.into())
    }
}

impl From<Cow<'_, str>> for OwnedValue {
    fn from(v: Cow<'_, str>) -> Self {
        OwnedValue::Str(v.into())
    }
}

/// Owned fields: what `bind` and contextual scopes hold, each name once.
pub(crate) type OwnedFields = [(&'static str, OwnedValue)];

/// `fields` (names given later win over earlier ones) over `base` (whose names they replace):
/// one list, each name once, the new fields first.
pub(crate) fn merge(
    fields: impl IntoIterator<Item = (&'static str, OwnedValue)>,
    base: &OwnedFields,
) -> Arc<OwnedFields> {
    let mut merged: Vec<(&'static str, OwnedValue)> = Vec::new();
    for (name, value) in fields {
        match merged.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => merged.push((name, value)),
        }
    }
    let kept: Vec<_> =
        base.iter().filter(|(name, _)| !merged.iter().any(|(n, _)| n == name)).cloned().collect();
    merged.extend(kept);
    merged.into()
}

/// One layer of a record's fields.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Layer {
    Patched,
    Call,
    Context,
    Bound,
    Defaults,
}

/// The layers by precedence, highest first: the one order every lookup follows.
const PRECEDENCE: [Layer; 5] =
    [Layer::Patched, Layer::Call, Layer::Context, Layer::Bound, Layer::Defaults];

/// The layers in the order [`Extra`] walks them: the call's own fields first, a patch's last.
const WALK: [Layer; 5] =
    [Layer::Call, Layer::Context, Layer::Bound, Layer::Defaults, Layer::Patched];

/// The layers of a record's fields.
#[derive(Clone, Copy)]
pub(crate) struct Layers<'r, 'a> {
    pub(crate) patched: &'r [(&'static str, Value<'a>)],
    pub(crate) call: &'r [(&'static str, Value<'a>)],
    pub(crate) context: &'r OwnedFields,
    pub(crate) bound: &'r OwnedFields,
    /// The logger's configured default fields (`Config::extra`), below every other layer.
    pub(crate) defaults: &'r OwnedFields,
}

impl<'r, 'a: 'r> Layers<'r, 'a> {
    /// Nothing but the call's fields.
    #[inline]
    pub(crate) fn only_call(&self) -> bool {
        self.patched.is_empty()
            && self.context.is_empty()
            && self.bound.is_empty()
            && self.defaults.is_empty()
    }

    /// The `index`th field of `layer`.
    fn field(&self, layer: Layer, index: usize) -> Option<(&'static str, Value<'r>)> {
        let borrowed = |fields: &'r [(&'static str, Value<'a>)]| fields.get(index).copied();
        let owned = |fields: &'r OwnedFields| fields.get(index).map(|(n, v)| (*n, v.as_value()));
        match layer {
            Layer::Patched => borrowed(self.patched),
            Layer::Call => borrowed(self.call),
            Layer::Context => owned(self.context),
            Layer::Bound => owned(self.bound),
            Layer::Defaults => owned(self.defaults),
        }
    }

    /// The value of `name` in `layer`.
    fn find(&self, layer: Layer, name: &str) -> Option<Value<'r>> {
        (0..).map_while(|i| self.field(layer, i)).find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// The value of `name` by precedence ([`PRECEDENCE`]).
    pub(crate) fn get(&self, name: &str) -> Option<Value<'r>> {
        PRECEDENCE.iter().find_map(|&layer| self.find(layer, name))
    }

    /// Whether a layer above `layer` has `name`.
    fn above(&self, layer: Layer, name: &str) -> bool {
        PRECEDENCE.iter().take_while(|&&l| l != layer).any(|&l| self.find(l, name).is_some())
    }
}

/// Every field of a record, each name once with the value that takes precedence (see
/// [`Record::extra`](crate::Record::extra)): in order, the call's own fields, then contextual
/// fields, then bound fields, then a configuration's default fields, then the fields a patch
/// added; a field a layer of higher precedence also has is skipped where it would come, and
/// shown where that layer comes (precedence: patched, call, contextual, bound, configured).
///
/// # Examples
///
/// ```
/// let capture = hlog::sink::Capture::new();
/// let root = hlog::Logger::new();
/// root.add(capture.clone())
///     .format("{message}")
///     .filter(|record| record.extra().any(|(name, _)| name == "user"))
///     .install()
///     .unwrap();
/// let child = root.bind([("user", "alice".into())]);
/// hlog::info!(root, "no user: filtered out");
/// hlog::info!(child, "bound user");
/// assert_eq!(capture.text(), "bound user\n");
/// ```
#[derive(Clone)]
pub struct Extra<'r, 'a> {
    layers: Layers<'r, 'a>,
    /// The layer being walked, as a position in [`WALK`].
    step: usize,
    index: usize,
}

impl<'r, 'a> Extra<'r, 'a> {
    pub(crate) fn new(layers: Layers<'r, 'a>) -> Self {
        Extra { layers, step: 0, index: 0 }
    }

    /// How many fields the view yields (each name once). Walks the layers.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    ///
    /// let seen = Arc::new(Mutex::new(Vec::new()));
    /// let store = seen.clone();
    /// let logger = hlog::Logger::new();
    /// logger.add(hlog::sink::from_fn(move |_line, record| store.lock().unwrap().push(record.extra().len()))).install().unwrap();
    /// let child = hlog::bind!(logger; app = "shop", user = "bound");
    /// hlog::info!(child, "one field shadows another", user = "call");
    /// hlog::info!(logger, "no field");
    /// assert_eq!(*seen.lock().unwrap(), [2, 0]);
    /// ```
    pub fn len(&self) -> usize {
        self.clone().count()
    }

    /// True if the record has no field at all.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    ///
    /// let seen = Arc::new(Mutex::new(Vec::new()));
    /// let store = seen.clone();
    /// let logger = hlog::Logger::new();
    /// logger.add(hlog::sink::from_fn(move |_line, record| store.lock().unwrap().push(record.extra().is_empty()))).install().unwrap();
    /// let child = hlog::bind!(logger; app = "shop", user = "bound");
    /// hlog::info!(child, "one field shadows another", user = "call");
    /// hlog::info!(logger, "no field");
    /// assert_eq!(*seen.lock().unwrap(), [false, true]);
    /// ```
    pub fn is_empty(&self) -> bool {
        self.clone().next().is_none()
    }
}

#[cfg(feature = "opentelemetry")]
impl<'r, 'a: 'r> Extra<'r, 'a> {
    /// The shared text of the field `next` returned last, when it is a bound, contextual or
    /// configured text field (an [`OwnedValue::Str`]): a sink that keeps text can share it
    /// instead of copying it.
    pub(crate) fn last_shared_text(&self) -> Option<&'r Arc<str>> {
        let owned = match *WALK.get(self.step)? {
            Layer::Context => self.layers.context,
            Layer::Bound => self.layers.bound,
            Layer::Defaults => self.layers.defaults,
            Layer::Call | Layer::Patched => return None,
        };
        match owned.get(self.index.checked_sub(1)?) {
            Some((_, OwnedValue::Str(text))) => Some(text),
            _ => None,
        }
    }
}

impl<'r, 'a: 'r> Iterator for Extra<'r, 'a> {
    type Item = (&'static str, Value<'r>);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let layer = *WALK.get(self.step)?;
            match self.layers.field(layer, self.index) {
                Some((name, value)) => {
                    self.index += 1;
                    if !self.layers.above(layer, name) {
                        return Some((name, value));
                    }
                }
                None => {
                    self.step += 1;
                    self.index = 0;
                }
            }
        }
    }
}

macro_rules! value_from {
    ($($ty:ty => |$v:ident| $value:expr;)*) => {$(
        impl From<$ty> for Value<'_> {
            #[inline]
            fn from($v: $ty) -> Self {
                $value
            }
        }
    )*};
}

// For values a patch sets (`patch.set("elapsed_ms", ms.into())`).
value_from! {
    i8 => |v| Value::I64(v.into());
    i16 => |v| Value::I64(v.into());
    i32 => |v| Value::I64(v.into());
    i64 => |v| Value::I64(v);
    isize => |v| Value::I64(v as i64);
    u8 => |v| Value::U64(v.into());
    u16 => |v| Value::U64(v.into());
    u32 => |v| Value::U64(v.into());
    u64 => |v| Value::U64(v);
    usize => |v| Value::U64(v as u64);
    i128 => |v| Value::I128(v);
    u128 => |v| Value::U128(v);
    f64 => |v| Value::F64(v);
    f32 => |v| Value::F32(v);
    bool => |v| Value::Bool(v);
    char => |v| Value::Char(v);
}

impl<'a> From<&'a str> for Value<'a> {
    #[inline]
    fn from(v: &'a str) -> Self {
        Value::Str(v)
    }
}

/// An `OwnedValue` given to `hlog::fields!` (or logged) keeps its type, through the same
/// argument conversion every value of a log call takes.
impl<'a> FastArg<'a> for Arg<'a, OwnedValue> {
    #[inline]
    fn __hlog_value(&self) -> Value<'a> {
        self.0.as_value()
    }
}

#[cfg(all(test, feature = "opentelemetry"))]
mod tests {
    use super::*;

    #[test]
    fn last_shared_text_is_the_text_of_the_field_just_walked() {
        let text = |s: &str| -> Arc<str> { s.into() };
        let (host, user, shadowed, region, app) =
            (text("db-1"), text("alice"), text("bob"), text("eu"), text("shop"));
        let patched = [("tag", Value::Str("patched"))];
        let call = [("n", Value::I64(1)), ("s", Value::Str("call"))];
        // Two text fields side by side, then a number.
        let context = [
            ("host", OwnedValue::Str(host.clone())),
            ("user", OwnedValue::Str(user.clone())),
            ("count", OwnedValue::I64(3)),
        ];
        // `user` is shadowed by the context's: skipped, and `region` follows.
        let bound = [
            ("user", OwnedValue::Str(shadowed.clone())),
            ("region", OwnedValue::Str(region.clone())),
        ];
        let defaults = [("app", OwnedValue::Str(app.clone()))];
        let layers = Layers {
            patched: &patched,
            call: &call,
            context: &context,
            bound: &bound,
            defaults: &defaults,
        };
        let mut extra = Extra::new(layers);
        assert!(extra.last_shared_text().is_none());
        let mut walked = Vec::new();
        while let Some((name, _)) = extra.next() {
            walked.push((name, extra.last_shared_text().cloned()));
        }
        let expected = [
            ("n", None),
            ("s", None),
            ("host", Some(&host)),
            ("user", Some(&user)),
            ("count", None),
            ("region", Some(&region)),
            ("app", Some(&app)),
            ("tag", None),
        ];
        assert_eq!(
            walked.len(),
            expected.len(),
            "{:?}",
            walked.iter().map(|w| w.0).collect::<Vec<_>>()
        );
        for ((name, shared), (expected_name, source)) in walked.iter().zip(expected) {
            assert_eq!(*name, expected_name);
            match (shared, source) {
                (None, None) => {}
                (Some(shared), Some(source)) => assert!(Arc::ptr_eq(shared, source), "{name}"),
                _ => panic!("{name}: {shared:?}, expected {source:?}"),
            }
        }
        assert!(
            !walked
                .iter()
                .any(|(_, shared)| shared.as_ref().is_some_and(|s| Arc::ptr_eq(s, &shadowed)))
        );
    }
}
