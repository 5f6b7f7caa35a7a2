//! Glyph positions and rules against the samples' truth: every non-empty truth cell must be
//! exactly the text of one box bounded by rules on its page. The box of a glyph is found from
//! its centre: the nearest rule on each side that passes by it. So the test fails when a glyph
//! is misplaced (wrong box), a border is missing (two cells share a box) or a spurious rule
//! splits a cell (its text spreads over two boxes). Characters are compared as multisets, which
//! keeps the check independent of reading order and so also holds on the rotated copy.

mod common;

use std::collections::BTreeMap;

use budgetpdf::pdf::{self, Glyph, Page, Rule};
use unicode_normalization::UnicodeNormalization;

/// A merged cell cut by a page break has no rule below it on the first page (nor above it on
/// the next): the page's own edges close such boxes.
fn with_page_edges(page: &Page) -> Vec<Rule> {
    let (w, h) = (page.width, page.height);
    let edge = |x0, y0, x1, y1| Rule {
        x0,
        y0,
        x1,
        y1,
        width: 0.0,
    };
    let mut rules = page.rules.clone();
    rules.extend([
        edge(0.0, 0.0, w, 0.0),
        edge(0.0, h, w, h),
        edge(0.0, 0.0, 0.0, h),
        edge(w, 0.0, w, h),
    ]);
    rules
}

/// How far (points) beyond its ends a rule still bounds a glyph centre: borders drawn as
/// separate segments per cell leave hairline gaps at the joints.
const REACH: f64 = 1.0;

/// Characters of a cell as a sorted multiset, whitespace removed, NFKC like our glyphs.
type Chars = Vec<char>;

fn chars_of(text: &str) -> Chars {
    let mut chars: Chars = text.nfkc().filter(|c| !c.is_whitespace()).collect();
    chars.sort_unstable();
    chars
}

/// The box `[left, top, right, bottom]` of rules enclosing a point, if rules close it on all
/// four sides. Positions are rounded to 0.1 pt so that boxes compare exactly.
fn enclosing_box(x: f64, y: f64, rules: &[Rule]) -> Option<[i64; 4]> {
    let spans = |from: f64, to: f64, at: f64| from - REACH <= at && at <= to + REACH;
    let vertical = rules
        .iter()
        .filter(|r| !r.is_horizontal() && spans(r.y0, r.y1, y));
    let horizontal = rules
        .iter()
        .filter(|r| r.is_horizontal() && spans(r.x0, r.x1, x));
    let left = vertical
        .clone()
        .map(|r| r.x0)
        .filter(|&rx| rx <= x)
        .reduce(f64::max)?;
    let right = vertical
        .map(|r| r.x0)
        .filter(|&rx| rx > x)
        .reduce(f64::min)?;
    let top = horizontal
        .clone()
        .map(|r| r.y0)
        .filter(|&ry| ry <= y)
        .reduce(f64::max)?;
    let bottom = horizontal
        .map(|r| r.y0)
        .filter(|&ry| ry > y)
        .reduce(f64::min)?;
    Some([left, top, right, bottom].map(|v| (v * 10.0).round() as i64))
}

/// The characters inside each ruled box of a page.
fn boxes(page: &Page) -> BTreeMap<[i64; 4], Chars> {
    let rules = with_page_edges(page);
    let mut boxes: BTreeMap<[i64; 4], Chars> = BTreeMap::new();
    for glyph in &page.glyphs {
        if let Some(b) = enclosing_box(glyph.center_x(), glyph.center_y(), &rules) {
            boxes.entry(b).or_default().extend(glyph.text.chars());
        }
    }
    for chars in boxes.values_mut() {
        chars.sort_unstable();
    }
    boxes
}

#[test]
fn every_truth_cell_is_the_text_of_one_ruled_box() {
    let mut checked = 0;
    let mut misses = Vec::new();
    for (_, truth) in common::load_all() {
        if !truth.text_layer {
            continue;
        }
        let bytes = std::fs::read(common::pdf_of(&truth)).unwrap();
        let document = pdf::load(&bytes, &pdf::Settings::default())
            .unwrap_or_else(|e| panic!("{}: {e}", truth.file));
        let page_boxes: Vec<BTreeMap<[i64; 4], Chars>> = document.pages.iter().map(boxes).collect();
        for table in truth.tables.iter() {
            let header_page = table.pages[0];
            let rows = table
                .header_rows
                .iter()
                .map(|row| (header_page, row))
                .chain(table.body_row_pages.iter().copied().zip(&table.body_rows));
            for (page, row) in rows {
                let on_page = &page_boxes[page as usize - 1];
                for cell in row.iter().filter(|c| !c.trim().is_empty()) {
                    checked += 1;
                    let wanted = chars_of(cell);
                    if !on_page.values().any(|chars| *chars == wanted) {
                        misses.push(format!(
                            "{} p{page} «{}»: {cell:?}",
                            truth.file, table.title
                        ));
                    }
                }
            }
        }
    }
    assert!(checked > 1000, "only {checked} truth cells checked");
    assert!(
        misses.is_empty(),
        "{} of {checked} truth cells are not the text of one ruled box:\n{}",
        misses.len(),
        misses
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn a_glyph_between_four_rules_has_a_box_and_an_open_side_has_none() {
    let rule = |x0, y0, x1, y1| Rule {
        x0,
        y0,
        x1,
        y1,
        width: 0.5,
    };
    let rules = [
        rule(0.0, 0.0, 100.0, 0.0),
        rule(0.0, 20.0, 100.0, 20.0),
        rule(0.0, 0.0, 0.0, 20.0),
        rule(50.0, 0.0, 50.0, 20.0),
    ];
    assert_eq!(enclosing_box(10.0, 10.0, &rules), Some([0, 0, 500, 200]));
    assert_eq!(enclosing_box(70.0, 10.0, &rules), None);
    let glyph = Glyph {
        text: "元".into(),
        x: 5.0,
        y: 5.0,
        width: 10.0,
        height: 10.0,
        size: 10.0,
        font: "".into(),
        bold_hint: false,
    };
    assert_eq!(
        enclosing_box(glyph.center_x(), glyph.center_y(), &rules),
        Some([0, 0, 500, 200])
    );
}
