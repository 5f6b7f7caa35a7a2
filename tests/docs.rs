//! The user documentation (`docs/output.md`) stays in step with the code: every table kind of
//! the catalogue, every warning kind and every CSV column is documented, and the document lists
//! no kind the catalogue does not have.

use std::collections::BTreeSet;

use budgetpdf::catalogue::Catalogue;
use budgetpdf::catalogue::figures::Vocabulary;
use budgetpdf::export::csvs::{DOCUMENT_COLUMNS, FACT_COLUMNS, FIGURE_COLUMNS, TABLE_COLUMNS};
use budgetpdf::report::WarningKind;

fn output_doc() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/output.md");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The lines of the section headed `## {title}`.
fn section<'a>(doc: &'a str, title: &str) -> Vec<&'a str> {
    let heading = format!("## {title}");
    doc.lines()
        .skip_while(|l| *l != heading)
        .skip(1)
        .take_while(|l| !l.starts_with("## "))
        .collect()
}

/// The backticked first cell of each table row: `| \`kind\` | … |` → `kind`.
fn first_cells(lines: &[&str]) -> BTreeSet<String> {
    lines
        .iter()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split_once('`'))
        .map(|(name, _)| name.to_string())
        .collect()
}

#[test]
fn every_catalogue_kind_is_documented_and_nothing_else() {
    let doc = output_doc();
    let documented = first_cells(&section(&doc, "Table kinds"));
    let catalogue: BTreeSet<String> = Catalogue::standard()
        .kinds()
        .iter()
        .map(|k| k.kind.clone())
        .collect();
    let undocumented: Vec<&String> = catalogue.difference(&documented).collect();
    let unknown: Vec<&String> = documented.difference(&catalogue).collect();
    assert!(
        undocumented.is_empty() && unknown.is_empty(),
        "docs/output.md, section Table kinds:\n  missing: {undocumented:?}\n  not in the catalogue: {unknown:?}"
    );
}

#[test]
fn every_warning_kind_is_documented_with_its_severity() {
    let doc = output_doc();
    for kind in WarningKind::ALL {
        let name = serde_json::to_value(kind).unwrap();
        let severity = serde_json::to_value(kind.severity()).unwrap();
        let row = format!(
            "| `{}` | {} |",
            name.as_str().unwrap(),
            severity.as_str().unwrap()
        );
        assert!(doc.contains(&row), "docs/output.md lacks the row {row} …");
    }
}

#[test]
fn every_csv_column_is_documented() {
    let doc = output_doc();
    for (file, columns) in [
        ("documents.csv", &DOCUMENT_COLUMNS[..]),
        ("tables.csv", &TABLE_COLUMNS[..]),
        ("facts.csv", &FACT_COLUMNS[..]),
        ("figures.csv", &FIGURE_COLUMNS[..]),
    ] {
        let lines = section(&doc, &format!("`{file}`"));
        let text = lines.join("\n");
        for column in columns {
            assert!(
                text.contains(&format!("`{column}`")),
                "docs/output.md, section `{file}`, lacks the column `{column}`"
            );
        }
    }
}

#[test]
fn every_figure_key_is_documented_and_nothing_else() {
    let doc = output_doc();
    let documented = first_cells(&section(&doc, "Headline figures"));
    let vocabulary: BTreeSet<String> = Vocabulary::standard()
        .figures
        .iter()
        .map(|f| f.key.clone())
        .collect();
    assert_eq!(
        documented, vocabulary,
        "docs/output.md, section Headline figures"
    );
}
