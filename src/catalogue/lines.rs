//! The words of the lines printed around a table (`[lines]` in the catalogue): the line naming
//! the unit, the phrases by which a table says it is empty.

use regex::Regex;
use serde::Deserialize;

use super::{CatalogueError, fold_whitespace, longest_first, pattern, squash, words};

/// The words of the lines printed around a table.
#[derive(Debug, Clone)]
pub struct LineWords {
    /// Labels of a line naming the unit (`单位名称：…`), squashed, longest first.
    pub unit_labels: Vec<String>,
    /// How an organisation's name ends (`局`, `委员会`, `中心`), squashed.
    pub organisation_endings: Vec<String>,
    /// Phrases by which a table says it is empty (`本表无数据`), squashed.
    pub no_data: Vec<String>,
    /// `label：name`, the name ending where an amount unit (`单位：万元`) begins.
    unit_line: Regex,
}

/// `[lines]` as written in the file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LinesFile {
    unit_labels: Vec<String>,
    organisation_endings: Vec<String>,
    no_data: Vec<String>,
}

impl LineWords {
    pub(super) fn new(file: &LinesFile) -> Result<LineWords, CatalogueError> {
        let unit_labels = longest_first(&words("lines.unit_labels", &file.unit_labels)?);
        let unit_line = pattern(&format!(
            r"(?:{})\s*(?:[（(][^)）]{{1,8}}[)）])?\s*[:：]\s*(.+?)\s*(?:(?:金额)?单位\s*[:：].*)?$",
            as_printed(&unit_labels)
        ))?;
        Ok(LineWords {
            unit_labels,
            organisation_endings: words("lines.organisation_endings", &file.organisation_endings)?,
            no_data: words("lines.no_data", &file.no_data)?,
            unit_line,
        })
    }

    /// The unit a line names after its label (`单位名称：长治市…` → `长治市…`), as printed
    /// (whitespace between CJK characters removed); `单位：万元` names an amount unit, not a
    /// unit.
    pub fn unit_named(&self, line: &str) -> Option<String> {
        let line = fold_whitespace(line);
        let name = self.unit_line.captures(&line)?.get(1)?.as_str().trim();
        let amount_unit = ["元", "千元", "万元"].contains(&squash(name).as_str());
        (!name.is_empty() && !amount_unit).then(|| name.to_string())
    }
}

/// A regex alternation of squashed `words` matching them as printed: brackets in either
/// width (`部门(单位)` is also printed `部门（单位）`), everything else literally.
pub(super) fn as_printed(words: &[String]) -> String {
    words
        .iter()
        .map(|word| {
            word.chars()
                .map(|c| match c {
                    '(' => "[(（]".to_string(),
                    ')' => "[)）]".to_string(),
                    c => regex::escape(&c.to_string()),
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("|")
}
