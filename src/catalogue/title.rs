//! Titles (`[titles]` in the catalogue): the words by which a line names a table or a table of
//! contents, continuation marks, and printed titles and table labels taken apart: the table
//! number (表1, 预算01表, 公开表1, 公开01表, 表十一, 一、), the year, and the words that name the
//! table.

use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use super::lines::as_printed;
use super::{CatalogueError, pattern, squash, words};
use crate::pdf::nfkc;

/// A title taken apart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Title {
    /// The table number printed with the title (`表5`, `预算05表`, `（预算表5）`, `五、`).
    pub number: Option<u32>,
    /// Whether the number is a table's label (`表5`), not a heading's ordinal (`五、`), which
    /// may count the headings of a section only.
    pub labelled: bool,
    /// The year printed in the title (`2023年…`), if any.
    pub year: Option<i32>,
    /// The rest, squashed, with what comes before the year (often the unit's name) cut.
    pub name: String,
}

/// The words that make a line a title, and the patterns built from them, compiled once.
#[derive(Debug, Clone)]
pub struct TitleWords {
    /// The words by which a line names a table (`表`), squashed.
    pub table_words: Vec<String>,
    /// The headings of a table of contents (`目录`), squashed.
    pub contents_headings: Vec<String>,
    /// A continuation mark closing a line: `（续）`, `续表`, `(续表1)`, `续上表`.
    continuation_mark: Regex,
    /// A line that is a table number only: `表5`, `预算01表`, `部门公开表7`, `表1-2`.
    number_line: Regex,
    /// A table number anywhere: `表5`, `01表`.
    number_anywhere: Regex,
    /// A table number standing alone or opening a title: `预算01表`, `公开 01 表`, `部门公开表1`,
    /// `表一`, `表 5`, `预算表5`, `表1-2`. Read before whitespace is removed: the space after
    /// `表1` is what ends the number in `表1 2022年…`.
    number_label: Regex,
    /// A table number in brackets at the end: `（预算表5）`, `(表5)`.
    bracketed_number: Regex,
}

/// `[titles]` as written in the file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TitlesFile {
    table_words: Vec<String>,
    contents_headings: Vec<String>,
    continuation_marks: Vec<String>,
}

/// Chinese numerals as a table number prints them (`表十一`).
const NUMERALS: &str = "一二三四五六七八九十";

impl TitleWords {
    pub(super) fn new(file: &TitlesFile) -> Result<TitleWords, CatalogueError> {
        let table_words = words("titles.table_words", &file.table_words)?;
        let marks = words("titles.continuation_marks", &file.continuation_marks)?;
        let table = format!("(?:{})", as_printed(&table_words));
        Ok(TitleWords {
            contents_headings: words("titles.contents_headings", &file.contents_headings)?,
            continuation_mark: pattern(&format!(
                r"[（(]?\s*(?:{})\s*[0-9０-９{NUMERALS}]*\s*[)）]?$",
                as_printed(&marks)
            ))?,
            number_line: pattern(&format!(
                r"^(?:\p{{Han}}{{0,6}}\s*{table}\s*[0-9０-９{NUMERALS}]+(?:-\d+)?|\p{{Han}}{{0,6}}\s*[0-9０-９]+\s*{table})$"
            ))?,
            number_anywhere: pattern(&format!(r"{table}\s*[0-9{NUMERALS}]+|[0-9]+\s*{table}"))?,
            number_label: pattern(&format!(
                r"^\s*(?:[\p{{Han}}\s]{{0,8}}?(?P<a>\d+|[{NUMERALS}]+)\s*{table}|[\p{{Han}}\s]{{0,8}}?{table}\s*(?P<b>\d+|[{NUMERALS}]+)(?:-\d+)?)\s*"
            ))?,
            bracketed_number: pattern(&format!(
                r"\((?:\p{{Han}}{{0,4}}{table}(?P<n>\d+)|\p{{Han}}{{0,4}}(?P<m>\d+){table})\)$"
            ))?,
            table_words,
        })
    }

