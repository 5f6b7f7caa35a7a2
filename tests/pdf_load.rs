//! Exact geometry and error behaviour on the hand-made PDFs of tests/fixtures/pdf (see make.sh
//! there for what each page draws).

use std::path::PathBuf;

use budgetpdf::pdf::{self, ASCENT, Document, Glyph, PdfError, Rule};

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pdf")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn load(name: &str) -> Document {
    pdf::load(&fixture(name), &pdf::Settings::default()).unwrap()
}

/// The text lines of one page.
fn text(document: &Document, page: usize) -> Vec<String> {
    pdf::text_lines(&document.pages[page])
        .into_iter()
        .map(|l| l.text)
        .collect()
}

fn first<'d>(document: &'d Document, page: usize, text: &str) -> &'d Glyph {
    document.pages[page]
        .glyphs
        .iter()
        .find(|g| &*g.text == text)
        .unwrap_or_else(|| panic!("no glyph {text:?} on page {}", page + 1))
}

fn assert_near(actual: f64, expected: f64, what: &str) {
    assert!(
        (actual - expected).abs() < 0.01,
        "{what}: {actual} instead of {expected}"
    );
}

fn assert_rule(rule: &Rule, expected: [f64; 4]) {
    let actual = [rule.x0, rule.y0, rule.x1, rule.y1];
    for (a, e) in actual.iter().zip(expected) {
        assert!(
            (a - e).abs() < 0.3,
            "rule {actual:?} instead of {expected:?}"
        );
    }
}

#[test]
fn glyph_boxes_hang_from_the_baseline_in_top_left_coordinates() {
    let document = load("minimal.pdf");
    let page = &document.pages[0];
    assert_eq!((page.width, page.height, page.rotation), (200.0, 100.0, 0));
    let s = first(&document, 0, "S");
    assert_near(s.x, 20.0, "x");
    assert_near(s.y, 50.0 - ASCENT * 12.0, "y");
    assert_near(s.size, 12.0, "size");
    assert_near(s.height, 12.0, "height");
    // Helvetica's S is 667/1000 em wide.
    assert_near(s.width, 0.667 * 12.0, "width");
    assert_eq!(text(&document, 0), ["Secret"]);
}

#[test]
fn stroked_lines_and_thin_filled_rectangles_become_rules() {
    let document = load("minimal.pdf");
    let rules = &document.pages[0].rules;
    assert_eq!(rules.len(), 2, "{rules:?}");
    assert_rule(&rules[0], [10.0, 19.75, 190.0, 19.75]);
    assert_rule(&rules[1], [10.0, 90.0, 190.0, 90.0]);
    assert_near(rules[0].width, 0.5, "filled rule thickness");
    assert_near(rules[1].width, 1.0, "stroke width");
}

#[test]
fn a_flipped_ctm_with_a_scaled_down_font_gives_upright_12pt_text() {
    let document = load("minimal.pdf");
    let f = first(&document, 1, "F");
    assert_near(f.x, 20.0, "x");
    assert_near(f.y, 30.0 - ASCENT * 12.0, "y");
    assert_near(f.size, 12.0, "size");
}

#[test]
fn fake_bold_keeps_one_glyph_marked_bold() {
    let document = load("minimal.pdf");
    let glyphs = &document.pages[1].glyphs;
    let count = |t: &str| glyphs.iter().filter(|g| &*g.text == t).count();
    assert_eq!(count("B"), 1, "fill + stroke is one glyph");
    assert_eq!(count("w"), 1, "a run drawn twice 0.3 pt apart is one run");
    assert!(first(&document, 1, "B").bold_hint);
    assert!(first(&document, 1, "w").bold_hint);
    assert!(!first(&document, 1, "F").bold_hint);
}

#[test]
fn rotate_90_turns_the_page_clockwise() {
    let document = load("rotated.pdf");
    let page = &document.pages[0];
    assert_eq!((page.width, page.height, page.rotation), (100.0, 200.0, 90));
    // The baseline origin (20, 50) of the unrotated page moves to (50, 20); text now runs
    // downwards, so the box spans the em to the left of the baseline.
    let s = first(&document, 0, "S");
    assert_near(s.x, 50.0 - 0.12 * 12.0, "x");
    assert_near(s.y, 20.0, "y");
    let vertical: Vec<_> = page.rules.iter().filter(|r| !r.is_horizontal()).collect();
    assert_eq!(vertical.len(), 2, "{:?}", page.rules);
    assert_rule(vertical[0], [10.0, 10.0, 10.0, 190.0]);
    assert_rule(vertical[1], [80.25, 10.0, 80.25, 190.0]);
}

#[test]
fn the_crop_box_moves_the_origin_and_hides_what_lies_outside() {
    let document = load("cropped.pdf");
    let page = &document.pages[0];
    assert_eq!((page.width, page.height), (100.0, 100.0));
    assert_near(first(&document, 0, "S").x, 10.0, "x");
    assert_eq!(text(&document, 1)[0], "Flip");
    assert!(text(&document, 1).iter().any(|l| l.starts_with("Bold")));
}

#[test]
fn a_user_password_gives_encrypted() {
    let result = pdf::load(
        &fixture("encrypted_user_password.pdf"),
        &pdf::Settings::default(),
    );
    assert_eq!(result.unwrap_err(), PdfError::Encrypted);
}

#[test]
fn an_empty_user_password_opens() {
    let document = load("encrypted_empty_password.pdf");
    assert!(document.info.encrypted);
    assert!(!load("minimal.pdf").info.encrypted);
    assert_eq!(text(&document, 0), ["Secret"]);
}

#[test]
fn a_page_over_the_content_limit_comes_back_empty_with_a_warning() {
    let settings = pdf::Settings {
        max_content_bytes: 10,
        ..pdf::Settings::default()
    };
    let document = pdf::load(&fixture("minimal.pdf"), &settings).unwrap();
    let page = &document.pages[0];
    assert!(page.glyphs.is_empty());
    assert!(
        matches!(
            page.warnings[..],
            [pdf::PageWarning::ContentTooLarge { limit: 10, .. }]
        ),
        "{:?}",
        page.warnings
    );
}

#[test]
fn a_sideways_page_reports_its_text_rotation_and_turns_upright() {
    let document = load("rotated.pdf");
    let page = &document.pages[0];
    assert_eq!(page.text_rotation, 90);
    assert_eq!(text(&document, 0), ["Secret"]);
    let upright = pdf::upright(page);
    assert_eq!(
        (upright.width, upright.height, upright.text_rotation),
        (200.0, 100.0, 0)
    );
    let s = upright.glyphs.iter().find(|g| &*g.text == "S").unwrap();
    assert_near(s.x, 20.0, "x");
    assert_near(s.y, 50.0 - ASCENT * 12.0, "y");
    assert!(
        upright.rules.iter().all(Rule::is_horizontal),
        "{:?}",
        upright.rules
    );
    assert_eq!(load("minimal.pdf").pages[0].text_rotation, 0);
}
