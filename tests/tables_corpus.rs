//! Invariants of the table stage over the real corpus (`../shared/corpus/real`): every page
//! that carries a ruled table yields one, every table is rectangular, stitched tables account
//! for their pages. Prints the number of tables found per file (`--nocapture` to see it).

use std::fmt::Write;
use std::path::{Path, PathBuf};

use budgetpdf::pdf::{self, Page, Rule};
use budgetpdf::table::{self, Table};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real")
}

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
    let dir = corpus();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the real corpus at {}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no PDFs in {}", dir.display());
    let mut report = String::new();
    let mut summary = String::new();
    for file in &files {
        let name = file
            .file_name()
            .expect("name")
            .to_string_lossy()
            .to_string();
        let bytes = std::fs::read(file).expect("read");
        let document = match pdf::load(&bytes, &pdf::Settings::default()) {
            Ok(document) => document,
            Err(error) => {
                let _ = writeln!(summary, "{name}: not read ({error})");
                continue;
            }
        };
        let extraction = table::extract(&document.pages, &table::Settings::default());
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
