//! Column labels from the header: which header cells stand above each grid column.
//!
//! The table stage hands over the header's cells as ruled, with their spans
//! ([`Table::header_cells`]). A table built from text alone (the samples' truth, the seed)
//! has no spans; they are then inferred from the grid convention: a merged cell's text sits
//! in its top-left position and `""` fills the rest, to the right and below. An empty cell is
//! therefore either covered by the nearest text to its left (a horizontal merge, e.g.
//! `本年收入` over six columns) or by the text above it (a vertical merge, e.g. `上年结转` over
//! two rows). It is a horizontal merge only when both cells sit under the same parent: a cell
//! never spans across the boundary of the cell above it.

use crate::table::{HeaderCell, Table, is_index_row};

/// One header cell above a grid column: its text and the columns it spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathCell {
    /// The cell's text, trimmed.
    pub text: String,
    /// First grid column the cell covers.
    pub col: usize,
    /// Grid columns it covers.
    pub col_span: usize,
}

/// The texts of the header cells above one grid column, top to bottom, each once.
pub type HeaderPath = Vec<String>;

/// One [`HeaderPath`] per grid column of a header known only by its text (a report's
/// `header_rows`), its merges read by the grid convention.
pub fn header_paths(header_rows: &[Vec<String>]) -> Vec<HeaderPath> {
    let table = Table {
        header_rows: header_rows.to_vec(),
        ..Table::default()
    };
    let width = header_rows.iter().map(Vec::len).max().unwrap_or(0);
    column_paths(&table, width)
        .into_iter()
        .map(|path| path.into_iter().map(|cell| cell.text).collect())
        .collect()
}

/// The header cells above each of the `width` grid columns of `table`, top to bottom, each
/// text once. Column-index rows (`1 2 3 …`, `栏次`) and empty cells are left out.
pub(crate) fn column_paths(table: &Table, width: usize) -> Vec<Vec<PathCell>> {
    let rows = &table.header_rows;
    let cells = if table.header_cells.is_empty() {
        inferred_cells(rows)
    } else {
        table.header_cells.clone()
    };
    (0..width)
        .map(|col| {
            let mut above: Vec<&HeaderCell> =
                cells.iter().filter(|c| c.covers_column(col)).collect();
            above.sort_by_key(|c| c.row);
            let mut path: Vec<PathCell> = Vec::new();
            for cell in above {
                let Some(row) = rows.get(cell.row).filter(|r| !is_index_row(r)) else {
                    continue;
                };
                let text = row.get(cell.col).map_or("", |t| t.trim());
                if !text.is_empty() && path.last().is_none_or(|p| p.text != text) {
                    path.push(PathCell {
                        text: text.to_string(),
                        col: cell.col,
                        col_span: cell.col_span,
                    });
                }
            }
            path
        })
        .collect()
}

/// The header's cells read back from its text by the grid convention (see the module
/// documentation).
fn inferred_cells(header_rows: &[Vec<String>]) -> Vec<HeaderCell> {
    let width = header_rows.iter().map(Vec::len).max().unwrap_or(0);
    // For each row, the (row, column) of the cell covering each grid column.
    let mut covering: Vec<Vec<Option<(usize, usize)>>> = Vec::with_capacity(header_rows.len());
    for (r, row) in header_rows.iter().enumerate() {
        // An index row is its own row of single cells: nothing merges into or across it.
        let index = is_index_row(row);
        let above = r.checked_sub(1).map(|a| &covering[a]).filter(|_| !index);
        let mut current: Vec<Option<(usize, usize)>> = Vec::with_capacity(width);
        for col in 0..width {
            let text = row.get(col).map_or("", |s| s.trim());
            let cover = if !text.is_empty() || index {
                Some((r, col))
            } else {
                let left = current.last().copied().flatten();
                let same_parent = |left_col: usize| above.is_none_or(|a| a[left_col] == a[col]);
                match (left, above) {
                    (Some((lr, lc)), _) if lr == r && same_parent(lc) => Some((lr, lc)),
                    (_, Some(a)) if a[col].is_some() => a[col],
                    _ => Some((r, col)),
                }
            };
            current.push(cover);
        }
        covering.push(current);
    }
    let mut cells: Vec<HeaderCell> = Vec::new();
    for (r, row) in covering.iter().enumerate() {
        for (col, cover) in row.iter().enumerate() {
            let Some((origin_row, origin_col)) = *cover else {
                continue;
            };
            match cells
                .iter_mut()
                .find(|c| (c.row, c.col) == (origin_row, origin_col))
            {
                Some(cell) => {
                    cell.row_span = cell.row_span.max(r - origin_row + 1);
                    cell.col_span = cell.col_span.max(col - origin_col + 1);
                }
                None => cells.push(HeaderCell {
                    row: origin_row,
                    col: origin_col,
                    row_span: 1,
                    col_span: 1,
                }),
            }
        }
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    fn texts(paths: &[Vec<PathCell>], col: usize) -> Vec<&str> {
        paths[col].iter().map(|p| p.text.as_str()).collect()
    }

    fn from_text(header: Vec<Vec<String>>) -> Table {
        Table {
            header_rows: header,
            ..Table::default()
        }
    }

    #[test]
    fn horizontal_and_vertical_merges() {
        let header = rows(&[
            &["项目", "", "本年收入", "", "", "上年结转"],
            &[
                "科目编码",
                "科目名称",
                "合计",
                "一般公共预算",
                "政府性基金",
                "",
            ],
            &["1", "2", "3", "4", "5", "6"],
        ]);
        let paths = column_paths(&from_text(header), 6);
        assert_eq!(texts(&paths, 0), ["项目", "科目编码"]);
        assert_eq!(texts(&paths, 3), ["本年收入", "一般公共预算"]);
        assert_eq!(texts(&paths, 5), ["上年结转"]);
        assert_eq!((paths[3][0].col, paths[3][0].col_span), (2, 3));
    }

    #[test]
    fn a_merge_never_crosses_its_parent() {
        let header = rows(&[
            &["三公经费预算数", "", "", "", "", "", "机关运行经费预算数"],
            &[
                "合计",
                "因公出国(境)费",
                "公务接待费",
                "公务用车购置及运行费",
                "",
                "",
                "",
            ],
            &["", "", "", "小计", "购置费", "运行费", ""],
        ]);
        let paths = column_paths(&from_text(header), 7);
        assert_eq!(texts(&paths, 0), ["三公经费预算数", "合计"]);
        assert_eq!(
            texts(&paths, 4),
            ["三公经费预算数", "公务用车购置及运行费", "购置费"]
        );
        assert_eq!(texts(&paths, 6), ["机关运行经费预算数"]);
    }

    #[test]
    fn ruled_cells_decide_over_the_text_convention() {
        // 上年结转 ruled over two columns whose sub-labels are not printed: the convention
        // alone would give the second column no label.
        let mut table = from_text(rows(&[&["合计", "上年结转", ""], &["", "", ""]]));
        let cell = |row, col, row_span, col_span| HeaderCell {
            row,
            col,
            row_span,
            col_span,
        };
        table.header_cells = vec![cell(0, 0, 2, 1), cell(0, 1, 1, 2), cell(1, 1, 1, 1)];
        table.header_cells.push(cell(1, 2, 1, 1));
        let paths = column_paths(&table, 3);
        assert_eq!(texts(&paths, 2), ["上年结转"]);
        assert_eq!((paths[2][0].col, paths[2][0].col_span), (1, 2));
    }
}
