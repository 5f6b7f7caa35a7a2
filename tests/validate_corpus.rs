//! The whole pipeline up to validation over the real corpus (`$BUDGETPDF_CORPUS/real`):
//! pdf → table → recognize → normalize → validate.
//!
//! - Every core table (收支总表, 收入总表, 支出总表 or their 决算 equivalents) whose title a
//!   document prints outside its table of contents is recognized among its tables.
//! - Every failing check is either listed in `tests/known_discrepancies` (with its cause: a
//!   discrepancy `published` in the file itself, or an `extraction` misread by an earlier stage,
//!   filed with its owner) or a bug to fix; a listed check that no longer fails must be removed.
//! - The per-file report (tables by kind, core tables missing, checks passed/rounding/failed) is
//!   the committed snapshot `tests/validate_corpus_report.txt`; `REPLACE=1 cargo test --test
//!   validate_corpus` blesses a change after reading its diff.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::PathBuf;

use budgetpdf::pdf;
use budgetpdf::pipeline::{self, Settings};
use budgetpdf::recognize::{Catalogue, squash};
use budgetpdf::report::{Check, CheckStatus, TableReport};
use common::corpus::corpus_pdfs;

const BUDGET_CORE: [&str; 3] = ["budget_summary", "revenue_summary", "expenditure_summary"];
const FINAL_CORE: [&str; 3] = ["final_summary", "final_revenue", "final_expenditure"];

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One failing check as `tests/known_discrepancies` lists it (without the cause).
fn failure_key(file: &str, reports: &[TableReport], check: &Check) -> String {
    let title = check
        .table
        .and_then(|t| reports[t].title.as_deref())
        .unwrap_or("");
    format!(
        "{file}\t{}\t{title}\t{}\t{}\t{}\t{}\t{}",
        check.rule,
        check.page.map_or(String::new(), |p| p.to_string()),
        check.row.map_or(String::new(), |r| r.to_string()),
        check.column.as_deref().unwrap_or(""),
        check.expected,
        check.found
    )
}

fn known_discrepancies() -> BTreeSet<String> {
    let path = manifest_dir().join("tests/known_discrepancies");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let fields: Vec<&str> = l.split('\t').collect();
            assert_eq!(
                fields.len(),
                9,
                "known_discrepancies: 9 tab-separated fields: {l}"
            );
            assert!(
                ["published", "extraction"].contains(&fields[8]),
                "unknown cause: {l}"
            );
            fields[..8].join("\t")
        })
        .collect()
}

/// The core kinds whose titles a document prints as a line of its own, outside its table of
/// contents: the core tables it contains.
fn core_tables_printed(
    catalogue: &Catalogue,
    pages: &[pdf::Page],
    core: &[&str],
) -> BTreeSet<String> {
    pages
        .iter()
        .map(|page| {
            pdf::text_lines(page)
                .into_iter()
                .map(|l| l.text)
                .collect::<Vec<_>>()
        })
        .filter(|lines| !lines.iter().any(|l| squash(l) == "目录"))
        .flatten()
        .filter_map(|line| catalogue.kind_for_title(&line).map(|k| k.kind.clone()))
        .filter(|kind| core.contains(&kind.as_str()))
        .collect()
}

#[test]
fn corpus_checks_and_report() {
    let Some(files) = corpus_pdfs(&["real"]) else {
        return;
    };
    let catalogue = Catalogue::standard();
    let mut report = String::new();
    let mut failures = BTreeSet::new();
    let mut unrecognized_core = Vec::new();
    for path in files {
        let file = path
            .file_name()
            .expect("file name")
            .to_string_lossy()
            .to_string();
        let bytes = std::fs::read(&path).expect("corpus file");
        let run = match pipeline::run(&bytes, &Settings::default()) {
            Ok(run) => run,
            Err(pdf::PdfError::NoTextLayer { .. }) => {
                writeln!(report, "{file}\n  no text layer").unwrap();
                continue;
            }
            Err(error) => {
                writeln!(report, "{file}\n  unreadable: {error}").unwrap();
                continue;
            }
        };
        // Checks on headline figures are tests/figures_corpus.rs's concern.
        let checks: Vec<Check> = run
            .checks
            .into_iter()
            .filter(|c| !c.rule.starts_with("figures."))
            .collect();
        let (meta, reports) = (run.meta, run.tables);
        let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
        for r in &reports {
            *kinds.entry(r.kind.as_str()).or_default() += 1;
        }
        let core = if kinds.keys().any(|k| k.starts_with("final_")) {
            FINAL_CORE
        } else {
            BUDGET_CORE
        };
        let missing: Vec<&str> = core
            .iter()
            .filter(|k| !kinds.contains_key(**k))
            .copied()
            .collect();
        let printed = core_tables_printed(catalogue, &run.document.pages, &core);
        for kind in missing.iter().filter(|k| printed.contains(**k)) {
            unrecognized_core.push(format!(
                "{file}: prints a {kind} title, no table recognized as one"
            ));
        }
        let count = |status| checks.iter().filter(|c| c.status == status).count();
        writeln!(
            report,
            "{file}\n  {:?} {:?} {:?}",
            meta.unit.unwrap_or_default(),
            meta.year,
            meta.kind
        )
        .unwrap();
        let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{k}×{n}")).collect();
        writeln!(report, "  tables {}: {}", reports.len(), kinds.join(", ")).unwrap();
        if !missing.is_empty() {
            writeln!(
                report,
                "  core tables not recognized: {}",
                missing.join(", ")
            )
            .unwrap();
        }
        writeln!(
            report,
            "  records {}; checks pass {}, rounding {}, fail {}",
            reports.iter().map(|r| r.records.len()).sum::<usize>(),
            count(CheckStatus::Pass),
            count(CheckStatus::Rounding),
            count(CheckStatus::Fail)
        )
        .unwrap();
        for check in checks.iter().filter(|c| c.status == CheckStatus::Fail) {
            writeln!(
                report,
                "  FAIL {} page {:?}: {} ({} ≠ {})",
                check.rule, check.page, check.detail, check.expected, check.found
            )
            .unwrap();
            failures.insert(failure_key(&file, &reports, check));
        }
    }
    let snapshot = manifest_dir().join("tests/validate_corpus_report.txt");
    if std::env::var_os("REPLACE").is_some() {
        std::fs::write(&snapshot, &report).expect("snapshot written");
    }
    assert!(
        unrecognized_core.is_empty(),
        "{}",
        unrecognized_core.join("\n")
    );
    let known = known_discrepancies();
    let unexplained: Vec<&String> = failures.difference(&known).collect();
    let resolved: Vec<&String> = known.difference(&failures).collect();
    assert!(
        unexplained.is_empty() && resolved.is_empty(),
        "failing checks not in tests/known_discrepancies:\n{}\nlisted but no longer failing:\n{}",
        unexplained
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        resolved
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
    let committed = std::fs::read_to_string(&snapshot).unwrap_or_default();
    assert!(
        committed == report,
        "the corpus report changed (REPLACE=1 to bless after reading the diff):\n{report}"
    );
}
