//! The outputs of `budgetpdf convert` stay the same, byte for byte, unless a change means them
//! to change: over the samples and, with `BUDGETPDF_CORPUS`, the corpus (`real/` and `wild/`),
//! every document's rows of `documents.csv` (its `seconds` blanked: time is not an output),
//! `tables.csv`, `facts.csv` and `figures.csv` and its `docs/<doc>.json` are digested and
//! compared with the manifests in `tests/snapshots/outputs/`.
//!
//! A failure names each (file, document) that changed, with its row counts, and keeps the run's
//! outputs (under `target/same-outputs/`) for a diff against a run of the previous build.
//! `REPLACE=1` rewrites the manifests after an intended change, so the commit shows which
//! documents it touched; `BUDGETPDF_BIN=PATH` runs another build instead of this one (how the
//! manifests were first made from main's build, before the speed work, to compare it against).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};

mod common;

/// The digest of one document's part of one output file: its rows (or lines) and their hash.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Part {
    rows: usize,
    sha256: String,
}

/// (output file, doc) → its part.
type Manifest = BTreeMap<(String, String), Part>;

/// The column of `documents.csv` that measures time.
const TIMING_COLUMN: &str = "seconds";

fn binary() -> PathBuf {
    std::env::var_os("BUDGETPDF_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_budgetpdf")),
        PathBuf::from,
    )
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Converts `inputs` (relative to `dir`, so that the reported paths do not depend on where the
/// files live) into `out`.
fn convert(dir: &Path, inputs: &[&str], out: &Path) {
    if out.exists() {
        fs::remove_dir_all(out).unwrap();
    }
    let output = Command::new(binary())
        .current_dir(dir)
        .arg("convert")
        .args(inputs)
        .arg("-o")
        .arg(out)
        .output()
        .unwrap();
    let code = output.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "convert failed ({code:?}): {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Digests of `out`: each CSV's rows grouped by `doc`, and each JSON report whole.
fn digest(out: &Path) -> Manifest {
    let mut manifest = Manifest::new();
    for file in ["documents.csv", "tables.csv", "facts.csv", "figures.csv"] {
        let mut reader = csv::Reader::from_path(out.join(file)).unwrap();
        let header = reader.headers().unwrap().clone();
        let timing = (file == "documents.csv")
            .then(|| header.iter().position(|h| h == TIMING_COLUMN))
            .flatten();
        let mut parts: BTreeMap<String, (usize, Sha256)> = BTreeMap::new();
        for record in reader.records() {
            let record = record.unwrap();
            let fields: Vec<&str> = record
                .iter()
                .enumerate()
                .map(|(i, field)| if Some(i) == timing { "" } else { field })
                .collect();
            let (rows, hasher) = parts.entry(fields[0].to_owned()).or_default();
            *rows += 1;
            hasher.update(fields.join("\u{1f}").as_bytes());
            hasher.update(b"\n");
        }
        for (doc, (rows, hasher)) in parts {
            let sha256 = hex(&hasher.finalize());
            manifest.insert((file.to_owned(), doc), Part { rows, sha256 });
        }
    }
    for entry in fs::read_dir(out.join("docs")).unwrap() {
        let path = entry.unwrap().path();
        let bytes = fs::read(&path).unwrap();
        let doc = path.file_stem().unwrap().to_string_lossy().into_owned();
        let part = Part {
            rows: bytes.iter().filter(|b| **b == b'\n').count() + 1,
            sha256: hex(&Sha256::digest(&bytes)),
        };
        manifest.insert(("docs/*.json".to_owned(), doc), part);
    }
    manifest
}

fn write_manifest(path: &Path, manifest: &Manifest) {
    let mut text = String::from("# file\tdoc\trows\tsha256 (written by tests/same_outputs.rs)\n");
    for ((file, doc), part) in manifest {
        let _ = writeln!(text, "{file}\t{doc}\t{}\t{}", part.rows, part.sha256);
    }
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn read_manifest(path: &Path) -> Manifest {
    let text = fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e} (write it with REPLACE=1)", path.display()));
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            let [file, doc, rows, sha256] = fields[..] else {
                panic!("{}: bad line {line:?}", path.display());
            };
            let part = Part {
                rows: rows.parse().unwrap(),
                sha256: sha256.to_owned(),
            };
            ((file.to_owned(), doc.to_owned()), part)
        })
        .collect()
}

/// Each difference between the manifests, one line each.
fn differences(expected: &Manifest, actual: &Manifest) -> Vec<String> {
    let keys: std::collections::BTreeSet<_> = expected.keys().chain(actual.keys()).collect();
    keys.into_iter()
        .filter_map(|key| {
            let (file, doc) = key;
            match (expected.get(key), actual.get(key)) {
                (Some(e), Some(a)) if e == a => None,
                (Some(e), Some(a)) => Some(format!(
                    "{file} of {doc} changed ({} rows, now {})",
                    e.rows, a.rows
                )),
                (Some(_), None) => Some(format!("{file} of {doc} is gone")),
                (None, Some(_)) => Some(format!("{file} of {doc} is new")),
                (None, None) => None,
            }
        })
        .collect()
}

/// Converts `inputs` of `dir` and compares with (or, with `REPLACE`, writes) the manifest
/// `name`.
fn check(name: &str, dir: &Path, inputs: &[&str]) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = root.join("target/same-outputs").join(name);
    convert(dir, inputs, &out);
    let actual = digest(&out);
    let manifest = root.join(format!("tests/snapshots/outputs/{name}.tsv"));
    if std::env::var_os("REPLACE").is_some() {
        write_manifest(&manifest, &actual);
        return;
    }
    let changed = differences(&read_manifest(&manifest), &actual);
    assert!(
        changed.is_empty(),
        "outputs of {name} differ from {} ({} changes; this run's outputs are in {}; REPLACE=1 \
         if the change is meant):\n{}",
        manifest.display(),
        changed.len(),
        out.display(),
        changed.join("\n")
    );
}

#[test]
fn samples_give_the_same_outputs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    check("samples", root, &["samples/pdf"]);
}

#[test]
fn the_corpus_gives_the_same_outputs() {
    let Some(corpus) = common::corpus::corpus() else {
        return;
    };
    check("corpus", &corpus, &["real", "wild"]);
}

#[test]
fn a_changed_row_is_named_with_its_document() {
    let part = |rows, sha256: &str| Part {
        rows,
        sha256: sha256.to_owned(),
    };
    let key = |file: &str, doc: &str| (file.to_owned(), doc.to_owned());
    let expected = Manifest::from([
        (key("facts.csv", "a"), part(3, "x")),
        (key("facts.csv", "b"), part(1, "y")),
    ]);
    let actual = Manifest::from([
        (key("facts.csv", "a"), part(4, "z")),
        (key("facts.csv", "c"), part(1, "y")),
    ]);
    assert_eq!(
        differences(&expected, &actual),
        [
            "facts.csv of a changed (3 rows, now 4)",
            "facts.csv of b is gone",
            "facts.csv of c is new"
        ]
    );
}
