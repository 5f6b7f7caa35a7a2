//! Headline figures carried by table cells: each `[[table]]` rule of the vocabulary picks, in
//! the tables of its kinds, the record whose row item and column key it names.

use std::collections::{BTreeMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use rust_decimal::Decimal;

use super::Found;
use super::checks::adds_up;
use super::prose::Stage;
use super::vocabulary::{TableRule, Vocabulary};
use crate::normalize::parse_amount;
use crate::recognize::{AmountUnit, header_paths, item_name, squash};
use crate::report::{Figure, FigureSource, Record, TableReport};
use crate::validate::half_unit;

/// The figures the tables carry, table by table in the vocabulary's rule order, for a document
/// of `stage`, fiscal `year` and `unit`. A figure of a `confirm` rule is kept only when the parts the
/// same table carries add up to it. A table that states no amount unit gives none: in what unit
/// its amounts are is unclear.
pub fn table_figures(
    tables: &[TableReport],
    vocabulary: &Vocabulary,
    stage: Stage,
    year: Option<i32>,
    unit: Option<&str>,
) -> Vec<Found> {
    let own_unit = unit.map(normalized_item).filter(|u| !u.is_empty());
    let mut figures = Vec::new();
    for (index, table) in tables.iter().enumerate() {
        if table.amount_unit.is_none() {
            continue;
        }
        let mut rows = row_items(table);
        // Only a table without a 合计 row of its own: elsewhere (政府采购 tables) the unit's row
        // is a part.
        let has_total_row = rows.values().any(|item| *item == vocabulary.own_unit_row);
        if let Some(own_unit) = own_unit.as_ref().filter(|_| !has_total_row) {
            for item in rows.values_mut().filter(|item| *item == own_unit) {
                item.clone_from(&vocabulary.own_unit_row);
            }
        }
        let period = Period {
            stage,
            year,
            column_years: column_years(table),
        };
        let mut picked: Vec<(&TableRule, Found)> = vocabulary
            .tables
            .iter()
            .filter(|rule| rule.kinds.contains(&table.kind))
            .filter_map(|rule| {
                let record = cell(vocabulary, table, &rows, rule, &period)?;
                let item = rows
                    .get(&(record.row, record.side.clone()))
                    .map_or("", String::as_str);
                Some((rule, found(index, table, record, item, &rule.figure)))
            })
            .collect();
        // Two rules of a figure (printed down, printed across) may pick the same cell.
        let mut seen = HashSet::new();
        picked.retain(|(_, f)| {
            seen.insert((
                f.figure.figure.clone(),
                f.row,
                f.column.clone(),
                f.side.clone(),
            ))
        });
        let of_table: Vec<&Found> = picked.iter().map(|(_, f)| f).collect();
        let confirmed: Vec<bool> = picked
            .iter()
            .map(|(rule, f)| !rule.confirm || adds_up(vocabulary, f, &of_table))
            .collect();
        figures.extend(
            picked
                .into_iter()
                .zip(confirmed)
                .filter(|(_, kept)| *kept)
                .map(|((_, f), _)| f),
        );
    }
    figures
}

/// The item of each (row, side) of a table: the first non-empty item among its records,
/// normalized like prose labels (a leading `其中:` and numbering removed). A row's records may
/// disagree (a merged label cell read for one column only); the printed name wins. A row of a
/// one-sided table whose records name nothing takes the first text cell printed in it (`合计`
/// under 项目编号).
type RowItems = BTreeMap<(usize, Option<String>), String>;

fn row_items(table: &TableReport) -> RowItems {
    let mut items = RowItems::new();
    for record in &table.records {
        let item = normalized_item(&record.item);
        let entry = items.entry((record.row, record.side.clone())).or_default();
        if entry.is_empty() {
            *entry = item;
        }
    }
    for ((row, side), item) in items.iter_mut() {
        if item.is_empty() && side.is_none() {
            *item = first_text_cell(table, *row);
        }
    }
    items
}

fn first_text_cell(table: &TableReport, row: usize) -> String {
    table
        .body_rows
        .get(row)
        .into_iter()
        .flatten()
        .map(|cell| normalized_item(cell))
        .find(|cell| !cell.is_empty() && parse_amount(cell).is_none())
        .unwrap_or_default()
}

fn normalized_item(item: &str) -> String {
    let squashed = squash(item);
    let without_of_which = squashed.strip_prefix("其中:").unwrap_or(&squashed);
    squash(&item_name(without_of_which))
}

/// Whether `rule` picks `record` by its row and side (not yet by column preference).
fn picks(rule: &TableRule, record: &Record, rows: &RowItems) -> bool {
    let item = rows
        .get(&(record.row, record.side.clone()))
        .map_or("", String::as_str);
    rule.side
        .as_deref()
        .is_none_or(|side| record.side.as_deref() == Some(side))
        && rule.rows.iter().any(|r| r == item)
        && rule.columns.contains(&record.column)
}

/// The one cell `rule` picks in `table`: in each matching row, the record in the first of the
/// rule's columns the row has (in the document's stage); `None` when no row matches or the
/// matching rows disagree.
fn cell<'t>(
    vocabulary: &Vocabulary,
    table: &'t TableReport,
    rows: &RowItems,
    rule: &TableRule,
    period: &Period,
) -> Option<&'t Record> {
    let mut chosen: Vec<&Record> = Vec::new();
    let mut matching: BTreeMap<(usize, Option<String>), Vec<&Record>> = BTreeMap::new();
    for record in &table.records {
        if picks(rule, record, rows) && period.includes(vocabulary, record) {
            matching
                .entry((record.row, record.side.clone()))
                .or_default()
                .push(record);
        }
    }
    for records in matching.values() {
        let best = rule.columns.iter().find_map(|column| {
            let in_column: Vec<&&Record> = records.iter().filter(|r| r.column == *column).collect();
            match in_column.as_slice() {
                [] => None,
                // Two cells of one row under the same key (合计 of all, 小计 of the 三公 part):
                // which one the figure is cannot be told.
                [only] => Some(Some(**only)),
                _ => Some(None),
            }
        })?;
        chosen.push(best?);
    }
    let first = *chosen.first()?;
    chosen
        .iter()
        .all(|r| r.amount == first.amount)
        .then_some(first)
}

