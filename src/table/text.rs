//! Text inside a cell: glyphs into lines, lines into one string, whitespace folded.

use crate::pdf::Glyph;

use super::Settings;

/// Whether `c` is written without spaces around it in Chinese text: ideographs, CJK
/// punctuation and full-width forms.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF      // radicals
        | 0x3000..=0x303F    // CJK symbols and punctuation
        | 0x3040..=0x30FF    // kana
        | 0x3400..=0x4DBF    // extension A
        | 0x4E00..=0x9FFF    // unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFE30..=0xFE4F    // compatibility forms
        | 0xFF00..=0xFFEF    // half- and full-width forms
        | 0x20000..=0x3FFFF) // extensions B and later
}

/// Whether `c` is punctuation that Chinese text prints full-width (`（`, `，`, `：` …) and that
/// the PDF layer's NFKC has turned into its ASCII form: beside a CJK character it is written
/// without a space, as the full-width character was.
fn is_folded_fullwidth_punctuation(c: char) -> bool {
    matches!(c, '(' | ')' | '[' | ']' | ',' | ':' | ';' | '!' | '?')
}

/// Whether a space between `left` and `right` is dropped: between two CJK characters, and
/// where full-width punctuation meets a CJK character or another such mark (`目标：（1）`).
fn joins_without_space(left: char, right: char) -> bool {
    let wide = |c: char| is_cjk(c) || is_folded_fullwidth_punctuation(c);
    wide(left) && wide(right)
}

/// Folds whitespace the way every grid in budgetpdf is written: runs of whitespace collapse to
/// one space, are removed entirely between two CJK characters (full-width punctuation, which
/// NFKC has made ASCII, counting as CJK beside one), and are trimmed at both ends.
///
/// ```
/// use budgetpdf::table::fold_whitespace;
/// assert_eq!(fold_whitespace(" 项  目\n名称 "), "项目名称");
/// assert_eq!(fold_whitespace("Total   budget 2023 年"), "Total budget 2023 年");
/// assert_eq!(fold_whitespace("因 公 出 国 ( 境 ) 费 用"), "因公出国(境)费用");
/// ```
pub fn fold_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space
            && !out
                .chars()
                .next_back()
                .is_some_and(|left| joins_without_space(left, c))
        {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    out
}

/// Groups glyphs into text lines, top to bottom, each line left to right. A glyph joins the
/// current line when its vertical centre is within `tolerance` × its height of the line's.
pub(crate) fn group_lines(mut glyphs: Vec<&Glyph>, tolerance: f64) -> Vec<Vec<&Glyph>> {
    glyphs.sort_by(|a, b| a.center_y().total_cmp(&b.center_y()));
    // Each line with the sum of its glyphs' centres (added in order, as `Iterator::sum` does
    // from -0.0), whose mean is the line's centre.
    let mut lines: Vec<(f64, Vec<&Glyph>)> = Vec::new();
    for glyph in glyphs {
        let reach = tolerance * glyph_height(glyph);
        match lines.last_mut() {
            Some((sum, line)) if (glyph.center_y() - *sum / line.len() as f64).abs() <= reach => {
                line.push(glyph);
                *sum += glyph.center_y();
            }
            _ => lines.push((-0.0 + glyph.center_y(), vec![glyph])),
        }
    }
    lines
        .into_iter()
        .map(|(_, mut line)| {
            line.sort_by(|a, b| a.x.total_cmp(&b.x));
            line
        })
        .collect()
}

/// A glyph's height for tolerances, never zero (some producers give empty boxes).
pub(crate) fn glyph_height(glyph: &Glyph) -> f64 {
    glyph.height.max(glyph.size).max(1.0)
}

/// Cuts a line (left to right) into phrases wherever the gap between two glyphs is wider than
/// `gap` × the glyph size. Blank glyphs are left out.
pub(crate) fn split_at_gaps<'a>(line: &[&'a Glyph], gap: f64) -> Vec<Vec<&'a Glyph>> {
    let mut phrases: Vec<Vec<&Glyph>> = Vec::new();
    let mut right = f64::NEG_INFINITY;
    for &glyph in line {
        if glyph.text.trim().is_empty() {
            continue;
        }
        match phrases.last_mut() {
            Some(phrase) if glyph.x - right <= gap * glyph_height(glyph) => phrase.push(glyph),
            _ => phrases.push(vec![glyph]),
        }
        right = right.max(glyph.x + glyph.width);
    }
    phrases
}

/// Gaps wider than these fractions of the glyph size are spaces: `word_gap` between two Latin
/// glyphs, `mixed_gap` where a CJK glyph meets a Latin one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Spacing {
    pub word_gap: f64,
    pub mixed_gap: f64,
}

impl Spacing {
    pub fn of(settings: &Settings) -> Spacing {
        Spacing {
            word_gap: settings.word_gap,
            mixed_gap: settings.mixed_script_gap,
        }
    }
}

/// The text of one line, left to right, with a space wherever the gap between two glyphs is a
/// space by `spacing` (producers such as WPS write no space characters, and the PDF layer
/// drops those that are written).
pub(crate) fn line_text(line: &[&Glyph], spacing: Spacing) -> String {
    let mut text = String::new();
    let mut right_edge: Option<f64> = None;
    for glyph in line {
        if let Some(edge) = right_edge {
            let mixed = text.chars().next_back().is_some_and(is_cjk)
                != glyph.text.chars().next().is_some_and(is_cjk);
            let fraction = if mixed {
                spacing.mixed_gap
            } else {
                spacing.word_gap
            };
            if glyph.x - edge > fraction * glyph_height(glyph) {
                text.push(' ');
            }
        }
        text.push_str(&glyph.text);
        let end = glyph.x + glyph.width;
        right_edge = Some(right_edge.map_or(end, |e| e.max(end)));
    }
    text
}

