//! Text that a clip path hides is not printed, so the PDF layer does not read it and no table
//! cell receives it: spreadsheets clip a name too long for its cell at the cell's borders and
//! the wrapped lines of a cell too low for them (web pages printed to PDF clip hidden CSS text
//! the same way).
//!
//! The fixture is a budget table printed by LibreOffice Calc (`tests/fixtures/clip/make.sh`),
//! its truth read from the page image. Calc leaves out by itself the glyphs of a left-aligned
//! name wholly past its cell's border, so along the baseline only a centred name is drawn whole
//! under the clip; a clip inside another, which no producer we can run draws around text, is
//! left to the unit tests of `pdf::device`.

use std::path::PathBuf;

use budgetpdf::pdf::{self, Page, Settings, nfkc};
use budgetpdf::table;
use serde::Deserialize;

/// What the fixture's page prints (`calc_clipped_cells.truth.json`).
#[derive(Deserialize)]
struct Truth {
    /// The table's body rows, each cell's visible text.
    body: Vec<Vec<String>>,
    /// Text of the workbook's cells that the page does not print.
    not_printed: Vec<NotPrinted>,
}

/// Text of a cell that the page does not print.
#[derive(Deserialize)]
struct NotPrinted {
    /// The code (科目编码) of its row.
    row: String,
    /// The text.
    text: String,
    /// Whether the producer draws it under a clip path (rather than leaving it out).
    drawn_under_clip: bool,
}

/// A file of the clip fixture.
fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/clip")
        .join(name)
}

/// The fixture's truth.
fn truth() -> Truth {
    let text = std::fs::read_to_string(fixture("calc_clipped_cells.truth.json")).unwrap();
    serde_json::from_str(&text).expect("a valid truth file")
}

/// The fixture's one page, as the PDF layer reads it.
fn calc_page() -> Page {
    let bytes = std::fs::read(fixture("calc_clipped_cells.pdf")).unwrap();
    let document = pdf::load(&bytes, &Settings::default()).expect("a readable PDF");
    document.pages.into_iter().next().expect("one page")
}

/// The glyphs' text in drawing order, in the PDF layer's normal form.
fn text_of(glyphs: &[pdf::Glyph]) -> String {
    glyphs.iter().map(|g| &*g.text).collect()
}

#[test]
fn text_a_cells_clip_hides_is_kept_as_hidden_and_not_read() {
    let page = calc_page();
    let (read, hidden) = (text_of(&page.glyphs), text_of(&page.hidden_glyphs));
    for gone in truth().not_printed.iter().filter(|n| n.drawn_under_clip) {
        let gone_text = nfkc(&gone.text);
        assert!(
            hidden.contains(&*gone_text),
            "row {}: {gone_text} is not among the hidden glyphs {hidden:?}",
            gone.row
        );
        assert!(
            !read.contains(&*gone_text),
            "row {}: {gone_text} is read though not printed: {read:?}",
            gone.row
        );
    }
}

#[test]
fn each_cell_reads_what_it_prints_names_cut_at_their_borders_not_running_into_the_amount() {
    let page = calc_page();
    let extraction = table::extract(&[page], &table::Settings::default());
    let rows: Vec<&Vec<String>> = extraction
        .tables
        .iter()
        .flat_map(|t| &t.body_rows)
        .collect();
    let expected: Vec<Vec<String>> = truth()
        .body
        .iter()
        .map(|row| row.iter().map(|cell| nfkc(cell).into_owned()).collect())
        .collect();
    assert_eq!(rows, expected.iter().collect::<Vec<_>>());
}
