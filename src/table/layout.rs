//! Steps 8–10 of the chain on one grid: cell text, rows lifted out of the grid (Excel titles
//! and unit lines, notes), header rows versus body rows.

use std::collections::HashMap;

use crate::pdf::Glyph;

use super::Settings;
use super::classify::{
    can_be_title, is_context_line, is_index_row, is_labelled_context, is_note_line, is_number,
    split_context, starts_body, titles,
};
use super::grid::{Cell, Grid};
use super::model::HeaderCell;
use super::text::{Spacing, cell_text, fold_whitespace, glyph_height, group_lines, line_text};

/// A grid's texts: one string per grid position, a merged cell's text in its top-left
/// position and `""` in the others.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Texts {
    pub rows: Vec<Vec<String>>,
    pub cells: Vec<Cell>,
}

impl Texts {
    /// Step 8: every glyph goes to the cell holding its centre, except overflowing text (see
    /// [`glyphs_by_cell`]); each cell's glyphs become its text.
    pub fn read(grid: &Grid, glyphs: &[Glyph], settings: &Settings) -> Texts {
        let by_cell = glyphs_by_cell(grid, glyphs, settings);
        let mut rows = vec![vec![String::new(); grid.cols()]; grid.rows()];
        for (cell, glyphs) in grid.cells.iter().zip(by_cell) {
            if !glyphs.is_empty() {
                rows[cell.row][cell.col] =
                    cell_text(glyphs, settings.line_tolerance, Spacing::of(settings));
            }
        }
        Texts {
            rows,
            cells: grid.cells.clone(),
        }
    }

    pub fn row_count(&self) -> usize {
        self.rows.len()
    }

    /// Every non-empty cell text, in reading order.
    pub fn filled_texts(&self) -> Vec<String> {
        self.rows
            .iter()
            .flatten()
            .filter(|t| !t.is_empty())
            .cloned()
            .collect()
    }

    /// The cells of the first `header_count` rows, cut at the header's last row.
    pub fn header_cells(&self, header_count: usize) -> Vec<HeaderCell> {
        self.cells
            .iter()
            .filter(|c| c.row < header_count)
            .map(|c| HeaderCell {
                row: c.row,
                col: c.col,
                row_span: c.row_span.min(header_count - c.row),
                col_span: c.col_span,
            })
            .collect()
    }

    fn col_count(&self) -> usize {
        self.rows.first().map_or(0, Vec::len)
    }

    /// The cells starting in row `r` that hold text.
    fn filled(&self, r: usize) -> Vec<(&Cell, &str)> {
        self.cells
            .iter()
            .filter(|c| c.row == r && !self.rows[r][c.col].is_empty())
            .map(|c| (c, self.rows[r][c.col].as_str()))
            .collect()
    }

    /// Removes the first row; cells crossing it lose it, their text moves down with them.
    fn drop_first_row(&mut self) {
        let first = self.rows.remove(0);
        let mut cells = Vec::with_capacity(self.cells.len());
        for cell in &self.cells {
            if cell.row > 0 {
                cells.push(Cell {
                    row: cell.row - 1,
                    ..*cell
                });
            } else if cell.row_span > 1 {
                if let Some(row) = self.rows.first_mut() {
                    row[cell.col] = first[cell.col].clone();
                }
                cells.push(Cell {
                    row_span: cell.row_span - 1,
                    ..*cell
                });
            }
        }
        self.cells = cells;
    }

    /// Removes the last row; cells crossing it lose it.
    fn drop_last_row(&mut self) {
        self.rows.pop();
        let last = self.rows.len();
        self.cells.retain(|c| c.row < last);
        for cell in &mut self.cells {
            cell.row_span = cell.row_span.min(last - cell.row);
        }
    }

    /// The columns where a cell touching row `r` begins: the row's shape.
    fn shape(&self, r: usize) -> Vec<usize> {
        let mut starts: Vec<usize> = self
            .cells
            .iter()
            .filter(|c| c.row <= r && r < c.row + c.row_span)
            .map(|c| c.col)
            .collect();
        starts.sort_unstable();
        starts
    }
}

