//! End-to-end: every sample's tables, cell for cell, against its truth file.
//!
//! Titles, pages, header and body rows must equal the truth; the unit name and amount unit
//! must appear in the table's context lines. Texts are compared after NFKC (the PDF layer gives glyph text in NFKC, the truth keeps the
//! printed full-width forms) and whitespace folding (`budgetpdf::table::fold_whitespace`).

use std::fmt::Write;
use std::path::{Path, PathBuf};

use budgetpdf::pdf;
use budgetpdf::table::{self, Table, fold_whitespace};
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

fn norm(text: &str) -> String {
    fold_whitespace(&text.nfkc().collect::<String>())
}

fn rows_of(value: &Value) -> Vec<Vec<String>> {
    value
        .as_array()
        .map(|rows| {
            rows.iter()
                .map(|row| {
                    row.as_array()
                        .map(|cells| {
                            cells
                                .iter()
                                .map(|c| norm(c.as_str().unwrap_or("")))
                                .collect()
                        })
                        .unwrap_or_default()
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A truth table in the same shape as ours.
struct Expected {
    title: Option<String>,
    pages: [u32; 2],
    header_rows: Vec<Vec<String>>,
    body_rows: Vec<Vec<String>>,
    /// Texts that must appear in the table's context lines: its unit name and amount unit.
    context: Vec<String>,
}

fn expected_tables(truth: &Value) -> Vec<Expected> {
    truth["tables"]
        .as_array()
        .map(|tables| {
            tables
                .iter()
                .map(|t| Expected {
                    title: t["title"].as_str().map(norm),
                    pages: [
                        t["pages"][0].as_u64().unwrap_or(0) as u32,
                        t["pages"][1].as_u64().unwrap_or(0) as u32,
                    ],
                    header_rows: rows_of(&t["header_rows"]),
                    body_rows: rows_of(&t["body_rows"]),
                    context: ["unit_name", "amount_unit"]
                        .iter()
                        .filter_map(|k| t[*k].as_str().map(norm))
                        .collect(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Cell counts of one comparison: (equal, total) over body cells, and the report of
/// differences.
#[derive(Default)]
struct Comparison {
    equal: usize,
    total: usize,
    report: String,
}

/// Compares one table; at most a few differing cells are listed.
fn compare(name: &str, expected: &Expected, found: &Table, out: &mut Comparison) {
    let label = format!(
        "{name}: table {:?} (pages {:?})",
        expected.title, expected.pages
    );
    let title = found.title.as_deref().map(norm);
    if title != expected.title {
        let _ = writeln!(out.report, "{label}: title {title:?}");
    }
    for wanted in &expected.context {
        if !found
            .context_lines
            .iter()
            .any(|l| norm(l).contains(wanted.as_str()))
        {
            let _ = writeln!(
                out.report,
                "{label}: {wanted:?} not in the context lines {:?}",
                found.context_lines
            );
        }
    }
    if found.pages != expected.pages {
        let _ = writeln!(out.report, "{label}: pages {:?}", found.pages);
    }
    let found_header: Vec<Vec<String>> = found
        .header_rows
        .iter()
        .map(|r| r.iter().map(|c| norm(c)).collect())
        .collect();
    if found_header != expected.header_rows {
        let _ = writeln!(
            out.report,
            "{label}: header rows\n    expected {:?}\n    found    {:?}",
            expected.header_rows, found_header
        );
    }
    let mut listed = 0;
    for (r, want) in expected.body_rows.iter().enumerate() {
        let got: Vec<String> = found
            .body_rows
            .get(r)
            .map(|row| row.iter().map(|c| norm(c)).collect())
            .unwrap_or_default();
        for (c, want_cell) in want.iter().enumerate() {
            out.total += 1;
            let got_cell = got.get(c).map_or("<missing>", String::as_str);
            if got_cell == want_cell {
                out.equal += 1;
            } else if listed < 5 {
                listed += 1;
                let _ = writeln!(
                    out.report,
                    "{label}: body row {r} col {c}: expected {want_cell:?}, found {got_cell:?}\n    row found {got:?}"
                );
            }
        }
    }
    if found.body_rows.len() != expected.body_rows.len() {
        let _ = writeln!(
            out.report,
            "{label}: {} body rows, expected {}",
            found.body_rows.len(),
            expected.body_rows.len()
        );
    }
}

#[test]
fn every_sample_table_equals_its_truth() {
    let mut truths: Vec<PathBuf> = std::fs::read_dir(samples().join("truth"))
        .expect("samples/truth")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    truths.sort();
    assert!(!truths.is_empty(), "no truth files");
    let mut all = Comparison::default();
    for truth_path in &truths {
        let truth: Value =
            serde_json::from_slice(&std::fs::read(truth_path).expect("truth")).expect("json");
        let name = truth["file"].as_str().expect("file").to_string();
        let bytes = std::fs::read(samples().join("pdf").join(&name)).expect("sample pdf");
        // Image-only samples have no text to read tables from (the pipeline reports
        // `no_text_layer`); their truth describes the printed page.
        if truth["text_layer"] == Value::Bool(false) {
            continue;
        }
        let expected = expected_tables(&truth);
        let found = match pdf::load(&bytes, &pdf::Settings::default()) {
            Ok(document) => table::extract(&document.pages, &table::Settings::default()).tables,
            Err(error) => {
                let _ = writeln!(all.report, "{name}: cannot load: {error}");
                continue;
            }
        };
        if found.len() != expected.len() {
            let _ = writeln!(
                all.report,
                "{name}: {} tables found, {} expected\n  found:    {:?}\n  expected: {:?}",
                found.len(),
                expected.len(),
                found
                    .iter()
                    .map(|t| (t.title.clone(), t.pages))
                    .collect::<Vec<_>>(),
                expected
                    .iter()
                    .map(|t| (t.title.clone(), t.pages))
                    .collect::<Vec<_>>()
            );
        }
        for (want, got) in expected.iter().zip(&found) {
            compare(&name, want, got, &mut all);
        }
    }
    eprintln!(
        "body cells equal: {}/{} ({:.2}%)",
        all.equal,
        all.total,
        100.0 * all.equal as f64 / all.total.max(1) as f64
    );
    assert!(
        all.report.is_empty(),
        "tables differ from the truth:\n{}",
        all.report
    );
}
