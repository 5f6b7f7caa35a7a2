//! Document metadata (spec §7): what the document is, the fiscal year it is for and the unit
//! it belongs to, read from its cover, its table titles and its first pages' lines. PDF
//! metadata and file names are never consulted: both are often wrong (a budget whose `/Title`
//! is 离婚协议书 is in the corpus).

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::classify::TableClass;
use crate::catalogue::{
    Catalogue, DocumentWords, Layout, Owner, TitleWords, UNKNOWN_KIND, squash, years,
};
use crate::report::{DocumentKind, DocumentMeta};
use crate::table::Table;

/// Lines read as the cover: the cover ends at the table of contents, and never runs longer.
const MAX_COVER_LINES: usize = 12;

/// Pages whose lines are read for the document's metadata: the cover, and the pages after it
/// where a file without cover prints its first titles.
pub const META_PAGES: usize = 3;

/// A date: a year, and its month and day when printed (`2025年12月30日`).
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:19|20)\d{2}年(?:\d{1,2}月(?:\d{1,2}日)?)?").expect("valid regex")
});

/// A year in Chinese numerals: 二〇二六年.
static CHINESE_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([〇○零一二三四五六七八九]{4})年").expect("valid regex"));

/// A year printed alone in brackets, as forms and some tables state it: `（2026年度）`.
static BRACKETED_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\(((?:19|20)\d{2})年度?\)$").expect("valid regex"));

/// Punctuation a unit's name never starts with.
const LEADING_PUNCTUATION: &[char] = &['-', '—', ':', '、', ',', '，', '.', '·', '_'];

/// The title a cover prints: `[unit] YEAR年(度) [unit] [level] [部门|单位] [综合] 预算|决算`,
/// or with its year after the kind, as the catalogue's document words read it.
struct CoverPattern<'a> {
    words: &'a DocumentWords,
}

/// What a cover's title says.
struct CoverTitle {
    /// Where the title ends in the text it was read from.
    end: usize,
    before: String,
    year: Option<i32>,
    between: String,
    owner: Option<Owner>,
    final_account: bool,
}

impl CoverPattern<'_> {
    fn new(words: &DocumentWords) -> CoverPattern<'_> {
        CoverPattern { words }
    }

    /// The title in `text`: the first year followed by a budget's or final account's words
    /// with no other year between them (a date printed above the title, `2025年12月30日`, is
    /// not the year the document is for). One naming no owner (部门/单位) is a title only where
    /// it ends the text or a disclosure word follows it (`某局2024年预算公开`):
    /// `2024年预算绩效管理工作方案` is not.
    fn read(&self, text: &str) -> Option<CoverTitle> {
        years(text)
            .find_map(|(at, _)| self.read_at(text, at))
            .or_else(|| self.read_year_after(text))
    }

    /// A title naming its owner and kind before its year (`某某局部门预算（2026年度）`).
    fn read_year_after(&self, text: &str) -> Option<CoverTitle> {
        let c = self.words.cover_title_year_after(text)?;
        if names_year(c.before) {
            return None;
        }
        Some(CoverTitle {
            end: c.end,
            before: c.before.to_string(),
            year: c.year.parse().ok(),
            between: String::new(),
            owner: c.owner,
            final_account: c.final_account,
        })
    }

    /// The title whose year starts at byte `at` of `text`, if there is one.
    fn read_at(&self, text: &str, at: usize) -> Option<CoverTitle> {
        let c = self.words.cover_title_from_year(&text[at..])?;
        if names_year(c.between) {
            return None;
        }
        let end = at + c.end;
        if c.owner.is_none() {
            let rest = &text[end..];
            let closed = rest.is_empty()
                || self
                    .words
                    .disclosure
                    .iter()
                    .any(|w| rest.starts_with(w.as_str()));
            if !closed {
                return None;
            }
        }
        Some(CoverTitle {
            end,
            before: text[..at].to_string(),
            year: c.year.parse().ok(),
            between: c.between.to_string(),
            owner: c.owner,
            final_account: c.final_account,
        })
    }
}

/// The first pages as recognition reads them for what the document is.
struct Cover {
    /// The first pages' lines, squashed, years in Chinese numerals in digits.
    lines: Vec<String>,
    /// The cover's lines: those up to the table of contents.
    cover: Vec<String>,
    /// The title the cover prints, if any.
    title: Option<CoverTitle>,
    /// The cover's heading: the lines of its title and the line after, or without a title,
    /// its first lines.
    heading: String,
}