/// The text of the glyphs inside the grid's outline that no cell holds (a gap in the rules),
/// line by line: printed in the table's area, yet in none of its cells.
pub(crate) fn unplaced_texts(grid: &Grid, glyphs: &[Glyph], settings: &Settings) -> Vec<String> {
    let bbox = grid.bbox();
    let finder = grid.cell_finder();
    let unplaced: Vec<&Glyph> = glyphs
        .iter()
        .filter(|g| bbox.contains(g.center_x(), g.center_y()))
        .filter(|g| finder.cell_at(g.center_x(), g.center_y()).is_none())
        .collect();
    group_lines(unplaced, settings.line_tolerance)
        .iter()
        .map(|line| fold_whitespace(&line_text(line, Spacing::of(settings))))
        .filter(|text| !text.is_empty())
        .collect()
}

/// Which glyphs of the page each cell of the grid holds (parallel to `grid.cells`).
///
/// A glyph goes to the cell holding its centre, except the last glyph of text that ran past
/// the right rule of its cell: see [`overflow_home`].
fn glyphs_by_cell<'a>(
    grid: &Grid,
    glyphs: &'a [Glyph],
    settings: &Settings,
) -> Vec<Vec<&'a Glyph>> {
    let finder = grid.cell_finder();
    let cell_of = |g: &Glyph| finder.cell_at(g.center_x(), g.center_y());
    let inside: Vec<&Glyph> = glyphs.iter().filter(|g| cell_of(g).is_some()).collect();
    let mut by_cell: Vec<Vec<&Glyph>> = vec![Vec::new(); grid.cells.len()];
    for line in group_lines(inside, settings.line_tolerance) {
        let cells: Vec<usize> = line.iter().filter_map(|g| cell_of(g)).collect();
        for (k, &glyph) in line.iter().enumerate() {
            let home = overflow_home(grid, &line, &cells, k, settings).unwrap_or(cells[k]);
            by_cell[home].push(glyph);
        }
    }
    by_cell
}

/// The cell whose text the glyph `line[k]` ends, when that is not `cells[k]`, the cell
/// holding its centre.
///
/// Text too long for its cell runs on past the right rule, where the producer clips it (xian
/// 2022: 机关事业单位基本养老保险缴费支| 2947399.16, the 支 barely showing): the glyph the rule
/// cuts has its centre in the next cell. It is recognised as cut by the left edge of its
/// centre's cell (at least [`Settings::overflow_cut`] inside its box) and as running on from
/// the glyphs that end where it starts (within `word_gap` × its size), all of them in one other
/// cell: it goes there. Text of its own cell drawn over it does not matter; a glyph of its own
/// cell ending where it starts leaves it where it is.
fn overflow_home(
    grid: &Grid,
    line: &[&Glyph],
    cells: &[usize],
    k: usize,
    settings: &Settings,
) -> Option<usize> {
    let glyph = line[k];
    let left_rule = grid.cell_rect(&grid.cells[cells[k]]).x0;
    if left_rule <= glyph.x + settings.overflow_cut {
        return None;
    }
    let reach = settings.word_gap * glyph_height(glyph);
    let mut before = line
        .iter()
        .zip(cells)
        .filter(|(other, _)| {
            other.x < glyph.x
                && !other.text.trim().is_empty()
                && (other.x + other.width - glyph.x).abs() <= reach
        })
        .map(|(_, &cell)| cell);
    let first = before.next()?;
    (first != cells[k] && before.all(|cell| cell == first)).then_some(first)
}

/// What was found inside the ruled area but belongs around the table.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Lifted {
    pub title: Option<String>,
    pub context_lines: Vec<String>,
    pub notes: Vec<String>,
}

/// Step 9: lifts out of the grid what Excel-produced files put inside the ruled area: empty
/// leading rows, a title (…表) spanning the full width, unit lines; and notes in the last rows.
pub(crate) fn lift_outer_rows(texts: &mut Texts, settings: &Settings) -> Lifted {
    let mut lifted = Lifted::default();
    while texts.row_count() > 1 {
        let filled: Vec<String> = texts.filled(0).iter().map(|(_, t)| t.to_string()).collect();
        let parts: Vec<String> = filled.iter().flat_map(|t| split_context(t)).collect();
        let spans_all = |cells: &[(&Cell, &str)]| {
            cells.len() == 1 && cells[0].0.col == 0 && cells[0].0.col_span == texts.col_count()
        };
        if filled.is_empty() {
            // an empty spacer row above the table
        } else if parts.iter().all(|p| is_context_line(p)) {
            lifted.context_lines.extend(parts);
        } else if lifted.title.is_none()
            && !lifted.context_lines.iter().any(|l| is_labelled_context(l))
            && spans_all(&texts.filled(0))
            && titles().names_table(&filled[0])
            && can_be_title(&filled[0], settings.max_title_chars)
            && !is_note_line(&filled[0])
        {
            lifted.title = Some(filled[0].clone());
        } else {
            break;
        }
        texts.drop_first_row();
    }
    while texts.row_count() > 1 {
        let last = texts.row_count() - 1;
        let filled = texts.filled(last);
        match filled.as_slice() {
            [(cell, text)] if is_note_line(text) && cell.col_span * 2 >= texts.col_count() => {
                lifted.notes.insert(0, text.to_string());
                texts.drop_last_row();
            }
            _ => break,
        }
    }
    lifted
}

