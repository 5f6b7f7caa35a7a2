//! Stage 2: from pages of glyphs and rules to the document's tables, stitched across pages.
//!
//! The table finder is a chain of small steps, each with a named tolerance in [`Settings`]
//! (modelled on pdfplumber's):
//!
//! 1. keep thin rules, 2. snap, 3. join: done once, by the PDF layer (`pdf::rules`, the one
//!    place where drawn pieces become lines); 3b. close sides a producer left open, 4. drop the
//!    short (`rules`);
//! 5. find intersections, 6. build cells, 7. group cells into grids (`grid`);
//! 8. read cell text by glyph centre (a glyph of text clipped at a rule stays with its text),
//!    9. lift Excel title/unit rows and notes out of the grid, 10. split header from body
//!    (`layout`);
//! 11. attach title, unit lines and notes around the grid (`around`), forgetting running
//!     page headers and footers (`running`);
//! 12. stitch fragments across pages (`stitch`).
//!
//! Before step 1, a page whose text does not run left to right is turned upright
//! ([`crate::pdf::upright`], by the direction the PDF layer measured); pages without any ruled
//! grid go through a text-alignment fallback (`stream`) instead of steps 3b–7. The PDF layer
//! has already applied `/Rotate`.

mod around;
mod classify;
mod debug;
mod grid;
mod layout;
mod model;
mod page;
mod rules;
mod running;
mod settings;
mod stitch;
mod stream;
mod text;

use serde::Serialize;

use crate::pdf::{Page, TextLine};

pub use classify::is_index_row;
pub use model::{HeaderCell, PrintedText, Table};
pub use settings::Settings;
pub use text::fold_whitespace;

use stitch::Placement;

/// The tables of a document, and the problems met while finding them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Extraction {
    /// The document's tables in reading order, each stitched across the pages it spans.
    pub tables: Vec<Table>,
    /// Non-fatal problems, in page order.
    pub warnings: Vec<TableWarning>,
}

/// A problem the table finder met that did not stop it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
pub enum TableWarning {
    /// A page carries many ruling lines but no ruled grid could be built from them: a table
    /// may have been read from text alignment only, or missed.
    #[error("{rules} ruling lines but no ruled grid")]
    RulesWithoutGrid {
        /// 1-based page.
        page: u32,
        /// Ruling lines on the page after cleaning.
        rules: usize,
    },
}

/// Finds the tables of a document's pages (given in order).
pub fn extract(pages: &[Page], settings: &Settings) -> Extraction {
    let mut analyses: Vec<page::PageAnalysis> = pages
        .iter()
        .map(|page| page::analyse(page, settings))
        .collect();
    running::forget(&mut analyses, settings);
    let mut fragments = Vec::new();
    let mut warnings = Vec::new();
    let mut foot = around::Foot::default();
    let mut foot_page = 0;
    for (page, mut analysis) in pages.iter().zip(analyses) {
        warnings.extend(analysis.warnings);
        if let Some(first) = analysis.fragments.first_mut()
            && !first.is_blank()
        {
            take_foot(first, std::mem::take(&mut foot), foot_page);
        }
        foot = analysis.foot;
        foot_page = page.number;
        let count = analysis.fragments.len();
        fragments.extend(analysis.fragments.into_iter().enumerate().map(|(i, f)| {
            let placement = Placement {
                first_on_page: i == 0,
                last_on_page: i + 1 == count,
            };
            (f, placement)
        }));
    }
    Extraction {
        tables: stitch::stitch(fragments, settings),
        warnings,
    }
}

/// Gives the first table of a page what the page before left at its foot: a heading (title
/// and context lines) when the table has no title of its own, which makes the table start on
/// that page; the lines introducing it when nothing on its own page does.
fn take_foot(first: &mut page::Fragment, foot: around::Foot, foot_page: u32) {
    let heading = foot.heading;
    if first.title.is_none() && heading.title.is_some() {
        first.title = heading.title;
        first.context_lines = [
            heading.context_lines,
            std::mem::take(&mut first.context_lines),
        ]
        .concat();
        first.heading_page = Some(foot_page);
        if first.lead_lines.is_empty() {
            first.lead_lines = [heading.lead_lines, foot.lines].concat();
        }
    } else if first.title.is_none() && first.lead_lines.is_empty() && first.context_lines.is_empty()
    {
        first.lead_lines = foot.lines;
    }
}

/// The page's text as lines in reading order, read the one way budgetpdf reads text outside
/// grids (the titles, unit lines and notes of tables, and a document's cover and table of
/// contents): a page whose text runs sideways is read turned upright; glyphs are grouped into
/// lines by [`Settings::line_tolerance`], cut into phrases at gaps wider than
/// [`Settings::column_gap`], spaced by [`Settings::word_gap`] and
/// [`Settings::mixed_script_gap`] as cell text is, a `label：` phrase joined with the value
/// printed far to its right.
pub fn text_lines(page: &Page, settings: &Settings) -> Vec<TextLine> {
    if page.text_rotation == 0 {
        around::lines_outside(page, &[], settings)
    } else {
        around::lines_outside(&crate::pdf::upright(page), &[], settings)
    }
}

/// An SVG picture of one page and what the table finder saw on it: the glyphs as text at
/// their positions, the cleaned rules (red), the cells (blue; orange when read from text
/// alignment), each table's outline (green) with its title, header size and context lines.
/// A page whose text runs sideways is drawn turned upright, as the finder reads it.
pub fn debug_svg(page: &Page, settings: &Settings) -> String {
    let shown = crate::pdf::upright(page);
    debug::svg(&shown, &page::analyse(&shown, settings))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::text::tests::{page, run};

    #[test]
    fn a_pages_text_lines_are_read_as_titles_are() {
        let mut glyphs = run("2026年度部门预算", 200.0, 100.0, 16.0);
        glyphs.extend(run("部门：", 50.0, 140.0, 12.0));
        glyphs.extend(run("某某局", 300.0, 140.0, 12.0));
        let lines: Vec<String> = text_lines(&page(glyphs, Vec::new()), &Settings::default())
            .into_iter()
            .map(|l| l.text)
            .collect();
        assert_eq!(lines, ["2026年度部门预算", "部门：某某局"]);
    }
}
