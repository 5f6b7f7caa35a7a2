//! Step 12 of the chain: fragments continued over pages become one table.

use std::sync::LazyLock;

use regex::Regex;

use super::Settings;
use super::Table;
use super::classify::{
    introduces, is_amount_unit_line, is_label, titles, without_continuation_mark,
};
use super::model::{HeaderCell, PrintedText};
use super::page::Fragment;
use super::text::fold_whitespace;

/// Where a fragment sits on its page, which decides whether it can continue or be continued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Placement {
    pub first_on_page: bool,
    pub last_on_page: bool,
}

/// Stitches fragments (in page order) into tables.
///
/// A fragment can continue the table before it only when it opens the next page and the
/// table's last fragment closes its page. It then continues it in each of the forms printed:
/// - it repeats the table's header (by text: the repeated header's column edges may differ by
///   a few points, as producers fit columns per page), with or without the title and its
///   labels (label + title + unit line + header, as Shenzhen and Yantai print them); the
///   repeated header is dropped;
/// - it repeats the title without the header, and does not start over with the table's first
///   row: one form's indicator rows going on under a title repeated as a page header (a page
///   that starts over, 项目名称 again, is a new form);
/// - it has no title, no label of its own and no note closed the table: bare rows (rows read
///   as header there are body rows), in compatible columns (the same, or those of one among
///   those of the other, as merged cells can hide a column on one page) or, when nothing is
///   printed above it on its page, in any columns (a form's rows have shapes of their own);
/// - it is a ruled grid without any text, alone on its page: the table's spill.
///
/// The stitched table's columns are the union of its fragments' columns, or the table's own
/// columns when a fragment has as many columns at slightly different places.
pub(crate) fn stitch(fragments: Vec<(Fragment, Placement)>, settings: &Settings) -> Vec<Table> {
    let tolerance = settings.stitch_column_tolerance;
    let mut tables: Vec<Table> = Vec::new();
    let mut open: Option<Open> = None;
    for (fragment, placement) in fragments {
        let columns = relative(&fragment.grid.xs);
        let join = open
            .as_ref()
            .and_then(|current| current.continued_by(&fragment, &columns, placement, settings));
        match (open.take(), join) {
            (Some(mut current), Some(join)) => {
                current.append(fragment, &columns, join, tolerance);
                current.last_placement = placement;
                open = Some(current);
            }
            (previous, _) => {
                tables.extend(previous.map(|o| o.table));
                // A blank grid that continues nothing is not a table.
                open = (!fragment.is_blank()).then(|| Open::start(fragment, columns, placement));
            }
        }
    }
    tables.extend(open.map(|o| o.table));
    tables
}

/// A table that may still continue on the next page.
struct Open {
    table: Table,
    /// Column boundaries relative to the left edge.
    columns: Vec<f64>,
    last_placement: Placement,
}

/// How a fragment continues a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Join {
    /// Its first rows repeat the table's header: they are dropped.
    RepeatedHeader(usize),
    /// All its rows are body rows.
    Rows,
    /// It holds no text: only the page span grows.
    Blank,
}

impl Open {
    /// The table `fragment` starts, its texts moved into it.
    fn start(fragment: Fragment, columns: Vec<f64>, placement: Placement) -> Open {
        let header_cells = fragment.header_cells();
        let Fragment {
            page,
            mut texts,
            header_count,
            title,
            context_lines,
            notes,
            lead_lines,
            heading_page,
            printed: printed_texts,
            ..
        } = fragment;
        let body_rows = texts.rows.split_off(header_count);
        Open {
            table: Table {
                title,
                pages: [heading_page.unwrap_or(page), page],
                context_lines,
                notes,
                header_rows: texts.rows,
                header_cells,
                body_row_pages: vec![page; body_rows.len()],
                body_rows,
                lead_lines,
                printed: printed(page, printed_texts).collect(),
            },
            columns,
            last_placement: placement,
        }
    }

