//! The named tolerances of the table finder, one per step of the chain.

/// Tolerances of the table finder, in PDF points unless said otherwise.
///
/// Each field belongs to one step of the chain run by [`extract`](super::extract), in this
/// order: drop short rules, find intersections, build cells, group cells into grids, read cell
/// text, attach the lines around each grid, split header from body, stitch across pages, and
/// (only on pages without any grid) the text-alignment fallback. How drawn pieces become rules
/// (thin only, snapped, joined) is the PDF layer's business: the rules arrive cleaned.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Rules shorter than this are dropped.
    pub min_rule_length: f64,
    /// Vertical rules of a grid running on at least this far past its last horizontal rule,
    /// level with each other, mark a row whose border the producer left undrawn (the first
    /// row of a continuation page); a border is added there.
    pub min_open_row: f64,
    /// A horizontal and a vertical rule intersect when each reaches within this distance of
    /// the other.
    pub intersection_tolerance: f64,
    /// Glyphs belong to the same text line when their vertical centres differ by at most this
    /// fraction of the glyph height.
    pub line_tolerance: f64,
    /// A horizontal gap between two glyphs wider than this fraction of the glyph size separates
    /// two words (WPS and some other producers write no space characters).
    pub word_gap: f64,
    /// Between a CJK and a Latin glyph the gap must be wider than this fraction of the glyph
    /// size to be a space: LibreOffice adds about 0.2 em there by itself (Asian/Western
    /// autospacing), which is not a space.
    pub mixed_script_gap: f64,
    /// A cell's left rule lying at least this far (points) right of a glyph's left edge cuts
    /// the glyph: text of the cell before ran on past the rule and was drawn clipped. Such a
    /// glyph goes to the cell whose glyphs it runs on from (ending within `word_gap` of where it
    /// starts) instead of the cell holding its centre. Less than this is rounding in the
    /// producer's placement.
    pub overflow_cut: f64,
    /// Lines above a grid belong to it (title, unit lines), and notes below it, when the
    /// vertical gap between consecutive lines is at most this many times the text size.
    pub context_gap: f64,
    /// Text smaller than this (points) counts as this size for `context_gap`: small unit lines
    /// are often set well apart from the grid.
    pub min_text_size: f64,
    /// The lines of a title or unit line wrapped over several lines lie at most this many times
    /// their text size apart (titles are often set with generous line spacing).
    pub wrap_gap: f64,
    /// Lines longer than this (in characters) are prose, never a title or a unit line.
    pub max_title_chars: usize,
    /// Lines within this fraction of the page height from its top or bottom are in its
    /// margins, where running headers and footers are printed.
    pub running_band: f64,
    /// A line printed in the margins of at least this many pages is a running header or
    /// footer, never a title (unless it names a table, …表).
    pub running_min_pages: usize,
    /// Two grids on consecutive pages are one table only if their column boundaries agree
    /// within this tolerance (after aligning the left edges).
    pub stitch_column_tolerance: f64,
    /// A page read by the text-alignment fallback (no ruled grid found) that carries at least
    /// this many ruling lines is warned about (`RulesWithoutGrid`): its rules meant a table
    /// that was not understood.
    pub rules_without_grid: usize,
    /// The text-alignment fallback needs at least this many consecutive aligned lines.
    pub min_stream_rows: usize,
    /// The text-alignment fallback needs at least this many columns.
    pub min_stream_columns: usize,
    /// A gap between two glyphs wider than this many times the text size separates two
    /// phrases: two lines side by side outside a grid (`单位名称：…` and `单位：万元`), or two
    /// columns in the text-alignment fallback.
    pub column_gap: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            min_rule_length: 3.0,
            min_open_row: 8.0,
            intersection_tolerance: 3.0,
            line_tolerance: 0.5,
            word_gap: 0.2,
            mixed_script_gap: 0.3,
            overflow_cut: 0.2,
            context_gap: 5.0,
            min_text_size: 10.0,
            wrap_gap: 1.0,
            max_title_chars: 60,
            running_band: 0.12,
            running_min_pages: 3,
            stitch_column_tolerance: 4.0,
            rules_without_grid: 10,
            min_stream_rows: 3,
            min_stream_columns: 3,
            column_gap: 2.0,
        }
    }
}
