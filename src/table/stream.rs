//! The text-alignment fallback: grids read from the alignment of text, for pages where no
//! ruled grid was found (some producers draw tables without any rules).

use crate::pdf::Glyph;

use super::Settings;
use super::classify::is_number;
use super::grid::{Cell, Grid};
use super::text::{Spacing, fold_whitespace, group_lines, line_text, split_at_gaps};

/// A text line cut into segments at wide gaps.
struct Row {
    top: f64,
    bottom: f64,
    segments: Vec<(f64, f64)>,
    has_number: bool,
}

/// Grids formed by runs of consecutive lines that are each cut into several aligned segments.
pub(crate) fn find_aligned_grids(glyphs: &[Glyph], settings: &Settings) -> Vec<Grid> {
    let rows: Vec<Row> = group_lines(glyphs.iter().collect(), settings.line_tolerance)
        .iter()
        .map(|line| segment(line, settings))
        .collect();
    let mut grids = Vec::new();
    let mut run: Vec<&Row> = Vec::new();
    for row in &rows {
        let wide = row.segments.len() >= settings.min_stream_columns;
        let close = run.last().is_none_or(|last| {
            row.top - last.bottom <= 2.0 * (last.bottom - last.top).max(row.bottom - row.top)
        });
        if wide && close {
            run.push(row);
            continue;
        }
        grids.extend(grid_of(&run, settings));
        run = if wide { vec![row] } else { Vec::new() };
    }
    grids.extend(grid_of(&run, settings));
    grids
}

fn segment(line: &[&Glyph], settings: &Settings) -> Row {
    let pieces = split_at_gaps(line, settings.column_gap);
    let top = line.iter().map(|g| g.y).fold(f64::INFINITY, f64::min);
    let bottom = line
        .iter()
        .map(|g| g.y + g.height)
        .fold(f64::NEG_INFINITY, f64::max);
    Row {
        top,
        bottom,
        has_number: pieces
            .iter()
            .any(|p| is_number(&fold_whitespace(&line_text(p, Spacing::of(settings))))),
        segments: pieces
            .iter()
            .map(|p| {
                (
                    p[0].x,
                    p.iter().map(|g| g.x + g.width).fold(f64::MIN, f64::max),
                )
            })
            .collect(),
    }
}

/// The grid of a run of rows: columns where the segments of all rows overlap, one grid row
/// per line. Runs too short, too narrow or without any amount are not tables.
fn grid_of(run: &[&Row], settings: &Settings) -> Option<Grid> {
    let with_numbers = run.iter().filter(|r| r.has_number).count();
    if run.len() < settings.min_stream_rows || with_numbers * 3 < run.len() {
        return None;
    }
    let mut spans: Vec<(f64, f64)> = run
        .iter()
        .flat_map(|r| r.segments.iter().copied())
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut columns: Vec<(f64, f64)> = Vec::new();
    for (x0, x1) in spans {
        match columns.last_mut() {
            Some(last) if x0 <= last.1 => last.1 = last.1.max(x1),
            _ => columns.push((x0, x1)),
        }
    }
    if columns.len() < settings.min_stream_columns {
        return None;
    }
    let mut xs = vec![columns[0].0 - 1.0];
    xs.extend(columns.windows(2).map(|w| (w[0].1 + w[1].0) / 2.0));
    xs.push(columns[columns.len() - 1].1 + 1.0);
    let mut ys = vec![run[0].top - 1.0];
    ys.extend(run.windows(2).map(|w| (w[0].bottom + w[1].top) / 2.0));
    ys.push(run[run.len() - 1].bottom + 1.0);
    let cells = (0..run.len())
        .flat_map(|row| {
            (0..columns.len()).map(move |col| Cell {
                row,
                col,
                row_span: 1,
                col_span: 1,
            })
        })
        .collect();
    Some(Grid { xs, ys, cells })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::text::tests::run;

    #[test]
    fn aligned_columns_without_rules_form_a_grid() {
        let mut glyphs = Vec::new();
        for (i, (name, a, b)) in [
            ("项目", "合计", "基本支出"),
            ("一般公共服务支出", "838.21", "90.11"),
            ("社会保障和就业支出", "12.33", "12.33"),
            ("卫生健康支出", "5.71", "5.71"),
        ]
        .iter()
        .enumerate()
        {
            let y = 100.0 + 14.0 * i as f64;
            glyphs.extend(run(name, 50.0, y, 10.0));
            glyphs.extend(run(a, 250.0, y, 10.0));
            glyphs.extend(run(b, 350.0, y, 10.0));
        }
        // A prose line far below is not part of it.
        glyphs.extend(run("本单位无其他说明。", 50.0, 300.0, 10.0));
        let grids = find_aligned_grids(&glyphs, &Settings::default());
        assert_eq!(grids.len(), 1);
        assert_eq!((grids[0].rows(), grids[0].cols()), (4, 3));
    }

    #[test]
    fn prose_is_not_a_table() {
        let glyphs: Vec<Glyph> = (0..5)
            .flat_map(|i| {
                run(
                    "这是一段没有表格的说明文字，只有一列。",
                    50.0,
                    100.0 + 14.0 * i as f64,
                    10.0,
                )
            })
            .collect();
        assert!(find_aligned_grids(&glyphs, &Settings::default()).is_empty());
    }
}
