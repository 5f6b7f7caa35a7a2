//! Steps 5–7 of the chain: find intersections, build cells, group cells into grids.

use rustc_hash::FxHashMap as HashMap;

use super::Settings;
use super::rules::{Rules, Segment};

/// An axis-aligned rectangle in page coordinates (y down).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x0: f64,
    /// Top edge.
    pub y0: f64,
    /// Right edge.
    pub x1: f64,
    /// Bottom edge.
    pub y1: f64,
}

impl Rect {
    /// Whether the point lies inside (edges included).
    pub fn contains(&self, x: f64, y: f64) -> bool {
        x >= self.x0 && x <= self.x1 && y >= self.y0 && y <= self.y1
    }
}

/// One cell of a grid: the rows and columns it spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cell {
    pub row: usize,
    pub col: usize,
    pub row_span: usize,
    pub col_span: usize,
}

/// A ruled grid: its column and row boundaries and the (possibly merged) cells between them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Grid {
    /// Column boundaries, left to right (one more than the number of columns).
    pub xs: Vec<f64>,
    /// Row boundaries, top to bottom (one more than the number of rows).
    pub ys: Vec<f64>,
    /// Cells in reading order (by row, then column).
    pub cells: Vec<Cell>,
}

impl Grid {
    pub fn rows(&self) -> usize {
        self.ys.len() - 1
    }

    pub fn cols(&self) -> usize {
        self.xs.len() - 1
    }

    /// The median height of the grid's rows.
    pub fn row_height(&self) -> f64 {
        let mut heights: Vec<f64> = self.ys.windows(2).map(|w| w[1] - w[0]).collect();
        heights.sort_by(f64::total_cmp);
        heights.get(heights.len() / 2).copied().unwrap_or(0.0)
    }

    pub fn bbox(&self) -> Rect {
        Rect {
            x0: self.xs[0],
            y0: self.ys[0],
            x1: self.xs[self.cols()],
            y1: self.ys[self.rows()],
        }
    }

    pub fn cell_rect(&self, cell: &Cell) -> Rect {
        Rect {
            x0: self.xs[cell.col],
            y0: self.ys[cell.row],
            x1: self.xs[cell.col + cell.col_span],
            y1: self.ys[cell.row + cell.row_span],
        }
    }

    /// A finder of the cell holding a point, for many points on this grid.
    pub fn cell_finder(&self) -> CellFinder<'_> {
        let (rows, cols) = (self.rows(), self.cols());
        let mut slots = vec![None; rows * cols];
        // Backwards, so that where cells overlap the first one in `cells` wins.
        for (i, cell) in self.cells.iter().enumerate().rev() {
            for row in cell.row..(cell.row + cell.row_span).min(rows) {
                for col in cell.col..(cell.col + cell.col_span).min(cols) {
                    slots[row * cols + col] = Some(i);
                }
            }
        }
        CellFinder { grid: self, slots }
    }
}

/// Finds the cell holding a point by two binary searches and a look-up: which cell covers
/// each (row, column) slot is worked out once per grid, not once per glyph.
pub(crate) struct CellFinder<'g> {
    grid: &'g Grid,
    /// The index in `cells` of the cell covering each slot, row by row.
    slots: Vec<Option<usize>>,
}

impl CellFinder<'_> {
    /// The index in `cells` of the cell holding the point, if any.
    pub fn cell_at(&self, x: f64, y: f64) -> Option<usize> {
        let grid = self.grid;
        if !grid.bbox().contains(x, y) {
            return None;
        }
        let col = slot(&grid.xs, x);
        let row = slot(&grid.ys, y);
        self.slots[row * grid.cols() + col]
    }
}

/// The index of the interval of `bounds` holding `v` (clamped to the outer intervals).
fn slot(bounds: &[f64], v: f64) -> usize {
    let after = bounds.partition_point(|b| *b <= v);
    after.clamp(1, bounds.len() - 1) - 1
}

/// Runs steps 5–7: intersections, cells, grids. A grid of a single cell (a page frame, a boxed
/// paragraph) is not a table and is left out; a single row of cells is kept (the last row of
/// a table continued on the next page).
pub(crate) fn find_grids(rules: &Rules, settings: &Settings) -> Vec<Grid> {
    let points = Intersections::find(rules, settings.intersection_tolerance);
    let cells = points.cells();
    group_cells(&cells)
        .into_iter()
        .map(|group| to_grid(&group))
        .filter(|g| g.cells.len() >= 2)
        .collect()
}

