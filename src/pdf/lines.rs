//! Reading-order text lines from positioned glyphs: rows top to bottom, glyphs left to right,
//! CJK joined without spaces, Latin words separated by geometry (WPS writes one glyph per
//! operator and no space characters, so gaps are all there is).

use super::model::{Glyph, Page, TextLine};

/// Glyphs whose vertical centres differ by at most this fraction of the smaller size share a row.
const ROW_TOLERANCE: f64 = 0.4;
/// A horizontal gap wider than this many sizes splits a row into separate lines (table cells,
/// `单位名称：…` left and `单位：万元` right).
const LINE_BREAK_GAP: f64 = 2.0;
/// A gap wider than this many sizes between two glyphs that are not both CJK is a word space.
const WORD_GAP: f64 = 0.15;

/// The page's text as lines in reading order (top to bottom, then left to right).
pub fn text_lines(page: &Page) -> Vec<TextLine> {
    let mut glyphs: Vec<&Glyph> = page.glyphs.iter().collect();
    glyphs.sort_by(|a, b| a.center_y().total_cmp(&b.center_y()));
    let mut lines = Vec::new();
    for row in rows(&glyphs) {
        let mut row = row;
        row.sort_by(|a, b| a.x.total_cmp(&b.x));
        for piece in split_at_gaps(&row) {
            lines.push(line_of(piece));
        }
    }
    lines.sort_by(|a, b| {
        let same_row =
            (a.y0 + a.y1 - b.y0 - b.y1).abs() / 2.0 <= ROW_TOLERANCE * a.size.min(b.size);
        if same_row {
            a.x0.total_cmp(&b.x0)
        } else {
            (a.y0 + a.y1).total_cmp(&(b.y0 + b.y1))
        }
    });
    lines
}

/// The page's text as `budgetpdf text` prints it: one [`TextLine`] per output line.
pub fn page_text(page: &Page) -> String {
    text_lines(page)
        .into_iter()
        .map(|line| line.text + "\n")
        .collect()
}

/// Groups glyphs sorted by vertical centre into rows.
fn rows<'g>(sorted: &[&'g Glyph]) -> Vec<Vec<&'g Glyph>> {
    let mut rows: Vec<Vec<&Glyph>> = Vec::new();
    let mut row_center = f64::NEG_INFINITY;
    let mut row_size = 0.0;
    for &glyph in sorted {
        let tolerance = ROW_TOLERANCE * glyph.height.min(row_size);
        match rows.last_mut() {
            Some(row) if glyph.center_y() - row_center <= tolerance => {
                row.push(glyph);
                let n = row.len() as f64;
                row_center += (glyph.center_y() - row_center) / n;
                row_size = f64::min(row_size, glyph.height);
            }
            _ => {
                rows.push(vec![glyph]);
                row_center = glyph.center_y();
                row_size = glyph.height;
            }
        }
    }
    rows
}

/// Splits a left-to-right row where the gap is wide enough to separate lines.
fn split_at_gaps<'r, 'g>(row: &'r [&'g Glyph]) -> impl Iterator<Item = &'r [&'g Glyph]> {
    row.chunk_by(|a, b| gap(a, b) <= LINE_BREAK_GAP * a.size.max(b.size))
}

fn gap(left: &Glyph, right: &Glyph) -> f64 {
    right.x - (left.x + left.width)
}

fn line_of(glyphs: &[&Glyph]) -> TextLine {
    let mut text = String::new();
    for (i, glyph) in glyphs.iter().enumerate() {
        if i > 0 && needs_space(glyphs[i - 1], glyph) {
            text.push(' ');
        }
        text.push_str(&glyph.text);
    }
    TextLine {
        text,
        x0: glyphs.iter().map(|g| g.x).fold(f64::INFINITY, f64::min),
        y0: glyphs.iter().map(|g| g.y).fold(f64::INFINITY, f64::min),
        x1: glyphs
            .iter()
            .map(|g| g.x + g.width)
            .fold(f64::NEG_INFINITY, f64::max),
        y1: glyphs
            .iter()
            .map(|g| g.y + g.height)
            .fold(f64::NEG_INFINITY, f64::max),
        size: most_common_size(glyphs),
    }
}

fn needs_space(left: &Glyph, right: &Glyph) -> bool {
    let both_wide = left.text.chars().last().is_some_and(is_wide)
        && right.text.chars().next().is_some_and(is_wide);
    !both_wide && gap(left, right) > WORD_GAP * left.size.max(right.size)
}

/// The size most glyphs of the line have (to a tenth of a point).
fn most_common_size(glyphs: &[&Glyph]) -> f64 {
    let mut tenths: Vec<i64> = glyphs
        .iter()
        .map(|g| (g.size * 10.0).round() as i64)
        .collect();
    tenths.sort_unstable();
    let mode = tenths
        .chunk_by(|a, b| a == b)
        .max_by_key(|run| run.len())
        .map_or(0, |run| run[0]);
    mode as f64 / 10.0
}

/// Whether a character is set full-width (CJK ideographs, kana, hangul, CJK punctuation):
/// such characters are written without spaces between them.
pub(super) fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF
        | 0x2E80..=0x2FDF
        | 0x3000..=0x303F
        | 0x3040..=0x30FF
        | 0x3100..=0x312F
        | 0x3130..=0x318F
        | 0x31C0..=0x31EF
        | 0x3200..=0x32FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(text: &str, x: f64, y: f64, width: f64) -> Glyph {
        Glyph {
            text: text.to_string(),
            x,
            y,
            width,
            height: 10.0,
            size: 10.0,
            font: String::new(),
            bold_hint: false,
        }
    }

    fn page(glyphs: Vec<Glyph>) -> Page {
        Page {
            number: 1,
            width: 600.0,
            height: 800.0,
            rotation: 0,
            glyphs,
            rules: Vec::new(),
            images: 0,
            warnings: Vec::new(),
            font_cmap_fallbacks: 0,
            unmapped_glyphs: 0,
        }
    }

    fn texts(page: &Page) -> Vec<String> {
        text_lines(page).into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn cjk_is_joined_and_latin_words_are_split_by_gaps() {
        let p = page(vec![
            glyph("预", 10.0, 10.0, 10.0),
            glyph("算", 20.0, 10.0, 10.0),
            glyph("A", 30.0, 10.0, 5.0),
            glyph("b", 35.0, 10.0, 5.0),
            glyph("c", 43.0, 10.0, 5.0),
        ]);
        assert_eq!(texts(&p), ["预算Ab c"]);
    }

    #[test]
    fn rows_are_ordered_top_to_bottom_then_left_to_right() {
        let p = page(vec![
            glyph("下", 10.0, 40.0, 10.0),
            glyph("右", 200.0, 11.0, 10.0),
            glyph("左", 10.0, 10.0, 10.0),
        ]);
        assert_eq!(texts(&p), ["左", "右", "下"]);
    }

    #[test]
    fn wide_gaps_split_a_row_into_lines() {
        let p = page(vec![
            glyph("甲", 10.0, 10.0, 10.0),
            glyph("乙", 45.0, 10.0, 10.0),
        ]);
        let lines = text_lines(&p);
        assert_eq!(lines.len(), 2);
        assert_eq!(
            (lines[1].x0, lines[1].x1, lines[1].size),
            (45.0, 55.0, 10.0)
        );
    }

    #[test]
    fn wide_characters_are_recognised() {
        assert!(is_wide('预'));
        assert!(is_wide('、'));
        assert!(!is_wide('A'));
        assert!(!is_wide('1'));
    }
}
