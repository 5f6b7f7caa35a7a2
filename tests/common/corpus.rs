//! Where the tests find real PDFs.
//!
//! - The committed fixtures (`tests/fixtures/real/`, listed with their source in `MANIFEST.tsv`):
//!   a handful of small published disclosures from the main producers, always present.
//! - The full corpus, outside the repository: the folder named by `BUDGETPDF_CORPUS`, holding
//!   `real/` and `wild/`. `.ci/run` sets it; a plain `cargo test` on a fresh clone does not, and
//!   the tests that need it then say in one line that they were skipped.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The environment variable naming the corpus folder.
pub const CORPUS_VARIABLE: &str = "BUDGETPDF_CORPUS";

/// The corpus folder, or `None` when [`CORPUS_VARIABLE`] is not set, after writing one line
/// saying which test is skipped. The line goes straight to the process's stderr, past the test
/// harness's capture, so that a skip is always visible. A variable naming a folder without
/// `real/` is a mistake of the caller and panics.
pub fn corpus() -> Option<PathBuf> {
    let Some(dir) = std::env::var_os(CORPUS_VARIABLE).filter(|v| !v.is_empty()) else {
        let test = std::thread::current()
            .name()
            .unwrap_or("a corpus test")
            .to_string();
        let line = format!(
            "skipped {test}: {CORPUS_VARIABLE} is not set (the folder with real/ and wild/)\n"
        );
        // Best effort: a closed stderr must not fail the test.
        let _ = std::io::stderr().write_all(line.as_bytes());
        return None;
    };
    let dir = PathBuf::from(dir);
    assert!(
        dir.join("real").is_dir(),
        "{CORPUS_VARIABLE}={} has no real/ folder",
        dir.display()
    );
    Some(dir)
}

/// The PDFs of the corpus sets `sets` (`real`, `wild`), sorted by path; `None` when the corpus
/// is not available (see [`corpus`]).
pub fn corpus_pdfs(sets: &[&str]) -> Option<Vec<PathBuf>> {
    let dir = corpus()?;
    Some(
        sets.iter()
            .flat_map(|set| pdfs_in(&dir.join(set)))
            .collect(),
    )
}

/// The committed real disclosures, sorted by path.
pub fn fixture_pdfs() -> Vec<PathBuf> {
    pdfs_in(&fixtures_dir())
}

/// One committed real disclosure by file name.
pub fn fixture_pdf(name: &str) -> PathBuf {
    let path = fixtures_dir().join(name);
    assert!(path.is_file(), "no fixture {}", path.display());
    path
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real")
}

/// The `.pdf` files directly inside `dir`, sorted; panics when `dir` cannot be read.
pub fn pdfs_in(dir: &Path) -> Vec<PathBuf> {
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    pdfs.sort();
    pdfs
}
