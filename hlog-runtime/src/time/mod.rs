//! Time: timestamps, the local time zone and loguru's time tokens.