/// Step 10: how many of the first rows are header rows.
///
/// Row 0 is a header unless it already reads as body (amounts, codes, 合计, `一、…`): a
/// continuation page without a repeated header. Each next row stays in the header while it is
/// covered by a header cell merged downwards, or splits a header cell merged across columns
/// into sub-labels; a column-index row (`1 2 3 …`) closes the header. Forms (绩效目标表), whose
/// rows each have their own shape or which open with a `label | value` row, have no header.
pub(crate) fn header_row_count(texts: &Texts) -> usize {
    let rows = texts.row_count();
    if rows == 0 || is_form(texts) || is_label_and_value(texts) || reads_as_body(&texts.rows[0]) {
        return 0;
    }
    let mut count = 1;
    for r in 1..rows {
        if is_index_row(&texts.rows[r]) {
            return r + 1;
        }
        if reads_as_body(&texts.rows[r]) {
            break;
        }
        let covered = texts
            .cells
            .iter()
            .any(|c| c.row < count && c.row + c.row_span > r);
        if covered || splits_header_cell(texts, r) {
            count = r + 1;
        } else {
            break;
        }
    }
    count
}

/// Whether the first row is a form's `label | value` pair (项目名称 | 森林防火设施经费): the
/// value merged over the remaining columns, the label one row high with the next label right
/// under it (a group header like 收入 | 支出 is split into sub-labels instead, and a header
/// label leaves the cell under it blank).
fn is_label_and_value(texts: &Texts) -> bool {
    let [(label, _), (value, _)] = texts.filled(0)[..] else {
        return false;
    };
    let under_label: Vec<&Cell> = texts
        .cells
        .iter()
        .filter(|c| c.row == 1 && c.col >= label.col && c.col < label.col + label.col_span)
        .collect();
    value.col_span > 1
        && value.col + value.col_span == texts.col_count()
        && label.row_span == 1
        && matches!(under_label[..], [below] if below.col == label.col
            && below.col_span == label.col_span
            && !texts.rows[1][below.col].is_empty())
}

/// Whether row `r` splits every cell of row `r - 1` that spans several columns into at least
/// two sub-labels (收入 over 项目 | 金额). A form's row under a wide value cell splits nothing
/// under its wide label cell.
fn splits_header_cell(texts: &Texts, r: usize) -> bool {
    let mut groups = texts
        .cells
        .iter()
        .filter(|c| c.row + c.row_span == r && c.col_span > 1)
        .peekable();
    groups.peek().is_some()
        && groups.all(|group| {
            texts
                .cells
                .iter()
                .filter(|c| c.row == r && c.col >= group.col && c.col < group.col + group.col_span)
                .count()
                >= 2
        })
}

/// Whether a row reads as body: an amount or code in a cell, or a total or numbered item
/// (合计, 一、…) in the first column with nothing but amounts and other items beside it (a
/// header may have a column labelled 合计).
fn reads_as_body(row: &[String]) -> bool {
    let is_year = |t: &str| t.len() == 4 && (t.starts_with("19") || t.starts_with("20"));
    let amount = |t: &str| is_number(t) && !is_year(t);
    row.iter().any(|t| !t.is_empty() && amount(t))
        || row.first().is_some_and(|t| starts_body(t))
            && row[1..]
                .iter()
                .all(|t| t.is_empty() || amount(t) || starts_body(t))
}

