//! Invariants over the real corpus (`$BUDGETPDF_CORPUS/real`), read through the PDF stage's text
//! lines until the table stage delivers the corpus's grids:
//! - the document metadata read from the cover agrees with the manifest (unit, year, kind),
//!   never trusting PDF metadata (several files' names and `/Title`s are wrong);
//! - every disclosure with a text layer names its core tables (收支总表, 收入总表, 支出总表 or
//!   their 决算 equivalents) in lines the catalogue recognizes as those kinds.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use budgetpdf::pdf::{self, Settings};
use budgetpdf::recognize::{Catalogue, document_meta, squash};
use budgetpdf::report::DocumentKind;

/// Pages read as the cover and its surroundings.
const COVER_PAGES: usize = 3;

/// Lines longer than this are prose, not titles.
const MAX_TITLE_CHARS: usize = 60;

const BUDGET_CORE: [&str; 3] = ["budget_summary", "revenue_summary", "expenditure_summary"];
const FINAL_CORE: [&str; 3] = ["final_summary", "final_revenue", "final_expenditure"];

#[derive(Debug, serde::Deserialize)]
struct ManifestRow {
    file: String,
    fiscal_year: i32,
    kind: String,
    entity: String,
}

fn manifest(corpus_dir: &Path) -> Vec<ManifestRow> {
    let path = corpus_dir.join("manifest.csv");
    let mut reader =
        csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    reader
        .deserialize()
        .map(|row| row.expect("manifest row"))
        .collect()
}

/// The document kind the manifest states, when it is a disclosure of one of the four kinds.
fn manifest_kind(kind: &str) -> Option<DocumentKind> {
    [
        ("部门决算", DocumentKind::DepartmentFinalAccount),
        ("单位决算", DocumentKind::UnitFinalAccount),
        ("部门综合预算", DocumentKind::DepartmentBudget),
        ("部门预算", DocumentKind::DepartmentBudget),
        ("单位预算", DocumentKind::UnitBudget),
    ]
    .into_iter()
    .find(|(prefix, _)| kind.starts_with(prefix))
    .map(|(_, k)| k)
}

#[test]
fn corpus_metadata_and_core_tables() {
    let Some(corpus) = common::corpus::corpus() else {
        return;
    };
    let corpus_dir: PathBuf = corpus.join("real");
    let catalogue = Catalogue::standard();
    let mut problems = Vec::new();
    let mut read = 0;
    for row in manifest(&corpus_dir) {
        let bytes = std::fs::read(corpus_dir.join(&row.file)).expect("corpus file");
        let Ok(document) = pdf::load(&bytes, &Settings::default()) else {
            continue;
        };
        let page_lines = |page: &pdf::Page| {
            pdf::text_lines(page)
                .into_iter()
                .map(|l| l.text)
                .collect::<Vec<_>>()
        };
        let lines: Vec<String> = document
            .pages
            .iter()
            .take(COVER_PAGES)
            .flat_map(page_lines)
            .collect();
        if lines.is_empty() {
            continue; // scanned: no text layer
        }
        read += 1;
        let meta = document_meta(&lines, &[]);
        // A file that starts with a table has no cover to read the unit and year from.
        let starts_with_table = lines
            .iter()
            .take(3)
            .any(|l| catalogue.kind_for_title(l).is_some());
        if meta.unit.as_deref().map(squash) != Some(squash(&row.entity)) && !starts_with_table {
            problems.push(format!(
                "{}: unit {:?}, manifest {}",
                row.file, meta.unit, row.entity
            ));
        }
        if meta.year != Some(row.fiscal_year) && !starts_with_table {
            problems.push(format!(
                "{}: year {:?}, manifest {}",
                row.file, meta.year, row.fiscal_year
            ));
        }
        let Some(kind) = manifest_kind(&row.kind) else {
            continue;
        };
        if meta.kind != kind && !starts_with_table {
            problems.push(format!(
                "{}: kind {:?}, manifest {}",
                row.file, meta.kind, row.kind
            ));
        }
        let named: BTreeSet<String> = document
            .pages
            .iter()
            .flat_map(page_lines)
            .filter(|l| l.chars().count() <= MAX_TITLE_CHARS)
            .filter_map(|l| catalogue.kind_for_title(&l).map(|k| k.kind.clone()))
            .collect();
        let core = if kind == DocumentKind::DepartmentFinalAccount {
            FINAL_CORE
        } else {
            BUDGET_CORE
        };
        for missing in core.iter().filter(|k| !named.contains(**k)) {
            problems.push(format!("{}: no {missing} title recognized", row.file));
        }
    }
    assert!(read >= 20, "only {read} corpus files with text");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
