//! Step 11 of the chain: the lines around a grid that belong to it — the title and unit lines
//! above, the notes below.

use crate::pdf::{Glyph, Page};

use super::Settings;
use super::classify::{
    can_be_title, is_context_line, is_labelled_context, is_note_line, is_page_number, split_context,
};
use super::grid::Rect;
use super::text::{Spacing, fold_whitespace, glyph_height, group_lines, line_text, split_at_gaps};

/// A line of text outside every grid (one phrase of a printed line: a unit name on the left
/// and the amount unit on the right are two lines).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    pub text: String,
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    pub size: f64,
}

/// The lines made of the glyphs lying outside every grid, in reading order, read the way cell
/// text is read (`pdf::text_lines` is not used: its line sort panics on some pages).
pub(crate) fn lines_outside(page: &Page, grids: &[Rect], settings: &Settings) -> Vec<Line> {
    let outside: Vec<&Glyph> = page
        .glyphs
        .iter()
        .filter(|g| !grids.iter().any(|r| r.contains(g.center_x(), g.center_y())))
        .collect();
    group_lines(outside, settings.line_tolerance)
        .iter()
        .flat_map(|line| split_at_gaps(line, settings.column_gap))
        .filter_map(|phrase| {
            let text = fold_whitespace(&line_text(&phrase, Spacing::of(settings)));
            (!text.is_empty()).then(|| Line {
                text,
                x0: phrase.iter().map(|g| g.x).fold(f64::INFINITY, f64::min),
                y0: phrase.iter().map(|g| g.y).fold(f64::INFINITY, f64::min),
                x1: phrase
                    .iter()
                    .map(|g| g.x + g.width)
                    .fold(f64::NEG_INFINITY, f64::max),
                y1: phrase
                    .iter()
                    .map(|g| g.y + g.height)
                    .fold(f64::NEG_INFINITY, f64::max),
                size: phrase.iter().map(|g| glyph_height(g)).fold(0.0, f64::max),
            })
        })
        .collect()
}

/// What lies around one grid.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Around {
    pub title: Option<String>,
    pub context_lines: Vec<String>,
    pub notes: Vec<String>,
}

/// Attaches to each grid (given top to bottom, as rectangles) the lines above it — title and
/// context — and the notes below it. A line is attached to one grid at most.
pub(crate) fn attach(grids: &[Rect], lines: &[Line], settings: &Settings) -> Vec<Around> {
    let mut claimed = vec![false; lines.len()];
    let mut found: Vec<Around> = grids
        .iter()
        .enumerate()
        .map(|(i, grid)| {
            let ceiling = if i == 0 {
                f64::NEG_INFINITY
            } else {
                grids[i - 1].y1
            };
            above(grid, ceiling, lines, &mut claimed, settings)
        })
        .collect();
    for (i, grid) in grids.iter().enumerate() {
        let floor = grids.get(i + 1).map_or(f64::INFINITY, |g| g.y0);
        found[i].notes = below(grid, floor, lines, &mut claimed, settings);
    }
    found
}

/// Whether a line lies over the same horizontal stretch as the grid.
fn overlaps(line: &Line, grid: &Rect) -> bool {
    line.x1 > grid.x0 && line.x0 < grid.x1
}

/// Walks up from the grid: context lines and at most one title, each close to the one below.
fn above(
    grid: &Rect,
    ceiling: f64,
    lines: &[Line],
    claimed: &mut [bool],
    settings: &Settings,
) -> Around {
    let mut candidates: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            !claimed[i]
                && lines[i].y1 <= grid.y0 + 1.0
                && lines[i].y0 >= ceiling
                && overlaps(&lines[i], grid)
        })
        .collect();
    // Lines come in reading order: walking them backwards walks up the page.
    candidates.reverse();
    let mut around = Around::default();
    let mut edge = grid.y0;
    for i in candidates {
        let line = &lines[i];
        if edge - line.y1 > settings.context_gap * line.size {
            break;
        }
        let parts = split_context(&line.text);
        if parts.iter().all(|p| is_context_line(p)) {
            if around.title.is_some() && parts.iter().any(|p| is_labelled_context(p)) {
                break;
            }
            for part in parts.into_iter().rev() {
                around.context_lines.insert(0, part);
            }
        } else if around.title.is_none() && is_title(line, grid, settings) {
            around.title = Some(line.text.clone());
        } else {
            break;
        }
        claimed[i] = true;
        edge = edge.min(line.y0);
    }
    around
}

