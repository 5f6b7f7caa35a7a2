//! The samples' PDFs and the committed real fixtures through the whole pipeline up to
//! validation (pdf → table → recognize → normalize → validate): every table the table stage
//! finds under a title of the truth gets the truth's kind, no check fails on these consistent
//! documents, and every number printed in a table is a record or explained.

mod common;

use budgetpdf::pdf::{self, Settings};
use budgetpdf::recognize::{Catalogue, DocumentContext};
use budgetpdf::report::{CheckStatus, WarningKind};
use budgetpdf::{pipeline, table};

#[test]
fn sample_pdfs_get_their_kinds_and_pass_their_checks() {
    let mut problems = Vec::new();
    let mut compared = 0;
    for (_, truth) in common::load_all() {
        let bytes = std::fs::read(common::pdf_of(&truth)).expect("sample PDF");
        let Ok(document) = pdf::load(&bytes, &Settings::default()) else {
            continue; // image-only: nothing to read
        };
        let tables = table::extract(&document.pages, &table::Settings::default()).tables;
        let reading = pipeline::read(Catalogue::standard(), &tables, &DocumentContext::default());
        let reports = reading.tables;
        for report in &reports {
            let expected = truth
                .tables
                .iter()
                .find(|t| Some(&t.title) == report.title.as_ref() && t.pages == report.pages);
            if let Some(expected) = expected {
                compared += 1;
                if expected.kind != report.kind {
                    problems.push(format!(
                        "{}: {:?} is {}, not {}",
                        truth.file, report.title, report.kind, expected.kind
                    ));
                }
            }
        }
        for check in reading.checks {
            if check.status == CheckStatus::Fail {
                problems.push(format!("{}: {check:?}", truth.file));
            }
        }
        problems.extend(unexplained(&reading.warnings).map(|w| format!("{}: {w}", truth.file)));
    }
    assert!(
        compared >= 90,
        "only {compared} tables found under a truth title"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The warnings that say a printed number is in no record and nothing explains it.
fn unexplained(warnings: &[budgetpdf::report::Warning]) -> impl Iterator<Item = String> + '_ {
    warnings
        .iter()
        .filter(|w| [WarningKind::UnreadNumbers, WarningKind::UnparsedAmount].contains(&w.kind))
        .map(|w| format!("page {:?}: {}", w.page, w.message))
}

#[test]
fn every_number_of_the_real_fixtures_is_accounted_for() {
    let mut problems = Vec::new();
    for path in common::corpus::fixture_pdfs() {
        let bytes = std::fs::read(&path).expect("fixture");
        let Ok(run) = pipeline::run(&bytes, &pipeline::Settings::default()) else {
            continue; // a scanned fixture: nothing to read
        };
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        problems.extend(unexplained(&run.warnings).map(|w| format!("{name}: {w}")));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
