//! Step 11 of the chain: the lines around a grid that belong to it — the title and unit lines
//! above, the notes below.

use crate::pdf::{Glyph, Page, TextLine};

use super::Settings;
use super::classify::{
    can_be_title, is_context_line, is_labelled_context, is_note_line, is_numbered, is_page_number,
    split_context, titles,
};
use super::grid::Rect;
use super::text::{Spacing, fold_whitespace, glyph_height, group_lines, line_text, split_at_gaps};

/// A line of text outside every grid (one phrase of a printed line: a unit name on the left
/// and the amount unit on the right are two lines).
pub(crate) type Line = TextLine;

/// The lines made of the glyphs lying outside every grid, in reading order, read exactly the
/// way cell text is read (same [`Spacing`], so that a title and a cell print `2023年` alike;
/// LibreOffice's own autospacing leaves 0.2 em between CJK and Latin, which is no space), a
/// `label：` phrase joined with the value printed far to its right. With no grids, the page's
/// text as recognition reads it ([`super::text_lines`]).
pub(crate) fn lines_outside(page: &Page, grids: &[Rect], settings: &Settings) -> Vec<Line> {
    let outside: Vec<&Glyph> = page
        .glyphs
        .iter()
        .filter(|g| !grids.iter().any(|r| r.contains(g.center_x(), g.center_y())))
        .collect();
    let mut lines: Vec<Line> = Vec::new();
    for row in group_lines(outside, settings.line_tolerance) {
        let mut label_open = false;
        for phrase in split_at_gaps(&row, settings.column_gap) {
            let text = fold_whitespace(&line_text(&phrase, Spacing::of(settings)));
            let size = phrase.iter().map(|g| glyph_height(g)).fold(0.0, f64::max);
            let line = Line::spanning(text, &phrase, size);
            let ends_with_label = line.text.ends_with([':', '：']);
            match lines.last_mut() {
                // `部门：` and the name printed far to its right are one line.
                Some(last) if label_open => extend(last, line),
                _ => lines.push(line),
            }
            label_open = ends_with_label;
        }
    }
    lines
}

/// Appends to `line` the line that follows it (to the right, or below).
fn extend(line: &mut Line, next: Line) {
    line.text = fold_whitespace(&format!("{} {}", line.text, next.text));
    line.x0 = line.x0.min(next.x0);
    line.x1 = line.x1.max(next.x1);
    line.y0 = line.y0.min(next.y0);
    line.y1 = line.y1.max(next.y1);
    line.size = line.size.max(next.size);
}

/// What lies around one grid.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Around {
    pub title: Option<String>,
    pub context_lines: Vec<String>,
    pub notes: Vec<String>,
    /// The lines above the title (or the grid) that introduce it, top to bottom.
    pub lead_lines: Vec<String>,
    /// Where the title and context lines taken reach up to.
    top: f64,
}

/// What is left at the foot of a page, below every grid.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Foot {
    /// A title (with its context lines) at the foot of the page: the heading of a table that
    /// starts on the next page.
    pub heading: Around,
    /// The last lines of the page above that heading (the sentence introducing what follows),
    /// top to bottom.
    pub lines: Vec<String>,
}

/// At most this many lines above a table are kept as the lines introducing it.
const LEAD_LINES: usize = 3;

