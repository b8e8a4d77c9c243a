//! Property tests (issue 8): generated inputs, thousands at a time, for the
//! parts that read what people type or paste: the money parser, the
//! calculation input and the CSV importers. Each property runs a fixed
//! number of cases, chosen so the whole set stays well under a minute in a
//! debug build; `PROPTEST_CASES=100000` runs more. A failure is shrunk to
//! its smallest case and its seed kept in `tests/proptest-regressions/props/`,
//! committed as proptest advises, so it runs first ever after (while the
//! strategy that drew it is unchanged; the lasting record of a bug found is
//! its unit test beside the fix). docs/fuzzing.md records what ran and what
//! was found.

mod calc;
mod csv;
mod money;

use std::cell::Cell;

use proptest::strategy::Strategy;
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError, TestRunner};

/// Runs `test` on `cases` inputs from `strategy` (or `PROPTEST_CASES`, when
/// set), panics with the shrunk failing input if one fails, and prints how
/// many inputs ran (`--nocapture` shows it) so the count can be recorded.
/// `source` is the caller's `file!()`: its failures are kept in a file of
/// its own name.
pub fn check<S: Strategy>(
    source: &'static str,
    name: &str,
    cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S::Value: std::fmt::Debug,
{
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(cases);
    let config = Config {
        cases,
        source_file: Some(source),
        failure_persistence: Some(Box::new(FileFailurePersistence::SourceParallel("proptest-regressions"))),
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let ran = Cell::new(0u64);
    let outcome = runner.run(&strategy, |value| {
        ran.set(ran.get() + 1);
        test(value)
    });
    match outcome {
        Ok(()) => eprintln!("property {name}: {} inputs, none failed", ran.get()),
        Err(e) => panic!("property {name} failed after {} inputs: {e}", ran.get()),
    }
}
