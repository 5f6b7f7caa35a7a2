//! The words of the lines printed around a table (`[lines]` in the catalogue): the line naming
//! the unit, the line stating the amount unit, notes, the phrases by which a table says it is
//! empty.

use regex::Regex;
use serde::Deserialize;

use super::figures::{Measure, Unit};
use super::{CatalogueError, longest_first, pattern, squash, words};

/// The words of the lines printed around a table, and the patterns built from them, compiled
/// once.
#[derive(Debug, Clone)]
pub struct LineWords {
    /// Labels of a line naming the unit (`单位名称：…`), squashed, longest first.
    pub unit_labels: Vec<String>,
    /// How an organisation's name ends (`局`, `委员会`, `中心`), squashed.
    pub organisation_endings: Vec<String>,
    /// Any of the phrases by which a table says it is empty (`本表无数据`), squashed: one
    /// search for them all.
    no_data: Regex,
    /// The units of money (`万元`), squashed.
    money: Vec<String>,
    /// The phrases saying a table is empty that make a line its note without a label,
    /// squashed.
    no_data_notes: Vec<String>,
    /// `label：name`, the name ending where an amount unit (`单位：万元`) begins.
    unit_line: Regex,
    /// A line opening with the label of a unit, an amount unit or another context line and a
    /// colon (`单位名称：…`, `单位：万元`, `填报单位（盖章）：…`).
    labelled: Regex,
    /// A line opening with a note's label and a colon (`注：`, `（注1：`).
    note: Regex,
    /// A line stating the amount unit and nothing else (`单位：万元`, `（金额单位：元）`).
    amount_unit_line: Regex,
    /// An amount unit stated in a line, perhaps after something else (`…单位：万元`).
    amount_unit_statement: Regex,
    /// An amount unit stated in a squashed line or header label (`单位:万元`, `金额(万元)`): the
    /// unit in group 1 or 2.
    amount_unit_stated: Regex,
}

/// `[lines]` as written in the file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LinesFile {
    unit_labels: Vec<String>,
    amount_unit_labels: Vec<String>,
    other_labels: Vec<String>,
    organisation_endings: Vec<String>,
    currencies: Vec<String>,
    note_labels: Vec<String>,
    no_data: Vec<String>,
    no_data_notes: Vec<String>,
}

impl LineWords {
    /// The words of `[lines]`; `units` are the catalogue's, longest first, of which lines
    /// state those of money.
    pub(super) fn new(file: &LinesFile, units: &[Unit]) -> Result<LineWords, CatalogueError> {
        let money: Vec<String> = units
            .iter()
            .filter(|u| u.measure == Measure::Money)
            .map(|u| u.word.clone())
            .collect();
        // An amount unit as a line states it (人民币万元, 元), and the units recognition scales.
        let currency = format!(
            "(?:{})",
            as_printed(&words("lines.currencies", &file.currencies)?)
        );
        let amount_unit = format!("{currency}?(?:{})", as_printed(&money));
        let money_units = as_printed(&money);
        let unit_labels = longest_first(&words("lines.unit_labels", &file.unit_labels)?);
        let amount_labels = as_printed(&longest_first(&words(
            "lines.amount_unit_labels",
            &file.amount_unit_labels,
        )?));
        let other_labels = as_printed(&words("lines.other_labels", &file.other_labels)?);
        let unit_line = pattern(&format!(
            r"(?:{})\s*(?:[（(][^)）]{{1,8}}[)）])?\s*[:：]\s*(.+?)\s*(?:(?:{amount_labels})\s*[:：].*)?$",
            as_printed(&unit_labels)
        ))?;
        let labelled = pattern(&format!(
            r"^[（(]?\s*(?:{}|{amount_labels}|{other_labels})\s*(?:[（(][^)）]{{1,8}}[)）])?\s*[:：]",
            as_printed(&unit_labels)
        ))?;
        let note = pattern(&format!(
            r"^[（(]?\s*(?:{})\s*\d*\s*[:：]",
            as_printed(&words("lines.note_labels", &file.note_labels)?)
        ))?;
        let no_data = words("lines.no_data", &file.no_data)?;
        let no_data_notes = words("lines.no_data_notes", &file.no_data_notes)?;
        if let Some(stray) = no_data_notes
            .iter()
            .find(|note| !no_data.iter().any(|p| note.contains(p.as_str())))
        {
            return Err(CatalogueError::Inconsistent(format!(
                "lines.no_data_notes: {stray:?} prints no phrase of lines.no_data"
            )));
        }
        let no_data = pattern(
            &no_data
                .iter()
                .map(|p| regex::escape(p))
                .collect::<Vec<_>>()
                .join("|"),
        )?;
        Ok(LineWords {
            unit_labels,
            organisation_endings: words("lines.organisation_endings", &file.organisation_endings)?,
            no_data,
            no_data_notes,
            money,
            unit_line,
            labelled,
            note,
            amount_unit_line: pattern(&format!(
                r"^[（(]?\s*(?:{amount_labels})\s*[:：]\s*{amount_unit}\s*[)）]?$"
            ))?,
            amount_unit_statement: pattern(&format!(
                r"(?:[（(]\s*)?(?:{amount_labels})\s*[:：]\s*{amount_unit}"
            ))?,
            amount_unit_stated: pattern(&format!(
                r"(?:{amount_labels}):{currency}?({money_units})|[(\[]({money_units})[)\]]"
            ))?,
        })
    }