/// A cell as a rectangle between intersection points, before it is placed on a grid.
#[derive(Debug, Clone, Copy, PartialEq)]
struct RawCell {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

/// Step 5: the points where a horizontal and a vertical rule meet, with the rules meeting
/// there, so that "two points are joined by a rule" can be asked.
struct Intersections {
    /// Distinct positions of vertical rules (x) and horizontal rules (y), sorted.
    xs: Vec<f64>,
    ys: Vec<f64>,
    /// For each point (x index, y index): the horizontal and vertical rules through it.
    at: HashMap<(usize, usize), (Vec<usize>, Vec<usize>)>,
    /// For each y index, the x indices of its points, sorted; the same per x index.
    by_row: HashMap<usize, Vec<usize>>,
    by_col: HashMap<usize, Vec<usize>>,
}

impl Intersections {
    fn find(rules: &Rules, tolerance: f64) -> Self {
        let xs = distinct_positions(&rules.vertical);
        let ys = distinct_positions(&rules.horizontal);
        let mut at: HashMap<(usize, usize), (Vec<usize>, Vec<usize>)> = HashMap::default();
        for (hi, h) in rules.horizontal.iter().enumerate() {
            for (vi, v) in rules.vertical.iter().enumerate() {
                if h.spans(v.pos, tolerance) && v.spans(h.pos, tolerance) {
                    let key = (index_of(&xs, v.pos), index_of(&ys, h.pos));
                    let entry = at.entry(key).or_default();
                    entry.0.push(hi);
                    entry.1.push(vi);
                }
            }
        }
        let mut by_row: HashMap<usize, Vec<usize>> = HashMap::default();
        let mut by_col: HashMap<usize, Vec<usize>> = HashMap::default();
        for &(xi, yi) in at.keys() {
            by_row.entry(yi).or_default().push(xi);
            by_col.entry(xi).or_default().push(yi);
        }
        for list in by_row.values_mut().chain(by_col.values_mut()) {
            list.sort_unstable();
            list.dedup();
        }
        Intersections {
            xs,
            ys,
            at,
            by_row,
            by_col,
        }
    }

    /// Whether one horizontal rule runs through both points of row `yi`.
    fn joined_horizontally(&self, yi: usize, xa: usize, xb: usize) -> bool {
        let (Some(a), Some(b)) = (self.at.get(&(xa, yi)), self.at.get(&(xb, yi))) else {
            return false;
        };
        a.0.iter().any(|h| b.0.contains(h))
    }

    /// Whether one vertical rule runs through both points of column `xi`.
    fn joined_vertically(&self, xi: usize, ya: usize, yb: usize) -> bool {
        let (Some(a), Some(b)) = (self.at.get(&(xi, ya)), self.at.get(&(xi, yb))) else {
            return false;
        };
        a.1.iter().any(|v| b.1.contains(v))
    }

    /// Step 6: from every point, the smallest rectangle whose four sides are rules joining
    /// four intersection points.
    fn cells(&self) -> Vec<RawCell> {
        let mut keys: Vec<(usize, usize)> = self.at.keys().copied().collect();
        keys.sort_unstable_by_key(|&(xi, yi)| (yi, xi));
        keys.iter()
            .filter_map(|&(xi, yi)| self.cell_from(xi, yi))
            .collect()
    }

