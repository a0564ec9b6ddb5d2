pub use hlog_runtime::*;
