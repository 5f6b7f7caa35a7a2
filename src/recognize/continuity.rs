//! Whether a table continued over pages runs on where its pages meet: its 序号 go on by one,
//! and the first subject code of each continuation page has its parent among the rows before
//! it. A break says a row may have been lost, or two tables stitched into one.

use super::header::header_paths;
use crate::catalogue::{Catalogue, squash};
use crate::report::{Warning, WarningKind};
use crate::table::Table;

/// Row codes have at most this many digits (类 3, 款 5, 项 7), two per level below the 类.
const CODE_LEVELS: [usize; 3] = [3, 5, 7];

/// The share of a column's non-empty body cells that must be codes for it to be the code
/// column.
const CODE_MAJORITY: f64 = 0.5;

/// Where a continued table breaks at a page boundary, one warning each.
pub(crate) fn breaks(catalogue: &Catalogue, table: &Table) -> Vec<Warning> {
    let starts: Vec<usize> = (1..table.body_row_pages.len())
        .filter(|&i| table.body_row_pages[i] != table.body_row_pages[i - 1])
        .collect();
    if starts.is_empty() {
        return Vec::new();
    }
    let mut warnings = Vec::new();
    let sequence = sequence_column(catalogue, table);
    let codes = code_column(table);
    for &start in &starts {
        let page = Some(table.body_row_pages[start]);
        if let Some(column) = sequence
            && let Some(message) = sequence_break(table, column, start)
        {
            warnings.push(Warning::new(WarningKind::ContinuationBreak, page, message));
        }
        if let Some(column) = codes
            && let Some(message) = code_break(table, column, start)
        {
            warnings.push(Warning::new(WarningKind::ContinuationBreak, page, message));
        }
    }
    warnings
}

/// The column the header labels as a sequence number (序号).
fn sequence_column(catalogue: &Catalogue, table: &Table) -> Option<usize> {
    let labels = &catalogue.headers().sequence_labels;
    header_paths(&table.header_rows)
        .iter()
        .position(|path| path.iter().any(|cell| labels.contains(&squash(cell))))
}

fn integer(cell: &str) -> Option<u32> {
    squash(cell).parse().ok()
}

/// The 序号 before and after the boundary at body row `start`, when they do not go on by one
/// (a restart at 1 is a new group, as lists numbered per unit print).
fn sequence_break(table: &Table, column: usize, start: usize) -> Option<String> {
    let cell = |row: &Vec<String>| row.get(column).and_then(|c| integer(c));
    let before = table.body_rows[..start].iter().rev().find_map(cell)?;
    let after = table.body_rows[start..].iter().find_map(cell)?;
    (after != before + 1 && after != 1).then(|| {
        format!("序号 {before} on the page before is followed by {after}: rows may be missing")
    })
}

/// The column of single-cell subject codes (`2010301`), if most of its cells are codes.
fn code_column(table: &Table) -> Option<usize> {
    let width = table.body_rows.iter().map(Vec::len).max().unwrap_or(0);
    (0..width.min(2)).find(|&column| {
        let cells: Vec<String> = table
            .body_rows
            .iter()
            .filter_map(|row| row.get(column))
            .map(|c| squash(c))
            .filter(|c| !c.is_empty())
            .collect();
        let codes = cells.iter().filter(|c| is_code(c)).count();
        codes > 0 && codes as f64 >= CODE_MAJORITY * cells.len() as f64
    })
}

fn is_code(cell: &str) -> bool {
    CODE_LEVELS.contains(&cell.len()) && cell.chars().all(|c| c.is_ascii_digit())
}

/// The first code after the boundary at body row `start`, when its parent (the code two
/// digits shorter) is not among the codes before it.
fn code_break(table: &Table, column: usize, start: usize) -> Option<String> {
    let code_of = |row: &Vec<String>| row.get(column).map(|c| squash(c)).filter(|c| is_code(c));
    let first = table.body_rows[start..].iter().find_map(code_of)?;
    if first.len() == CODE_LEVELS[0] {
        return None;
    }
    let parent = &first[..first.len() - 2];
    let seen = table.body_rows[..start]
        .iter()
        .filter_map(code_of)
        .any(|code| code == parent);
    (!seen).then(|| {
        format!(
            "code {first} opens the page without its parent {parent} before it: rows may be missing"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(header: &[&str], rows: &[(u32, &[&str])]) -> Table {
        Table {
            header_rows: vec![header.iter().map(|c| c.to_string()).collect()],
            body_rows: rows
                .iter()
                .map(|(_, r)| r.iter().map(|c| c.to_string()).collect())
                .collect(),
            body_row_pages: rows.iter().map(|(p, _)| *p).collect(),
            ..Table::default()
        }
    }

    #[test]
    fn numbers_and_codes_running_on_raise_nothing() {
        let t = table(
            &["序号", "科目编码", "金额"],
            &[
                (4, &["1", "201", "1.00"]),
                (4, &["2", "20101", "1.00"]),
                (5, &["3", "2010101", "1.00"]),
                (5, &["4", "202", "1.00"]),
            ],
        );
        assert!(breaks(Catalogue::standard(), &t).is_empty());
    }

    #[test]
    fn a_jump_in_numbers_or_an_orphan_code_is_a_warning() {
        let t = table(
            &["序号", "科目编码", "金额"],
            &[
                (4, &["1", "201", "1.00"]),
                (4, &["2", "20101", "1.00"]),
                (5, &["4", "2010301", "1.00"]),
            ],
        );
        let warnings = breaks(Catalogue::standard(), &t);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(
            warnings
                .iter()
                .all(|w| w.kind == WarningKind::ContinuationBreak && w.page == Some(5))
        );
        assert!(warnings[0].message.contains("序号 2"), "{warnings:?}");
        assert!(warnings[1].message.contains("20103"), "{warnings:?}");
    }

    #[test]
    fn numbering_restarting_at_one_is_a_new_group() {
        let t = table(
            &["序号", "项目名称", "金额"],
            &[
                (4, &["1", "a", "1.00"]),
                (4, &["2", "b", "1.00"]),
                (5, &["1", "c", "1.00"]),
            ],
        );
        assert!(breaks(Catalogue::standard(), &t).is_empty());
    }
}