impl Cover {
    fn read(titles: &TitleWords, pattern: &CoverPattern, pages: &[Vec<String>]) -> Cover {
        let lines: Vec<String> = pages
            .iter()
            .take(META_PAGES)
            .flatten()
            .map(|l| arabic_years(&squash(l)))
            .filter(|l| !l.is_empty())
            .collect();
        let cover = cover_lines(titles, &lines);
        let title = pattern.read(&cover.concat());
        let heading = title_region(&cover, title.as_ref().map(|t| t.end));
        Cover {
            lines,
            cover,
            title,
            heading,
        }
    }
}

/// The heading of a document's cover (the lines of its title and the line after it; without
/// a title, its first lines), squashed: what the document says it is, as opposed to what its
/// prose mentions.
pub(crate) fn cover_heading(catalogue: &Catalogue, pages: &[Vec<String>]) -> String {
    Cover::read(
        catalogue.titles(),
        &CoverPattern::new(catalogue.documents()),
        pages,
    )
    .heading
}

/// Reads kind, fiscal year and unit of a document from the lines of its first pages
/// (`pages[i]` the lines of page i + 1), its tables and their classes.
///
/// - kind: a cover naming a 绩效评价, an allocation notice or a list of targets is an
///   `other_budget_document`; else the cover's title (部门/单位 × 预算/决算); else the kinds of
///   its tables and the words of its titles and lines; a document that prints none of the
///   words of a budget is `not_a_budget_document`.
/// - year: the cover title's; else the year most table titles print; else a year stated
///   beside the tables (`（2026年度）`); else the first year the first pages print before
///   预算/决算; else the cover's first year.
/// - unit: a labelled unit on the cover (`预算单位：…`); else the name around the cover
///   title's year; else the unit most tables name; cleaned of punctuation, scope and document
///   words.
pub fn document_meta(
    catalogue: &Catalogue,
    pages: &[Vec<String>],
    tables: &[Table],
    classes: &[TableClass],
) -> DocumentMeta {
    let words = catalogue.documents();
    let pattern = CoverPattern::new(words);
    let Cover {
        lines,
        cover,
        title,
        heading,
    } = Cover::read(catalogue.titles(), &pattern, pages);
    let other = words
        .other_budget
        .iter()
        .any(|w| heading.contains(w.as_str()));
    let kind = if other || only_targets(title.as_ref(), classes) {
        DocumentKind::OtherBudgetDocument
    } else {
        match &title {
            Some(t) => kind_of(
                t.owner
                    .unwrap_or_else(|| owner_from_text(catalogue, tables, &lines)),
                t.final_account,
            ),
            None => kind_from_text(catalogue, tables, classes, &lines, &heading),
        }
    };
    let year = title
        .as_ref()
        .and_then(|t| t.year)
        .or_else(|| {
            most_common(titled(tables, classes).filter_map(|t| catalogue.titles().parse(t).year))
        })
        .or_else(|| {
            most_common(
                tables
                    .iter()
                    .flat_map(|t| &t.context_lines)
                    .filter_map(|l| bracketed_year(l)),
            )
        })
        .or_else(|| {
            lines
                .iter()
                .find_map(|l| pattern.read(l).and_then(|t| t.year))
        })
        .or_else(|| cover.iter().find_map(|l| first_year(l)));
    let labelled = cover
        .iter()
        .find_map(|line| catalogue.lines().unit_named(line));
    let titled_unit = title.as_ref().and_then(|t| {
        [t.between.as_str(), t.before.as_str()]
            .into_iter()
            .map(|s| clean_unit(words, s, Printed::InTitle))
            .find(|s| !s.is_empty())
    });
    let unit = labelled
        .map(|u| clean_unit(words, &squash(&u), Printed::Labelled))
        .filter(|u| !u.is_empty())
        .or(titled_unit)
        .or_else(|| {
            title
                .as_ref()
                .and_then(|t| unit_below_title(catalogue, &cover, t.end))
        })
        .or_else(|| {
            most_common(
                classes
                    .iter()
                    .filter_map(|c| c.unit_name.as_deref())
                    .map(|u| clean_unit(words, &squash(u), Printed::Labelled)),
            )
        })
        .or_else(|| {
            most_common(
                tables
                    .iter()
                    .filter_map(|t| labelled_row(catalogue, t))
                    .map(|u| clean_unit(words, &u, Printed::Labelled)),
            )
        })
        .filter(|u| !u.is_empty());
    DocumentMeta { unit, year, kind }
}

