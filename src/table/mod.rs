//! Stage 2: from pages of glyphs and rules to the document's tables, stitched across pages.
//!
//! The table finder is a chain of small steps, each with a named tolerance in [`Settings`]
//! (modelled on pdfplumber's):
//!
//! 1. keep thin rules, 2. snap, 3. join, 4. drop the short (`rules`);
//! 5. find intersections, 6. build cells, 7. group cells into grids (`grid`);
//! 8. read cell text by glyph centre (a glyph of text clipped at a rule stays with its text),
//!    9. lift Excel title/unit rows and notes out of the grid, 10. split header from body
//!    (`layout`);
//! 11. attach title, unit lines and notes around the grid (`around`);
//! 12. stitch fragments across pages (`stitch`).
//!
//! Before step 1, a page whose text runs sideways is turned upright (`upright`); pages without
//! any ruled grid go through a text-alignment fallback (`stream`) instead of steps 1–7. The
//! PDF layer has already applied `/Rotate`.

mod around;
mod classify;
mod debug;
mod grid;
mod layout;
mod model;
mod page;
mod rules;
mod settings;
mod stitch;
mod stream;
mod text;
mod upright;

use serde::Serialize;

use crate::pdf::Page;

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
    let mut fragments = Vec::new();
    let mut warnings = Vec::new();
    let mut heading = around::Around::default();
    for page in pages {
        let mut analysis = page::analyse(page, settings);
        warnings.extend(analysis.warnings);
        // A heading left at the foot of the previous page belongs to this page's first table.
        if let Some(first) = analysis.fragments.first_mut()
            && first.title.is_none()
            && heading.title.is_some()
        {
            first.title = heading.title.take();
            first.context_lines = [
                std::mem::take(&mut heading.context_lines),
                first.context_lines.clone(),
            ]
            .concat();
        }
        heading = analysis.trailing;
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

/// An SVG picture of one page and what the table finder saw on it: the glyphs as text at
/// their positions, the cleaned rules (red), the cells (blue; orange when read from text
/// alignment), each table's outline (green) with its title, header size and context lines.
/// A page whose text runs sideways is drawn turned upright, as the finder reads it.
pub fn debug_svg(page: &Page, settings: &Settings) -> String {
    let turned = upright::upright(page);
    let shown = turned.as_ref().unwrap_or(page);
    debug::svg(shown, &page::analyse(shown, settings))
}
