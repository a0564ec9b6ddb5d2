//! Compile-pass and compile-fail tests of hlog's macros. Regenerate the expected errors with
//! `TRYBUILD=overwrite cargo test -p ui-tests`, then read every changed `.stderr`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("ui/pass/*.rs");
    t.compile_fail("ui/fail/*.rs");
}
