//! Document metadata (unit, year, kind) from the cover page and the table titles. PDF metadata
//! is never consulted: it is often wrong (a budget whose `/Title` is 离婚协议书 is in the corpus).

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::text::squash;
use crate::report::{DocumentKind, DocumentMeta};
use crate::table::Table;

/// Lines read as the cover: the cover ends at the table of contents, and never runs longer.
const MAX_COVER_LINES: usize = 12;

/// `长治市…2023年度单位预算公开`, `2026年度福州市医疗保障局部门预算`, `上海市普陀区2023年区级部门预算`.
static COVER_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<pre>.*?)(?P<year>\d{4})年度?(?P<mid>.*?)(?:[省市区县]级)?(?P<org>部门|单位)(?:综合)?(?P<kind>预算|决算)",
    )
    .expect("valid regex")
});

/// A labelled unit on the cover: `预算单位：上海市财政局`, `部 门:中共江苏省委办公厅`.
static COVER_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:预算主管部门|预算单位|部门名称|单位名称|编制单位|部门):(?P<unit>.+?)(?:(?:金额)?单位:|$)")
        .expect("valid regex")
});

/// A fiscal year, 19xx or 20xx: other four-digit counts followed by 年 are not years.
static TITLE_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)\d{2})年").expect("valid regex"));

/// Reads unit, year and kind from the document's first lines (the cover) and, where the cover
/// is silent, from its tables and lines: the most common `单位名称` and title year, the first
/// year printed, and 决算/单位预算 in titles and lines.
pub fn document_meta(lines: &[String], tables: &[Table]) -> DocumentMeta {
    let cover_lines = cover_lines(lines);
    let cover: String = cover_lines.concat();
    let title = COVER_TITLE.captures(&cover);
    // A label's value ends with its line: the cover's next line is not part of the name.
    let labelled_unit = cover_lines.iter().find_map(|line| {
        COVER_LABEL
            .captures(line)
            .map(|c| c["unit"].to_string())
            .filter(|u| !u.is_empty())
    });
    let titled_unit = title.as_ref().and_then(|c| {
        let pre = c["pre"].trim_end_matches(['-', ':']);
        let mid = &c["mid"];
        [mid, pre]
            .into_iter()
            .find(|s| !s.is_empty())
            .map(str::to_string)
    });
    let unit = labelled_unit
        .or(titled_unit)
        .or_else(|| most_common(tables.iter().filter_map(table_unit_name)));
    let year = title
        .as_ref()
        .and_then(|c| c["year"].parse().ok())
        .or_else(|| most_common(tables.iter().filter_map(title_year)))
        .or_else(|| first_year(lines));
    let kind = match &title {
        Some(c) => kind_of(&c["org"], &c["kind"]),
        None => kind_from_text(tables, lines),
    };
    DocumentMeta { unit, year, kind }
}

/// The cover's lines, squashed, up to the table of contents.
fn cover_lines(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .map(|l| squash(l))
        .filter(|l| !l.is_empty())
        .take(MAX_COVER_LINES)
        .take_while(|l| !l.starts_with("目录") && l != "目")
        .collect()
}

/// The first `20xx年` printed in the lines.
fn first_year(lines: &[String]) -> Option<i32> {
    lines.iter().find_map(|l| {
        TITLE_YEAR
            .captures(&squash(l))
            .and_then(|c| c[1].parse().ok())
    })
}

fn kind_of(org: &str, kind: &str) -> DocumentKind {
    match (org, kind) {
        ("单位", "预算") => DocumentKind::UnitBudget,
        ("单位", "决算") => DocumentKind::UnitFinalAccount,
        ("部门", "决算") => DocumentKind::DepartmentFinalAccount,
        _ => DocumentKind::DepartmentBudget,
    }
}

/// Without a cover title: 决算 in the titles or lines makes a final account; `单位预算`/`单位决算`
/// without `部门预算`/`部门决算` makes it a unit's. Nothing to read from is `Unknown`.
fn kind_from_text(tables: &[Table], lines: &[String]) -> DocumentKind {
    let text: String = tables
        .iter()
        .filter_map(|t| t.title.as_deref())
        .map(squash)
        .chain(lines.iter().map(|l| squash(l)))
        .collect();
    if !text.contains("预算") && !text.contains("决算") {
        return DocumentKind::Unknown;
    }
    let final_account = text.contains("决算");
    let unit = (text.contains("单位预算") || text.contains("单位决算"))
        && !(text.contains("部门预算") || text.contains("部门决算"));
    kind_of(
        if unit { "单位" } else { "部门" },
        if final_account { "决算" } else { "预算" },
    )
}

fn table_unit_name(table: &Table) -> Option<String> {
    table.context_lines.iter().find_map(|l| {
        COVER_LABEL
            .captures(&squash(l))
            .map(|c| c["unit"].to_string())
            .filter(|u| !u.is_empty())
    })
}

fn title_year(table: &Table) -> Option<i32> {
    let title = squash(table.title.as_deref()?);
    TITLE_YEAR.captures(&title)?[1].parse().ok()
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

    fn meta(cover: &[&str]) -> DocumentMeta {
        let lines: Vec<String> = cover.iter().map(|s| s.to_string()).collect();
        document_meta(&lines, &[])
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
    fn only_plausible_years_count() {
        let lines = ["工作满1158年的说明".to_string(), "2026年预算数".to_string()];
        assert_eq!(first_year(&lines), Some(2026));
    }

    #[test]
    fn tables_fill_in_when_the_cover_is_missing() {
        let table = |title: &str| Table {
            title: Some(title.to_string()),
            context_lines: vec!["单位名称：某某局  单位：万元".to_string()],
            ..Table::default()
        };
        let tables = [table("2024年收入支出决算总表"), table("2024年收入决算表")];
        let m = document_meta(&["预算01表 收支总表".to_string()], &tables);
        assert_eq!(m.unit.as_deref(), Some("某某局"));
        assert_eq!(m.year, Some(2024));
        assert_eq!(m.kind, DocumentKind::DepartmentFinalAccount);
    }
}