/// Whether the grid is a form rather than a table: no row shape is shared by most rows.
fn is_form(texts: &Texts) -> bool {
    let rows = texts.row_count();
    // Small tables with many header rows have diverse shapes too; forms are long.
    if rows < 10 {
        return false;
    }
    let mut shapes: HashMap<Vec<usize>, usize> = HashMap::new();
    for r in 0..rows {
        *shapes.entry(texts.shape(r)).or_default() += 1;
    }
    let commonest = shapes.values().copied().max().unwrap_or(0);
    shapes.len() >= 4 && (commonest as f64) < 0.6 * rows as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::text::tests::run;

    fn cell(row: usize, col: usize, row_span: usize, col_span: usize) -> Cell {
        Cell {
            row,
            col,
            row_span,
            col_span,
        }
    }

    fn texts(rows: &[&[&str]], cells: Vec<Cell>) -> Texts {
        Texts {
            rows: rows
                .iter()
                .map(|r| r.iter().map(|t| t.to_string()).collect())
                .collect(),
            cells,
        }
    }

    fn singles(rows: std::ops::Range<usize>, cols: usize) -> Vec<Cell> {
        rows.flat_map(|r| (0..cols).map(move |c| cell(r, c, 1, 1)))
            .collect()
    }

    /// A grid of one row per `ys` interval and one column per `xs` interval, no merges.
    fn plain_grid(xs: &[f64], ys: &[f64]) -> Grid {
        Grid {
            xs: xs.to_vec(),
            ys: ys.to_vec(),
            cells: singles(0..ys.len() - 1, xs.len() - 1),
        }
    }

    #[test]
    fn the_clipped_end_of_a_name_stays_with_the_name() {
        let grid = plain_grid(&[205.08, 334.08, 475.08], &[192.48, 209.04, 225.6]);
        // xian 2022 p. 52: the name runs past the rule at 334.08; its last glyph, 支, is cut
        // by the rule with its centre beyond it, and the amount sits far to the right.
        let mut glyphs = run("机关事业单位基本养老保险缴费支", 207.0, 199.38, 9.0);
        glyphs.extend(run("2947399.16", 418.9, 198.78, 9.0));
        // p. 48: 险 shows 0.37 pt left of the rule, the code of the next cell drawn over it.
        glyphs.extend(run("基本养老保险", 288.71, 215.0, 9.0));
        glyphs.extend(run("50501", 336.11, 215.0, 9.0));
        let texts = Texts::read(&grid, &glyphs, &Settings::default());
        assert_eq!(
            texts.rows,
            [
                ["机关事业单位基本养老保险缴费支", "2947399.16"],
                ["基本养老保险", "50501"]
            ]
        );
    }

    #[test]
    fn a_glyph_the_left_rule_does_not_cut_keeps_its_centre() {
        let grid = plain_grid(&[100.0, 140.0, 200.0], &[0.0, 20.0, 40.0]);
        // Row 0: 最 is cut by the rule at 140 but its centre is before it.
        let mut glyphs = run("眼中最", 114.0, 5.0, 9.0);
        glyphs.extend(run("C0808", 140.5, 5.0, 9.0));
        // Row 1: 4 starts 0.1 pt before the rule: rounding, not overflow.
        glyphs.extend(run("123", 126.4, 25.0, 9.0));
        glyphs.extend(run("45", 139.9, 25.0, 9.0));
        let texts = Texts::read(&grid, &glyphs, &Settings::default());
        assert_eq!(texts.rows, [["眼中最", "C0808"], ["123", "45"]]);
    }

    #[test]
    fn group_labels_and_their_sub_labels_are_header() {
        // 收入 | 支出 (spanning) over 项目 2023年 | 项目 2023年合计.
        let mut cells = vec![cell(0, 0, 1, 2), cell(0, 2, 1, 2)];
        cells.extend(singles(1..4, 4));
        let t = texts(
            &[
                &["收入", "", "支出", ""],
                &["项目", "2023年", "项目", "2023年合计"],
                &[
                    "一、一般公共预算",
                    "866.53",
                    "一、一般公共服务支出",
                    "838.21",
                ],
                &["二、政府性基金预算", "", "二、外交支出", ""],
            ],
            cells,
        );
        assert_eq!(header_row_count(&t), 2);
    }

    #[test]
    fn vertical_merges_and_index_rows_extend_the_header() {
        // 项目名称 and 合计 merged over two rows, then 1 2 3, then the body.
        let mut cells = vec![cell(0, 0, 2, 1), cell(0, 1, 2, 1), cell(0, 2, 1, 2)];
        cells.extend([cell(1, 2, 1, 1), cell(1, 3, 1, 1)]);
        cells.extend(singles(2..4, 4));
        let t = texts(
            &[
                &["项目名称", "合计", "2023年财政拨款", ""],
                &["", "", "一般公共预算", "政府性基金预算"],
                &["1", "2", "3", "4"],
                &["社会治理专项经费", "30.00", "30.00", ""],
            ],
            cells,
        );
        assert_eq!(header_row_count(&t), 3);
    }

    #[test]
    fn continuation_without_header_and_empty_table_body() {
        let t = texts(
            &[&["二十八、债务付息支出", ""], &["本年收入合计", "866.53"]],
            singles(0..2, 2),
        );
        assert_eq!(header_row_count(&t), 0);
        let t = texts(
            &[&["科目编码", "科目名称"], &["合计", ""]],
            singles(0..2, 2),
        );
        assert_eq!(header_row_count(&t), 1);
    }

    #[test]
    fn forms_have_no_header() {
        let mut cells = vec![cell(0, 0, 1, 2), cell(0, 2, 1, 2)];
        cells.extend([cell(1, 0, 1, 1), cell(1, 1, 1, 3)]);
        cells.extend([cell(2, 0, 1, 3), cell(2, 3, 1, 1)]);
        cells.extend([cell(3, 0, 1, 1), cell(3, 1, 1, 1), cell(3, 2, 1, 2)]);
        cells.extend(singles(4..8, 4));
        cells.extend([cell(8, 0, 1, 2), cell(8, 2, 1, 2)]);
        cells.extend([cell(9, 0, 1, 1), cell(9, 1, 1, 3)]);
        let t = texts(
            &[
                &["项目名称", "", "森林防火设施经费", ""],
                &["主管部门", "001-办公室", "", ""],
                &["项目概况", "", "", "保证"],
                &["一级指标", "二级指标", "三级指标", ""],
                &["产出指标", "数量指标", "补点", "≤9处"],
                &["产出指标", "质量指标", "覆盖率", "≥95%"],
                &["产出指标", "时效指标", "及时率", "及时"],
                &["效益指标", "社会效益指标", "效率", "提高"],
                &["满意度指标", "", "群众满意度", ""],
                &["负责人:", "经办人:", "", ""],
            ],
            cells,
        );
        assert_eq!(header_row_count(&t), 0);
    }

    #[test]
    fn a_form_opening_with_label_and_value_has_no_header() {
        let mut cells = vec![cell(0, 0, 1, 2), cell(0, 2, 1, 2)];
        cells.extend([cell(1, 0, 1, 2), cell(1, 2, 1, 1), cell(1, 3, 1, 1)]);
        let t = texts(
            &[
                &["项目名称", "", "统计周期性调查", ""],
                &["主管部门及代码", "", "315_烟台市统计局", "烟台市统计局"],
            ],
            cells,
        );
        assert_eq!(header_row_count(&t), 0);
    }

    #[test]
    fn excel_title_and_unit_rows_are_lifted_out() {
        let mut cells = vec![cell(0, 0, 1, 3), cell(1, 0, 1, 2), cell(1, 2, 1, 1)];
        cells.extend(singles(2..4, 3));
        cells.push(cell(4, 0, 1, 3));
        let mut t = texts(
            &[
                &["2023年预算支出总表", "", ""],
                &["单位名称：某单位", "", "单位：万元"],
                &["科目名称", "合计", "基本支出"],
                &["合计", "", ""],
                &["注：本表无数据", "", ""],
            ],
            cells,
        );
        let lifted = lift_outer_rows(&mut t, &Settings::default());
        assert_eq!(lifted.title.as_deref(), Some("2023年预算支出总表"));
        assert_eq!(lifted.context_lines, vec!["单位名称：某单位", "单位：万元"]);
        assert_eq!(lifted.notes, vec!["注：本表无数据"]);
        assert_eq!(
            t.rows,
            vec![vec!["科目名称", "合计", "基本支出"], vec!["合计", "", ""]]
        );
        assert_eq!(t.cells[0], cell(0, 0, 1, 1));
    }

    #[test]
    fn a_header_merged_into_a_lifted_row_keeps_its_text() {
        let mut t = texts(
            &[&["单位：万元", "项目"], &["", "x"], &["合计", "1.00"]],
            vec![
                cell(0, 0, 1, 1),
                cell(0, 1, 2, 1),
                cell(1, 0, 1, 1),
                cell(2, 0, 1, 1),
                cell(2, 1, 1, 1),
            ],
        );
        t.drop_first_row();
        assert_eq!(t.rows[0], vec!["", "项目"]);
        assert_eq!(t.cells[0], cell(0, 1, 1, 1));
    }
}
