//! Tables transcribed from the seed disclosure (`tests/fixtures/seed/`, a text rendering of
//! one real published disclosure), for the recognize, normalize and validate tests.
//!
//! The seed is a text rendering: each table is a title line, its `单位名称：`/`单位：` lines,
//! tab-separated rows (a merged cell's text in its first column, `""` in the rest, exactly the
//! grid convention) and sometimes a `注：` line. Where the header ends is not marked in the text,
//! so [`SEED_HEADER_ROWS`] states it per table, read off the printed document.

#![allow(dead_code)] // each test crate uses its own part of the support module

use std::path::PathBuf;

use budgetpdf::table::Table;

/// Header rows of the seed's tables, in order (the 13 budget tables, then the 5 forms, whose
/// grids are all body).
pub const SEED_HEADER_ROWS: [usize; 18] = [2, 2, 2, 3, 2, 2, 2, 1, 3, 2, 2, 3, 3, 0, 0, 0, 0, 0];

/// The seed text file.
pub fn seed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/seed/changzhi_2023_unit_budget_seed.txt")
}

/// The seed's text.
pub fn seed_text() -> String {
    std::fs::read_to_string(seed_path()).expect("the seed fixture is committed")
}

/// The seed's tables, in order, each as the table stage would deliver it.
pub fn seed_tables(text: &str) -> Vec<Table> {
    let lines: Vec<&str> = text.lines().collect();
    let mut tables = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !lines[i].contains('\t') {
            i += 1;
            continue;
        }
        let (title, context) = lines_above(&lines, i);
        let mut rows = Vec::new();
        while i < lines.len() && (lines[i].contains('\t') || continues_after_blank(&lines, i)) {
            if lines[i].contains('\t') {
                rows.push(
                    lines[i]
                        .split('\t')
                        .map(clean_cell)
                        .collect::<Vec<String>>(),
                );
            }
            i += 1;
        }
        let notes = lines[i..]
            .iter()
            .skip_while(|l| l.trim().is_empty())
            .take(1)
            .filter(|l| l.starts_with("注"))
            .map(|l| l.trim().to_string())
            .collect();
        // The table of contents is tab-separated too (dot leaders, page numbers): not a table.
        let is_contents = rows.iter().flatten().any(|c| c.contains("....."));
        if !is_contents {
            tables.push(build(title, context, rows, notes, tables.len()));
        }
    }
    tables
}

/// The title and context lines above a grid starting at line `start`: the nearest non-empty
/// lines, the title being the first that is not a `单位…：` line.
fn lines_above(lines: &[&str], start: usize) -> (Option<String>, Vec<String>) {
    let mut context = Vec::new();
    for line in lines[..start]
        .iter()
        .rev()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
    {
        let line = line.trim_start_matches('#').trim();
        if line.starts_with("单位") {
            context.insert(0, line.to_string());
        } else {
            // Forms print their year `(2023年度)` on the line under the title.
            if line.starts_with('(') {
                context.insert(0, line.to_string());
                continue;
            }
            return (Some(line.to_string()), context);
        }
    }
    (None, context)
}

/// A blank line inside a grid (a page break) is followed by more rows of the same grid.
fn continues_after_blank(lines: &[&str], i: usize) -> bool {
    lines[i].trim().is_empty() && lines.get(i + 1).is_some_and(|l| l.contains('\t'))
}

/// Cell text per the grid convention: markup dropped, spaces between CJK characters removed.
fn clean_cell(cell: &str) -> String {
    let cell = cell.replace("<b>", "").replace("</b>", "");
    let chars: Vec<char> = cell.trim().chars().collect();
    let mut out = String::new();
    for (k, c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let cjk = |c: Option<&char>| c.is_some_and(|c| !c.is_ascii());
            if cjk(chars.get(k.wrapping_sub(1))) && cjk(chars.get(k + 1)) {
                continue;
            }
        }
        out.push(*c);
    }
    out
}

fn build(
    title: Option<String>,
    context: Vec<String>,
    mut rows: Vec<Vec<String>>,
    notes: Vec<String>,
    index: usize,
) -> Table {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    for row in &mut rows {
        row.resize(width, String::new());
    }
    let header_count = SEED_HEADER_ROWS
        .get(index)
        .copied()
        .unwrap_or(0)
        .min(rows.len());
    let body_rows = rows.split_off(header_count);
    Table {
        title,
        pages: [1, 1],
        context_lines: context,
        notes,
        header_rows: rows,
        body_row_pages: vec![1; body_rows.len()],
        body_rows,
        ..Table::default()
    }
}
