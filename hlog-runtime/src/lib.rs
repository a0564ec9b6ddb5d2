//! hlog's runtime. Users depend on the `hlog` facade, which re-exports what is public here.

pub mod time;