    /// Whether a line can be a table's title: it ends with a table word or a contents heading
    /// (`…表`, `目录`), bracketed qualifiers after it aside (`…表（按经济分类科目）`).
    pub fn is_title(&self, line: &str) -> bool {
        let mut line = squash(line);
        while line.ends_with(')')
            && let Some(open) = line.rfind('(')
        {
            line.truncate(open);
        }
        self.table_words
            .iter()
            .chain(&self.contents_headings)
            .any(|m| line.ends_with(m.as_str()))
    }

    /// Whether a line names a table: it prints a table word (`…表`, `表5`).
    pub fn names_table(&self, line: &str) -> bool {
        self.table_words.iter().any(|w| line.contains(w.as_str()))
    }

    /// Whether a line ends with a table word (`…收支总表`).
    pub fn ends_with_table_word(&self, line: &str) -> bool {
        self.table_words.iter().any(|w| line.ends_with(w.as_str()))
    }

    /// Whether a squashed line is the heading of a table of contents (`目录`, `报表目录`).
    pub fn is_contents_heading(&self, squashed: &str) -> bool {
        self.contents_headings.iter().any(|h| h == squashed)
    }

    /// Whether a squashed line opens a table of contents: it starts with its heading, or
    /// prints the heading's first character alone (`目` / `录` spaced over two lines).
    pub fn opens_contents(&self, squashed: &str) -> bool {
        self.contents_headings.iter().any(|h| {
            squashed.starts_with(h.as_str())
                || (squashed.chars().count() == 1 && h.starts_with(squashed))
        })
    }

    /// A line without the continuation mark closing it (`一般公共预算支出表（续）` →
    /// `一般公共预算支出表`; `续上表` → ``).
    pub fn without_continuation_mark<'a>(&self, line: &'a str) -> &'a str {
        let line = line.trim();
        self.continuation_mark
            .find(line)
            .map_or(line, |m| line[..m.start()].trim_end())
    }

    /// Whether a line (trimmed) is a table number only (`表5`, `公开01表`, `部门公开表7`).
    pub fn is_number_line(&self, line: &str) -> bool {
        self.number_line.is_match(line.trim())
    }

    /// Whether a text prints a table number anywhere (`某某局表5`, `01表`).
    pub fn prints_number(&self, text: &str) -> bool {
        self.number_anywhere.is_match(text)
    }

    /// The table number a label line prints, when the line is nothing but a label (`表1`,
    /// `预算01表`, `公开表1`, `部门公开表7`, `表十一`).
    pub fn label_number(&self, line: &str) -> Option<u32> {
        let line = nfkc(line);
        let line = line.trim();
        let m = self.number_label.captures(line)?;
        (m.get(0)?.end() == line.len()).then_some(())?;
        let n = m.name("a").or_else(|| m.name("b"))?;
        parse_number(n.as_str())
    }

    /// Takes a printed title apart. The number is cut where it opens the title (`表1 2022年…`,
    /// `一、收支预算总表`) or closes it in brackets (`…表（预算表5）`); the year and what comes
    /// before it are cut from the rest.
    pub fn parse(&self, title: &str) -> Title {
        let spaced = nfkc(title);
        let mut number = None;
        let mut numberless = &*spaced;
        if let Some(m) = self.number_label.captures(&spaced) {
            let whole = m.get(0).expect("match");
            if whole.end() < spaced.len() {
                number = m
                    .name("a")
                    .or_else(|| m.name("b"))
                    .and_then(|n| parse_number(n.as_str()));
                numberless = &spaced[whole.end()..];
            }
        }
        let labelled = number.is_some();
        let text = squash(numberless);
        let mut rest = text.as_str();
        if number.is_none()
            && let Some(m) = NUMBERING.captures(rest)
        {
            let end = m.get(0).expect("match").end();
            // `1.5吨…` is a decimal, not a heading's number.
            if !rest[end..].starts_with(|c: char| c.is_ascii_digit()) {
                number = parse_number(&m["n"]);
                rest = &rest[end..];
            }
        }
        let mut name = rest.to_string();
        let mut labelled = labelled;
        if let Some(m) = self.bracketed_number.captures(&name) {
            labelled |= number.is_none();
            number = number.or_else(|| {
                m.name("n")
                    .or_else(|| m.name("m"))
                    .and_then(|n| parse_number(n.as_str()))
            });
            name.truncate(m.get(0).expect("match").start());
        }
        let mut year = None;
        if let Some(m) = YEAR_PREFIX.captures(&name)
            && m.get(0).expect("match").end() < name.len()
        {
            year = m
                .name("y")
                .or_else(|| m.name("z"))
                .and_then(|y| y.as_str().parse().ok());
            name = name[m.get(0).expect("match").end()..].to_string();
        }
        Title {
            number,
            labelled,
            year,
            name,
        }
    }
}

