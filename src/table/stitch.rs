//! Step 12 of the chain: fragments continued over pages become one table.

use super::Settings;
use super::Table;
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
/// fragment closes its page without a note, both have the same columns, and the fragment has
/// no title of its own — or repeats the table's title together with its header (some
/// producers repeat both on every page). A repeated header is dropped; on a continuation
/// without a title, rows read as header are in fact body rows and stay in the body.
pub(crate) fn stitch(fragments: Vec<(Fragment, Placement)>, settings: &Settings) -> Vec<Table> {
    let mut tables: Vec<Table> = Vec::new();
    let mut last: Option<(Fragment, Placement)> = None;
    for (fragment, placement) in fragments {
        let continues = match (&last, tables.last()) {
            (Some((prev, prev_placement)), Some(table)) => {
                continues(prev, *prev_placement, table, &fragment, placement, settings)
            }
            _ => false,
        };
        if continues {
            let table = tables.last_mut().expect("a table to continue");
            let repeated = fragment.header_count > 0 && fragment.header_rows() == table.header_rows;
            let rows = if repeated {
                fragment.body_rows()
            } else {
                &fragment.texts.rows[..]
            };
            table.body_rows.extend(rows.iter().cloned());
            table
                .body_row_pages
                .extend(std::iter::repeat_n(fragment.page, rows.len()));
            table.pages[1] = fragment.page;
            table.notes.extend(fragment.notes.iter().cloned());
        } else {
            tables.push(Table {
                title: fragment.title.clone(),
                pages: [fragment.page, fragment.page],
                context_lines: fragment.context_lines.clone(),
                notes: fragment.notes.clone(),
                header_rows: fragment.header_rows().to_vec(),
                body_rows: fragment.body_rows().to_vec(),
                body_row_pages: vec![fragment.page; fragment.body_rows().len()],
            });
        }
        last = Some((fragment, placement));
    }
    tables
}

fn continues(
    prev: &Fragment,
    prev_placement: Placement,
    table: &Table,
    next: &Fragment,
    placement: Placement,
    settings: &Settings,
) -> bool {
    let adjacent = next.page == prev.page + 1
        && prev_placement.last_on_page
        && placement.first_on_page
        && prev.notes.is_empty();
    let same_columns = same_columns(
        &prev.grid.xs,
        &next.grid.xs,
        settings.stitch_column_tolerance,
    );
    let context_repeated = next
        .context_lines
        .iter()
        .all(|line| table.context_lines.contains(line));
    let title_fits = match &next.title {
        None => true,
        Some(title) => {
            table.title.as_ref() == Some(title)
                && next.header_count > 0
                && next.header_rows() == table.header_rows
        }
    };
    adjacent && same_columns && context_repeated && title_fits
}

/// Whether two grids have the same column widths, give or take `tolerance` per boundary.
fn same_columns(a: &[f64], b: &[f64], tolerance: f64) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| ((x - a[0]) - (y - b[0])).abs() <= tolerance)
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
