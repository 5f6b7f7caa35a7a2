//! The words by which a document says what it is (`[documents]` in the catalogue, spec §7):
//! a budget or a final account, a department's or a unit's, and what else it may be.

use regex::{Captures, Regex};
use serde::Deserialize;

use super::{CatalogueError, longest_first, pattern, words};

/// The words by which a document says what it is (spec §7).
#[derive(Debug, Clone)]
pub struct DocumentWords {
    /// A budget disclosure: 预算.
    pub budget: Vec<String>,
    /// A final account: 决算.
    pub final_account: Vec<String>,
    /// Whose disclosure: a department's (部门).
    pub department: Vec<String>,
    /// A unit's (单位).
    pub unit: Vec<String>,
    /// The level of government a cover title may print before its owner word (区级, 市本级).
    pub levels: Vec<String>,
    /// What a cover title may print after its owner word (综合: 部门综合预算).
    pub combined: Vec<String>,
    /// That the disclosure is published (公开, 信息公开, 情况说明): closes a cover title.
    pub disclosure: Vec<String>,
    /// Budget documents that are not disclosures of one department's or unit's budget:
    /// 绩效评价 reports, fund allocation notices, lists of 绩效目标.
    pub other_budget: Vec<String>,
    /// What the heading of a document that is not a disclosure calls it (通知, 方案, 规划),
    /// read when its cover has no budget's title.
    pub not_budget: Vec<String>,
    /// Words a unit's name never ends with and a cover or unit line may add (本级, 汇总).
    pub unit_suffixes: Vec<String>,
    /// Words a unit's name never begins with and a cover title may print before it (关于).
    pub unit_prefixes: Vec<String>,
    /// A cover title from its year on: `YEAR年(度) [between] [level] [部门|单位] [综合]
    /// 预算|决算`.
    title_from_year: Regex,
    /// A cover title printing its year after its kind: `[before] [level] 部门|单位 [综合]
    /// 预算|决算 (YEAR年度)`.
    title_year_after: Regex,
}

/// Whose disclosure a cover title says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// A department's (部门).
    Department,
    /// A unit's (单位).
    Unit,
}

/// A cover title as the document words read it in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverWords<'a> {
    /// Where the title ends in the text: after its kind word, or after its year when the year
    /// comes last.
    pub end: usize,
    /// What the text prints before the title's words, when its year comes last.
    pub before: &'a str,
    /// The year, as printed in digits.
    pub year: &'a str,
    /// What the title prints between its year and its words, when its year comes first.
    pub between: &'a str,
    /// The owner word the title prints, if any.
    pub owner: Option<Owner>,
    /// Whether its kind word is a final account's (决算), not a budget's.
    pub final_account: bool,
}

/// `[documents]` as written in the file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DocumentsFile {
    budget: Vec<String>,
    final_account: Vec<String>,
    department: Vec<String>,
    unit: Vec<String>,
    levels: Vec<String>,
    combined: Vec<String>,
    disclosure: Vec<String>,
    other_budget: Vec<String>,
    not_budget: Vec<String>,
    unit_suffixes: Vec<String>,
    unit_prefixes: Vec<String>,
}