/// Attaches to each grid (given top to bottom, as rectangles) the lines above it — title and
/// context, and the lines introducing them — and the notes below it. A title, context or note
/// line is attached to one grid at most. Also returns what is left at the foot of the page,
/// below every grid: the heading of a table that starts on the next page, and the lines
/// introducing it.
pub(crate) fn attach(
    grids: &[Rect],
    lines: &[Line],
    page_width: f64,
    settings: &Settings,
) -> (Vec<Around>, Foot) {
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
    for (i, around) in found.iter_mut().enumerate() {
        let ceiling = if i == 0 {
            f64::NEG_INFINITY
        } else {
            grids[i - 1].y1
        };
        around.lead_lines = lead(lines, &claimed, ceiling, around.top.min(grids[i].y0));
    }
    let ceiling = grids.last().map_or(f64::NEG_INFINITY, |g| g.y1);
    let foot = lines
        .iter()
        .zip(&claimed)
        .filter(|(l, claimed)| !**claimed && l.y0 >= ceiling && !is_page_number(&l.text))
        .map(|(l, _)| l.y1)
        .fold(f64::NEG_INFINITY, f64::max);
    let trailing = if foot.is_finite() {
        let page_foot = Rect {
            x0: 0.0,
            y0: foot + 0.5,
            x1: page_width,
            y1: foot + 0.5,
        };
        let mut tentative = claimed.clone();
        let heading = above(&page_foot, ceiling, lines, &mut tentative, settings);
        // Centred lines at a page's foot are often running footers; a heading names a table.
        if heading
            .title
            .as_ref()
            .is_some_and(|t| titles().names_table(t))
        {
            claimed = tentative;
            heading
        } else {
            Around::default()
        }
    } else {
        Around::default()
    };
    let top = if trailing.title.is_some() {
        trailing.top
    } else {
        f64::INFINITY
    };
    let foot = Foot {
        lines: lead(lines, &claimed, ceiling, top),
        heading: trailing,
    };
    (found, foot)
}

/// The lines introducing what starts at `top`: the last [`LEAD_LINES`] lines between
/// `ceiling` and `top` that no grid claimed, page numbers aside, top to bottom.
fn lead(lines: &[Line], claimed: &[bool], ceiling: f64, top: f64) -> Vec<String> {
    let above: Vec<&Line> = lines
        .iter()
        .zip(claimed)
        .filter(|(l, claimed)| {
            !**claimed && l.y0 >= ceiling && l.y1 <= top + 1.0 && !is_page_number(&l.text)
        })
        .map(|(l, _)| l)
        .collect();
    above[above.len().saturating_sub(LEAD_LINES)..]
        .iter()
        .map(|l| l.text.clone())
        .collect()
}

/// Whether a line lies over the same horizontal stretch as the grid.
fn overlaps(line: &Line, grid: &Rect) -> bool {
    line.x1 > grid.x0 && line.x0 < grid.x1
}

/// How far above or below a line may lie from the previous one and still belong to the table.
fn reach(line: &Line, settings: &Settings) -> f64 {
    settings.context_gap * line.size.max(settings.min_text_size)
}

/// Walks up from the grid: context lines and at most one title (possibly wrapped over several
/// lines), each close to the one below. Page numbers are stepped over.
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
                && !is_page_number(&lines[i].text)
        })
        .collect();
    // Lines come in reading order: walking them backwards walks up the page.
    candidates.reverse();
    let mut around = Around {
        top: grid.y0,
        ..Around::default()
    };
    let mut edge = grid.y0;
    let mut context: Vec<(usize, String)> = Vec::new();
    // Each round reads the lowest line left, with the lines it takes from above.
    while !candidates.is_empty() {
        let line = &lines[candidates[0]];
        if edge - line.y1 > reach(line, settings) {
            break;
        }
        let wrapped = continuation_above(&candidates[..], lines, settings).map(|j| {
            let mut joined = lines[candidates[j]].clone();
            extend(&mut joined, line.clone());
            (joined.text, vec![0, j])
        });
        // A context line wrapped over two lines (部门名称：…法 / 院) is read whole.
        let (text, context_taken) = match wrapped {
            Some((joined, taken)) if !is_context_line(&line.text) && all_context(&joined) => {
                (joined, taken)
            }
            _ => (line.text.clone(), vec![0]),
        };
        let parts = split_context(&text);
        let taken = if parts.iter().all(|p| is_context_line(p)) {
            if around.title.is_some() && parts.iter().any(|p| is_labelled_context(p)) {
                break;
            }
            // Kept with the position of their first line, to be put in reading order.
            let first = context_taken
                .iter()
                .map(|&j| candidates[j])
                .min()
                .unwrap_or(0);
            context.extend(parts.into_iter().map(|part| (first, part)));
            context_taken
        } else if around.title.is_none() {
            let Some((title, used)) = title_upwards(&candidates[..], lines, grid, settings) else {
                break;
            };
            around.title = Some(title);
            used
        } else {
            break;
        };
        // Lines of the same row stepped over stay for the next round.
        for &j in &taken {
            let i = candidates[j];
            claimed[i] = true;
            edge = edge.min(lines[i].y0);
        }
        candidates.retain(|i| !claimed[*i]);
    }
    context.sort_by_key(|(first, _)| *first);
    around.context_lines = context.into_iter().map(|(_, part)| part).collect();
    around.top = edge;
    around
}

