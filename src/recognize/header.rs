//! Column labels from header rows: which header cells stand above each grid column.
//!
//! Header grids follow the team's convention: a merged cell's text sits in its top-left
//! position and `""` fills the rest, to the right and below. An empty cell is therefore either
//! covered by the nearest text to its left (a horizontal merge, e.g. `本年收入` over six
//! columns) or by the text above it (a vertical merge, e.g. `上年结转` over two rows). It is a
//! horizontal merge only when both cells sit under the same parent: a cell never spans across
//! the boundary of the cell above it.

use crate::table::is_index_row;

/// The header cells above one grid column, top to bottom, each text once.
pub type HeaderPath = Vec<String>;

/// One [`HeaderPath`] per grid column. Column-index rows (`1 2 3 …`, `栏次`) are skipped.
pub fn header_paths(header_rows: &[Vec<String>]) -> Vec<HeaderPath> {
    let width = header_rows.iter().map(Vec::len).max().unwrap_or(0);
    let rows: Vec<&Vec<String>> = header_rows.iter().filter(|r| !is_index_row(r)).collect();
    // For each row, the (row, column) of the cell covering each grid column.
    let mut covering: Vec<Vec<Option<(usize, usize)>>> = Vec::with_capacity(rows.len());
    for (r, row) in rows.iter().enumerate() {
        let above = r.checked_sub(1).map(|a| &covering[a]);
        let mut current: Vec<Option<(usize, usize)>> = Vec::with_capacity(width);
        for col in 0..width {
            let text = row.get(col).map_or("", |s| s.trim());
            let cover = if !text.is_empty() {
                Some((r, col))
            } else {
                let left = current.last().copied().flatten();
                let same_parent = |left_col: usize| above.is_none_or(|a| a[left_col] == a[col]);
                match (left, above) {
                    (Some((lr, lc)), _) if lr == r && same_parent(lc) => Some((lr, lc)),
                    (_, Some(a)) => a[col],
                    _ => None,
                }
            };
            current.push(cover);
        }
        covering.push(current);
    }
    (0..width)
        .map(|col| {
            let mut path: HeaderPath = Vec::new();
            for (r, c) in covering.iter().filter_map(|row| row[col]) {
                let text = rows[r][c].trim().to_string();
                if path.last() != Some(&text) {
                    path.push(text);
                }
            }
            path
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
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
        let paths = header_paths(&header);
        assert_eq!(paths[0], ["项目", "科目编码"]);
        assert_eq!(paths[3], ["本年收入", "一般公共预算"]);
        assert_eq!(paths[5], ["上年结转"]);
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
        let paths = header_paths(&header);
        assert_eq!(paths[0], ["三公经费预算数", "合计"]);
        assert_eq!(
            paths[4],
            ["三公经费预算数", "公务用车购置及运行费", "购置费"]
        );
        assert_eq!(paths[6], ["机关运行经费预算数"]);
    }
}
