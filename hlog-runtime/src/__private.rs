//! What the macros' generated code calls: re-exports only. Not a stable API: names and
//! signatures here change without notice.

pub use crate::callsite::Callsite;
pub use crate::extra::OwnedValue;
pub use crate::format::Format;
pub use crate::format::compiled as fmt;
pub use crate::level::{AsLevel, Level, LevelFallback, NamedLevel};
pub use crate::logger::{
    Logger, STATIC_MIN_LEVEL, dispatch, dispatch_global, dispatch_global_with, dispatch_with,
    enabled, enabled_global, logger,
};
pub use crate::message::{Layout, Message, Piece, Template};
pub use crate::out::Out;
pub use crate::record::{AsError, CallOptions, Record};
pub use crate::time::Zone;
pub use crate::value::{Arg, DebugFallback, DisplayFallback, FastArg, Value};
