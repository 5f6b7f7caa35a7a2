//! What a document says about its tables outside them: its 目录 (table of contents), printed
//! as text lines or as a grid, lists the tables by number and title. A table printed without a
//! title but under its number (表7) is named by the entry of that number.

use std::sync::LazyLock;

use regex::Regex;

use super::meta::cover_heading;
use crate::catalogue::{Catalogue, FacetValue, TitleWords, squash};
use crate::table::Table;

/// One entry of a document's table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentsEntry {
    /// The table number (`表7` → 7), if printed.
    pub number: Option<u32>,
    /// The title as listed, squashed, without number and page.
    pub title: String,
}

/// The document's context for recognizing its tables.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentContext {
    /// The entries of its table of contents, in order.
    pub contents: Vec<ContentsEntry>,
    /// The facets its cover's title sets for all its tables (`document` facets: a 决算's
    /// stage).
    pub facets: Vec<FacetValue>,
}

/// Pages searched for a table of contents printed as text: it follows the cover.
const CONTENTS_PAGES: usize = 8;

/// Dot leaders and the page number closing a contents line: `……… 5`, `.....12`, `-3-`.
static LEADER_AND_PAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:[.·…⋯\-—_]{2,}.*|\s*-?\d{1,3}-?)$").expect("valid regex"));

/// The entries of a 目录 printed as text lines on the first pages.
fn contents(titles: &TitleWords, pages: &[Vec<String>]) -> Vec<ContentsEntry> {
    let mut contents = Vec::new();
    let mut open = false;
    for page in pages.iter().take(CONTENTS_PAGES) {
        let before = contents.len();
        for line in page {
            let squashed = squash(line);
            if titles.is_contents_heading(&squashed) {
                open = true;
                continue;
            }
            if open && let Some(entry) = contents_line(titles, &squashed) {
                contents.push(entry);
            }
        }
        // A contents list runs on over pages until a page lists nothing.
        if open && contents.len() == before && before > 0 {
            break;
        }
    }
    contents
}

/// The values of `document` facets the cover's heading prints (its title and the line after
/// it: `某某局 / 2024年度部门决算`), not those its prose mentions (`2024年度决算支出…` in a
/// budget's 情况说明).
fn cover_facets(catalogue: &Catalogue, pages: &[Vec<String>]) -> Vec<FacetValue> {
    let facets = catalogue.facets();
    let mut found: Vec<FacetValue> = facets
        .read(&cover_heading(catalogue, pages))
        .into_iter()
        .filter(|v| facets.is_document(*v))
        .collect();
    found.sort();
    found.dedup();
    found
}

impl DocumentContext {
    /// The context read from the text lines of a document's pages (`pages[i]` the lines of
    /// page i + 1, in reading order): the entries of a 目录 printed as text, and the
    /// document facets its cover prints.
    pub fn from_pages(catalogue: &Catalogue, pages: &[Vec<String>]) -> DocumentContext {
        DocumentContext {
            contents: contents(catalogue.titles(), pages),
            facets: cover_facets(catalogue, pages),
        }
    }

    /// Adds the entries of a contents grid (a table recognized as a 目录): each row holding a
    /// table's title, with its number in the same row.
    pub fn add_grid(&mut self, catalogue: &Catalogue, table: &Table) {
        let titles = catalogue.titles();
        for row in &table.body_rows {
            let number = row.iter().find_map(|c| titles.label_number(c));
            let Some(title) = row
                .iter()
                .map(|c| squash(c))
                .filter(|c| titles.names_table(c) && titles.label_number(c).is_none())
                .max_by_key(|c| c.chars().count())
            else {
                continue;
            };
            let parsed = titles.parse(&title);
            self.contents.push(ContentsEntry {
                number: number.or(parsed.number),
                title: parsed.name,
            });
        }
    }

    /// The listed title of table `number`, when the entries with that number agree on one.
    pub fn title_of(&self, number: u32) -> Option<&str> {
        let mut titles = self
            .contents
            .iter()
            .filter(|e| e.number == Some(number))
            .map(|e| e.title.as_str());
        let first = titles.next()?;
        titles.all(|t| t == first).then_some(first)
    }
}

/// A contents line naming a table: its title (…表) with dot leaders and page number cut.
fn contents_line(titles: &TitleWords, squashed: &str) -> Option<ContentsEntry> {
    let text = LEADER_AND_PAGE.replace(squashed, "");
    let lists_table = titles
        .table_words
        .iter()
        .any(|w| text.ends_with(w.as_str()) || text.contains(&format!("{w}(")));
    if !lists_table {
        return None;
    }
    let title = titles.parse(&text);
    (!title.name.is_empty()).then_some(ContentsEntry {
        number: title.number,
        title: title.name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn a_text_contents_lists_numbers_and_titles() {
        let pages = vec![
            lines(&["某某局2026年部门预算"]),
            lines(&[
                "目 录",
                "第一部分 部门概况",
                "表1 收支总体情况表 ………………… 5",
                "表2 收入总体情况表.......6",
                "七、政府性基金预算支出表 12",
            ]),
        ];
        let context = DocumentContext::from_pages(Catalogue::standard(), &pages);
        assert_eq!(context.title_of(1), Some("收支总体情况表"));
        assert_eq!(context.title_of(2), Some("收入总体情况表"));
        assert_eq!(context.title_of(7), Some("政府性基金预算支出表"));
        assert_eq!(context.title_of(3), None);
    }

    #[test]
    fn the_covers_heading_not_its_prose_sets_the_documents_facets() {
        let catalogue = Catalogue::standard();
        let budget = vec![lines(&[
            "某某局2026年部门预算情况说明",
            "一、部门基本情况",
            "2024年度决算支出为100万元。",
        ])];
        assert!(
            DocumentContext::from_pages(catalogue, &budget)
                .facets
                .is_empty()
        );
        let final_account = vec![lines(&["某某局", "2024年度部门决算", "目录"])];
        assert_eq!(
            DocumentContext::from_pages(catalogue, &final_account)
                .facets
                .iter()
                .map(|v| catalogue.facets().name(*v))
                .collect::<Vec<_>>(),
            ["stage:final"]
        );
    }

    #[test]
    fn a_contents_grid_lists_them_too() {
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let table = Table {
            body_rows: vec![
                row(&["表1", "2022年部门综合预算收支总表", "否", ""]),
                row(&[
                    "表11",
                    "2022年部门综合预算财政拨款上年结转资金支出表",
                    "是",
                    "不涉及",
                ]),
            ],
            ..Table::default()
        };
        let mut context = DocumentContext::default();
        context.add_grid(Catalogue::standard(), &table);
        assert!(context.facets.is_empty());
        assert_eq!(context.title_of(1), Some("部门综合预算收支总表"));
        assert_eq!(
            context.title_of(11),
            Some("部门综合预算财政拨款上年结转资金支出表")
        );
    }
}
