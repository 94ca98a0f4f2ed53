//! Replays the fuzz corpus and the crashes fuzzing found (`fuzz/corpus/TARGET/`,
//! `fuzz/regressions/TARGET/`) through the fuzz targets' own bodies, so that CI keeps them
//! passing without cargo-fuzz or a nightly compiler. One copy of each body: this includes the
//! fuzz crate's library as a module.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

#[path = "../../../fuzz/src/lib.rs"]
mod targets;

fn fuzz_dir() -> PathBuf {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    crates.parent().unwrap().join("fuzz")
}

/// Every file of `corpus/TARGET/` and `regressions/TARGET/`, sorted. The corpus must not be
/// empty: a renamed folder would otherwise pass in silence.
fn inputs(target: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for kind in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(fuzz_dir().join(kind).join(target)) else {
            assert_ne!(kind, "corpus", "no corpus for {target}");
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_file() {
                files.push(path);
            }
        }
    }
    files.sort();
    assert!(!files.is_empty(), "no corpus for {target}");
    files
}

/// Runs every input through `body`, then fails naming each input it panicked on (the panic
/// messages are printed as they happen).
fn replay(target: &str, body: fn(&[u8])) {
    let failed: Vec<String> = inputs(target)
        .into_iter()
        .filter(|path| {
            let data = std::fs::read(path).unwrap();
            catch_unwind(AssertUnwindSafe(|| body(&data))).is_err()
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(
        failed.is_empty(),
        "{target} failed on {} input(s):\n{}",
        failed.len(),
        failed.join("\n")
    );
}

#[test]
fn parse() {
    replay("parse", targets::parse);
}

#[test]
fn check() {
    replay("check", targets::check);
}

#[test]
fn format_round_trip() {
    replay("format_round_trip", targets::format_round_trip);
}
