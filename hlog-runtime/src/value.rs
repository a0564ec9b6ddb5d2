//! The values of a log call: the [`Value`] each argument becomes, and the conversions the
//! generated code calls to pick the cheapest one for each argument's type.

use std::borrow::Cow;
use std::fmt::{self, Display};
use std::sync::Arc;

/// The value of a structured field (a named argument of the log call).
///
/// # Examples
///
/// ```
/// use std::sync::{Arc, Mutex};
/// use hlog::Value;
///
/// let seen = Arc::new(Mutex::new(Vec::new()));
/// let store = seen.clone();
/// let logger = hlog::Logger::new();
/// let sink = hlog::sink::from_fn(move |_line, record| {
///     for (name, value) in record.fields() {
///         let kind = match value {
///             Value::Str(_) => "text",
///             Value::I64(_) | Value::U64(_) | Value::I128(_) | Value::U128(_) => "integer",
///             Value::F64(_) | Value::F32(_) => "float",
///             Value::Bool(_) => "bool",
///             _ => "other",
///         };
///         store.lock().unwrap().push(format!("{name}: {kind} {value}"));
///     }
/// });
/// logger.add(sink).install().unwrap();
/// let addr = std::net::Ipv4Addr::LOCALHOST;
/// hlog::info!(logger, "done", user = "alice", n = 3, ratio = 0.5, ok = true, addr);
/// assert_eq!(
///     *seen.lock().unwrap(),
///     ["user: text alice", "n: integer 3", "ratio: float 0.5", "ok: bool true", "addr: other 127.0.0.1"]
/// );
/// ```
#[derive(Clone, Copy)]
pub enum Value<'a> {
    /// Text.
    Str(&'a str),
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
    /// A single-precision float (kept apart so it prints as `f32`'s `Display` does).
    F32(f32),
    /// A boolean.
    Bool(bool),
    /// A character.
    Char(char),
    /// Anything else that is `Display`.
    Display(&'a dyn fmt::Display),
    /// A value written with `{x:?}`.
    Debug(&'a dyn fmt::Debug),
}

impl Value<'_> {
    /// True for values that JSON would show as numbers or booleans rather than strings.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::Value;
    ///
    /// assert!(Value::U64(3).is_scalar());
    /// assert!(Value::Bool(true).is_scalar());
    /// assert!(!Value::Str("3").is_scalar()); // a JSON string
    /// ```
    pub fn is_scalar(&self) -> bool {
        !matches!(self, Value::Str(_) | Value::Char(_) | Value::Display(_) | Value::Debug(_))
    }
}

impl fmt::Display for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Value::Str(s) => f.pad(s),
            Value::I64(v) => fmt::Display::fmt(&v, f),
            Value::U64(v) => fmt::Display::fmt(&v, f),
            Value::I128(v) => fmt::Display::fmt(&v, f),
            Value::U128(v) => fmt::Display::fmt(&v, f),
            Value::F64(v) => fmt::Display::fmt(&v, f),
            Value::F32(v) => fmt::Display::fmt(&v, f),
            Value::Bool(v) => fmt::Display::fmt(&v, f),
            Value::Char(v) => fmt::Display::fmt(&v, f),
            Value::Display(d) => fmt::Display::fmt(d, f),
            Value::Debug(d) => fmt::Debug::fmt(d, f),
        }
    }
}

impl fmt::Debug for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Str(s) => fmt::Debug::fmt(s, f),
            Value::Char(c) => fmt::Debug::fmt(c, f),
            other => fmt::Display::fmt(other, f),
        }
    }
}

/// An argument of a log call, wrapped so that method resolution picks the cheapest value:
/// the `Fast*` impls for known types by value, the `Display` fallback through one autoref.
#[doc(hidden)]
pub struct Arg<'a, T: ?Sized>(pub &'a T);

/// The fast path: integers, floats and text as typed values (written by itoa, zmij, a copy).
#[doc(hidden)]
pub trait FastArg<'a> {
    fn __hlog_value(&self) -> Value<'a>;
}

/// The fallback for every other type: its `Display`. The bound sits on the method, as a bound
/// on the argument's own type, so a non-`Display` argument fails with rustc's own "`Point`
/// doesn't implement `std::fmt::Display`" at the argument, naming the user's type and no
/// internal trait.
#[doc(hidden)]
pub trait DisplayFallback<'a, T: ?Sized> {
    fn __hlog_value(&self) -> Value<'a>
    where
        T: Display + Sized + 'a;
}

impl<'a, T: ?Sized> DisplayFallback<'a, T> for &Arg<'a, T> {
    #[inline]
    fn __hlog_value(&self) -> Value<'a>
    where
        T: Display + Sized + 'a,
    {
        Value::Display(self.0)
    }
}

macro_rules! fast_arg {
    ($($ty:ty => |$v:ident| $value:expr;)*) => {$(
        impl<'a> FastArg<'a> for Arg<'a, $ty> {
            #[inline]
            fn __hlog_value(&self) -> Value<'a> {
                let $v = self.0;
                $value
            }
        }
        impl<'a, 'b> FastArg<'a> for Arg<'a, &'b $ty> {
            #[inline]
            fn __hlog_value(&self) -> Value<'a> {
                let $v: &'a $ty = *self.0;
                $value
            }
        }
    )*};
}

macro_rules! fast_int {
    ($($ty:ty => $variant:ident),*) => {
        fast_arg! { $($ty => |v| Value::$variant((*v).into());)* }
    };
}

fast_int!(i8 => I64, i16 => I64, i32 => I64, i64 => I64, u8 => U64, u16 => U64, u32 => U64,
    u64 => U64, i128 => I128, u128 => U128);

fast_arg! {
    isize => |v| Value::I64(*v as i64);
    usize => |v| Value::U64(*v as u64);
    f64 => |v| Value::F64(*v);
    f32 => |v| Value::F32(*v);
    bool => |v| Value::Bool(*v);
    char => |v| Value::Char(*v);
    str => |v| Value::Str(v);
    String => |v| Value::Str(v);
    Cow<'_, str> => |v| Value::Str(v);
    Arc<str> => |v| Value::Str(v);
}

/// `{x:?}` arguments: written and recorded with `Debug`, with the bound on the argument's type
/// as for [`DisplayFallback`].
#[doc(hidden)]
pub trait DebugFallback<'a, T: ?Sized> {
    fn __hlog_debug_value(&self) -> Value<'a>
    where
        T: fmt::Debug + Sized + 'a;
}

impl<'a, T: ?Sized> DebugFallback<'a, T> for &Arg<'a, T> {
    #[inline]
    fn __hlog_debug_value(&self) -> Value<'a>
    where
        T: fmt::Debug + Sized + 'a,
    {
        Value::Debug(self.0)
    }
}
