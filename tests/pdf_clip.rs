//! Text that a clip path hides is not printed, so the PDF layer does not read it (web pages
//! printed to PDF draw hidden CSS text clipped away inside table cells; spreadsheets clip text
//! too long for its cell), and no table cell receives it.

use budgetpdf::pdf::{self, Settings};
use budgetpdf::table;

/// A PDF from object bodies (object 1 first), with a correct xref table.
fn build_pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut data = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(data.len());
        data.extend(format!("{} 0 obj\n", i + 1).bytes());
        data.extend(body);
        data.extend(b"\nendobj\n");
    }
    let xref = data.len();
    data.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for offset in offsets {
        data.extend(format!("{offset:010} 00000 n \n").bytes());
    }
    data.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    data
}

/// One 200 × 100 page whose content stream is `content`, with Helvetica as `/F`.
fn page_with(content: &[u8]) -> Vec<u8> {
    let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
    stream.extend(content);
    stream.extend(b"\nendstream");
    build_pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R \
           /Resources << /Font << /F 5 0 R >> >> >>"
            .to_vec(),
        stream,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ])
}

/// The text of the first page's read glyphs and of its hidden ones.
fn page_texts(bytes: &[u8]) -> (String, String) {
    let document = pdf::load(bytes, &Settings::default()).expect("a readable PDF");
    let page = &document.pages[0];
    let text = |glyphs: &[pdf::Glyph]| glyphs.iter().map(|g| &*g.text).collect();
    (text(&page.glyphs), text(&page.hidden_glyphs))
}

#[test]
fn text_outside_the_clip_is_not_read_but_kept_as_hidden() {
    // A cell clip 10..110 × 60..80; "Shown" inside it, "Hidden" 30 points below it.
    let content = b"q 10 60 100 20 re W n \
        BT /F 10 Tf 12 65 Td (Shown) Tj ET \
        BT /F 10 Tf 12 30 Td (Hidden) Tj ET Q \
        BT /F 10 Tf 12 10 Td (Free) Tj ET";
    let (read, hidden) = page_texts(&page_with(content));
    assert_eq!((read.as_str(), hidden.as_str()), ("ShownFree", "Hidden"));
}

#[test]
fn a_glyph_cut_at_the_clip_border_is_read() {
    // The clip cuts the top of the glyphs (as a cell's border does): their centres are inside.
    let content = b"q 10 60 100 9 re W n BT /F 10 Tf 12 62 Td (Cut) Tj ET Q";
    assert_eq!(page_texts(&page_with(content)).0, "Cut");
}

#[test]
fn a_line_running_past_the_clip_is_read_up_to_the_glyph_the_border_cuts() {
    // A word longer than its cell, clipped at x 40: Helvetica's `o` spans 38.67..44.23 and
    // shows in part; `wing` after it lies wholly outside and is not printed.
    let content = b"q 10 60 30 20 re W n BT /F 10 Tf 12 65 Td (Overflowing) Tj ET Q";
    let (read, hidden) = page_texts(&page_with(content));
    assert_eq!((read.as_str(), hidden.as_str()), ("Overflo", "wing"));
}

#[test]
fn a_clip_inside_another_leaves_visible_only_what_both_leave() {
    // An outer clip 10..110 × 60..80 and an inner one 10..110 × 0..70 (PDF y up): a line at
    // baseline 40 lies inside the inner clip but outside the outer one, so it is hidden. Popping
    // the inner clip restores the outer one alone.
    let content = b"q 10 60 100 20 re W n q 10 0 100 70 re W n \
        BT /F 10 Tf 12 62 Td (In) Tj ET BT /F 10 Tf 12 40 Td (Out) Tj ET Q \
        BT /F 10 Tf 12 71 Td (Back) Tj ET Q";
    let (read, hidden) = page_texts(&page_with(content));
    assert_eq!((read.as_str(), hidden.as_str()), ("InBack", "Out"));
}

#[test]
fn a_name_clipped_at_its_cells_border_does_not_run_into_the_amount_beside_it() {
    // A ruled grid, columns 10..110 | 110..190, rows 80..68 | 68..56 | 56..44 (PDF y up): a
    // header row and two body rows. The first body row's name, written without spaces as
    // Chinese names are, runs past its cell's right rule at x 110, where the producer clips it
    // (Xi'an: 机关事业单位基本养老保险|缴费支出 43608.96); the amount is printed in the next cell.
    // The glyph the rule cuts (the final `s`, 108.02..112.02) stays with the name; the rest is
    // not printed and not read.
    let rules =
        b"0.5 w 10 80 m 190 80 l S 10 68 m 190 68 l S 10 56 m 190 56 l S 10 44 m 190 44 l S \
        10 44 m 10 80 l S 110 44 m 110 80 l S 190 44 m 190 80 l S";
    let text = b"BT /F 8 Tf 12 71 Td (Item) Tj ET BT /F 8 Tf 150 71 Td (Amount) Tj ET \
        q 10 56 100 12 re W n BT /F 8 Tf 12 59 Td (Social-security-contributions-of-units) Tj ET Q \
        BT /F 8 Tf 150 59 Td (43608.96) Tj ET \
        BT /F 8 Tf 12 47 Td (Other) Tj ET BT /F 8 Tf 150 47 Td (12.00) Tj ET";
    let content = [&rules[..], b" ", &text[..]].concat();
    let document = pdf::load(&page_with(&content), &Settings::default()).unwrap();
    let extraction = table::extract(&document.pages, &table::Settings::default());
    let rows: Vec<&Vec<String>> = extraction
        .tables
        .iter()
        .flat_map(|t| &t.body_rows)
        .collect();
    assert_eq!(
        rows,
        [
            &["Social-security-contributions", "43608.96"],
            &["Other", "12.00"]
        ]
    );
}
