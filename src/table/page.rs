//! The chain run on one page: from glyphs and rules to the page's table fragments.

use crate::pdf::{Page, TextLine};

use super::around::{Around, attach, lines_outside};
use super::classify::is_page_number;
use super::grid::{Grid, Rect, find_grids};
use super::layout::{Texts, header_row_count, lift_outer_rows, unplaced_texts};
use super::model::HeaderCell;
use super::rules::{Rules, clean};
use super::stream::find_aligned_grids;
use super::upright::upright;
use super::{Settings, TableWarning};

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
    /// Everything printed in the fragment's area (see [`Table::printed`](super::Table)).
    pub printed: Vec<String>,
}

impl Fragment {
    /// The fragment's rows as printed, header first.
    pub fn header_rows(&self) -> &[Vec<String>] {
        &self.texts.rows[..self.header_count]
    }

    pub fn body_rows(&self) -> &[Vec<String>] {
        &self.texts.rows[self.header_count..]
    }

    /// The header's cells with their spans.
    pub fn header_cells(&self) -> Vec<HeaderCell> {
        self.texts.header_cells(self.header_count)
    }
}

/// Everything the chain found on a page, kept for the debug view.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PageAnalysis {
    pub rules: Rules,
    /// Whether the grids came from the text-alignment fallback rather than from rules.
    pub aligned: bool,
    pub fragments: Vec<Fragment>,
    /// A title (and context lines) at the foot of the page, below every grid: the heading of
    /// a table that starts on the next page.
    pub trailing: Around,
    pub warnings: Vec<TableWarning>,
}

/// Runs the whole chain on one page (turned upright first if its text runs sideways).
pub(crate) fn analyse(page: &Page, settings: &Settings) -> PageAnalysis {
    match upright(page) {
        Some(turned) => analyse_upright(&turned, settings),
        None => analyse_upright(page, settings),
    }
}

fn analyse_upright(page: &Page, settings: &Settings) -> PageAnalysis {
    let rules = clean(&page.rules, settings);
    let mut grids = find_grids(&rules, settings);
    let mut warnings = Vec::new();
    let aligned = grids.is_empty();
    if aligned {
        grids = find_aligned_grids(&page.glyphs, settings);
        let count = rules.horizontal.len() + rules.vertical.len();
        if count >= 10 {
            warnings.push(TableWarning::RulesWithoutGrid {
                page: page.number,
                rules: count,
            });
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
        let mut printed = texts.filled_texts();
        printed.extend(unplaced_texts(&grid, &page.glyphs, settings));
        lifted.push(lift_outer_rows(&mut texts, settings));
        fragments.push(Fragment {
            page: page.number,
            header_count: header_row_count(&texts),
            grid,
            texts,
            title: None,
            context_lines: Vec::new(),
            notes: Vec::new(),
            printed,
        });
    }
    let boxes: Vec<Rect> = fragments.iter().map(|f| f.grid.bbox()).collect();
    let lines = lines_outside(page, &boxes, settings);
    let (around, trailing) = attach(&boxes, &lines, page.width, settings);
    let taken: Vec<String> = around
        .iter()
        .chain([&trailing])
        .flat_map(|a| a.title.iter().chain(&a.context_lines).chain(&a.notes))
        .cloned()
        .collect();
    for ((fragment, inside), outside) in fragments.iter_mut().zip(lifted).zip(around) {
        fragment.title = outside.title.or(inside.title);
        fragment.context_lines = [outside.context_lines, inside.context_lines].concat();
        fragment.notes = [inside.notes, outside.notes].concat();
        fragment
            .printed
            .extend(lines_against(&fragment.grid, &lines, &taken));
    }
    PageAnalysis {
        rules,
        aligned,
        fragments,
        trailing,
        warnings,
    }
}

/// The lines printed right against a grid (within one row's height above or below it, over
/// its width) that were taken neither as title, unit line nor note: a row printed outside the
/// ruled area, such as the first row of a continuation page whose top rule is not drawn.
fn lines_against(grid: &Grid, lines: &[TextLine], taken: &[String]) -> Vec<String> {
    let bbox = grid.bbox();
    let reach = grid.row_height();
    lines
        .iter()
        .filter(|l| l.x1 > bbox.x0 && l.x0 < bbox.x1)
        .filter(|l| {
            let above = l.y1 <= bbox.y0 + 1.0 && bbox.y0 - l.y1 <= reach;
            let below = l.y0 >= bbox.y1 - 1.0 && l.y0 - bbox.y1 <= reach;
            above || below
        })
        .filter(|l| !is_page_number(&l.text) && !taken.iter().any(|t| t.contains(&l.text)))
        .map(|l| l.text.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::Glyph;
    use crate::table::grid::tests::grid_rules;
    use crate::table::text::tests::{page, run};

    /// A page with a title, a unit line, a 3-column grid whose first row merges columns 1–2
    /// (2023年预算数 over 合计 | 基本支出), and a note below.
    fn sample_page() -> Page {
        let xs = [50.0, 200.0, 300.0, 400.0];
        let ys = [100.0, 120.0, 140.0, 160.0];
        let rules = grid_rules(&xs, &ys, &[(0, 2)]);
        let mut glyphs: Vec<Glyph> = Vec::new();
        glyphs.extend(run("2023年预算支出总表", 150.0, 60.0, 12.0));
        glyphs.extend(run("单位：万元", 350.0, 84.0, 9.0));
        glyphs.extend(run("科目名称", 60.0, 105.0, 9.0));
        glyphs.extend(run("2023年预算数", 260.0, 105.0, 9.0));
        glyphs.extend(run("合计", 210.0, 125.0, 9.0));
        glyphs.extend(run("基本支出", 310.0, 125.0, 9.0));
        glyphs.extend(run("一般公共服务支出", 60.0, 145.0, 9.0));
        glyphs.extend(run("838.21", 210.0, 145.0, 9.0));
        glyphs.extend(run("90.11", 310.0, 145.0, 9.0));
        glyphs.extend(run("注：本表无其他说明", 50.0, 170.0, 9.0));
        page(glyphs, rules)
    }

    #[test]
    fn a_ruled_page_gives_one_fragment_with_everything_around_it() {
        let analysis = analyse(&sample_page(), &Settings::default());
        assert!(!analysis.aligned);
        let [fragment] = &analysis.fragments[..] else {
            panic!("one fragment expected: {:?}", analysis.fragments);
        };
        assert_eq!(fragment.title.as_deref(), Some("2023年预算支出总表"));
        assert_eq!(fragment.context_lines, vec!["单位：万元"]);
        assert_eq!(fragment.notes, vec!["注：本表无其他说明"]);
        assert_eq!(
            fragment.header_rows(),
            &[
                vec!["科目名称", "2023年预算数", ""],
                vec!["", "合计", "基本支出"]
            ]
        );
        assert_eq!(
            fragment.body_rows(),
            &[vec!["一般公共服务支出", "838.21", "90.11"]]
        );
    }
}
