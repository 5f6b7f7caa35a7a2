//! Nothing printed is silently lost: every number printed in a table's area is a record, or
//! something explains it, or it is reported.
//!
//! Two accounts are kept. Page by page, the figures the table stage saw printed in the table's
//! area ([`Table::printed`]: every cell as read, text in the ruled area outside any cell, rows
//! printed right against the grid; texts that are numbers only, as a cell of figures is) must
//! all be found again in the table's cells, title, unit lines and notes: a figure found in none
//! of them was lost between the page and the rows (a row dropped at a page break, a cell
//! outside the grid). Cell by cell, a number in a column of
//! money must be an amount (and so a record); numbers in other columns are explained by what
//! the column holds: codes, names, counts, ratios, row numbers, column numbers.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::amount::parse_amount;
use super::records::row_page;
use crate::pdf::nfkc;
use crate::report::{Warning, WarningKind};
use crate::table::Table;

/// A number printed in a table that no record holds and nothing explains.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unexplained {
    /// Page it is printed on.
    pub page: u32,
    /// Why it is unexplained, and where.
    pub why: Why,
    /// The numbers.
    pub numbers: Vec<String>,
}

/// Why a number is unexplained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// Printed in the table's area, in none of its cells: the texts that print it.
    NotInAnyCell(Vec<String>),
    /// The cell of a money column at (`row`, `col`) prints digits but is not an amount.
    NotAnAmount {
        /// Body row.
        row: usize,
        /// Grid column.
        col: usize,
        /// The cell as read.
        text: String,
    },
}

impl Unexplained {
    /// The warning that reports it, `table` being the table's index and `title` its title.
    pub fn warning(&self, table: usize, title: Option<&str>) -> Warning {
        let named = format!("table {table} ({})", title.unwrap_or("untitled"));
        match &self.why {
            Why::NotInAnyCell(texts) => Warning::new(
                WarningKind::UnreadNumbers,
                Some(self.page),
                format!(
                    "{named}: {} printed in the table's area but in none of its rows (in {})",
                    self.numbers.join(", "),
                    texts.join(" | ")
                ),
            ),
            Why::NotAnAmount { row, col, text } => Warning::new(
                WarningKind::UnparsedAmount,
                Some(self.page),
                format!("{named} row {row} column {col}: {text:?} is not an amount"),
            ),
        }
    }
}

/// A printed number: digits, with thousands separators and decimals as printed.
static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d+(?:,\d{3})*(?:\.\d+)?").expect("valid regex"));

/// The numbers printed in a text.
fn numbers(text: &str) -> Vec<String> {
    let text = nfkc(text);
    NUMBER
        .find_iter(&text)
        .map(|m| m.as_str().to_string())
        .collect()
}

/// Whether a printed text is only numbers (`866.53`, `(12.00)`, `54906.95 32539.05`): what a
/// lost cell of figures looks like. Numbers inside words (`2026年度`, `增加36.33万元`, `2.有关情况`)
/// are part of text the table does not hold as figures.
fn is_numeric(text: &str) -> bool {
    let mut words = text.split_whitespace().peekable();
    words.peek().is_some() && words.all(|w| parse_amount(w).is_some())
}

/// How many times each number is held by a table's texts.
type Held = BTreeMap<String, usize>;

/// Counts the numbers `text` prints into `held`.
fn count_numbers(held: &mut Held, text: &str) {
    for number in numbers(text) {
        *held.entry(number).or_default() += 1;
    }
}

/// Page by page, the numbers printed in the table's area that none of its texts holds.
pub(crate) fn lost_numbers(table: &Table) -> Vec<Unexplained> {
    let mut printed: BTreeMap<u32, Vec<&str>> = BTreeMap::new();
    for text in &table.printed {
        printed.entry(text.page).or_default().push(&text.text);
    }
    // Numbers printed on every page of the table (header, title, unit lines, notes): a
    // continuation page may repeat them.
    let mut every_page = Held::new();
    let repeated = table
        .header_rows
        .iter()
        .flatten()
        .chain(&table.title)
        .chain(&table.context_lines)
        .chain(&table.notes);
    for text in repeated {
        count_numbers(&mut every_page, text);
    }
    // The numbers the body rows hold, by the page each row is printed on, in one pass.
    let mut held_on: BTreeMap<u32, Held> = BTreeMap::new();
    for (r, row) in table.body_rows.iter().enumerate() {
        let page = row_page(table, r);
        if !printed.contains_key(&page) {
            continue;
        }
        let held = held_on.entry(page).or_insert_with(|| every_page.clone());
        for text in row {
            count_numbers(held, text);
        }
    }
    let mut lost = Vec::new();
    for (page, texts) in printed {
        let mut held = held_on.remove(&page).unwrap_or_else(|| every_page.clone());
        let mut missing = Vec::new();
        let mut where_printed = Vec::new();
        for text in texts.into_iter().filter(|t| is_numeric(t)) {
            let mut here = false;
            for number in numbers(text) {
                match held.get_mut(&number) {
                    Some(count) if *count > 0 => *count -= 1,
                    _ => {
                        missing.push(number);
                        here = true;
                    }
                }
            }
            if here {
                where_printed.push(text.to_string());
            }
        }
        if !missing.is_empty() {
            lost.push(Unexplained {
                page,
                why: Why::NotInAnyCell(where_printed),
                numbers: missing,
            });
        }
    }
    lost
}