/// The cover's lines (squashed) up to the table of contents.
fn cover_lines(titles: &TitleWords, lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .take(MAX_COVER_LINES)
        .take_while(|l| !titles.opens_contents(l))
        .cloned()
        .collect()
}

/// The cover's heading: its lines up to the one where the title (ending at `title_end` in
/// their concatenation) ends, and the line after it, which may say what the document is
/// (…部门预算 / 绩效自评报告); without a title, its first lines. Prose further down may mention
/// anything.
fn title_region(cover: &[String], title_end: Option<usize>) -> String {
    match title_end {
        Some(end) => cover[..(title_lines(cover, end) + 1).min(cover.len())].concat(),
        None => cover.iter().take(HEADING_LINES).cloned().collect(),
    }
}

/// How many of the cover's lines the title, ending at `title_end` in their concatenation,
/// runs over.
fn title_lines(cover: &[String], title_end: usize) -> usize {
    let mut length = 0;
    cover
        .iter()
        .position(|line| {
            length += line.len();
            length >= title_end
        })
        .map_or(cover.len(), |last| last + 1)
}

/// The unit named on the cover line right after a title that names none (`2026年部门预算` /
/// `某某市市场监督管理局`): a line that is an organisation's name, without a year or a
/// document word.
fn unit_below_title(catalogue: &Catalogue, cover: &[String], title_end: usize) -> Option<String> {
    let words = catalogue.documents();
    let line = cover.get(title_lines(cover, title_end))?;
    let names_organisation = catalogue
        .lines()
        .organisation_endings
        .iter()
        .any(|e| line.ends_with(e.as_str()));
    let document_word = words
        .budget
        .iter()
        .chain(&words.final_account)
        .any(|w| line.contains(w.as_str()));
    (names_organisation && !document_word && !names_year(line) && !line.contains(':'))
        .then(|| clean_unit(words, line, Printed::Labelled))
        .filter(|u| !u.is_empty())
}

/// Lines of a cover without a budget's title read as its heading.
const HEADING_LINES: usize = 3;

/// `二〇二六年` → `2026年`, so that a year in Chinese numerals reads like one in digits.
fn arabic_years(line: &str) -> String {
    CHINESE_YEAR
        .replace_all(line, |c: &regex::Captures| {
            let digits: String = c[1]
                .chars()
                .map(|ch| match ch {
                    '〇' | '○' | '零' => '0',
                    ch => {
                        char::from(b'1' + "一二三四五六七八九".find(ch).map_or(0, |i| i / 3) as u8)
                    }
                })
                .collect();
            format!("{digits}年")
        })
        .into_owned()
}

fn first_year(line: &str) -> Option<i32> {
    years(line).next().map(|(_, year)| year)
}

/// Whether `text` names a year (`2026年`).
fn names_year(text: &str) -> bool {
    years(text).next().is_some()
}

fn bracketed_year(line: &str) -> Option<i32> {
    BRACKETED_YEAR
        .captures(&squash(line))
        .and_then(|c| c[1].parse().ok())
}

/// The unit a form names in a `label | value` row (`部门名称 | 首都绿化委员会办公室`).
fn labelled_row(catalogue: &Catalogue, table: &Table) -> Option<String> {
    let labels = &catalogue.lines().unit_labels;
    table.body_rows.iter().take(FORM_HEAD_ROWS).find_map(|row| {
        let mut cells = row.iter().map(|c| squash(c)).filter(|c| !c.is_empty());
        let label = cells.next()?;
        labels.contains(&label).then(|| cells.next()).flatten()
    })
}

/// The rows of a form where it names whose it is.
const FORM_HEAD_ROWS: usize = 3;

/// The titles of the tables the catalogue knows.
fn titled<'a>(tables: &'a [Table], classes: &'a [TableClass]) -> impl Iterator<Item = &'a str> {
    tables
        .iter()
        .zip(classes)
        .filter(|(_, c)| c.kind != UNKNOWN_KIND)
        .filter_map(|(t, _)| t.title.as_deref())
}