    fn cell_from(&self, xi: usize, yi: usize) -> Option<RawCell> {
        let below = self.by_col.get(&xi)?.iter().filter(|&&y| y > yi);
        let right: Vec<usize> = self
            .by_row
            .get(&yi)?
            .iter()
            .copied()
            .filter(|&x| x > xi)
            .collect();
        for &yb in below {
            if !self.joined_vertically(xi, yi, yb) {
                continue;
            }
            for &xr in &right {
                if !self.joined_horizontally(yi, xi, xr) {
                    continue;
                }
                if self.joined_vertically(xr, yi, yb) && self.joined_horizontally(yb, xi, xr) {
                    return Some(RawCell {
                        x0: self.xs[xi],
                        y0: self.ys[yi],
                        x1: self.xs[xr],
                        y1: self.ys[yb],
                    });
                }
            }
        }
        None
    }
}

fn distinct_positions(segments: &[Segment]) -> Vec<f64> {
    let mut positions: Vec<f64> = segments.iter().map(|s| s.pos).collect();
    positions.sort_by(f64::total_cmp);
    positions.dedup();
    positions
}

fn index_of(sorted: &[f64], v: f64) -> usize {
    sorted.partition_point(|p| *p < v)
}

/// Step 7: cells sharing a corner belong to the same grid.
fn group_cells(cells: &[RawCell]) -> Vec<Vec<RawCell>> {
    let mut parent: Vec<usize> = (0..cells.len()).collect();
    let mut owner: HashMap<(u64, u64), usize> = HashMap::default();
    for (i, cell) in cells.iter().enumerate() {
        for corner in [
            (cell.x0, cell.y0),
            (cell.x1, cell.y0),
            (cell.x0, cell.y1),
            (cell.x1, cell.y1),
        ] {
            let key = (corner.0.to_bits(), corner.1.to_bits());
            match owner.get(&key) {
                Some(&j) => union(&mut parent, i, j),
                None => {
                    owner.insert(key, i);
                }
            }
        }
    }
    let mut groups: Vec<Vec<RawCell>> = Vec::new();
    let mut group_of_root: HashMap<usize, usize> = HashMap::default();
    for (i, cell) in cells.iter().enumerate() {
        let root = find(&mut parent, i);
        let g = *group_of_root.entry(root).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(*cell);
    }
    groups.sort_by(|a, b| {
        a[0].y0
            .total_cmp(&b[0].y0)
            .then(a[0].x0.total_cmp(&b[0].x0))
    });
    groups
}

fn find(parent: &mut [usize], i: usize) -> usize {
    let mut root = i;
    while parent[root] != root {
        root = parent[root];
    }
    let mut node = i;
    while parent[node] != root {
        let next = parent[node];
        parent[node] = root;
        node = next;
    }
    root
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

/// Places a group of cells on the grid formed by all their edges.
fn to_grid(group: &[RawCell]) -> Grid {
    let mut xs: Vec<f64> = group.iter().flat_map(|c| [c.x0, c.x1]).collect();
    let mut ys: Vec<f64> = group.iter().flat_map(|c| [c.y0, c.y1]).collect();
    for v in [&mut xs, &mut ys] {
        v.sort_by(f64::total_cmp);
        v.dedup();
    }
    let mut cells: Vec<Cell> = group
        .iter()
        .map(|c| {
            let (col, row) = (index_of(&xs, c.x0), index_of(&ys, c.y0));
            Cell {
                row,
                col,
                row_span: index_of(&ys, c.y1) - row,
                col_span: index_of(&xs, c.x1) - col,
            }
        })
        .collect();
    cells.sort_by_key(|c| (c.row, c.col));
    cells.dedup();
    let mut grid = Grid { xs, ys, cells };
    close_open_cells(&mut grid);
    grid
}

/// Positions no cell covers become cells, one per run down a column: a merged cell continued
/// on the next page has no bottom rule (LibreOffice Calc leaves it open), so no four corners.
fn close_open_cells(grid: &mut Grid) {
    let mut covered = vec![vec![false; grid.cols()]; grid.rows()];
    for cell in &grid.cells {
        for row in covered.iter_mut().skip(cell.row).take(cell.row_span) {
            for slot in row.iter_mut().skip(cell.col).take(cell.col_span) {
                *slot = true;
            }
        }
    }
    for col in 0..grid.cols() {
        let column: Vec<bool> = covered.iter().map(|r| r[col]).collect();
        let mut row = 0;
        while row < column.len() {
            let run = column[row..].iter().take_while(|c| !**c).count();
            if run > 0 {
                grid.cells.push(Cell {
                    row,
                    col,
                    row_span: run,
                    col_span: 1,
                });
            }
            row += run.max(1);
        }
    }
    grid.cells.sort_by_key(|c| (c.row, c.col));
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::pdf::Rule;
    use crate::table::rules::clean;

    /// Rules of a full grid with the given boundaries, leaving out the interior vertical
    /// segments named in `merged` (row, boundary index) to merge cells horizontally; as the PDF
    /// layer gives them, each line one rule.
    pub(crate) fn grid_rules(xs: &[f64], ys: &[f64], merged: &[(usize, usize)]) -> Vec<Rule> {
        let mut rules = Vec::new();
        for &y in ys {
            rules.push(Rule {
                x0: xs[0],
                y0: y,
                x1: xs[xs.len() - 1],
                y1: y,
                width: 0.5,
            });
        }
        for (bi, &x) in xs.iter().enumerate() {
            let drawn: Vec<usize> = (0..ys.len() - 1)
                .filter(|row| !merged.contains(&(*row, bi)))
                .collect();
            for run in drawn.chunk_by(|a, b| a + 1 == *b) {
                rules.push(Rule {
                    x0: x,
                    y0: ys[run[0]],
                    x1: x,
                    y1: ys[run[run.len() - 1] + 1],
                    width: 0.5,
                });
            }
        }
        rules
    }

    fn grids(rules: &[Rule]) -> Vec<Grid> {
        let settings = Settings::default();
        find_grids(&clean(rules, &settings), &settings)
    }

    #[test]
    fn full_grid_gives_one_cell_per_slot() {
        let g = &grids(&grid_rules(
            &[0.0, 50.0, 100.0, 150.0],
            &[0.0, 20.0, 40.0],
            &[],
        ))[0];
        assert_eq!((g.rows(), g.cols(), g.cells.len()), (2, 3, 6));
        assert!(g.cells.iter().all(|c| c.row_span == 1 && c.col_span == 1));
    }

    #[test]
    fn missing_interior_rule_merges_cells() {
        // Row 0: columns 1 and 2 merged (the vertical at boundary 2 is missing in row 0).
        let g = &grids(&grid_rules(
            &[0.0, 50.0, 100.0, 150.0],
            &[0.0, 20.0, 40.0],
            &[(0, 2)],
        ))[0];
        assert_eq!(g.cells.len(), 5);
        assert_eq!(
            g.cells[1],
            Cell {
                row: 0,
                col: 1,
                row_span: 1,
                col_span: 2
            }
        );
    }

    #[test]
    fn vertical_merge_spans_rows() {
        let xs = [0.0, 50.0, 100.0];
        let ys = [0.0, 20.0, 40.0];
        let mut rules = grid_rules(&xs, &ys, &[]);
        // Replace the middle horizontal by one covering only the second column.
        rules.retain(|r| !(r.y0 == 20.0 && r.y1 == 20.0));
        rules.push(Rule {
            x0: 50.0,
            y0: 20.0,
            x1: 100.0,
            y1: 20.0,
            width: 0.5,
        });
        let g = &grids(&rules)[0];
        assert_eq!(g.cells.len(), 3);
        assert_eq!((g.cells[0].row_span, g.cells[0].col_span), (2, 1));
        assert_eq!(g.cell_finder().cell_at(10.0, 30.0), Some(0));
        assert_eq!(g.cell_finder().cell_at(60.0, 30.0), Some(2));
        assert_eq!(g.cell_finder().cell_at(160.0, 30.0), None);
    }

    #[test]
    fn a_merged_cell_open_at_the_foot_is_closed() {
        let xs = [0.0, 50.0, 100.0];
        let ys = [0.0, 20.0, 40.0, 60.0];
        let mut rules = grid_rules(&xs, &ys, &[]);
        // Column 0 merged over rows 1–2 and left open at the bottom.
        rules.retain(|r| !(r.y0 == r.y1 && (r.y0 == 40.0 || r.y0 == 60.0)));
        for y in [40.0, 60.0] {
            rules.push(Rule {
                x0: 50.0,
                y0: y,
                x1: 100.0,
                y1: y,
                width: 0.5,
            });
        }
        rules.retain(|r| !(r.x0 == 0.0 && r.x1 == 0.0 && r.y0 >= 20.0));
        let g = &grids(&rules)[0];
        assert_eq!(
            g.cell_finder().cell_at(10.0, 50.0).map(|i| g.cells[i]),
            Some(Cell {
                row: 1,
                col: 0,
                row_span: 2,
                col_span: 1
            })
        );
    }

    #[test]
    fn separate_grids_stay_separate_and_frames_are_dropped() {
        let mut rules = grid_rules(&[0.0, 50.0, 100.0], &[0.0, 20.0, 40.0], &[]);
        rules.extend(grid_rules(&[0.0, 50.0, 100.0], &[100.0, 120.0, 140.0], &[]));
        // A page frame around everything: one cell, not a table.
        rules.extend(grid_rules(&[-20.0, 200.0], &[-20.0, 300.0], &[]));
        let found = grids(&rules);
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].bbox().y0, 100.0);
    }

    #[test]
    fn rules_short_of_the_corner_still_meet() {
        let rules = vec![
            Rule {
                x0: 1.5,
                y0: 0.0,
                x1: 98.5,
                y1: 0.0,
                width: 0.5,
            },
            Rule {
                x0: 1.5,
                y0: 20.0,
                x1: 98.5,
                y1: 20.0,
                width: 0.5,
            },
            Rule {
                x0: 1.5,
                y0: 40.0,
                x1: 98.5,
                y1: 40.0,
                width: 0.5,
            },
            Rule {
                x0: 0.0,
                y0: 1.0,
                x1: 0.0,
                y1: 39.0,
                width: 0.5,
            },
            Rule {
                x0: 50.0,
                y0: 1.0,
                x1: 50.0,
                y1: 39.0,
                width: 0.5,
            },
            Rule {
                x0: 100.0,
                y0: 1.0,
                x1: 100.0,
                y1: 39.0,
                width: 0.5,
            },
        ];
        let settings = Settings::default();
        let cleaned = clean(&rules, &settings);
        assert_eq!(
            Intersections::find(&cleaned, settings.intersection_tolerance)
                .at
                .len(),
            9
        );
        assert_eq!(grids(&rules)[0].cells.len(), 4);
    }
}
