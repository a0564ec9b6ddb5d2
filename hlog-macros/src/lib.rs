//! Procedural macros of hlog.