/// A document without a budget's cover whose known tables are all 绩效目标 forms: a list of
/// targets published on its own.
fn only_targets(title: Option<&CoverTitle>, classes: &[TableClass]) -> bool {
    let mut known = classes.iter().filter(|c| c.kind != UNKNOWN_KIND).peekable();
    title.is_none_or(|t| t.owner.is_none())
        && known.peek().is_some()
        && known.all(|c| c.layout == Layout::Form)
}

fn kind_of(owner: Owner, final_account: bool) -> DocumentKind {
    match (owner, final_account) {
        (Owner::Unit, false) => DocumentKind::UnitBudget,
        (Owner::Unit, true) => DocumentKind::UnitFinalAccount,
        (Owner::Department, false) => DocumentKind::DepartmentBudget,
        (Owner::Department, true) => DocumentKind::DepartmentFinalAccount,
    }
}

/// The text of the table titles and the first pages' lines, squashed.
fn text_of(tables: &[Table], lines: &[String]) -> String {
    tables
        .iter()
        .filter_map(|t| t.title.as_deref())
        .map(squash)
        .chain(lines.iter().cloned())
        .collect()
}

/// A unit's disclosure when the text speaks of 单位预算/单位决算 and never of 部门预算/部门决算;
/// when it speaks of neither, when the table titles that name an owner by their scope word
/// all name a unit (`预算单位财务收支预算总表`, `单位“三公”经费…表`).
fn owner_from_text(catalogue: &Catalogue, tables: &[Table], lines: &[String]) -> Owner {
    let words = catalogue.documents();
    let text = text_of(tables, lines);
    let speaks_of = |owners: &[String]| {
        owners.iter().any(|o| {
            words
                .budget
                .iter()
                .chain(&words.final_account)
                .any(|k| text.contains(&format!("{o}{k}")))
        })
    };
    match (speaks_of(&words.unit), speaks_of(&words.department)) {
        (true, false) => Owner::Unit,
        (false, false) => {
            let mut owners = tables
                .iter()
                .filter_map(|t| t.title.as_deref())
                .filter_map(|t| title_owner(catalogue, t));
            match owners.next() {
                Some(Owner::Unit) if owners.all(|o| o == Owner::Unit) => Owner::Unit,
                _ => Owner::Department,
            }
        }
        _ => Owner::Department,
    }
}

/// The owner a table title names by its first scope word (a neutral facet's word that is an
/// owner word: `部门…表`, `预算单位…表`), if any. 单位构成 or 单位资金 are other facets' words.
fn title_owner(catalogue: &Catalogue, title: &str) -> Option<Owner> {
    let words = catalogue.documents();
    let facets = catalogue.facets();
    let title = squash(title);
    facets
        .read_at(&title)
        .into_iter()
        .filter(|&(_, value)| facets.is_neutral(value))
        .find_map(|(at, _)| {
            let rest = &title[at..];
            let prints = |owners: &[String]| owners.iter().any(|o| rest.starts_with(o.as_str()));
            if prints(&words.unit) {
                Some(Owner::Unit)
            } else if prints(&words.department) {
                Some(Owner::Department)
            } else {
                None
            }
        })
}

/// Without a cover title: a final account when its tables are 决算 tables or its text speaks
/// of 决算, a budget when its tables are budget tables or its text speaks of 预算; else, or
/// when its heading is that of another kind of document (a notice, a plan) and none of its
/// tables is a disclosure's, not a budget document. Nothing to read from is `Unknown`.
fn kind_from_text(
    catalogue: &Catalogue,
    tables: &[Table],
    classes: &[TableClass],
    lines: &[String],
    heading: &str,
) -> DocumentKind {
    let words = catalogue.documents();
    let text = text_of(tables, lines);
    if text.is_empty() && classes.is_empty() {
        return DocumentKind::Unknown;
    }
    let final_tables = classes.iter().any(|c| {
        catalogue
            .kind(&c.kind)
            .is_some_and(|k| catalogue.belongs_to_document_stage(k))
    });
    let known_tables = classes.iter().any(|c| c.kind != UNKNOWN_KIND);
    let says = |ws: &[String]| ws.iter().any(|w| text.contains(w.as_str()));
    let final_account = final_tables || (!known_tables && says(&words.final_account));
    let other_document = words
        .not_budget
        .iter()
        .any(|w| heading.contains(w.as_str()));
    if !known_tables && (other_document || (!says(&words.budget) && !says(&words.final_account))) {
        return DocumentKind::NotABudgetDocument;
    }
    kind_of(owner_from_text(catalogue, tables, lines), final_account)
}

