//! What the macros' generated code calls. Not a stable API: names and signatures here change
//! without notice.

pub use crate::callsite::Callsite;
pub use crate::format::Format;
pub use crate::format::compiled as fmt;
pub use crate::level::{Level, NamedLevel};
pub use crate::logger::{Logger, logger};
pub use crate::record::{Message, Piece, Record, Template, Value};
pub use crate::time::Zone;
pub use crate::write::{Arg, DisplayArg, DisplayFallback, FastArg, Out};

/// The lowest level number that compile-time features let through (`max_level_*`, and
/// `release_max_level_*` in builds without debug assertions).
pub const STATIC_MIN_LEVEL: u32 = static_min_level();

const fn static_min_level() -> u32 {
    const OFF: u32 = u32::MAX;
    if cfg!(feature = "max_level_off") {
        return OFF;
    }
    if !cfg!(debug_assertions) {
        if cfg!(feature = "release_max_level_off") {
            return OFF;
        } else if cfg!(feature = "release_max_level_error") {
            return Level::ERROR.no();
        } else if cfg!(feature = "release_max_level_warning") {
            return Level::WARNING.no();
        } else if cfg!(feature = "release_max_level_info") {
            return Level::INFO.no();
        } else if cfg!(feature = "release_max_level_debug") {
            return Level::DEBUG.no();
        }
    }
    if cfg!(feature = "max_level_error") {
        Level::ERROR.no()
    } else if cfg!(feature = "max_level_warning") {
        Level::WARNING.no()
    } else if cfg!(feature = "max_level_info") {
        Level::INFO.no()
    } else if cfg!(feature = "max_level_debug") {
        Level::DEBUG.no()
    } else {
        0
    }
}

/// The gate of a call through the global logger.
#[inline(always)]
#[allow(clippy::absurd_extreme_comparisons)] // the ceiling is 0 unless a feature sets it
pub fn enabled_global(callsite: &'static Callsite, level_no: u32) -> bool {
    level_no >= STATIC_MIN_LEVEL && crate::logger::enabled_global(callsite, level_no)
}

/// The gate of a call through a given logger.
#[inline(always)]
#[allow(clippy::absurd_extreme_comparisons)] // the ceiling is 0 unless a feature sets it
pub fn enabled(logger: &Logger, callsite: &'static Callsite, level_no: u32) -> bool {
    level_no >= STATIC_MIN_LEVEL && logger.enabled(callsite, level_no)
}

/// Build the record and hand it to the logger's handlers. Out of line, so a call site stays
/// small: it passes its `static` call site and one array of values.
#[inline(never)]
pub fn dispatch(
    logger: &Logger,
    callsite: &'static Callsite,
    level: &Level,
    values: &[(&'static str, Value<'_>)],
) {
    let (message, fields) = callsite.message(values);
    logger.log(&Record::new(logger.now(), level, callsite, message, fields));
}

/// [`dispatch`] to the global logger.
#[inline(never)]
pub fn dispatch_global(
    callsite: &'static Callsite,
    level: &Level,
    values: &[(&'static str, Value<'_>)],
) {
    dispatch(logger(), callsite, level, values);
}

/// `{x:?}` arguments: written and recorded with `Debug`. As with `Display`, the bound sits on
/// the method so that a missing `Debug` is rustc's own error at the argument.
pub trait DebugFallback<'a> {
    fn __hlog_debug_value(&self) -> Value<'a>
    where
        Self: DebugArg<'a>;
}

#[doc(hidden)]
pub trait DebugArg<'a> {
    fn debug_value(&self) -> Value<'a>;
}

impl<'a, T: std::fmt::Debug + 'a> DebugArg<'a> for &Arg<'a, T> {
    fn debug_value(&self) -> Value<'a> {
        Value::Debug(self.0)
    }
}

impl<'a, T: ?Sized> DebugFallback<'a> for &Arg<'a, T> {
    fn __hlog_debug_value(&self) -> Value<'a>
    where
        Self: DebugArg<'a>,
    {
        self.debug_value()
    }
}

/// What `log!(level, ...)` accepts as a level.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a level",
    label = "expected a `Level`",
    note = "`log!` takes a `Level` (`Level::INFO`, or one returned by `hlog::level(...)`) or a \
            registered level's name as a string literal: `log!(\"AUDIT\", \"...\")`"
)]
pub trait AsLevel {
    /// The level.
    fn as_level(&self) -> Level;
}

impl AsLevel for Level {
    fn as_level(&self) -> Level {
        *self
    }
}

impl AsLevel for &Level {
    fn as_level(&self) -> Level {
        **self
    }
}

/// Method-call access to [`AsLevel`], so a wrong level is reported at the level expression.
pub trait LevelFallback {
    fn __hlog_level(&self) -> Level
    where
        Self: AsLevel;
}

impl<T: ?Sized> LevelFallback for T {
    fn __hlog_level(&self) -> Level
    where
        Self: AsLevel,
    {
        self.as_level()
    }
}
