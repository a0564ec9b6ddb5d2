//! Holds nothing: the tests live in `tests/` and `ui/`.