/// The stage and year a document's figures are for, and the years each column of one of its
/// tables is headed with (`2025年预算数` beside `2026年预算数`).
struct Period {
    stage: Stage,
    year: Option<i32>,
    column_years: Vec<Vec<i32>>,
}

impl Period {
    /// Whether a cell counts: not in a `预算数`/`决算数` column group, nor under a header naming
    /// a stage, of the other stage; not under a header naming only another year.
    fn includes(&self, vocabulary: &Vocabulary, record: &Record) -> bool {
        let prose = &vocabulary.prose;
        let label = squash(&record.column_label);
        let names = |words: &[String]| words.iter().any(|w| label.contains(w.as_str()));
        let in_stage = match self.stage {
            Stage::Budget => record.group.as_deref() != Some("final") && !names(&prose.final_only),
            Stage::Final => record.group.as_deref() != Some("budget") && !names(&prose.budget_only),
        };
        let years = self
            .column_years
            .get(record.col)
            .map_or(&[][..], Vec::as_slice);
        let in_year = self
            .year
            .is_none_or(|year| years.is_empty() || years.contains(&year));
        in_stage && in_year
    }
}

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)\d{2})年").expect("valid regex"));

/// For each grid column, the years its header cells name.
fn column_years(table: &TableReport) -> Vec<Vec<i32>> {
    header_paths(&table.header_rows)
        .iter()
        .map(|path| {
            path.iter()
                .flat_map(|cell| YEAR.captures_iter(cell))
                .filter_map(|c| c[1].parse().ok())
                .collect()
        })
        .collect()
}

