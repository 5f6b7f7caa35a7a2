//! Step 12 of the chain: fragments continued over pages become one table.

use super::Settings;
use super::Table;
use super::model::{HeaderCell, PrintedText};
use super::page::Fragment;

/// Where a fragment sits on its page, which decides whether it can continue or be continued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Placement {
    pub first_on_page: bool,
    pub last_on_page: bool,
}

/// Stitches fragments (in page order) into tables.
///
/// A fragment continues the table before it when it opens the next page, the table's last
/// fragment closes its page without a note, their columns are compatible (the same, or the
/// boundaries of one among those of the other: merged cells can hide a column on one page),
/// and the fragment has no title of its own — or repeats the table's title together with its
/// header (some producers repeat both on every page). A repeated header is dropped; on a
/// continuation without a title, rows read as header are in fact body rows and stay in the
/// body. The stitched table's columns are the union of its fragments' columns.
pub(crate) fn stitch(fragments: Vec<(Fragment, Placement)>, settings: &Settings) -> Vec<Table> {
    let tolerance = settings.stitch_column_tolerance;
    let mut tables: Vec<Table> = Vec::new();
    let mut open: Option<Open> = None;
    for (fragment, placement) in fragments {
        let columns = relative(&fragment.grid.xs);
        match open.take() {
            Some(mut current)
                if current.continued_by(&fragment, &columns, placement, tolerance) =>
            {
                current.append(&fragment, &columns, tolerance);
                current.last_placement = placement;
                open = Some(current);
            }
            previous => {
                tables.extend(previous.map(|o| o.table));
                open = Some(Open {
                    table: Table {
                        title: fragment.title.clone(),
                        pages: [fragment.page, fragment.page],
                        context_lines: fragment.context_lines.clone(),
                        notes: fragment.notes.clone(),
                        header_rows: fragment.header_rows().to_vec(),
                        header_cells: fragment.header_cells(),
                        body_rows: fragment.body_rows().to_vec(),
                        body_row_pages: vec![fragment.page; fragment.body_rows().len()],
                        printed: printed(&fragment),
                    },
                    columns,
                    last_placement: placement,
                });
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

impl Open {
    fn continued_by(
        &self,
        next: &Fragment,
        columns: &[f64],
        placement: Placement,
        tolerance: f64,
    ) -> bool {
        let table = &self.table;
        let adjacent = next.page == table.pages[1] + 1
            && self.last_placement.last_on_page
            && placement.first_on_page
            && table.notes.is_empty();
        let context_repeated = next
            .context_lines
            .iter()
            .all(|line| table.context_lines.contains(line));
        let title_fits = match &next.title {
            None => true,
            Some(title) => {
                let union = union(&self.columns, columns, tolerance);
                table.title.as_ref() == Some(title)
                    && next.header_count > 0
                    && regrid(next.header_rows(), columns, &union, tolerance)
                        == regrid(&table.header_rows, &self.columns, &union, tolerance)
            }
        };
        adjacent && context_repeated && title_fits && compatible(&self.columns, columns, tolerance)
    }

    fn append(&mut self, fragment: &Fragment, columns: &[f64], tolerance: f64) {
        let union = union(&self.columns, columns, tolerance);
        let table = &mut self.table;
        table.header_rows = regrid(&table.header_rows, &self.columns, &union, tolerance);
        table.header_cells = regrid_cells(&table.header_cells, &self.columns, &union, tolerance);
        table.body_rows = regrid(&table.body_rows, &self.columns, &union, tolerance);
        let header = regrid(fragment.header_rows(), columns, &union, tolerance);
        let repeated = fragment.header_count > 0 && header == table.header_rows;
        let rows = if repeated {
            fragment.body_rows()
        } else {
            &fragment.texts.rows[..]
        };
        table
            .body_rows
            .extend(regrid(rows, columns, &union, tolerance));
        table
            .body_row_pages
            .extend(std::iter::repeat_n(fragment.page, rows.len()));
        table.pages[1] = fragment.page;
        table.notes.extend(fragment.notes.iter().cloned());
        table.printed.extend(printed(fragment));
        self.columns = union;
    }
}

fn printed(fragment: &Fragment) -> Vec<PrintedText> {
    fragment
        .printed
        .iter()
        .map(|text| PrintedText {
            page: fragment.page,
            text: text.clone(),
        })
        .collect()
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
fn regrid_cells(cells: &[HeaderCell], from: &[f64], to: &[f64], tolerance: f64) -> Vec<HeaderCell> {
    if from.len() == to.len() {
        return cells.to_vec();
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
fn regrid(rows: &[Vec<String>], from: &[f64], to: &[f64], tolerance: f64) -> Vec<Vec<String>> {
    if from.len() == to.len() {
        return rows.to_vec();
    }
    let target = boundary_targets(from, to, tolerance);
    rows.iter()
        .map(|row| {
            let mut wide = vec![String::new(); to.len() - 1];
            for (c, text) in row.iter().enumerate() {
                wide[target[c]] = text.clone();
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
            printed: Vec::new(),
        }
    }

    const ALONE: Placement = Placement {
        first_on_page: true,
        last_on_page: true,
    };

    #[test]
    fn continuation_with_repeated_header_drops_it() {
        let tables = stitch(
            vec![
                (
                    fragment(
                        4,
                        Some("收支总表"),
                        1,
                        &[&["项目", "金额"], &["一、a", "1.00"]],
                    ),
                    ALONE,
                ),
                (
                    fragment(5, None, 1, &[&["项目", "金额"], &["二、b", "2.00"]]),
                    ALONE,
                ),
            ],
            &Settings::default(),
        );
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].pages, [4, 5]);
        assert_eq!(tables[0].body_rows.len(), 2);
        assert_eq!(tables[0].body_row_pages, vec![4, 5]);
    }

    #[test]
    fn continuation_without_header_keeps_every_row() {
        let tables = stitch(
            vec![
                (
                    fragment(
                        4,
                        Some("收支总表"),
                        1,
                        &[&["项目", "金额"], &["一、a", "1.00"]],
                    ),
                    ALONE,
                ),
                // Text-only rows look like a header; on a continuation they are body.
                (fragment(5, None, 1, &[&["b", ""], &["c", "2.00"]]), ALONE),
            ],
            &Settings::default(),
        );
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].body_rows.len(), 3);
    }

    #[test]
    fn repeated_title_with_repeated_header_continues_but_a_new_form_does_not() {
        let repeated = stitch(
            vec![
                (
                    fragment(
                        4,
                        Some("表1 收支总表"),
                        1,
                        &[&["项目", "金额"], &["a", "1.00"]],
                    ),
                    ALONE,
                ),
                (
                    fragment(
                        5,
                        Some("表1 收支总表"),
                        1,
                        &[&["项目", "金额"], &["b", "2.00"]],
                    ),
                    ALONE,
                ),
            ],
            &Settings::default(),
        );
        assert_eq!(repeated.len(), 1);
        let forms = stitch(
            vec![
                (
                    fragment(18, Some("绩效目标申报表"), 0, &[&["项目名称", "甲"]]),
                    ALONE,
                ),
                (
                    fragment(19, Some("绩效目标申报表"), 0, &[&["项目名称", "乙"]]),
                    ALONE,
                ),
            ],
            &Settings::default(),
        );
        assert_eq!(forms.len(), 2);
    }

    #[test]
    fn a_continuation_with_more_columns_widens_the_table() {
        let mut first = fragment(22, Some("表"), 1, &[&["项目", "金额"], &["a", "1.00"]]);
        first.grid.xs = vec![50.0, 150.0, 350.0];
        let mut second = fragment(23, None, 0, &[&["b", "2.00", "3.00"]]);
        second.grid.xs = vec![50.0, 150.0, 250.0, 350.0];
        let tables = stitch(vec![(first, ALONE), (second, ALONE)], &Settings::default());
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
    fn different_columns_or_a_gap_in_pages_start_a_new_table() {
        let tables = stitch(
            vec![
                (
                    fragment(4, Some("表"), 1, &[&["项目", "金额"], &["a", "1.00"]]),
                    ALONE,
                ),
                (fragment(5, None, 0, &[&["b", "2.00", "3.00"]]), ALONE),
                (fragment(7, None, 0, &[&["c", "2.00", "3.00"]]), ALONE),
            ],
            &Settings::default(),
        );
        assert_eq!(tables.len(), 3);
    }
}