fn all_context(text: &str) -> bool {
    split_context(text).iter().all(|p| is_context_line(p))
}

/// The position in `chain` (after the first) of the line continuing `lines[chain[0]]` from
/// above: the same size, right above it (no further than [`Settings::wrap_gap`]), overlapping
/// it horizontally. Lines on the same row, or beside its column, are stepped over.
fn continuation_above(chain: &[usize], lines: &[Line], settings: &Settings) -> Option<usize> {
    let low = &lines[chain[0]];
    for (j, &i) in chain.iter().enumerate().skip(1) {
        let up = &lines[i];
        if up.y1 > low.y0 + 0.3 * low.size {
            continue;
        }
        // A line beside the column of this one (an amount unit at the right) is stepped over.
        let overlapping = up.x1 > low.x0 - low.size && up.x0 < low.x1 + low.size;
        if !overlapping {
            continue;
        }
        let same_size = (up.size - low.size).abs() <= 0.15 * low.size;
        let touching = low.y0 - up.y1 <= settings.wrap_gap * low.size;
        return (same_size && touching).then_some(j);
    }
    None
}

/// The title whose last line is `lines[chain[0]]`, with the lines above it that continue it
/// (not context lines), and the positions in `chain` of the lines it takes. The longest
/// reading that is a title wins.
fn title_upwards(
    chain: &[usize],
    lines: &[Line],
    grid: &Rect,
    settings: &Settings,
) -> Option<(String, Vec<usize>)> {
    let mut readings = vec![(lines[chain[0]].clone(), vec![0])];
    let mut at = 0;
    while let Some(j) = continuation_above(&chain[at..], lines, settings) {
        let up = &lines[chain[at + j]];
        // A wrapped title's first line runs at least as wide as the rest and ends mid-phrase:
        // a line complete by itself (a heading 一、收支预算总表 above the title, unless what
        // follows is its bracketed qualifier), a sentence, or a shorter line is something else.
        let below = &readings[readings.len() - 1].0;
        let complete = ends_title(&up.text) && !below.text.starts_with(['(', '（']);
        let sentence = up.text.ends_with(['。', '：', ':', '；', ';', '，', ',']);
        let narrower = up.x1 - up.x0 < below.x1 - below.x0;
        // A line opening with its own number (`1.项目支出绩效目标表`) continues nothing above.
        let numbered = is_numbered(&below.text);
        if is_context_line(&up.text) || complete || sentence || narrower || numbered {
            break;
        }
        let mut joined = up.clone();
        extend(&mut joined, readings[readings.len() - 1].0.clone());
        at += j;
        let mut used = readings[readings.len() - 1].1.clone();
        used.push(at);
        readings.push((joined, used));
    }
    readings
        .iter()
        .rev()
        .find(|(reading, _)| is_title(reading, grid, settings))
        .map(|(reading, used)| (reading.text.clone(), used.clone()))
}

/// Whether a line ends the way a title does: …表, a bracketed qualifier aside.
fn ends_title(text: &str) -> bool {
    let mut text = text.trim();
    while text.ends_with([')', '）'])
        && let Some(open) = text.rfind(['(', '（'])
    {
        text = text[..open].trim_end();
    }
    titles().ends_with_table_word(text)
}

