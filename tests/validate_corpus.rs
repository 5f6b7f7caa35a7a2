//! The whole pipeline up to validation over the corpus (`$BUDGETPDF_CORPUS`, `real` and
//! `wild`): pdf → table → recognize → normalize → validate.
//!
//! - Every failing check is the publisher's: it is listed in `tests/known_discrepancies` with
//!   the printed figures that prove it (read on the page). A failing check missing there is a bug
//!   of ours to fix, never to list; a listed check that no longer fails must be removed.
//! - Nothing printed is silently lost: no document has a number printed in a table's area that
//!   no record holds and nothing explains (`unread_numbers`, `unparsed_amount` warnings).
//! - Every core table (收支总表, 收入总表, 支出总表 or their 决算 equivalents) whose title a
//!   document of `real` prints outside its table of contents is recognized among its tables.
//! - The per-file report (tables by kind, core tables missing, checks passed/rounding/failed) is
//!   the committed snapshot `tests/validate_corpus_report.txt`; `REPLACE=1 cargo test --test
//!   validate_corpus` blesses a change after reading its diff.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use budgetpdf::pipeline::{self, Settings};
use budgetpdf::recognize::{Catalogue, squash};
use budgetpdf::report::{Check, CheckStatus, TableReport, WarningKind};
use budgetpdf::{pdf, table};
use common::corpus::corpus_pdfs;

const BUDGET_CORE: [&str; 3] = ["budget_summary", "revenue_summary", "expenditure_summary"];
const FINAL_CORE: [&str; 3] = ["final_summary", "final_revenue", "final_expenditure"];

/// Warnings that say a printed number was lost or misread.
const UNEXPLAINED: [WarningKind; 2] = [WarningKind::UnreadNumbers, WarningKind::UnparsedAmount];

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One failing check as `tests/known_discrepancies` lists it (without its evidence): file,
/// rule, table title, page, body row, grid column, expected, found.
fn failure_key(file: &str, reports: &[TableReport], check: &Check) -> String {
    let title = check
        .table
        .and_then(|t| reports[t].title.as_deref())
        .unwrap_or("");
    let shown = |value: Option<String>| value.unwrap_or_default();
    format!(
        "{file}\t{}\t{title}\t{}\t{}\t{}\t{}\t{}",
        check.rule,
        shown(check.page.map(|p| p.to_string())),
        shown(check.row.map(|r| r.to_string())),
        shown(check.col.map(|c| c.to_string())),
        check.expected,
        check.found
    )
}

/// The listed failures, each with its evidence. A line has 9 tab-separated fields: the 8 of
/// [`failure_key`] and the printed figures that prove the publisher's figures disagree.
fn known_discrepancies() -> BTreeMap<String, String> {
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
                fields[8].chars().filter(char::is_ascii_digit).count() >= 4,
                "known_discrepancies: the evidence must quote the printed figures: {l}"
            );
            (fields[..8].join("\t"), fields[8].to_string())
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
            table::text_lines(page, &table::Settings::default())
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

/// The corpus set (`real`, `wild`) a file belongs to.
fn set_of(path: &Path) -> String {
    path.parent()
        .and_then(Path::file_name)
        .map_or(String::new(), |s| s.to_string_lossy().to_string())
}

#[test]
fn corpus_checks_and_report() {
    let Some(files) = corpus_pdfs(&["real", "wild"]) else {
        return;
    };
    let catalogue = Catalogue::standard();
    let mut report = String::new();
    let mut failures = BTreeSet::new();
    let mut unrecognized_core = Vec::new();
    let mut unexplained = Vec::new();
    for path in files {
        let file = path
            .file_name()
            .expect("file name")
            .to_string_lossy()
            .to_string();
        let set = set_of(&path);
        let bytes = std::fs::read(&path).expect("corpus file");
        let run = match pipeline::run(&bytes, &Settings::default()) {
            Ok(run) => run,
            Err(pdf::PdfError::NoTextLayer { .. }) => {
                writeln!(report, "{set}/{file}\n  no text layer").unwrap();
                continue;
            }
            Err(error) => {
                writeln!(report, "{set}/{file}\n  unreadable: {error}").unwrap();
                continue;
            }
        };
        // Every check, those on the headline figures included: a failing one is the
        // publisher's whether it compares cells or a sentence with a table.
        let checks: Vec<Check> = run.checks;
        unexplained.extend(
            run.warnings
                .iter()
                .filter(|w| UNEXPLAINED.contains(&w.kind))
                .map(|w| format!("{set}/{file} page {:?}: {}", w.page, w.message)),
        );
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
        if set == "real" {
            let printed = core_tables_printed(catalogue, &run.document.pages, &core);
            for kind in missing.iter().filter(|k| printed.contains(**k)) {
                unrecognized_core.push(format!(
                    "{file}: prints a {kind} title, no table recognized as one"
                ));
            }
        }
        let count = |status| checks.iter().filter(|c| c.status == status).count();
        writeln!(
            report,
            "{set}/{file}\n  {:?} {:?} {:?}",
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
            "  records {}, attributes {}; checks pass {}, rounding {}, fail {}",
            reports.iter().map(|r| r.records.len()).sum::<usize>(),
            reports.iter().map(|r| r.attributes.len()).sum::<usize>(),
            count(CheckStatus::Pass),
            count(CheckStatus::Rounding),
            count(CheckStatus::Fail)
        )
        .unwrap();
        for check in checks.iter().filter(|c| c.status == CheckStatus::Fail) {
            writeln!(
                report,
                "  FAIL {} page {:?} col {:?}: {} ({} ≠ {})",
                check.rule, check.page, check.col, check.detail, check.expected, check.found
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
    assert!(
        unexplained.is_empty(),
        "numbers printed in tables that no record holds and nothing explains:\n{}",
        unexplained.join("\n")
    );
    let known = known_discrepancies();
    let listed: BTreeSet<String> = known.keys().cloned().collect();
    let unlisted: Vec<&String> = failures.difference(&listed).collect();
    let resolved: Vec<&String> = listed.difference(&failures).collect();
    assert!(
        unlisted.is_empty() && resolved.is_empty(),
        "failing checks not in tests/known_discrepancies (a bug of ours unless the printed \
         figures prove otherwise):\n{}\nlisted but no longer failing:\n{}",
        unlisted
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