/// Where a unit's name was read, which decides what around it is not part of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Printed {
    /// After a label (`预算单位：…`, `单位名称：…`): the whole value is the name, 单位 or 预算
    /// in it included (`上海市普陀区XX单位`, `某某市预算评审中心`).
    Labelled,
    /// Inside a cover title: the title's own words around it are cut (`关于`, `部门`, `预算…`).
    InTitle,
}

/// A unit's name as a cover, title or unit line prints it, without punctuation before it and
/// without the scope words after it (`深圳市交通运输局(本级)` → `深圳市交通运输局`); read in a
/// cover title, also without the title's words around it (`关于北京市统计局部门` →
/// `北京市统计局`).
fn clean_unit(words: &DocumentWords, name: &str, printed: Printed) -> String {
    let mut name = name.trim_start_matches(LEADING_PUNCTUATION).to_string();
    let mut suffixes: Vec<&String> = words.unit_suffixes.iter().collect();
    if printed == Printed::InTitle {
        // A date printed before the title (2025年12月30日) is no part of the name after it.
        if let Some(date) = DATE.find_iter(&name).last() {
            name = name[date.end()..].to_string();
        }
        for prefix in &words.unit_prefixes {
            if let Some(rest) = name.strip_prefix(prefix.as_str()) {
                name = rest.to_string();
            }
        }
        // A document word ends the name: what follows is the title's rest.
        for word in words.budget.iter().chain(&words.final_account) {
            if let Some(at) = name.find(word.as_str()) {
                name.truncate(at);
            }
        }
        // The title's owner word (…部门预算) is no part of the name.
        suffixes.extend(words.department.iter().chain(&words.unit));
        suffixes.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    }
    loop {
        let trimmed = name.trim_end_matches(LEADING_PUNCTUATION);
        let before = trimmed.len();
        let mut rest = trimmed;
        for suffix in &suffixes {
            if let Some(stripped) = rest.strip_suffix(suffix.as_str())
                && !stripped.is_empty()
            {
                rest = stripped;
                break;
            }
        }
        let done = rest.len() == before;
        name = rest.to_string();
        if done {
            break;
        }
    }
    if names_year(&name) || name.chars().all(|c| c.is_ascii_digit()) {
        return String::new();
    }
    name
}