/// A cell of a money column that prints digits but is not an amount.
pub(crate) fn not_an_amount(row: usize, page: u32, col: usize, text: &str) -> Unexplained {
    Unexplained {
        page,
        why: Why::NotAnAmount {
            row,
            col,
            text: text.to_string(),
        },
        numbers: numbers(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Catalogue;
    use crate::normalize::table_facts;
    use crate::recognize::classify;
    use crate::table::PrintedText;

    fn accounted(t: &Table) -> Vec<Unexplained> {
        table_facts(0, t, &classify(Catalogue::standard(), t)).unexplained
    }

    fn rows(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    fn printed(page: u32, texts: &[&str]) -> Vec<PrintedText> {
        texts
            .iter()
            .map(|t| PrintedText {
                page,
                text: t.to_string(),
            })
            .collect()
    }

    fn table() -> Table {
        Table {
            title: Some("2023年支出总表".to_string()),
            pages: [3, 4],
            header_rows: rows(&[&["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]),
            body_rows: rows(&[
                &["201", "一般公共服务支出", "30.00", "20.00", "10.00"],
                &["20101", "人大事务", "30.00", "20.00", "10.00"],
            ]),
            body_row_pages: vec![3, 4],
            ..Table::default()
        }
    }

    #[test]
    fn every_printed_number_in_a_cell_is_accounted_for() {
        let mut t = table();
        t.printed = printed(3, &["2023年支出总表", "科目编码", "201", "30.00", "20.00"]);
        t.printed.extend(printed(3, &["10.00"]));
        // The continuation page repeats the header and prints its own row.
        t.printed
            .extend(printed(4, &["科目编码", "合计", "20101", "30.00"]));
        t.printed.extend(printed(4, &["20.00", "10.00"]));
        assert_eq!(accounted(&t), []);
    }

    #[test]
    fn a_row_lost_at_a_page_break_is_reported() {
        let mut t = table();
        t.printed = printed(
            4,
            &["2010199", "其他", "43,608.96", "20101", "30.00", "20.00"],
        );
        // A page header against the grid is text, not a lost figure.
        t.printed
            .extend(printed(4, &["10.00", "某局2026年度部门预算公开"]));
        let found = accounted(&t);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].page, 4);
        assert_eq!(found[0].numbers, ["2010199", "43,608.96"]);
        let warning = found[0].warning(2, t.title.as_deref());
        assert_eq!(warning.kind, WarningKind::UnreadNumbers);
        assert!(warning.message.contains("43,608.96"), "{}", warning.message);
    }

    #[test]
    fn text_run_into_an_amount_cell_is_reported() {
        let mut t = table();
        t.body_rows[1][3] = "缴费支出20.00".to_string();
        let found = accounted(&t);
        assert_eq!(
            found,
            [Unexplained {
                page: 4,
                why: Why::NotAnAmount {
                    row: 1,
                    col: 3,
                    text: "缴费支出20.00".to_string()
                },
                numbers: vec!["20.00".to_string()],
            }]
        );
    }

    #[test]
    fn codes_counts_and_ratios_are_explained() {
        let t = Table {
            title: Some("培训费预算表".to_string()),
            pages: [1, 1],
            header_rows: rows(&[&["序号", "培训名称", "人数", "金额", "增减(%)"]]),
            body_rows: rows(&[&["1", "业务培训", "30", "12.00", "-5.2%"]]),
            body_row_pages: vec![1],
            printed: printed(1, &["1", "业务培训", "30", "12.00", "-5.2%"]),
            ..Table::default()
        };
        assert_eq!(accounted(&t), []);
    }
}
