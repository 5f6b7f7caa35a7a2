//! The samples' PDFs through the whole pipeline up to validation (pdf → table → recognize →
//! normalize → validate): every table the table stage finds under a title of the truth gets the
//! truth's kind, and no check fails on these consistent documents.

mod common;

use budgetpdf::pdf::{self, Settings};
use budgetpdf::recognize::Catalogue;
use budgetpdf::report::CheckStatus;
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
        let reading = pipeline::read(Catalogue::standard(), &tables);
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
    }
    assert!(
        compared >= 90,
        "only {compared} tables found under a truth title"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
