//! Running page headers and footers: the same line printed in the top or bottom margin of
//! page after page (`无锡市教育局2026年度部门预算公开`). Centred over a grid it reads like a
//! title; it is never one, nor does it introduce a table, so it is forgotten.

use std::collections::{HashMap, HashSet};

use super::Settings;
use super::classify::titles;
use super::page::PageAnalysis;

/// Forgets, in every page's fragments and foot, the lines that run in the margins of at
/// least [`Settings::running_min_pages`] pages. A line naming a table (…表) is kept as a
/// fragment's title, marked as running (`title_runs`): a title repeated on each page of its
/// table is that table's title, a page header naming the document's tables (…公开表) none of
/// a continuation page's own. No running line is the heading of the next page's table.
pub(crate) fn forget(analyses: &mut [PageAnalysis], settings: &Settings) {
    let mut pages: HashMap<String, usize> = HashMap::new();
    for analysis in analyses.iter() {
        let keys: HashSet<String> = analysis.margins.iter().map(|l| key(l)).collect();
        for key in keys {
            *pages.entry(key).or_default() += 1;
        }
    }
    let running: HashSet<String> = pages
        .into_iter()
        .filter(|(_, count)| *count >= settings.running_min_pages)
        .map(|(key, _)| key)
        .collect();
    if running.is_empty() {
        return;
    }
    let is_running = |line: &str| running.contains(&key(line));
    let names_table = |line: &str| titles().names_table(line);
    for analysis in analyses.iter_mut() {
        for fragment in &mut analysis.fragments {
            if let Some(title) = fragment.title.as_deref()
                && is_running(title)
            {
                if names_table(title) {
                    fragment.title_runs = true;
                } else {
                    fragment.title = None;
                }
            }
            fragment
                .lead_lines
                .retain(|l| !is_running(l) || names_table(l));
        }
        if analysis
            .foot
            .heading
            .title
            .as_deref()
            .is_some_and(is_running)
        {
            analysis.foot.heading = Default::default();
        }
        analysis
            .foot
            .lines
            .retain(|l| !is_running(l) || names_table(l));
    }
}

/// A line as compared across pages: without whitespace and digits (a page number or a date
/// printed in it varies).
fn key(line: &str) -> String {
    line.chars()
        .filter(|c| !c.is_whitespace() && !c.is_ascii_digit())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::Glyph;
    use crate::table::grid::tests::grid_rules;
    use crate::table::page::analyse;
    use crate::table::text::tests::{page, run};

    /// A page with a header line centred at its top, right above a small grid.
    fn page_with_header(header: &str) -> crate::pdf::Page {
        let rules = grid_rules(&[50.0, 300.0, 545.0], &[60.0, 80.0, 100.0], &[]);
        let mut glyphs: Vec<Glyph> = run(header, 200.0, 40.0, 10.0);
        glyphs.extend(run("一般公共服务支出", 60.0, 65.0, 9.0));
        glyphs.extend(run("12.00", 310.0, 65.0, 9.0));
        glyphs.extend(run("教育支出", 60.0, 85.0, 9.0));
        glyphs.extend(run("3.00", 310.0, 85.0, 9.0));
        page(glyphs, rules)
    }

    #[test]
    fn a_footer_naming_the_documents_tables_is_no_heading_of_the_next_page() {
        let settings = Settings::default();
        let mut footed = page_with_header("一般公共预算支出表");
        footed
            .glyphs
            .extend(run("某某局2026年部门预算公开表", 200.0, 800.0, 10.0));
        let mut analyses: Vec<PageAnalysis> = (0..3).map(|_| analyse(&footed, &settings)).collect();
        assert_eq!(
            analyses[0].foot.heading.title.as_deref(),
            Some("某某局2026年部门预算公开表")
        );
        forget(&mut analyses, &settings);
        assert!(analyses.iter().all(|a| a.foot.heading.title.is_none()));
    }

    #[test]
    fn a_header_running_over_pages_is_no_title() {
        let settings = Settings::default();
        let mut analyses: Vec<PageAnalysis> = (0..3)
            .map(|_| analyse(&page_with_header("某某局2026年度部门预算公开"), &settings))
            .collect();
        assert_eq!(
            analyses[0].fragments[0].title.as_deref(),
            Some("某某局2026年度部门预算公开")
        );
        forget(&mut analyses, &settings);
        assert!(analyses.iter().all(|a| a.fragments[0].title.is_none()));
        // A table's title repeated on its pages stays its title.
        let mut analyses: Vec<PageAnalysis> = (0..3)
            .map(|_| analyse(&page_with_header("一般公共预算支出表"), &settings))
            .collect();
        forget(&mut analyses, &settings);
        assert!(
            analyses
                .iter()
                .all(|a| a.fragments[0].title.is_some() && a.fragments[0].title_runs)
        );
    }
}