/// Numbering of a heading: `一、`, `五.`, `1.`, `3、`.
static NUMBERING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<n>[一二三四五六七八九十]+|\d{1,2})[、.]").expect("valid regex")
});

/// The year, and everything before it: `长治市…2023年度`, `2022部门…` (a year printed without
/// 年).
static YEAR_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:.*?(?P<y>(?:19|20)\d{2})年度?|(?P<z>(?:19|20)\d{2}))").expect("valid regex")
});

/// A number written in Chinese numerals up to 99 (`十一`, `二十三`), or in digits.
pub fn parse_number(text: &str) -> Option<u32> {
    if let Ok(n) = text.parse() {
        return Some(n);
    }
    let digit = |c: char| "一二三四五六七八九".find(c).map(|i| i as u32 / 3 + 1);
    let chars: Vec<char> = text.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [c] => digit(*c),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(10 * digit(*t)?),
        [t, '十', u] => Some(10 * digit(*t)? + digit(*u)?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Catalogue;

    fn parse_title(title: &str) -> Title {
        Catalogue::standard().titles().parse(title)
    }

    fn label_number(line: &str) -> Option<u32> {
        Catalogue::standard().titles().label_number(line)
    }

    #[test]
    fn numbers_years_and_names() {
        let t = parse_title("表1 2022年部门综合预算收支总表");
        assert_eq!(
            (t.number, t.year, t.name.as_str()),
            (Some(1), Some(2022), "部门综合预算收支总表")
        );
        let t = parse_title("预算01表 收支总表");
        assert_eq!((t.number, t.name.as_str()), (Some(1), "收支总表"));
        let t = parse_title("公开 01 表 收入总表");
        assert_eq!((t.number, t.name.as_str()), (Some(1), "收入总表"));
        let t = parse_title("部门公开表 5 一般公共预算支出表");
        assert_eq!((t.number, t.name.as_str()), (Some(5), "一般公共预算支出表"));
        let t = parse_title("上海市普陀区2024年预算单位财务收支预算总表");
        assert_eq!(
            (t.year, t.name.as_str()),
            (Some(2024), "预算单位财务收支预算总表")
        );
        let t = parse_title("2026 年财政拨款 “三公 ” 经费支出情况表");
        assert_eq!(t.name, "财政拨款三公经费支出情况表");
        let t = parse_title("本年一般公共预算支出表（预算表5）");
        assert_eq!(
            (t.number, t.name.as_str()),
            (Some(5), "本年一般公共预算支出表")
        );
        let t = parse_title("十二、政府采购支出预算表");
        assert_eq!(
            (t.number, t.name.as_str()),
            (Some(12), "政府采购支出预算表")
        );
        let t = parse_title("2022部门综合预算财政拨款结转资金支出表");
        assert_eq!(
            (t.year, t.name.as_str()),
            (Some(2022), "部门综合预算财政拨款结转资金支出表")
        );
        assert_eq!(parse_title("收支总表").number, None);
    }

    #[test]
    fn labels_on_their_own_line() {
        for (label, n) in [
            ("表1", 1),
            ("表 12", 12),
            ("预算01表", 1),
            ("公开 01表", 1),
            ("部门公开表7", 7),
            ("公开表10", 10),
            ("表十一", 11),
            ("表二十三", 23),
        ] {
            assert_eq!(label_number(label), Some(n), "{label}");
        }
        assert_eq!(label_number("收支总表"), None);
        assert_eq!(label_number("表1 收支总表"), None);
    }
}
