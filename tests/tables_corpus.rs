//! Invariants of the table stage over the corpus (`$BUDGETPDF_CORPUS`, real and wild): every page
//! that carries a ruled table yields one, every table is rectangular, stitched tables account
//! for their pages. Prints the number of tables found per file (`--nocapture` to see it).

mod common;

use std::fmt::Write;

use budgetpdf::pdf::{Page, Rule};
use budgetpdf::pipeline::{self, Settings};
use budgetpdf::table::Table;
use common::corpus::corpus_pdfs;

/// Whether a page carries a ruled table: long horizontal and vertical rules crossing in at
/// least a 3 × 3 lattice of points (a chart's few lines do not).
fn carries_ruled_table(page: &Page) -> bool {
    let long = |r: &&Rule| (r.x1 - r.x0).abs().max((r.y1 - r.y0).abs()) >= 15.0 && r.width <= 3.0;
    let horizontal: Vec<&Rule> = page
        .rules
        .iter()
        .filter(long)
        .filter(|r| r.is_horizontal())
        .collect();
    let vertical: Vec<&Rule> = page
        .rules
        .iter()
        .filter(long)
        .filter(|r| !r.is_horizontal())
        .collect();
    let crossing = |h: &Rule, v: &Rule| {
        let (x, y) = (v.x0, h.y0);
        x >= h.x0.min(h.x1) - 1.0
            && x <= h.x0.max(h.x1) + 1.0
            && y >= v.y0.min(v.y1) - 1.0
            && y <= v.y0.max(v.y1) + 1.0
    };
    let crossed_h = horizontal
        .iter()
        .filter(|h| vertical.iter().filter(|v| crossing(h, v)).count() >= 3)
        .count();
    crossed_h >= 3
}

/// What is wrong with one table, if anything.
fn table_problems(table: &Table) -> Vec<String> {
    let mut problems = Vec::new();
    let widths: Vec<usize> = table
        .header_rows
        .iter()
        .chain(&table.body_rows)
        .map(Vec::len)
        .collect();
    if widths.windows(2).any(|w| w[0] != w[1]) {
        problems.push(format!("ragged rows: widths {widths:?}"));
    }
    if table.pages[0] > table.pages[1] {
        problems.push(format!("pages {:?} out of order", table.pages));
    }
    if table.body_row_pages.len() != table.body_rows.len()
        || table
            .body_row_pages
            .iter()
            .any(|p| *p < table.pages[0] || *p > table.pages[1])
    {
        problems.push("body_row_pages do not match body_rows and pages".to_string());
    }
    if table.body_row_pages.windows(2).any(|w| w[0] > w[1]) {
        problems.push("body rows out of page order".to_string());
    }
    if table
        .header_rows
        .iter()
        .chain(&table.body_rows)
        .flatten()
        .all(String::is_empty)
    {
        problems.push("every cell empty".to_string());
    }
    if let Some(title) = &table.title
        && title.ends_with('。')
    {
        problems.push(format!("a sentence taken as title: {title}"));
    }
    problems
}

#[test]
fn every_ruled_page_of_the_corpus_yields_a_table() {
    let Some(files) = corpus_pdfs(&["real", "wild"]) else {
        return;
    };
    let mut report = String::new();
    let mut summary = String::new();
    for file in &files {
        let name = file
            .file_name()
            .expect("name")
            .to_string_lossy()
            .to_string();
        let bytes = std::fs::read(file).expect("read");
        let run = match pipeline::run(&bytes, &Settings::default()) {
            Ok(run) => run,
            Err(error) => {
                let _ = writeln!(summary, "{name}: not read ({error})");
                continue;
            }
        };
        let (document, extraction) = (&run.document, &run.extraction);
        let covered = |number: u32| {
            extraction
                .tables
                .iter()
                .any(|t| t.pages[0] <= number && number <= t.pages[1])
        };
        for page in document.pages.iter().filter(|p| carries_ruled_table(p)) {
            if !covered(page.number) {
                let _ = writeln!(report, "{name} p{}: ruled, but no table", page.number);
            }
        }
        for (i, found) in extraction.tables.iter().enumerate() {
            for problem in table_problems(found) {
                let _ = writeln!(
                    report,
                    "{name} table {} {:?}: {problem}",
                    i + 1,
                    found.pages
                );
            }
        }
        let _ = writeln!(
            summary,
            "{name}: {} tables ({} over several pages, {} untitled)",
            extraction.tables.len(),
            extraction
                .tables
                .iter()
                .filter(|t| t.pages[0] != t.pages[1])
                .count(),
            extraction
                .tables
                .iter()
                .filter(|t| t.title.is_none())
                .count()
        );
    }
    eprintln!("{summary}");
    assert!(report.is_empty(), "table invariants violated:\n{report}");
}
