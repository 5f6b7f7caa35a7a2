//! Reading-order text lines from positioned glyphs: rows top to bottom, glyphs left to right,
//! CJK joined without spaces, Latin words separated by geometry (WPS writes one glyph per
//! operator and no space characters, so gaps are all there is).

use super::model::{Glyph, Page, Rule, TextLine};
use super::orientation::{Turn, upright};

/// Glyphs whose vertical centres differ by at most this fraction of the smaller size share a row.
const ROW_TOLERANCE: f64 = 0.4;
/// A horizontal gap wider than this many sizes splits a row into separate lines (`单位名称：…`
/// left and `单位：万元` right); a vertical rule between two glyphs always does.
const LINE_BREAK_GAP: f64 = 2.0;
/// A gap wider than this many sizes between two glyphs that are not both CJK is a word space.
const WORD_GAP: f64 = 0.15;

/// The page's text as lines in reading order (top to bottom, then left to right, as the text
/// runs: a sideways page is read as if turned upright). Line boxes are in the page's own
/// coordinates.
pub fn text_lines(page: &Page) -> Vec<TextLine> {
    if page.text_rotation == 0 {
        return upright_lines(page);
    }
    let turn = Turn::to_upright(page.text_rotation, page.width, page.height);
    let back = turn.inverse();
    let mut lines = upright_lines(&upright(page));
    for line in &mut lines {
        (line.x0, line.y0, line.x1, line.y1) = back.rect(line.x0, line.y0, line.x1, line.y1);
    }
    lines
}

/// Lines of a page whose text runs left to right.
fn upright_lines(page: &Page) -> Vec<TextLine> {
    let mut glyphs: Vec<&Glyph> = page.glyphs.iter().collect();
    glyphs.sort_by(|a, b| a.center_y().total_cmp(&b.center_y()));
    let mut borders: Vec<&Rule> = page.rules.iter().filter(|r| !r.is_horizontal()).collect();
    borders.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    // Rows come out top to bottom and the pieces of a row left to right: reading order.
    let mut lines = Vec::new();
    for mut row in rows(&glyphs) {
        row.sort_by(|a, b| a.x.total_cmp(&b.x));
        let pieces = row.chunk_by(|a, b| !separated(a, b, &borders));
        lines.extend(pieces.map(line_of));
    }
    lines
}

/// Whether two neighbours on a row belong to different lines: a wide gap, or a vertical rule
/// between them (table cells side by side are never one line, however close).
fn separated(left: &Glyph, right: &Glyph, borders: &[&Rule]) -> bool {
    if gap(left, right) > LINE_BREAK_GAP * left.size.max(right.size) {
        return true;
    }
    let from = left.center_x();
    let to = right.center_x();
    let y = (left.center_y() + right.center_y()) / 2.0;
    let first = borders.partition_point(|r| r.x0 <= from);
    borders[first..]
        .iter()
        .take_while(|r| r.x0 < to)
        .any(|r| r.y0 <= y && y <= r.y1)
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

fn gap(left: &Glyph, right: &Glyph) -> f64 {
    right.x - (left.x + left.width)
}

fn line_of(glyphs: &[&Glyph]) -> TextLine {
    // Room for every glyph's text and a space after each.
    let mut text = String::with_capacity(glyphs.iter().map(|g| g.text.len() + 1).sum());
    for (i, glyph) in glyphs.iter().enumerate() {
        if i > 0 && needs_space(glyphs[i - 1], glyph) {
            text.push(' ');
        }
        text.push_str(&glyph.text);
    }
    TextLine::spanning(text, glyphs, most_common_size(glyphs))
}

fn needs_space(left: &Glyph, right: &Glyph) -> bool {
    let both_wide = left.text.chars().last().is_some_and(is_wide)
        && right.text.chars().next().is_some_and(is_wide);
    !both_wide && gap(left, right) > WORD_GAP * left.size.max(right.size)
}

/// The size most glyphs of the line have (to a tenth of a point).
fn most_common_size(glyphs: &[&Glyph]) -> f64 {
    let tenth = |g: &&Glyph| (g.size * 10.0).round() as i64;
    // Most lines are printed in one size.
    if let Some(first) = glyphs.first().map(tenth)
        && glyphs.iter().all(|g| tenth(g) == first)
    {
        return first as f64 / 10.0;
    }
    let mut tenths: Vec<i64> = glyphs.iter().map(tenth).collect();
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

    fn page(glyphs: Vec<Glyph>) -> Page {
        Page {
            number: 1,
            width: 600.0,
            height: 800.0,
            rotation: 0,
            text_rotation: 0,
            glyphs,
            hidden_glyphs: Vec::new(),
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
            Glyph::test("预", 10.0, 10.0, 10.0),
            Glyph::test("算", 20.0, 10.0, 10.0),
            Glyph::test("A", 30.0, 10.0, 5.0),
            Glyph::test("b", 35.0, 10.0, 5.0),
            Glyph::test("c", 43.0, 10.0, 5.0),
        ]);
        assert_eq!(texts(&p), ["预算Ab c"]);
    }

    #[test]
    fn rows_are_ordered_top_to_bottom_then_left_to_right() {
        let p = page(vec![
            Glyph::test("下", 10.0, 40.0, 10.0),
            Glyph::test("右", 200.0, 11.0, 10.0),
            Glyph::test("左", 10.0, 10.0, 10.0),
        ]);
        assert_eq!(texts(&p), ["左", "右", "下"]);
    }

    #[test]
    fn wide_gaps_split_a_row_into_lines() {
        let p = page(vec![
            Glyph::test("甲", 10.0, 10.0, 10.0),
            Glyph::test("乙", 45.0, 10.0, 10.0),
        ]);
        let lines = text_lines(&p);
        assert_eq!(lines.len(), 2);
        assert_eq!(
            (lines[1].x0, lines[1].x1, lines[1].size),
            (45.0, 55.0, 10.0)
        );
    }

    #[test]
    fn text_running_down_a_sideways_page_is_read_as_upright_lines() {
        // Two lines turned clockwise: the first line is the rightmost column.
        let mut p = page(vec![
            Glyph::test("乙", 10.0, 10.0, 10.0),
            Glyph::test("甲", 30.0, 10.0, 10.0),
            Glyph::test("一", 30.0, 20.0, 10.0),
        ]);
        p.text_rotation = 90;
        let lines = text_lines(&p);
        let texts: Vec<_> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["甲一", "乙"]);
        assert_eq!(
            (lines[0].x0, lines[0].y0, lines[0].x1, lines[0].y1),
            (30.0, 10.0, 40.0, 30.0)
        );
    }

    #[test]
    fn a_vertical_rule_between_close_glyphs_splits_the_line() {
        let mut p = page(vec![
            Glyph::test("甲", 10.0, 10.0, 10.0),
            Glyph::test("乙", 22.0, 10.0, 10.0),
        ]);
        assert_eq!(texts(&p), ["甲乙"]);
        p.rules.push(Rule {
            x0: 21.0,
            y0: 0.0,
            x1: 21.0,
            y1: 30.0,
            width: 0.5,
        });
        assert_eq!(texts(&p), ["甲", "乙"]);
    }

    #[test]
    fn wide_characters_are_recognised() {
        assert!(is_wide('预'));
        assert!(is_wide('、'));
        assert!(!is_wide('A'));
        assert!(!is_wide('1'));
    }
}