    /// The unit a line names after its label (`单位名称：长治市…` → `长治市…`), as printed; `单位：
    /// 万元` names an amount unit, not a unit. The line is read as the table stage writes lines
    /// (whitespace between CJK characters removed: `table::fold_whitespace`) or squashed.
    pub fn unit_named(&self, line: &str) -> Option<String> {
        let name = self.unit_line.captures(line)?.get(1)?.as_str().trim();
        let amount_unit = self.money.contains(&squash(name));
        (!name.is_empty() && !amount_unit).then(|| name.to_string())
    }

    /// Whether a line (trimmed) opens with the label of a unit line, an amount-unit line or
    /// another line describing a table, and a colon (`单位名称：…`, `单位：万元`).
    pub fn is_labelled(&self, line: &str) -> bool {
        self.labelled.is_match(line.trim())
    }

    /// Whether a line starts a note: it opens with a note's label and a colon (`注：…`,
    /// `（注：…）`, `备注1：`), or says the table is empty in one of the `no_data_notes`
    /// phrases (`本表无数据`).
    pub fn is_note(&self, line: &str) -> bool {
        let line = line.trim();
        self.note.is_match(line) || {
            let squashed = squash(line);
            self.no_data_notes
                .iter()
                .any(|p| squashed.contains(p.as_str()))
        }
    }

    /// Whether a squashed text prints one of the phrases by which a table says it is empty.
    pub fn says_no_data(&self, squashed: &str) -> bool {
        self.no_data.is_match(squashed)
    }

    /// Whether a line (trimmed) states the amount unit and nothing else (`单位：万元`,
    /// `金额单位:元`, `（单位：万元）`, `单位：人民币元`).
    pub fn is_amount_unit_line(&self, line: &str) -> bool {
        self.amount_unit_line.is_match(line.trim())
    }

    /// Where in a line the statement of the amount unit begins (`单位名称：X 单位：万元` → at
    /// `单位：万元`), if the line states one.
    pub fn amount_unit_at(&self, line: &str) -> Option<usize> {
        self.amount_unit_statement.find(line).map(|m| m.start())
    }

    /// The unit of money (`元`, `万元`) a squashed line or header label states (`单位:万元`,
    /// `金额单位:人民币元`, `金额(万元)`), if any.
    pub fn amount_unit_stated<'a>(&self, squashed: &'a str) -> Option<&'a str> {
        let c = self.amount_unit_stated.captures(squashed)?;
        c.get(1).or_else(|| c.get(2)).map(|m| m.as_str())
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