fn most_common<T: Eq + std::hash::Hash + Clone>(items: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: HashMap<T, (usize, usize)> = HashMap::new();
    for (position, item) in items.enumerate() {
        counts.entry(item).or_insert((0, position)).0 += 1;
    }
    // Most frequent; on a tie the first seen, so the answer does not depend on hashing.
    counts
        .into_iter()
        .max_by_key(|(_, (count, first))| (*count, std::cmp::Reverse(*first)))
        .map(|(item, _)| item)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recognize::{DocumentContext, classify_all};

    fn meta(cover: &[&str]) -> DocumentMeta {
        let pages = vec![cover.iter().map(|s| s.to_string()).collect()];
        document_meta(Catalogue::standard(), &pages, &[], &[])
    }

    #[test]
    fn unit_before_the_year() {
        let m = meta(&[
            "长治市上党区社会治安综合治理中心",
            "2023年度单位预算公开",
            "目 录",
        ]);
        assert_eq!(m.unit.as_deref(), Some("长治市上党区社会治安综合治理中心"));
        assert_eq!(m.year, Some(2023));
        assert_eq!(m.kind, DocumentKind::UnitBudget);
    }

    #[test]
    fn unit_after_the_year() {
        let m = meta(&["2026 年度", "福州市医疗保障局", "部门预算", "目录"]);
        assert_eq!(m.unit.as_deref(), Some("福州市医疗保障局"));
        assert_eq!(m.kind, DocumentKind::DepartmentBudget);
        let m = meta(&["2019 年佛山市轨道交通局 部门决算"]);
        assert_eq!(m.unit.as_deref(), Some("佛山市轨道交通局"));
        assert_eq!(m.kind, DocumentKind::DepartmentFinalAccount);
    }

    #[test]
    fn the_unit_is_clean() {
        let m = meta(&["2026 年深圳市交通运输局（本级）部", "门预算", "目 录"]);
        assert_eq!(m.unit.as_deref(), Some("深圳市交通运输局"));
        let m = meta(&["北京市统计局部门 2026 年度", "部门预算信息公开", "目 录"]);
        assert_eq!(m.unit.as_deref(), Some("北京市统计局"));
        assert_eq!(m.year, Some(2026));
        let m = meta(&["西安市审计局(汇总)2026年部门综合预算"]);
        assert_eq!(m.unit.as_deref(), Some("西安市审计局"));
    }

    #[test]
    fn a_title_about_a_budget_names_its_unit_without_about() {
        for cover in [
            "某某市统计局关于2026年部门预算的情况说明",
            "关于某某市统计局2026年部门预算的情况说明",
        ] {
            let m = meta(&[cover]);
            assert_eq!(m.unit.as_deref(), Some("某某市统计局"), "{cover}");
            assert_eq!(m.kind, DocumentKind::DepartmentBudget);
        }
    }

    #[test]
    fn a_date_above_the_title_is_not_its_year() {
        let m = meta(&["2025年12月30日", "某某市林业局2026年部门预算"]);
        assert_eq!(m.year, Some(2026));
        assert_eq!(m.unit.as_deref(), Some("某某市林业局"));
        let m = meta(&["发布时间：2025年9月20日", "2024年度部门决算"]);
        assert_eq!(
            (m.year, m.kind),
            (Some(2024), DocumentKind::DepartmentFinalAccount)
        );
    }

    #[test]
    fn a_year_printed_after_the_kind() {
        let m = meta(&["某某市财政局部门预算", "（2026年度）"]);
        assert_eq!(
            (m.kind, m.year, m.unit.as_deref()),
            (
                DocumentKind::DepartmentBudget,
                Some(2026),
                Some("某某市财政局")
            )
        );
        let m = meta(&["某某市第三中学", "单位决算", "二〇二四年度"]);
        assert_eq!(
            (m.kind, m.year, m.unit.as_deref()),
            (
                DocumentKind::UnitFinalAccount,
                Some(2024),
                Some("某某市第三中学")
            )
        );
    }

    #[test]
    fn the_unit_on_the_line_below_a_title_naming_none() {
        let m = meta(&["2026年市本级部门预算", "某某市市场监督管理局", "目录"]);
        assert_eq!(m.unit.as_deref(), Some("某某市市场监督管理局"));
        assert_eq!(m.year, Some(2026));
        // A line that is no organisation's name is none.
        let m = meta(&["2026年部门预算", "二〇二五年十二月"]);
        assert_eq!(m.unit, None);
        let m = meta(&["2026年部门预算", "第一部分 部门概况"]);
        assert_eq!(m.unit, None);
    }

    #[test]
    fn a_labelled_unit_is_its_whole_value() {
        // 单位 or 预算 in a labelled name are part of it; 本级 is not.
        let m = meta(&["某某区2026年区级单位预算", "预算单位：某某区XX单位"]);
        assert_eq!(m.unit.as_deref(), Some("某某区XX单位"));
        assert_eq!(m.kind, DocumentKind::UnitBudget);
        let m = meta(&["2026年部门预算", "编制单位：某某市预算评审中心（本级）"]);
        assert_eq!(m.unit.as_deref(), Some("某某市预算评审中心"));
    }

    #[test]
    fn unit_final_accounts() {
        let m = meta(&["某某市第一中学", "二〇二四年度单位决算", "目 录"]);
        assert_eq!(
            (m.kind, m.year, m.unit.as_deref()),
            (
                DocumentKind::UnitFinalAccount,
                Some(2024),
                Some("某某市第一中学")
            )
        );
    }

    #[test]
    fn without_a_cover_the_tables_scope_words_name_the_owner() {
        let catalogue = Catalogue::standard();
        let meta_of = |titles: &[&str]| {
            let tables: Vec<Table> = titles
                .iter()
                .map(|t| Table {
                    title: Some(t.to_string()),
                    ..Table::default()
                })
                .collect();
            let classes = classify_all(catalogue, &tables, &DocumentContext::default());
            document_meta(catalogue, &[], &tables, &classes)
        };
        let m = meta_of(&[
            "2026年预算单位财务收支预算总表",
            "2026年单位“三公”经费预算表",
        ]);
        assert_eq!(m.kind, DocumentKind::UnitBudget);
        let m = meta_of(&["2024年度单位收入支出决算总表", "单位构成表"]);
        assert_eq!(m.kind, DocumentKind::UnitFinalAccount);
        // Any title of a department's, or none naming an owner, is a department's.
        let m = meta_of(&["2026年预算单位收入预算总表", "2026年部门支出预算总表"]);
        assert_eq!(m.kind, DocumentKind::DepartmentBudget);
        let m = meta_of(&["2026年收支预算总表", "单位资金收支预算表"]);
        assert_eq!(m.kind, DocumentKind::DepartmentBudget);
    }

    #[test]
    fn labelled_unit_wins_over_the_region() {
        let m = meta(&[
            "上海市普陀区2023年区级部门预算",
            "预算主管部门：上海市普陀区人民政府万里街道办事处",
            "目 录",
        ]);
        assert_eq!(
            m.unit.as_deref(),
            Some("上海市普陀区人民政府万里街道办事处")
        );
        assert_eq!(m.year, Some(2023));
        assert_eq!(m.kind, DocumentKind::DepartmentBudget);
    }

    #[test]
    fn years_in_chinese_numerals_and_only_plausible_years() {
        let m = meta(&["某某局", "二〇二六年部门预算"]);
        assert_eq!(m.year, Some(2026));
        assert_eq!(first_year("工作满1158年的说明"), None);
    }

    #[test]
    fn evaluation_reports_and_notices_are_other_budget_documents() {
        let m = meta(&[
            "长沙市财政项目支出绩效评价报告",
            "评价项目名称：2020年度长沙市国资委国企改革稳定专项资金绩效评价",
            "评价项目单位：长沙市人民政府国有资产监督管理委员会",
        ]);
        assert_eq!(m.kind, DocumentKind::OtherBudgetDocument);
        assert_eq!(m.year, Some(2020));
        assert_eq!(
            m.unit.as_deref(),
            Some("长沙市人民政府国有资产监督管理委员会")
        );
        let m = meta(&["关于下达2025年文化和旅游项目资金的通知"]);
        assert_eq!(m.kind, DocumentKind::OtherBudgetDocument);
        assert_eq!(m.year, Some(2025));
    }

    #[test]
    fn a_document_without_budget_words_is_not_a_budget_document() {
        let m = meta(&["关于开展2026年度安全生产检查的通知", "各区县："]);
        assert_eq!(m.kind, DocumentKind::NotABudgetDocument);
        // Speaking of budgets does not make a notice a disclosure.
        let m = meta(&[
            "关于印发《某市2024年预算绩效管理工作方案》的通知",
            "各区县：",
        ]);
        assert_eq!(m.kind, DocumentKind::NotABudgetDocument);
        assert_eq!(meta(&[]).kind, DocumentKind::Unknown);
    }

    #[test]
    fn tables_fill_in_when_the_cover_is_missing() {
        let table = |title: &str| Table {
            title: Some(title.to_string()),
            context_lines: vec!["单位名称：某某局  单位：万元".to_string()],
            ..Table::default()
        };
        let tables = [table("2024年收入支出决算总表"), table("2024年收入决算表")];
        let classes = classify_all(Catalogue::standard(), &tables, &DocumentContext::default());
        let pages = vec![vec!["预算01表 收支总表".to_string()]];
        let m = document_meta(Catalogue::standard(), &pages, &tables, &classes);
        assert_eq!(m.unit.as_deref(), Some("某某局"));
        assert_eq!(m.year, Some(2024));
        assert_eq!(m.kind, DocumentKind::DepartmentFinalAccount);
    }

    #[test]
    fn a_list_of_targets_alone_is_another_budget_document() {
        let tables = [Table {
            title: Some("广州市生态环境局2026年项目支出绩效目标表（含转移支付项目）".to_string()),
            context_lines: vec!["部门名称：广州市生态环境局 单位：万元".to_string()],
            ..Table::default()
        }];
        let classes = classify_all(Catalogue::standard(), &tables, &DocumentContext::default());
        let pages = vec![vec![
            "广州市生态环境局2026年项目支出绩效目标表（含转移支付项目）".to_string(),
        ]];
        let m = document_meta(Catalogue::standard(), &pages, &tables, &classes);
        assert_eq!(m.kind, DocumentKind::OtherBudgetDocument);
        assert_eq!(m.year, Some(2026));
        assert_eq!(m.unit.as_deref(), Some("广州市生态环境局"));
    }
}