    fn continued_by(
        &self,
        next: &Fragment,
        columns: &[f64],
        placement: Placement,
        settings: &Settings,
    ) -> Option<Join> {
        let tolerance = settings.stitch_column_tolerance;
        let table = &self.table;
        let adjacent = next.page == table.pages[1] + 1
            && self.last_placement.last_on_page
            && placement.first_on_page
            && next.heading_page.is_none();
        if !adjacent {
            return None;
        }
        // A page holding nothing but an empty ruled grid holds the spill of the table before.
        if next.is_blank() {
            return Some(Join::Blank);
        }
        let compatible = compatible(&self.columns, columns, tolerance);
        // A title that is only a continuation mark (`续表`) is none.
        let title_repeated = match next.title.as_deref().map(same_title) {
            None => false,
            Some(mark) if mark.is_empty() => false,
            Some(title) if repeats_title(table, &title) => true,
            // A page header running over the pages is no title of the page's own.
            Some(_) if next.title_runs => false,
            Some(_) => return None,
        };
        // A label, unit name or note of its own makes a new table; an amount unit repeated
        // in other words does not.
        let own_lines = next
            .context_lines
            .iter()
            .any(|line| !is_amount_unit_line(line) && !table.context_lines.contains(line));
        let same_width = columns.len() == self.columns.len();
        if let Some(rows) = repeated_header(&table.header_rows, &next.texts.rows)
            && (compatible || same_width)
            && !own_lines
        {
            return Some(Join::RepeatedHeader(rows));
        }
        if own_lines || starts_over(table, next) {
            return None;
        }
        if title_repeated {
            return Some(Join::Rows);
        }
        // A note closes the table, unless the next page prints it too (a note under every page).
        let note_repeated =
            !next.notes.is_empty() && next.notes.iter().all(|n| table.notes.contains(n));
        let closed = !table.notes.is_empty() && !note_repeated;
        let introduced = next
            .lead_lines
            .iter()
            .any(|line| introduces(line, settings.max_title_chars));
        (!closed && (compatible || !introduced)).then_some(Join::Rows)
    }

    /// Appends the rows of `fragment` (moved) as `join` says.
    fn append(&mut self, fragment: Fragment, columns: &[f64], join: Join, tolerance: f64) {
        let table = &mut self.table;
        let page = fragment.page;
        table.pages[1] = page;
        table.printed.extend(printed(page, fragment.printed));
        let mut rows = fragment.texts.rows;
        match join {
            Join::Blank => return,
            Join::RepeatedHeader(count) => drop(rows.drain(..count)),
            Join::Rows => {}
        }
        // The same number of columns at slightly different places are the same columns.
        let rows = if !compatible(&self.columns, columns, tolerance)
            && columns.len() == self.columns.len()
        {
            rows
        } else {
            let union = union(&self.columns, columns, tolerance);
            let header_rows = std::mem::take(&mut table.header_rows);
            table.header_rows = regrid(header_rows, &self.columns, &union, tolerance);
            let header_cells = std::mem::take(&mut table.header_cells);
            table.header_cells = regrid_cells(header_cells, &self.columns, &union, tolerance);
            let body_rows = std::mem::take(&mut table.body_rows);
            table.body_rows = regrid(body_rows, &self.columns, &union, tolerance);
            let rows = regrid(rows, columns, &union, tolerance);
            self.columns = union;
            rows
        };
        table
            .body_row_pages
            .extend(std::iter::repeat_n(page, rows.len()));
        table.body_rows.extend(rows);
        // A note printed under every page is one note.
        for note in fragment.notes {
            if !table.notes.contains(&note) {
                table.notes.push(note);
            }
        }
    }
}

/// A title compared with another: whitespace and a continuation mark (`（续）`, `续表`,
/// `续上表`) aside.
fn same_title(title: &str) -> String {
    let folded: String = fold_whitespace(title)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    without_continuation_mark(&folded).to_string()
}

/// Whether a title printed over a page (continuation marks aside) repeats the table's: the
/// same, or the same without the year, unit or number the first page prints before it
/// (`2026年一般公共预算支出表` / `一般公共预算支出表（续）`), or the table's number alone (`表5
/// （续）`). A title that only ends like the table's is another table's (`项目支出表` after
/// `一般公共预算项目支出表`).
fn repeats_title(table: &Table, repeated: &str) -> bool {
    let Some(title) = table.title.as_deref().map(same_title) else {
        return false;
    };
    let prefix_of = |long: &str, short: &str| {
        long.strip_suffix(short)
            .filter(|_| short.chars().count() >= MIN_REPEATED_TITLE_CHARS)
            .map(str::to_string)
    };
    let stated = |prefix: String| YEAR.is_match(&prefix) || titles().prints_number(&prefix);
    title == repeated
        || prefix_of(&title, repeated).is_some_and(stated)
        || prefix_of(repeated, &title).is_some_and(stated)
        || (is_label(repeated)
            && (title.starts_with(repeated)
                || table
                    .context_lines
                    .iter()
                    .any(|l| same_title(l) == repeated)))
}

