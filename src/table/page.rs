//! The chain run on one page: from glyphs and rules to the page's table fragments.

use crate::pdf::Page;

use super::Settings;
use super::around::{attach, lines_outside};
use super::grid::{Grid, Rect, find_grids};
use super::layout::{Texts, header_row_count, lift_outer_rows};
use super::rules::{Rules, clean};
use super::stream::find_aligned_grids;

/// One table as found on one page, before stitching.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fragment {
    pub page: u32,
    pub grid: Grid,
    pub texts: Texts,
    pub header_count: usize,
    pub title: Option<String>,
    pub context_lines: Vec<String>,
    pub notes: Vec<String>,
}

impl Fragment {
    /// The fragment's rows as printed, header first.
    pub fn header_rows(&self) -> &[Vec<String>] {
        &self.texts.rows[..self.header_count]
    }

    pub fn body_rows(&self) -> &[Vec<String>] {
        &self.texts.rows[self.header_count..]
    }
}

/// Everything the chain found on a page, kept for the debug view.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PageAnalysis {
    pub rules: Rules,
    /// Whether the grids came from the text-alignment fallback rather than from rules.
    pub aligned: bool,
    pub fragments: Vec<Fragment>,
    pub warnings: Vec<String>,
}

/// Runs the whole chain on one page.
pub(crate) fn analyse(page: &Page, settings: &Settings) -> PageAnalysis {
    let rules = clean(&page.rules, settings);
    let mut grids = find_grids(&rules, settings);
    let mut warnings = Vec::new();
    let aligned = grids.is_empty();
    if aligned {
        grids = find_aligned_grids(&page.glyphs, settings);
        if rules.horizontal.len() + rules.vertical.len() >= 10 {
            warnings.push(format!(
                "{} ruling lines but no ruled grid",
                rules.horizontal.len() + rules.vertical.len()
            ));
        }
    }
    grids.sort_by(|a, b| {
        let (ra, rb) = (a.bbox(), b.bbox());
        ra.y0.total_cmp(&rb.y0).then(ra.x0.total_cmp(&rb.x0))
    });
    let mut fragments = Vec::new();
    let mut lifted = Vec::new();
    for grid in grids {
        let mut texts = Texts::read(&grid, &page.glyphs, settings);
        if texts.rows.iter().flatten().all(String::is_empty) {
            continue;
        }
        let uncovered = grid.uncovered();
        if uncovered > 0 {
            warnings.push(format!(
                "grid at y={:.0} has {uncovered} positions outside every cell",
                grid.bbox().y0
            ));
        }
        lifted.push(lift_outer_rows(&mut texts, settings));
        fragments.push(Fragment {
            page: page.number,
            header_count: header_row_count(&texts),
            grid,
            texts,
            title: None,
            context_lines: Vec::new(),
            notes: Vec::new(),
        });
    }
    let boxes: Vec<Rect> = fragments.iter().map(|f| f.grid.bbox()).collect();
    let lines = lines_outside(page, &boxes, settings);
    let around = attach(&boxes, &lines, settings);
    for ((fragment, inside), outside) in fragments.iter_mut().zip(lifted).zip(around) {
        fragment.title = inside.title.or(outside.title);
        fragment.context_lines = [outside.context_lines, inside.context_lines].concat();
        fragment.notes = [inside.notes, outside.notes].concat();
    }
    PageAnalysis {
        rules,
        aligned,
        fragments,
        warnings,
    }
}