/// A title names a table (…表), or is a short line centred over it (a prose line may be
/// centred by accident, but it runs as wide as the text); it is short and not a sentence.
fn is_title(line: &Line, grid: &Rect, settings: &Settings) -> bool {
    let width = grid.x1 - grid.x0;
    let centre = (line.x0 + line.x1) / 2.0;
    let grid_centre = (grid.x0 + grid.x1) / 2.0;
    let centred = (centre - grid_centre).abs() <= 0.1 * width && line.x1 - line.x0 < 0.8 * width;
    can_be_title(&line.text, settings.max_title_chars)
        && !is_note_line(&line.text)
        && (titles().names_table(&line.text) || centred)
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
    let mut previous: Option<&Line> = None;
    for i in candidates {
        let line = &lines[i];
        let close = line.y0 - edge <= reach(line, settings);
        let fits = match previous {
            None => is_note_line(&line.text),
            // A note goes on where its line wrapped, or with its next numbered item.
            Some(before) => {
                let wrapped =
                    before.x1 >= grid.x1 - 3.0 * before.size && !before.text.ends_with(['。', '.']);
                (wrapped || starts_item(&line.text)) && !is_page_number(&line.text)
            }
        };
        if !close || !fits {
            break;
        }
        notes.push(line.text.clone());
        claimed[i] = true;
        edge = edge.max(line.y1);
        previous = Some(line);
    }
    notes
}

