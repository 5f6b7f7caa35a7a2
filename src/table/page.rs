//! The chain run on one page: from glyphs and rules to the page's table fragments.

use crate::pdf::{self, Page, TextLine};

use super::around::{Foot, attach, lines_outside};
use super::classify::is_page_number;
use super::grid::{Grid, Rect, find_grids};
use super::layout::{Texts, header_row_count, lift_outer_rows, unplaced_texts};
use super::model::HeaderCell;
use super::rules::{Rules, clean};
use super::stream::find_aligned_grids;
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
    /// The lines above the title (or grid) that introduce the table.
    pub lead_lines: Vec<String>,
    /// The page the title was printed on, when it was at the foot of the page before.
    pub heading_page: Option<u32>,
    /// Whether the title is a line printed in the margins of page after page: a table's title
    /// repeated over its pages, or a page header naming the document's tables (…公开表), which
    /// is no title of a continuation page's own.
    pub title_runs: bool,
    /// Everything printed in the fragment's area (see [`Table::printed`](super::Table)).
    pub printed: Vec<String>,
}

impl Fragment {
    /// Whether the grid holds no text at all (a ruled row spilled onto a page of its own).
    pub fn is_blank(&self) -> bool {
        self.texts.rows.iter().flatten().all(String::is_empty)
    }

    /// The header's cells with their spans.
    pub fn header_cells(&self) -> Vec<HeaderCell> {
        self.texts.header_cells(self.header_count)
    }
}

#[cfg(test)]
impl Fragment {
    /// The fragment's header rows as printed.
    pub fn header_rows(&self) -> &[Vec<String>] {
        &self.texts.rows[..self.header_count]
    }

    /// The fragment's body rows as printed.
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
    /// What is left at the foot of the page, below every grid: the heading of a table that
    /// starts on the next page, and the lines introducing it.
    pub foot: Foot,
    /// The lines outside every grid printed in the page's top or bottom margin, where
    /// running headers and footers are.
    pub margins: Vec<String>,
    pub warnings: Vec<TableWarning>,
}

/// Runs the whole chain on one page, turned upright first when its text does not run left to
/// right (as the PDF layer measured it).
pub(crate) fn analyse(page: &Page, settings: &Settings) -> PageAnalysis {
    if page.text_rotation == 0 {
        analyse_upright(page, settings)
    } else {
        analyse_upright(&pdf::upright(page), settings)
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
        if count >= settings.rules_without_grid {
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
    let mut blank = None;
    for grid in grids {
        let mut texts = Texts::read(&grid, &page.glyphs, settings);
        let mut printed = texts.filled_texts();
        printed.extend(unplaced_texts(&grid, &page.glyphs, settings));
        let fragment = |texts: Texts, grid: Grid, header_count: usize, printed| Fragment {
            page: page.number,
            header_count,
            grid,
            texts,
            title: None,
            context_lines: Vec::new(),
            notes: Vec::new(),
            lead_lines: Vec::new(),
            heading_page: None,
            title_runs: false,
            printed,
        };
        if texts.rows.iter().flatten().all(String::is_empty) {
            blank.get_or_insert_with(|| fragment(texts, grid, 0, printed));
            continue;
        }
        lifted.push(lift_outer_rows(&mut texts, settings));
        let header_count = header_row_count(&texts);
        fragments.push(fragment(texts, grid, header_count, printed));
    }
    let boxes: Vec<Rect> = fragments.iter().map(|f| f.grid.bbox()).collect();
    let lines = lines_outside(page, &boxes, settings);
    let (around, foot) = attach(&boxes, &lines, page.width, settings);
    // Lines the tables keep as title, unit line or note; lines introducing a table are not
    // kept with it and explain no figure.
    let taken: Vec<String> = around
        .iter()
        .chain([&foot.heading])
        .flat_map(|a| a.title.iter().chain(&a.context_lines).chain(&a.notes))
        .cloned()
        .collect();
    for ((fragment, inside), outside) in fragments.iter_mut().zip(lifted).zip(around) {
        // A title printed in the grid's own first row is the table's; a line above it is then
        // a heading introducing it.
        let (title, heading) = match (inside.title, outside.title) {
            (Some(inside), outside) => (Some(inside), outside),
            (None, outside) => (outside, None),
        };
        fragment.title = title;
        fragment.context_lines = [outside.context_lines, inside.context_lines].concat();
        fragment.notes = [inside.notes, outside.notes].concat();
        fragment.lead_lines = [outside.lead_lines, heading.into_iter().collect()].concat();
        fragment
            .printed
            .extend(lines_against(&fragment.grid, &lines, &taken));
    }
    // A ruled grid without any text is kept only when it is all the page holds: the spill of
    // a table from the page before, which stitching joins to it or drops.
    if fragments.is_empty()
        && lines.is_empty()
        && let Some(blank) = blank
    {
        fragments.push(blank);
    }
    let band = settings.running_band * page.height;
    let margins = lines
        .iter()
        .filter(|l| l.y1 <= band || l.y0 >= page.height - band)
        .map(|l| l.text.clone())
        .collect();
    PageAnalysis {
        rules,
        aligned,
        fragments,
        foot,
        margins,
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
    fn a_row_printed_outside_the_rules_is_printed_in_the_area() {
        // The top border of a continuation page is not drawn (rules from y 100 only, the
        // verticals from 80) and the grid is not closed: the first row, at y 85, lies outside
        // it. It is not in the fragment's rows, but it is in what its area prints.
        let xs = [50.0, 200.0, 300.0];
        let mut rules = grid_rules(&xs, &[100.0, 120.0, 140.0], &[]);
        rules.extend(xs.map(|x| crate::pdf::Rule {
            x0: x,
            y0: 80.0,
            x1: x,
            y1: 100.0,
            width: 0.5,
        }));
        let mut glyphs: Vec<Glyph> = Vec::new();
        glyphs.extend(run("会议费", 60.0, 85.0, 9.0));
        glyphs.extend(run("110.05", 210.0, 85.0, 9.0));
        glyphs.extend(run("会议服务", 60.0, 105.0, 9.0));
        glyphs.extend(run("110.05", 210.0, 105.0, 9.0));
        glyphs.extend(run("办公费", 60.0, 125.0, 9.0));
        glyphs.extend(run("10.00", 210.0, 125.0, 9.0));
        let settings = Settings {
            min_open_row: f64::INFINITY,
            ..Settings::default()
        };
        let analysis = analyse(&page(glyphs, rules), &settings);
        let [fragment] = &analysis.fragments[..] else {
            panic!("one fragment expected: {:?}", analysis.fragments);
        };
        assert!(
            fragment.texts.rows.iter().flatten().all(|t| t != "会议费"),
            "{:?}",
            fragment.texts.rows
        );
        let printed: Vec<&str> = fragment.printed.iter().map(String::as_str).collect();
        assert_eq!(
            printed.iter().filter(|t| **t == "110.05").count(),
            2,
            "{printed:?}"
        );
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