/// A title shorter than this (in characters) is not taken for the end of another.
const MIN_REPEATED_TITLE_CHARS: usize = 4;

/// A year, which a first page may print before the title a continuation repeats (`2026年`,
/// `某某局2026年度`), as it may a table number (`表5`).
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:19|20)\d{2}").expect("valid regex"));

/// The text of rows, cell by cell, without whitespace: how a header reads whatever the
/// column edges.
fn row_text(rows: &[Vec<String>]) -> String {
    rows.iter()
        .flatten()
        .flat_map(|cell| cell.chars().filter(|c| !c.is_whitespace()))
        .collect()
}

/// The number of the fragment's first rows that repeat the table's header, if they do.
fn repeated_header(header: &[Vec<String>], rows: &[Vec<String>]) -> Option<usize> {
    let count = header.len();
    (count > 0 && rows.len() >= count && row_text(header) == row_text(&rows[..count]))
        .then_some(count)
}

/// Whether the fragment starts the table over: its first row opens the way the table's does
/// (`项目名称` again), a new form under the same title rather than the next of its rows.
fn starts_over(table: &Table, next: &Fragment) -> bool {
    let first_text = |row: Option<&Vec<String>>| {
        row.and_then(|r| r.iter().find(|c| !c.is_empty()))
            .map(|c| row_text(std::slice::from_ref(&vec![c.clone()])))
    };
    let opening = first_text(
        table
            .header_rows
            .first()
            .or_else(|| table.body_rows.first()),
    );
    opening.is_some() && opening == first_text(next.texts.rows.first())
}

fn relative(xs: &[f64]) -> Vec<f64> {
    xs.iter().map(|x| x - xs[0]).collect()
}

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance
}

/// Whether the boundaries of one set are all among those of the other, outer edges included.
fn compatible(a: &[f64], b: &[f64], tolerance: f64) -> bool {
    let within = |small: &[f64], large: &[f64]| {
        small
            .iter()
            .all(|x| large.iter().any(|y| close(*x, *y, tolerance)))
    };
    let (Some(ra), Some(rb)) = (a.last(), b.last()) else {
        return false;
    };
    close(*ra, *rb, tolerance) && (within(a, b) || within(b, a))
}

/// All boundaries of both sets, those closer than `tolerance` counted once.
fn union(a: &[f64], b: &[f64], tolerance: f64) -> Vec<f64> {
    let mut all: Vec<f64> = a.iter().chain(b).copied().collect();
    all.sort_by(f64::total_cmp);
    all.dedup_by(|later, earlier| close(*later, *earlier, tolerance));
    all
}

/// What the table stage saw printed in a fragment's area, page by page.
fn printed(page: u32, texts: Vec<String>) -> impl Iterator<Item = PrintedText> {
    texts
        .into_iter()
        .map(move |text| PrintedText { page, text })
}

/// Where each boundary of `from` lies among the boundaries of `to`.
fn boundary_targets(from: &[f64], to: &[f64], tolerance: f64) -> Vec<usize> {
    from.iter()
        .map(|x| {
            to.iter()
                .position(|y| close(*x, *y, tolerance))
                .unwrap_or(0)
        })
        .collect()
}

/// Header cells laid on `from` columns, laid again on the finer `to` columns: a cell covers
/// the new columns between its old boundaries.
fn regrid_cells(
    cells: Vec<HeaderCell>,
    from: &[f64],
    to: &[f64],
    tolerance: f64,
) -> Vec<HeaderCell> {
    if from.len() == to.len() {
        return cells;
    }
    let target = boundary_targets(from, to, tolerance);
    cells
        .iter()
        .map(|cell| {
            let (start, end) = (target[cell.col], target[cell.col + cell.col_span]);
            HeaderCell {
                col: start,
                col_span: end.saturating_sub(start).max(1),
                ..*cell
            }
        })
        .collect()
}