/// Whether a line opens a numbered item: `2.`, `2、`, `（2）`.
fn starts_item(text: &str) -> bool {
    let text = text.trim_start_matches(['(', '（']);
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && text[digits..].starts_with(['.', '、', ')', '）'])
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
        let (found, _) = attach(&[GRID], &lines, 595.0, &Settings::default());
        assert_eq!(found[0].title.as_deref(), Some("2023年预算收支总表"));
        assert_eq!(
            found[0].context_lines,
            vec!["预算公开表1", "单位名称：某单位", "单位：万元"]
        );
        assert_eq!(found[0].notes, vec!["注：本表无数据"]);
    }

    #[test]
    fn a_heading_at_the_foot_of_the_page_is_left_for_the_next_page() {
        let lines = page_lines(&[
            ("一般公共预算机关运行经费支出预算表", 150.0, 700.0),
            ("12", 290.0, 800.0),
        ]);
        let (found, foot) = attach(&[GRID], &lines, 595.0, &Settings::default());
        assert_eq!(found[0].title, None);
        assert_eq!(
            foot.heading.title.as_deref(),
            Some("一般公共预算机关运行经费支出预算表")
        );
    }

    #[test]
    fn lines_above_the_title_introduce_the_table_and_the_page_foot_introduces_the_next() {
        let lines = page_lines(&[
            ("二、部门预算单位构成", 50.0, 20.0),
            ("单位详细情况见下表：", 50.0, 80.0),
            ("三、部门人员情况", 50.0, 700.0),
            ("本部门人员情况如下：", 50.0, 720.0),
        ]);
        let (found, foot) = attach(&[GRID], &lines, 595.0, &Settings::default());
        assert_eq!(found[0].title, None);
        assert_eq!(
            found[0].lead_lines,
            vec!["二、部门预算单位构成", "单位详细情况见下表："]
        );
        assert_eq!(foot.heading.title, None);
        assert_eq!(foot.lines, vec!["三、部门人员情况", "本部门人员情况如下："]);
    }

    #[test]
    fn a_title_wrapped_over_two_lines_is_one_title() {
        let lines = page_lines(&[
            ("“三公”经费、会议费、培训费支出预算", 100.0, 60.0),
            ("表", 245.0, 71.0),
            ("单位：万元", 390.0, 88.0),
        ]);
        let (found, _) = attach(&[GRID], &lines, 595.0, &Settings::default());
        assert_eq!(
            found[0].title.as_deref(),
            Some("“三公”经费、会议费、培训费支出预算表")
        );
    }

    #[test]
    fn a_title_wrapped_with_space_between_its_lines_is_one_title_but_a_heading_above_is_not() {
        let lines = page_lines(&[
            ("2022年部门综合预算一般公共预算基本支出明细表", 80.0, 50.0),
            ("（按功能科目分）", 180.0, 68.0),
            ("单位：万元", 390.0, 88.0),
        ]);
        let (found, _) = attach(&[GRID], &lines, 595.0, &Settings::default());
        assert_eq!(
            found[0].title.as_deref(),
            Some("2022年部门综合预算一般公共预算基本支出明细表（按功能科目分）")
        );
        let lines = page_lines(&[
            ("一、收支预算总表", 50.0, 50.0),
            ("2026年度收支预算总表", 180.0, 68.0),
            ("单位：万元", 390.0, 88.0),
        ]);
        let (found, _) = attach(&[GRID], &lines, 595.0, &Settings::default());
        assert_eq!(found[0].title.as_deref(), Some("2026年度收支预算总表"));
        assert_eq!(found[0].lead_lines, vec!["一、收支预算总表"]);
    }

    #[test]
    fn a_numbered_title_wrapped_before_its_last_characters_is_one_title() {
        let lines = page_lines(&[
            (
                "十一、一般公共预算“三公”经费、会议费、培训费支出预",
                60.0,
                60.0,
            ),
            ("算表", 60.0, 72.0),
            ("单位：万元", 390.0, 88.0),
        ]);
        let (found, _) = attach(&[GRID], &lines, 595.0, &Settings::default());
        assert_eq!(
            found[0].title.as_deref(),
            Some("十一、一般公共预算“三公”经费、会议费、培训费支出预算表")
        );
    }

    #[test]
    fn a_unit_line_wrapped_under_the_amount_unit_is_one_context_line() {
        let lines = page_lines(&[
            ("收支预算总表", 200.0, 40.0),
            ("部门名称：江苏省人大", 50.0, 62.0),
            ("单位：万元", 390.0, 70.0),
            ("常委会办公厅", 50.0, 78.0),
        ]);
        let (found, _) = attach(&[GRID], &lines, 595.0, &Settings::default());
        assert_eq!(found[0].title.as_deref(), Some("收支预算总表"));
        assert_eq!(
            found[0].context_lines,
            vec!["部门名称：江苏省人大常委会办公厅", "单位：万元"]
        );
    }

    #[test]
    fn a_wrapped_unit_line_is_one_context_line() {
        let lines = page_lines(&[
            ("部门名称：江苏省高级人民法", 50.0, 74.0),
            ("院", 50.0, 85.0),
            ("单位：万元", 390.0, 85.0),
        ]);
        let (found, _) = attach(&[GRID], &lines, 595.0, &Settings::default());
        assert_eq!(
            found[0].context_lines,
            vec!["部门名称：江苏省高级人民法院", "单位：万元"]
        );
    }

    #[test]
    fn notes_go_on_with_numbered_items_but_not_into_prose() {
        let lines = page_lines(&[
            ("注：1.采购组织形式为：集中采购。", 50.0, 305.0),
            ("2.采购品目名称根据目录填写。", 50.0, 318.0),
            ("第八部分 其他需要说明情况", 50.0, 331.0),
        ]);
        let (found, _) = attach(&[GRID], &lines, 595.0, &Settings::default());
        assert_eq!(
            found[0].notes,
            vec![
                "注：1.采购组织形式为：集中采购。",
                "2.采购品目名称根据目录填写。"
            ]
        );
    }

    #[test]
    fn prose_above_is_not_a_title() {
        let lines = page_lines(&[("二是加强对专项经费的使用管理，提高绩效水平。", 50.0, 85.0)]);
        let (found, _) = attach(&[GRID], &lines, 595.0, &Settings::default());
        assert_eq!(found[0].title, None);
        assert!(found[0].context_lines.is_empty());
        assert_eq!(
            found[0].lead_lines,
            vec!["二是加强对专项经费的使用管理，提高绩效水平。"]
        );
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
        let (found, _) = attach(&[GRID, second], &lines, 595.0, &Settings::default());
        assert_eq!(found[0].notes, vec!["注：本表无数据"]);
        assert_eq!(found[1].title.as_deref(), Some("2023年机关运行经费预算表"));
        assert_eq!(found[1].context_lines, vec!["单位：万元"]);
    }
}
