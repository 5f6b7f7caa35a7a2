//! The words by which a document says what it is (`[documents]` in the catalogue, spec §7):
//! a budget or a final account, a department's or a unit's, and what else it may be.

use serde::Deserialize;

use super::{CatalogueError, longest_first, words};

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
        Ok(DocumentWords {
            budget: list("budget", &file.budget)?,
            final_account: list("final_account", &file.final_account)?,
            department: list("department", &file.department)?,
            unit: list("unit", &file.unit)?,
            levels: longest_first(&list("levels", &file.levels)?),
            combined: list("combined", &file.combined)?,
            disclosure: list("disclosure", &file.disclosure)?,
            other_budget: list("other_budget", &file.other_budget)?,
            not_budget: list("not_budget", &file.not_budget)?,
            unit_suffixes: longest_first(&list("unit_suffixes", &file.unit_suffixes)?),
            unit_prefixes: longest_first(&list("unit_prefixes", &file.unit_prefixes)?),
        })
    }
}