/// The figure `record` carries; `item` names its row (the record's own item may be empty).
fn found(index: usize, table: &TableReport, record: &Record, item: &str, figure: &str) -> Found {
    let factor = table
        .amount_unit
        .as_deref()
        .and_then(AmountUnit::from_printed)
        .map_or(Decimal::ONE, AmountUnit::yuan_factor);
    let title = table.title.as_deref().unwrap_or(&table.kind);
    let item = [record.item.as_str(), item, "-"]
        .into_iter()
        .find(|i| !i.is_empty())
        .unwrap_or("-");
    Found {
        figure: Figure {
            figure: figure.to_string(),
            amount: record.amount,
            unit_of_measure: "元".to_string(),
            source: FigureSource::Table,
            page: record.page,
            table: Some(index),
            previous: None,
            evidence: format!("{title} / {item} / {}", record.column_label),
            raw: record.raw.clone(),
        },
        half_unit: half_unit(&record.raw, factor),
        row: Some(record.row),
        column: Some(record.column.clone()),
        side: record.side.clone(),
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn record(row: usize, side: Option<&str>, item: &str, column: &str, raw: &str) -> Record {
        Record {
            row,
            page: 4,
            side: side.map(str::to_string),
            code: None,
            level: None,
            item: item.to_string(),
            parent: None,
            column: column.to_string(),
            col: 0,
            group: None,
            band: None,
            column_label: column.to_string(),
            amount: Decimal::from_str(raw).unwrap() * Decimal::from(10_000),
            raw: raw.to_string(),
        }
    }

    fn table(kind: &str, records: Vec<Record>) -> TableReport {
        let rows = records.iter().map(|r| r.row).max().map_or(0, |r| r + 1);
        TableReport {
            kind: kind.to_string(),
            title: Some(format!("{kind} title")),
            pages: [4, 4],
            unit_name: None,
            amount_unit: Some("万元".to_string()),
            no_data: false,
            header_rows: Vec::new(),
            body_rows: vec![Vec::new(); rows],
            records,
            attributes: Vec::new(),
        }
    }

    fn figures(tables: &[TableReport], stage: Stage) -> Vec<(String, String)> {
        table_figures(
            tables,
            Vocabulary::standard(),
            stage,
            Some(2026),
            Some("某某局(本级)"),
        )
        .into_iter()
        .map(|f| (f.figure.figure, f.figure.raw))
        .collect()
    }

    fn pair(figure: &str, raw: &str) -> (String, String) {
        (figure.to_string(), raw.to_string())
    }

    #[test]
    fn summary_rows_by_side() {
        let summary = table(
            "budget_summary",
            vec![
                record(0, Some("revenue"), "一、一般公共预算", "amount", "866.53"),
                record(
                    0,
                    Some("expenditure"),
                    "一般公共服务支出",
                    "total",
                    "838.21",
                ),
                record(1, Some("revenue"), "本年收入合计", "amount", "866.53"),
                record(1, Some("expenditure"), "本年支出合计", "total", "866.53"),
                record(2, Some("revenue"), "收入总计", "amount", "866.53"),
                record(2, Some("expenditure"), "支出总计", "total", "866.53"),
            ],
        );
        assert_eq!(
            figures(&[summary], Stage::Budget),
            [
                pair("revenue_total", "866.53"),
                pair("revenue_current", "866.53"),
                pair("general_budget_appropriation", "866.53"),
                pair("expenditure_total", "866.53"),
                pair("expenditure_current", "866.53"),
            ]
        );
    }

    #[test]
    fn a_row_name_printed_twice_with_two_amounts_gives_nothing() {
        let summary = table(
            "budget_summary",
            vec![
                record(0, Some("revenue"), "一般公共预算资金", "amount", "99"),
                record(5, Some("revenue"), "一般公共预算资金", "amount", "2"),
            ],
        );
        assert!(figures(&[summary], Stage::Budget).is_empty());
    }

    #[test]
    fn a_three_public_total_is_kept_only_when_its_items_add_up() {
        let across = |total: &str| {
            table(
                "three_public_expenses",
                vec![
                    record(0, None, "", "total", total),
                    record(0, None, "", "abroad", "552.00"),
                    record(0, None, "", "vehicle_purchase_and_operation", "217.90"),
                    record(0, None, "", "reception", "121.07"),
                ],
            )
        };
        let kept = figures(&[across("890.97")], Stage::Budget);
        assert!(kept.contains(&pair("three_public_total", "890.97")));
        // 合计 over 会议费 and 培训费 as well is not the 三公 total.
        let dropped = figures(&[across("2542.60")], Stage::Budget);
        assert!(!dropped.iter().any(|(f, _)| f == "three_public_total"));
        assert_eq!(dropped.len(), 3);
    }

    #[test]
    fn budget_columns_do_not_count_in_a_final_account() {
        let mut budget = record(0, None, "", "reception", "0.95");
        budget.column_label = "预算数".to_string();
        let mut outturn = record(0, None, "", "reception", "0.39");
        outturn.column_label = "决算数".to_string();
        outturn.col = 1;
        let final_table = table("final_three_public_expenses", vec![budget, outturn]);
        assert_eq!(
            figures(std::slice::from_ref(&final_table), Stage::Final),
            [pair("reception", "0.39")]
        );
        assert_eq!(
            figures(&[final_table], Stage::Budget),
            [pair("reception", "0.95")]
        );
    }

    #[test]
    fn columns_of_another_year_do_not_count() {
        let mut last_year = record(0, None, "", "abroad", "8.50");
        last_year.group = Some("budget".to_string());
        let mut this_year = record(0, None, "", "abroad", "0.00");
        this_year.group = Some("budget".to_string());
        this_year.col = 1;
        let mut across = table("three_public_expenses", vec![last_year, this_year]);
        across.header_rows = vec![
            vec!["2025年预算数".to_string(), "2026年预算数".to_string()],
            vec![
                "因公出国(境)经费".to_string(),
                "因公出国(境)经费".to_string(),
            ],
        ];
        assert_eq!(figures(&[across], Stage::Budget), [pair("abroad", "0.00")]);
    }

    #[test]
    fn the_row_of_the_documents_own_unit_is_its_total() {
        let summary = table(
            "expenditure_summary",
            vec![
                record(0, None, "某某局（本级）", "basic", "11826.97"),
                record(1, None, "教育支出", "basic", "2.00"),
            ],
        );
        assert_eq!(
            figures(&[summary], Stage::Budget),
            [pair("basic_expenditure", "11826.97")]
        );
    }

    #[test]
    fn a_table_without_amount_unit_gives_nothing() {
        let mut summary = table(
            "budget_summary",
            vec![record(0, Some("revenue"), "收入总计", "amount", "15897.44")],
        );
        summary.amount_unit = None;
        assert!(figures(&[summary], Stage::Budget).is_empty());
    }

    #[test]
    fn a_row_named_in_another_cell() {
        let mut procurement = table(
            "government_procurement",
            vec![record(0, None, "", "total", "6546.82")],
        );
        procurement.body_rows[0] = vec!["合计".to_string(), String::new(), "6,546.82".to_string()];
        assert_eq!(
            figures(&[procurement], Stage::Budget),
            [pair("procurement_total", "6546.82")]
        );
    }
}