impl DocumentWords {
    pub(super) fn new(file: &DocumentsFile) -> Result<DocumentWords, CatalogueError> {
        let list = |name: &str, list: &[String]| words(&format!("documents.{name}"), list);
        let budget = list("budget", &file.budget)?;
        let final_account = list("final_account", &file.final_account)?;
        let department = list("department", &file.department)?;
        let unit = list("unit", &file.unit)?;
        let levels = longest_first(&list("levels", &file.levels)?);
        let combined = list("combined", &file.combined)?;
        let [
            level,
            department_word,
            unit_word,
            combined_word,
            budget_word,
            final_word,
        ] = [
            &levels,
            &department,
            &unit,
            &combined,
            &budget,
            &final_account,
        ]
        .map(|words| alternatives(words));
        let title_from_year = pattern(&format!(
            r"^(?P<year>(?:19|20)\d{{2}})年度?(?P<between>.*?)(?:{level})?(?:(?P<department>{department_word})|(?P<unit>{unit_word}))?(?:{combined_word})?(?:(?P<budget>{budget_word})|(?P<final>{final_word}))"
        ))?;
        let title_year_after = pattern(&format!(
            r"^(?P<before>.*?)(?:{level})?(?:(?P<department>{department_word})|(?P<unit>{unit_word}))(?:{combined_word})?(?:(?P<budget>{budget_word})|(?P<final>{final_word}))\(?(?P<year>(?:19|20)\d{{2}})年度?(?:\)|$|[^\d)])"
        ))?;
        Ok(DocumentWords {
            budget,
            final_account,
            department,
            unit,
            levels,
            combined,
            disclosure: list("disclosure", &file.disclosure)?,
            other_budget: list("other_budget", &file.other_budget)?,
            not_budget: list("not_budget", &file.not_budget)?,
            unit_suffixes: longest_first(&list("unit_suffixes", &file.unit_suffixes)?),
            unit_prefixes: longest_first(&list("unit_prefixes", &file.unit_prefixes)?),
            title_from_year,
            title_year_after,
        })
    }

    /// The cover title whose year opens `text` (`2026年度某某局部门预算…`): a year, then the
    /// words of a budget or final account, a level and owner before them or not.
    pub fn cover_title_from_year<'a>(&self, text: &'a str) -> Option<CoverWords<'a>> {
        let c = self.title_from_year.captures(text)?;
        Some(CoverWords {
            end: c.get(0).map_or(0, |m| m.end()),
            before: "",
            year: c.name("year").map_or("", |m| m.as_str()),
            between: c.name("between").map_or("", |m| m.as_str()),
            owner: owner(&c),
            final_account: c.name("final").is_some(),
        })
    }

    /// The cover title `text` opens with when it prints its year after its kind
    /// (`某某局部门预算（2026年度）`, `…部门决算二〇二四年度` in digits): an owner word is
    /// required.
    pub fn cover_title_year_after<'a>(&self, text: &'a str) -> Option<CoverWords<'a>> {
        let c = self.title_year_after.captures(text)?;
        Some(CoverWords {
            end: c.name("year").map_or(0, |m| m.end()),
            before: c.name("before").map_or("", |m| m.as_str()),
            year: c.name("year").map_or("", |m| m.as_str()),
            between: "",
            owner: owner(&c),
            final_account: c.name("final").is_some(),
        })
    }
}

/// The owner word a cover title's match printed.
fn owner(c: &Captures) -> Option<Owner> {
    if c.name("department").is_some() {
        Some(Owner::Department)
    } else if c.name("unit").is_some() {
        Some(Owner::Unit)
    } else {
        None
    }
}

/// A regex alternation of `words`, each literally.
fn alternatives(words: &[String]) -> String {
    words
        .iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Catalogue;

    #[test]
    fn cover_titles_read_year_owner_and_kind() {
        let words = Catalogue::standard().documents();
        let title = words
            .cover_title_from_year("2026年度某某局市本级部门综合预算公开")
            .expect("a title");
        assert_eq!(
            (title.year, title.between, title.owner, title.final_account),
            ("2026", "某某局", Some(Owner::Department), false)
        );
        assert_eq!(&"2026年度某某局市本级部门综合预算公开"[title.end..], "公开");
        let title = words
            .cover_title_year_after("某某中心单位决算(2024年度)")
            .expect("a title");
        assert_eq!(
            (title.before, title.year, title.owner, title.final_account),
            ("某某中心", "2024", Some(Owner::Unit), true)
        );
        assert_eq!(words.cover_title_year_after("某某局预算(2024年度)"), None);
        assert_eq!(words.cover_title_from_year("2024年工作计划"), None);
    }
}
