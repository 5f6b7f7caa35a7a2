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
    /// Body rows in the same column layout; a header repeated on a continuation page is not
    /// repeated here.
    pub body_rows: Vec<Vec<String>>,
    /// The page (1-based) each body row was printed on, parallel to `body_rows`.
    pub body_row_pages: Vec<u32>,
}