/// A title names a table (…表) or is centred over it; it is short and not a sentence.
fn is_title(line: &Line, grid: &Rect, settings: &Settings) -> bool {
    let centre = (line.x0 + line.x1) / 2.0;
    let grid_centre = (grid.x0 + grid.x1) / 2.0;
    let centred = (centre - grid_centre).abs() <= 0.1 * (grid.x1 - grid.x0);
    can_be_title(&line.text, settings.max_title_chars)
        && !is_note_line(&line.text)
        && (line.text.contains('表') || centred)
}

/// Walks down from the grid: a note line, then the lines continuing it.
fn below(
    grid: &Rect,
    floor: f64,
    lines: &[Line],
    claimed: &mut [bool],
    settings: &Settings,
) -> Vec<String> {
    let candidates: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            !claimed[i]
                && lines[i].y0 >= grid.y1 - 1.0
                && lines[i].y1 <= floor
                && overlaps(&lines[i], grid)
        })
        .collect();
    let mut notes: Vec<String> = Vec::new();
    let mut edge = grid.y1;
    for i in candidates {
        let line = &lines[i];
        let close = line.y0 - edge <= settings.context_gap * line.size;
        let fits = if notes.is_empty() {
            is_note_line(&line.text)
        } else {
            let next_title =
                line.text.contains('表') && can_be_title(&line.text, settings.max_title_chars);
            !(is_page_number(&line.text) || is_context_line(&line.text) || next_title)
        };
        if !close || !fits {
            break;
        }
        notes.push(line.text.clone());
        claimed[i] = true;
        edge = edge.max(line.y1);
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::text::tests::{page, run};

    fn page_lines(rows: &[(&str, f64, f64)]) -> Vec<Line> {
        let glyphs = rows
            .iter()
            .flat_map(|(t, x, y)| run(t, *x, *y, 10.0))
            .collect();
        lines_outside(&page(glyphs, Vec::new()), &[], &Settings::default())
    }

    const GRID: Rect = Rect {
        x0: 50.0,
        y0: 100.0,
        x1: 450.0,
        y1: 300.0,
    };

    #[test]
    fn title_and_unit_lines_above_and_note_below() {
        let lines = page_lines(&[
            ("第二部分 2023年单位预算报表", 50.0, 20.0),
            ("预算公开表1", 50.0, 50.0),
            ("2023年预算收支总表", 180.0, 64.0),
            ("单位名称：某单位", 50.0, 80.0),
            ("单位：万元", 390.0, 80.0),
            ("注：本表无数据", 50.0, 305.0),
            ("- 3 -", 240.0, 330.0),
        ]);
        let found = attach(&[GRID], &lines, &Settings::default());
        assert_eq!(found[0].title.as_deref(), Some("2023年预算收支总表"));
        assert_eq!(
            found[0].context_lines,
            vec!["预算公开表1", "单位名称：某单位", "单位：万元"]
        );
        assert_eq!(found[0].notes, vec!["注：本表无数据"]);
    }

    #[test]
    fn prose_above_is_not_a_title() {
        let lines = page_lines(&[("二是加强对专项经费的使用管理，提高绩效水平。", 50.0, 85.0)]);
        let found = attach(&[GRID], &lines, &Settings::default());
        assert_eq!(found[0], Around::default());
    }

    #[test]
    fn lines_between_two_grids_go_to_the_right_one() {
        let second = Rect {
            y0: 360.0,
            y1: 500.0,
            ..GRID
        };
        let lines = page_lines(&[
            ("注：本表无数据", 50.0, 305.0),
            ("2023年机关运行经费预算表", 150.0, 330.0),
            ("单位：万元", 390.0, 345.0),
        ]);
        let found = attach(&[GRID, second], &lines, &Settings::default());
        assert_eq!(found[0].notes, vec!["注：本表无数据"]);
        assert_eq!(found[1].title.as_deref(), Some("2023年机关运行经费预算表"));
        assert_eq!(found[1].context_lines, vec!["单位：万元"]);
    }
}
