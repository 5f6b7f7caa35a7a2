//! Text that a clip path hides is not printed, so the PDF layer does not read it (web pages
//! printed to PDF draw hidden CSS text clipped away inside table cells).

use budgetpdf::pdf::{self, Settings};

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
    let text = |glyphs: &[pdf::Glyph]| glyphs.iter().map(|g| g.text.as_str()).collect();
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
