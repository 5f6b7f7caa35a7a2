//! The table stage's output: each table of a document as printed, stitched across pages.

use serde::Serialize;

/// One table as printed, possibly continued over several pages.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Table {
    /// The title line above the grid (or lifted out of the grid's first merged row), if any.
    pub title: Option<String>,
    /// First and last page (1-based) the table occupies.
    pub pages: [u32; 2],
    /// Lines between the title and the grid (or lifted out of the grid), in reading order:
    /// `单位名称：…`, `编制单位：…`, `单位：万元`, `金额单位：元`, table numbers like `预算公开表1`.
    pub context_lines: Vec<String>,
    /// Lines printed above the title (or above the grid of an untitled table) that are
    /// neither title nor unit lines: the heading or sentence that introduces the table
    /// (`二、部门预算单位构成`, `单位详细情况见下表：`), top to bottom.
    pub lead_lines: Vec<String>,
    /// Lines right below the grid that belong to it, such as `注：本表无数据`.
    pub notes: Vec<String>,
    /// Header rows, one string per grid column; a merged cell's text in its first column and
    /// `""` in the others. Column-index rows (`1 2 3 …`) belong here.
    pub header_rows: Vec<Vec<String>>,
    /// The cells of the header rows as ruled, merged cells with their spans, in reading
    /// order: which header cell stands above which grid columns. Empty when the header's
    /// merges are not known (a table built from text, not from a page).
    pub header_cells: Vec<HeaderCell>,
    /// Body rows in the same column layout; a header repeated on a continuation page is not
    /// repeated here.
    pub body_rows: Vec<Vec<String>>,
    /// The page (1-based) each body row was printed on, parallel to `body_rows`.
    pub body_row_pages: Vec<u32>,
    /// Every text printed in the table's area, page by page, as the page shows it before
    /// the table is cut into title, header and body: each cell's text, text in the ruled area
    /// that no cell holds, and lines printed right against the grid that were not taken as
    /// title, unit line or note. What the table's rows must account for (see
    /// `normalize::coverage`).
    pub printed: Vec<PrintedText>,
}

impl Table {
    /// The number of grid columns: the length of its widest header or body row.
    pub fn width(&self) -> usize {
        self.header_rows
            .iter()
            .chain(&self.body_rows)
            .map(Vec::len)
            .max()
            .unwrap_or(0)
    }
}

/// One header cell: the grid rows and columns it covers (its text is in `header_rows` at
/// `row`, `col`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct HeaderCell {
    /// First header row.
    pub row: usize,
    /// First grid column.
    pub col: usize,
    /// Header rows covered.
    pub row_span: usize,
    /// Grid columns covered.
    pub col_span: usize,
}

impl HeaderCell {
    /// Whether the cell stands above grid column `col`.
    pub fn covers_column(&self, col: usize) -> bool {
        (self.col..self.col + self.col_span).contains(&col)
    }
}

/// A text printed in a table's area on one page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrintedText {
    /// 1-based page.
    pub page: u32,
    /// The text as read.
    pub text: String,
}
