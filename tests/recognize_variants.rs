//! Recognition on the template family rather than on the corpus: printed titles and covers of
//! the Ministry of Finance's 部门预算/部门决算公开 templates and of the provinces' versions
//! (2015–2026), written from the templates, not taken from the corpus's labels, and run through
//! the public API as any caller would.
//!
//! - `tests/labels/title_variants.tsv`: `kind, title, header, codes, context, cover, family`.
//!   Each line is one table: its title (empty: printed without one), its header cells (`|`
//!   between cells), its rows' codes (`,` between rows), lines printed above it (`|` between
//!   lines) and the cover of its document (`|` between lines), classified with
//!   `recognize::classify_in`. `kind` is a catalogue kind, or `outside` for a table no kind
//!   covers, which must stay `unknown`. `family` says which template prints the wording.
//! - `tests/labels/cover_variants.tsv`: `kind, year, unit, lines, tables, note`. Each line is
//!   one document: its first page's lines and its tables' titles (`|` between them), read with
//!   `recognize::document_meta`; `*` leaves a field unchecked (the unit of an evaluation
//!   report, the year of a notice).

use std::path::Path;

use budgetpdf::recognize::{
    Catalogue, DocumentContext, UNKNOWN_KIND, classify_all, classify_in, document_meta,
};
use budgetpdf::report::DocumentKind;
use budgetpdf::table::Table;

/// The fields of each line of a labels file after its header line; lines starting with `#`
/// are comments.
fn tsv(name: &str, fields: usize) -> Vec<Vec<String>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/labels")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let f: Vec<String> = l.split('\t').map(str::to_string).collect();
            assert_eq!(f.len(), fields, "{name}: {fields} fields: {l}");
            f
        })
        .collect()
}

/// `a|b|c` → `[a, b, c]`; empty → `[]`.
fn split(field: &str, separator: char) -> Vec<String> {
    field
        .split(separator)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// A table as the table stage hands it over: title, header row, one body row per code.
fn table(title: &str, header: &str, codes: &str, context: &str) -> Table {
    let header = split(header, '|');
    let width = header.len().max(3);
    Table {
        title: (!title.is_empty()).then(|| title.to_string()),
        pages: [1, 1],
        context_lines: split(context, '|'),
        header_rows: if header.is_empty() {
            vec![]
        } else {
            vec![header]
        },
        body_rows: split(codes, ',')
            .into_iter()
            .map(|code| {
                let mut row = vec![code, "某某支出".to_string()];
                row.resize(width, "1.00".to_string());
                row
            })
            .collect(),
        ..Table::default()
    }
}

#[test]
fn title_variants_of_the_template_family_name_their_kinds() {
    let catalogue = Catalogue::standard();
    let rows = tsv("title_variants.tsv", 7);
    let mut wrong = Vec::new();
    for f in &rows {
        let (kind, title, header, codes, above, cover, family) =
            (&f[0], &f[1], &f[2], &f[3], &f[4], &f[5], &f[6]);
        let expected = if kind == "outside" {
            UNKNOWN_KIND
        } else {
            kind.as_str()
        };
        if expected != UNKNOWN_KIND && catalogue.kind(expected).is_none() {
            wrong.push(format!(
                "  {title:?} [{family}]: {expected} is no catalogue kind"
            ));
            continue;
        }
        let context = DocumentContext::from_pages(catalogue, &[split(cover, '|')]);
        let class = classify_in(catalogue, &table(title, header, codes, above), &context);
        if class.kind != expected {
            wrong.push(format!(
                "  {title:?} [{family}]: {}, expected {expected}",
                class.kind
            ));
        }
    }
    assert!(rows.len() >= 200, "only {} title variants", rows.len());
    assert!(
        wrong.is_empty(),
        "{} of {} title variants named wrongly:\n{}",
        wrong.len(),
        rows.len(),
        wrong.join("\n")
    );
}

fn document_kind(name: &str) -> DocumentKind {
    serde_json::from_value(serde_json::Value::String(name.to_string()))
        .unwrap_or_else(|e| panic!("document kind {name}: {e}"))
}

#[test]
fn cover_variants_give_kind_year_and_unit() {
    let catalogue = Catalogue::standard();
    let rows = tsv("cover_variants.tsv", 6);
    let mut wrong = Vec::new();
    for f in &rows {
        let (kind, year, unit, lines, titles, note) = (&f[0], &f[1], &f[2], &f[3], &f[4], &f[5]);
        let pages = vec![split(lines, '|')];
        let tables: Vec<Table> = split(titles, '|')
            .iter()
            .map(|t| table(t, "", "", ""))
            .collect();
        let context = DocumentContext::from_pages(catalogue, &pages);
        let classes = classify_all(catalogue, &tables, &context);
        let meta = document_meta(catalogue, &pages, &tables, &classes);
        let mut misses = Vec::new();
        if meta.kind != document_kind(kind) {
            misses.push(format!("kind {:?}, expected {kind}", meta.kind));
        }
        if year != "*" && meta.year != year.parse().ok() {
            misses.push(format!("year {:?}, expected {year:?}", meta.year));
        }
        if unit != "*" && meta.unit.as_deref() != Some(unit.as_str()) {
            misses.push(format!("unit {:?}, expected {unit}", meta.unit));
        }
        if !misses.is_empty() {
            wrong.push(format!("  {lines} [{note}]: {}", misses.join("; ")));
        }
    }
    assert!(rows.len() >= 50, "only {} cover variants", rows.len());
    assert!(
        wrong.is_empty(),
        "{} of {} cover variants read wrongly:\n{}",
        wrong.len(),
        rows.len(),
        wrong.join("\n")
    );
}