/// The text of a cell: its lines joined without a break (a space only between two Latin
/// words, as wrapped words were separated by one), then folded.
pub(crate) fn cell_text(glyphs: Vec<&Glyph>, line_tolerance: f64, spacing: Spacing) -> String {
    let mut joined = String::new();
    for line in group_lines(glyphs, line_tolerance) {
        let text = fold_whitespace(&line_text(&line, spacing));
        if text.is_empty() {
            continue;
        }
        let wrapped_word = joined.chars().next_back().is_some_and(is_latin)
            && text.chars().next().is_some_and(is_latin);
        if wrapped_word {
            joined.push(' ');
        }
        joined.push_str(&text);
    }
    fold_whitespace(&joined)
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A glyph of `size` points at (x, y) whose advance is one em for CJK, half an em else.
    pub(crate) fn glyph(text: &str, x: f64, y: f64, size: f64) -> Glyph {
        let wide = text.chars().any(is_cjk);
        Glyph {
            text: text.into(),
            x,
            y,
            width: if wide { size } else { size / 2.0 } * text.chars().count() as f64,
            height: size,
            size,
            font: "SimSun".into(),
            bold_hint: false,
        }
    }

    /// A page 1 of A4 size holding the given glyphs and rules.
    pub(crate) fn page(glyphs: Vec<Glyph>, rules: Vec<crate::pdf::Rule>) -> crate::pdf::Page {
        crate::pdf::Page {
            number: 1,
            width: 595.0,
            height: 842.0,
            rotation: 0,
            text_rotation: 0,
            glyphs,
            hidden_glyphs: Vec::new(),
            rules,
            images: 0,
            warnings: Vec::new(),
            font_cmap_fallbacks: 0,
            unmapped_glyphs: 0,
        }
    }

    /// Glyphs of a string laid out one character after another from (x, y).
    pub(crate) fn run(text: &str, x: f64, y: f64, size: f64) -> Vec<Glyph> {
        let mut glyphs = Vec::new();
        let mut x = x;
        for c in text.chars() {
            let g = glyph(&c.to_string(), x, y, size);
            x += g.width;
            if c != ' ' {
                glyphs.push(g);
            }
        }
        glyphs
    }

    #[test]
    fn folding_removes_space_only_between_cjk() {
        assert_eq!(fold_whitespace("一般 公共\t预算"), "一般公共预算");
        assert_eq!(fold_whitespace("  a   b  "), "a b");
        assert_eq!(fold_whitespace("2023 年"), "2023 年");
        assert_eq!(fold_whitespace("（ 元 ）"), "（元）");
        assert_eq!(fold_whitespace(""), "");
    }

    #[test]
    fn folding_treats_nfkc_full_width_punctuation_as_cjk() {
        // Letter-spaced cells print `因 公 出 国 （ 境 ） 费 用`; the PDF layer gives `(`.
        assert_eq!(fold_whitespace("因公出国 ( 境 ) 费用"), "因公出国(境)费用");
        assert_eq!(
            fold_whitespace("技术支撑工作 , 不断提升"),
            "技术支撑工作,不断提升"
        );
        assert_eq!(fold_whitespace("其中 : 基本支出"), "其中:基本支出");
        // Beside Latin text and numbers the space stays.
        assert_eq!(fold_whitespace("Total (2023)"), "Total (2023)");
        assert_eq!(fold_whitespace("2023 ( 1 )"), "2023 ( 1 )");
        assert_eq!(fold_whitespace("总体目标: (1)推进"), "总体目标:(1)推进");
    }

    #[test]
    fn wrapped_cjk_name_joins_without_space() {
        let mut glyphs = run("机关事业单位基本养老保", 0.0, 0.0, 9.0);
        glyphs.extend(run("险缴费", 0.0, 11.0, 9.0));
        let refs: Vec<&Glyph> = glyphs.iter().collect();
        assert_eq!(
            cell_text(refs, 0.5, Spacing::of(&Settings::default())),
            "机关事业单位基本养老保险缴费"
        );
    }

    #[test]
    fn words_come_from_geometry_when_no_spaces_are_written() {
        // "Total budget" written glyph by glyph, the space character omitted.
        let glyphs = run("Total budget", 0.0, 0.0, 10.0);
        let refs: Vec<&Glyph> = glyphs.iter().collect();
        assert_eq!(
            cell_text(refs, 0.5, Spacing::of(&Settings::default())),
            "Total budget"
        );
    }

    #[test]
    fn wrapped_latin_words_keep_one_space_and_lines_follow_reading_order() {
        let mut glyphs = run("budget", 0.0, 12.0, 10.0);
        glyphs.extend(run("Total", 0.0, 0.0, 10.0));
        let refs: Vec<&Glyph> = glyphs.iter().collect();
        assert_eq!(
            cell_text(refs, 0.5, Spacing::of(&Settings::default())),
            "Total budget"
        );
    }

    #[test]
    fn glyphs_out_of_order_on_one_line_are_sorted() {
        let mut glyphs = run("866.53", 0.0, 0.0, 9.0);
        glyphs.reverse();
        let refs: Vec<&Glyph> = glyphs.iter().collect();
        assert_eq!(
            cell_text(refs, 0.5, Spacing::of(&Settings::default())),
            "866.53"
        );
    }
}