/// Rows laid on `from` columns, laid again on the finer `to` columns: each text goes to the
/// column starting at its old column's left boundary, `""` to the columns it now spans.
fn regrid(rows: Vec<Vec<String>>, from: &[f64], to: &[f64], tolerance: f64) -> Vec<Vec<String>> {
    if from.len() == to.len() {
        return rows;
    }
    let target = boundary_targets(from, to, tolerance);
    rows.into_iter()
        .map(|row| {
            let mut wide = vec![String::new(); to.len() - 1];
            for (c, text) in row.into_iter().enumerate() {
                wide[target[c]] = text;
            }
            wide
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::grid::{Cell, Grid};
    use crate::table::layout::Texts;

    fn fragment(page: u32, title: Option<&str>, header: usize, rows: &[&[&str]]) -> Fragment {
        let cols = rows[0].len();
        let cells = (0..rows.len())
            .flat_map(|r| {
                (0..cols).map(move |c| Cell {
                    row: r,
                    col: c,
                    row_span: 1,
                    col_span: 1,
                })
            })
            .collect();
        Fragment {
            page,
            grid: Grid {
                xs: (0..=cols).map(|c| 50.0 + 100.0 * c as f64).collect(),
                ys: (0..=rows.len()).map(|r| 20.0 * r as f64).collect(),
                cells: Vec::new(),
            },
            texts: Texts {
                rows: rows
                    .iter()
                    .map(|r| r.iter().map(|t| t.to_string()).collect())
                    .collect(),
                cells,
            },
            header_count: header,
            title: title.map(str::to_string),
            context_lines: Vec::new(),
            notes: Vec::new(),
            lead_lines: Vec::new(),
            heading_page: None,
            title_runs: false,
            printed: Vec::new(),
        }
    }

    const ALONE: Placement = Placement {
        first_on_page: true,
        last_on_page: true,
    };

    fn stitched(fragments: Vec<Fragment>) -> Vec<Table> {
        stitch(
            fragments.into_iter().map(|f| (f, ALONE)).collect(),
            &Settings::default(),
        )
    }

    #[test]
    fn continuation_with_repeated_header_drops_it() {
        let tables = stitched(vec![
            fragment(
                4,
                Some("收支总表"),
                1,
                &[&["项目", "金额"], &["一、a", "1.00"]],
            ),
            fragment(5, None, 1, &[&["项目", "金额"], &["二、b", "2.00"]]),
        ]);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].pages, [4, 5]);
        assert_eq!(tables[0].body_rows.len(), 2);
        assert_eq!(tables[0].body_row_pages, vec![4, 5]);
    }

    #[test]
    fn a_repeated_header_read_with_another_header_count_is_still_dropped() {
        // On the continuation page the header reader took the first body row for a header
        // row too: the rows are compared by text, and only the repeat is dropped.
        let tables = stitched(vec![
            fragment(
                4,
                Some("收支总表"),
                2,
                &[&["收入", ""], &["项目", "金额"], &["a", "1.00"]],
            ),
            fragment(
                5,
                None,
                3,
                &[&["收入", ""], &["项目", "金额"], &["b", ""], &["c", "2.00"]],
            ),
        ]);
        assert_eq!(tables.len(), 1);
        assert_eq!(
            tables[0].body_rows,
            vec![vec!["a", "1.00"], vec!["b", ""], vec!["c", "2.00"]]
        );
    }

    #[test]
    fn a_repeated_header_in_columns_fitted_per_page_continues() {
        let first = fragment(
            11,
            Some("收入总体情况表"),
            1,
            &[&["单位", "合计", "其他"], &["a", "1", "2"]],
        );
        let mut second = fragment(12, None, 1, &[&["单位", "合计", "其他"], &["b", "3", "4"]]);
        second.grid.xs = vec![50.0, 156.0, 247.0, 350.0];
        let tables = stitched(vec![first, second]);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].header_rows, vec![vec!["单位", "合计", "其他"]]);
        assert_eq!(tables[0].body_rows[1], vec!["b", "3", "4"]);
    }

    #[test]
    fn label_title_unit_line_and_header_repeated_continue() {
        let mut first = fragment(
            8,
            Some("收入总体情况表"),
            1,
            &[&["科目", "合计"], &["201", "1.00"]],
        );
        first.context_lines = vec![
            "公开表2".into(),
            "部门(单位):烟台市统计局".into(),
            "单位:万元".into(),
        ];
        let mut second = fragment(
            9,
            Some("收入总体情况表"),
            1,
            &[&["科目", "合计"], &["202", "2.00"]],
        );
        second.context_lines = vec!["公开表2".into(), "金额单位：万元".into()];
        let tables = stitched(vec![first.clone(), second]);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].body_rows.len(), 2);
        // Another table's label is another table, even with the same header.
        let mut other = fragment(
            9,
            Some("收入总体情况表"),
            1,
            &[&["科目", "合计"], &["202", "2.00"]],
        );
        other.context_lines = vec!["公开表3".into()];
        assert_eq!(stitched(vec![first, other]).len(), 2);
    }

    #[test]
    fn continuation_without_header_keeps_every_row() {
        let tables = stitched(vec![
            fragment(
                4,
                Some("收支总表"),
                1,
                &[&["项目", "金额"], &["一、a", "1.00"]],
            ),
            // Text-only rows look like a header; on a continuation they are body.
            fragment(5, None, 1, &[&["b", ""], &["c", "2.00"]]),
        ]);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].body_rows.len(), 3);
    }

    #[test]
    fn repeated_title_with_repeated_header_continues_but_a_new_form_does_not() {
        let repeated = stitched(vec![
            fragment(
                4,
                Some("表1 收支总表"),
                1,
                &[&["项目", "金额"], &["a", "1.00"]],
            ),
            fragment(
                5,
                Some("表1 收支总表"),
                1,
                &[&["项目", "金额"], &["b", "2.00"]],
            ),
        ]);
        assert_eq!(repeated.len(), 1);
        let forms = stitched(vec![
            fragment(
                18,
                Some("绩效目标申报表"),
                0,
                &[&["项目名称", "甲"], &["一级指标", "产出"]],
            ),
            fragment(
                19,
                Some("绩效目标申报表"),
                0,
                &[&["项目名称", "乙"], &["一级指标", "产出"]],
            ),
        ]);
        assert_eq!(forms.len(), 2);
    }

    #[test]
    fn a_title_repeated_without_its_year_or_under_its_number_continues() {
        let first = |title: &str| {
            let mut f = fragment(6, Some(title), 1, &[&["科目", "合计"], &["201", "1.00"]]);
            f.context_lines = vec!["表5".into()];
            f
        };
        for repeated in [
            "一般公共预算支出表（续）",
            "续上表",
            "接上表",
            "表5（续）",
            "2026年一般公共预算支出表",
        ] {
            let next = fragment(7, Some(repeated), 1, &[&["科目", "合计"], &["202", "2.00"]]);
            let tables = stitched(vec![first("2026年一般公共预算支出表"), next]);
            assert_eq!(tables.len(), 1, "{repeated}");
            assert_eq!(tables[0].body_rows.len(), 2, "{repeated}");
        }
        // Another table whose title ends like this one's is another table.
        let next = fragment(
            7,
            Some("项目支出表"),
            1,
            &[&["科目", "合计"], &["202", "2.00"]],
        );
        assert_eq!(
            stitched(vec![first("一般公共预算项目支出表"), next]).len(),
            2
        );
        let next = fragment(
            7,
            Some("表6（续）"),
            1,
            &[&["科目", "合计"], &["202", "2.00"]],
        );
        assert_eq!(stitched(vec![first("一般公共预算支出表"), next]).len(), 2);
    }

    #[test]
    fn a_page_header_taken_for_a_title_does_not_cut_the_table() {
        let first = fragment(
            6,
            Some("一般公共预算支出表"),
            1,
            &[&["科目", "合计"], &["201", "1.00"]],
        );
        let mut next = fragment(
            7,
            Some("某某局2026年部门预算公开表"),
            0,
            &[&["202", "2.00"]],
        );
        next.title_runs = true;
        let tables = stitched(vec![first.clone(), next.clone()]);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].body_rows.len(), 2);
        next.title_runs = false;
        assert_eq!(stitched(vec![first, next]).len(), 2);
    }

    #[test]
    fn a_form_going_on_under_its_repeated_title_continues() {
        let tables = stitched(vec![
            fragment(
                18,
                Some("绩效目标申报表"),
                0,
                &[&["项目名称", "甲"], &["产出指标", "数量"]],
            ),
            fragment(
                19,
                Some("绩效目标申报表（续）"),
                0,
                &[&["效益指标", "社会效益"]],
            ),
        ]);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].pages, [18, 19]);
    }

    #[test]
    fn an_untitled_page_of_other_columns_continues_when_nothing_is_printed_above_it() {
        let first = fragment(
            50,
            Some("部门整体支出绩效目标表"),
            0,
            &[&["部门名称", "甲", ""], &["任务", "a", "1"]],
        );
        let mut second = fragment(51, None, 0, &[&["", "时效指标", "及时率", "100"]]);
        second.grid.xs = vec![50.0, 90.0, 200.0, 300.0, 340.0];
        let tables = stitched(vec![first.clone(), second.clone()]);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].body_row_pages, vec![50, 50, 51]);
        // A sentence printed above it introduces another table.
        second.lead_lines = vec!["单位详细情况见下表：".into()];
        assert_eq!(stitched(vec![first, second]).len(), 2);
    }

    #[test]
    fn a_note_under_every_page_or_a_bare_continuation_mark_does_not_cut_the_table() {
        let mut first = fragment(
            4,
            Some("项目支出表"),
            1,
            &[&["项目", "金额"], &["a", "1.00"]],
        );
        first.notes = vec!["注：金额保留两位小数".into()];
        let mut second = fragment(5, Some("（续表）"), 0, &[&["b", "2.00"]]);
        second.notes = first.notes.clone();
        let tables = stitched(vec![first.clone(), second.clone()]);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].body_rows.len(), 2);
        assert_eq!(tables[0].notes, first.notes);
        second.notes.clear();
        assert_eq!(stitched(vec![first, second]).len(), 2);
    }

    #[test]
    fn a_blank_grid_on_the_next_page_extends_the_table() {
        let tables = stitched(vec![
            fragment(13, Some("表"), 1, &[&["项目", "金额"], &["a", "1.00"]]),
            fragment(14, None, 0, &[&["", ""]]),
        ]);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].pages, [13, 14]);
        assert_eq!(tables[0].body_rows.len(), 1);
        assert!(stitched(vec![fragment(14, None, 0, &[&["", ""]])]).is_empty());
    }

    #[test]
    fn a_title_at_the_foot_of_the_page_before_starts_the_table_there() {
        let mut f = fragment(
            19,
            Some("机关运行经费支出预算表"),
            1,
            &[&["项目", "金额"], &["a", "1.00"]],
        );
        f.heading_page = Some(18);
        let tables = stitched(vec![f]);
        assert_eq!(tables[0].pages, [18, 19]);
    }

    #[test]
    fn a_continuation_with_more_columns_widens_the_table() {
        let mut first = fragment(22, Some("表"), 1, &[&["项目", "金额"], &["a", "1.00"]]);
        first.grid.xs = vec![50.0, 150.0, 350.0];
        let mut second = fragment(23, None, 0, &[&["b", "2.00", "3.00"]]);
        second.grid.xs = vec![50.0, 150.0, 250.0, 350.0];
        let tables = stitched(vec![first, second]);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].header_rows, vec![vec!["项目", "金额", ""]]);
        let spans: Vec<(usize, usize)> = tables[0]
            .header_cells
            .iter()
            .map(|c| (c.col, c.col_span))
            .collect();
        assert_eq!(
            spans,
            [(0, 1), (1, 2)],
            "金额 now covers the two new columns"
        );
        assert_eq!(
            tables[0].body_rows,
            vec![vec!["a", "1.00", ""], vec!["b", "2.00", "3.00"]]
        );
    }

    #[test]
    fn a_note_a_label_or_a_gap_in_pages_starts_a_new_table() {
        let mut noted = fragment(4, Some("表"), 1, &[&["项目", "金额"], &["a", "1.00"]]);
        noted.notes = vec!["注：本表无数据".into()];
        let mut labelled = fragment(5, None, 0, &[&["b", "2.00"]]);
        labelled.context_lines = vec!["表2".into()];
        let tables = stitched(vec![
            noted,
            fragment(5, None, 0, &[&["b", "2.00"]]),
            labelled,
            fragment(7, None, 0, &[&["c", "2.00"]]),
        ]);
        assert_eq!(tables.len(), 4);
    }
}
