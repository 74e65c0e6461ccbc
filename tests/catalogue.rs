//! The diagnostic catalogue: one small input per `check` code, with the
//! exact output and exit status, in tests/catalogue/*.trycmd.
//! `TRYCMD=overwrite cargo test --test catalogue` records new output;
//! review the diff before committing it.

#[test]
fn catalogue() {
    trycmd::TestCases::new().case("tests/catalogue/*.trycmd");
}
