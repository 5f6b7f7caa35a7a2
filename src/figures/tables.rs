//! Headline figures carried by table cells: each `[[table]]` rule of the vocabulary picks, in
//! the tables of its kinds, the record whose row and column it names, among the cells of the
//! document's period: its stage and its year. A cell of the previous year (a `2025年` column
//! or row beside `2026年`, an `上年` column) gives the figure's `previous`; a column or row of
//! changes (`增减变化情况`) gives nothing.

use std::collections::{BTreeMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use super::Found;
use super::checks::adds_up;
use super::label::{self, Context, Label};
use super::prose::Stage;
use crate::catalogue::figures::{TableRule, TableWords, Vocabulary};
use crate::catalogue::years;
use crate::normalize::parse_amount;
use crate::recognize::{AmountUnit, header_paths, item_name, squash};
use crate::report::{Figure, FigureSource, Record, TableReport};
use crate::validate::half_unit;

/// The figures the tables carry, table by table in the vocabulary's rule order, for a document
/// of `stage`, fiscal `year` and `unit`. A figure of a `confirm` rule is kept only when the parts
/// the same table carries add up to it. A table that states no amount unit gives none: in what
/// unit its amounts are is unclear.
pub fn table_figures(
    tables: &[TableReport],
    vocabulary: &Vocabulary,
    stage: Stage,
    year: Option<i32>,
    unit: Option<&str>,
) -> Vec<Found> {
    let own_unit = unit.filter(|u| !without_scope(u).is_empty());
    let mut figures = Vec::new();
    for (index, table) in tables.iter().enumerate() {
        if table.amount_unit.is_none() {
            continue;
        }
        let reader = TableReader {
            vocabulary,
            table,
            index,
            stage,
            layout: Layout::new(vocabulary, table, own_unit, year),
        };
        figures.extend(reader.figures());
    }
    figures
}

/// When a cell's amount is for, from the headers over its column and the labels of its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum When {
    /// The document's year, or no year at all.
    Current,
    /// The year before.
    Previous,
    /// Another year.
    Other,
    /// A change between two years.
    Change,
}

impl When {
    /// A cell under a column of one time and in a row of another is of the more distant one.
    fn and(self, other: When) -> When {
        use When::*;
        match (self, other) {
            (Change, _) | (_, Change) => Change,
            (Other, _) | (_, Other) => Other,
            (Previous, _) | (_, Previous) => Previous,
            _ => Current,
        }
    }
}

/// What the rows and columns of one table are: their names, their subjects and their times.
struct Layout {
    /// The names of each (row, side), normalized like prose labels: its item first, then, in a
    /// one-sided table, the other text cells printed in it (a `合计` printed beside the codes).
    rows: BTreeMap<(usize, Option<String>), Vec<String>>,
    /// The time each body row's labels name.
    row_times: Vec<When>,
    /// The time each grid column's headers name.
    column_times: Vec<When>,
    /// For each grid column, the deepest header naming a subject of the table's rules.
    column_subjects: Vec<Option<String>>,
}

impl Layout {
    fn new(
        vocabulary: &Vocabulary,
        table: &TableReport,
        own_unit: Option<&str>,
        year: Option<i32>,
    ) -> Layout {
        let words = &vocabulary.table_words;
        let periods = Periods { vocabulary, year };
        let paths = header_paths(&table.header_rows);
        let subjects: HashSet<&str> = vocabulary
            .tables
            .iter()
            .filter(|rule| rule.kinds.contains(&table.kind))
            .flat_map(|rule| rule.headers.iter().map(String::as_str))
            .collect();
        let column_subjects = paths
            .iter()
            .map(|path| {
                path.iter()
                    .map(|cell| normalized_item(cell))
                    .rfind(|cell| subjects.contains(cell.as_str()))
            })
            .collect();
        let column_times = paths.iter().map(|path| periods.of_column(path)).collect();
        let two_sided = table.records.iter().any(|r| r.side.is_some());
        let row_times = table
            .body_rows
            .iter()
            .map(|cells| {
                if two_sided {
                    When::Current
                } else {
                    periods.of_row(cells)
                }
            })
            .collect();
        let mut rows = row_names(table, two_sided, &periods, &paths);
        let has_total_row = rows
            .values()
            .any(|names| names.contains(&words.own_unit_row));
        if let Some(own_unit) = own_unit.filter(|_| !has_total_row) {
            // The unit's own name when a row prints it so, else the name with its scope aside:
            // 深圳市水务局 above 深圳市水务局（本级） is the department's total.
            let exact = normalized_item(own_unit);
            let printed = rows.values().flatten().any(|name| *name == exact);
            for name in rows.values_mut().flatten() {
                let is_own = if printed {
                    *name == exact
                } else {
                    without_scope(name) == without_scope(own_unit)
                };
                if is_own {
                    name.clone_from(&words.own_unit_row);
                }
            }
        }
        Layout {
            rows,
            row_times,
            column_times,
            column_subjects,
        }
    }

    /// The names a record's row goes by for it: in a two-sided table, its own item when it
    /// has one (two classifications may stand side by side), else the names of its row.
    fn names(&self, record: &Record) -> Vec<String> {
        let item = normalized_item(&record.item);
        if record.side.is_some() && !item.is_empty() {
            return vec![item];
        }
        self.rows
            .get(&(record.row, record.side.clone()))
            .cloned()
            .unwrap_or_default()
    }

    fn when(&self, record: &Record) -> When {
        let row = self.row_times.get(record.row).copied();
        let column = self.column_times.get(record.col).copied();
        row.unwrap_or(When::Current)
            .and(column.unwrap_or(When::Current))
    }

    fn subject(&self, record: &Record) -> Option<&str> {
        self.column_subjects
            .get(record.col)
            .and_then(|s| s.as_deref())
    }
}

/// The names of each row (see [`Layout::rows`]): the items of its records (a two-sided table
/// may print two classifications side by side);
/// in a one-sided table, every text cell printed in it besides (`合计` under 项目编号, or after
/// the 类 款 项 of the header); in a two-sided table, a side whose records name nothing takes
/// the text printed under its own headers (`当年支出小计` under 功能分类 when the amount is under
/// 支出用途). A label naming a year (`2026年`) is no name.
fn row_names(
    table: &TableReport,
    two_sided: bool,
    periods: &Periods,
    paths: &[Vec<String>],
) -> BTreeMap<(usize, Option<String>), Vec<String>> {
    let top = |col: usize| paths.get(col).and_then(|p| p.first()).map(|t| squash(t));
    let mut side_tops: BTreeMap<Option<String>, HashSet<String>> = BTreeMap::new();
    let mut rows: BTreeMap<(usize, Option<String>), Vec<String>> = BTreeMap::new();
    for record in &table.records {
        side_tops
            .entry(record.side.clone())
            .or_default()
            .extend(top(record.col));
        let names = rows.entry((record.row, record.side.clone())).or_default();
        let item = normalized_item(&record.item);
        if !item.is_empty() && !names.contains(&item) {
            names.push(item);
        }
    }
    for ((row, side), names) in rows.iter_mut() {
        let cells = text_cells(table, *row);
        let own: Vec<String> = match side {
            None if !two_sided => cells.into_iter().map(|(_, cell)| cell).collect(),
            Some(_) if names.is_empty() => {
                let tops = side_tops.get(side);
                cells
                    .into_iter()
                    .filter(|(col, _)| {
                        top(*col).is_some_and(|t| tops.is_some_and(|s| s.contains(&t)))
                    })
                    .map(|(_, cell)| cell)
                    .collect()
            }
            _ => Vec::new(),
        };
        for cell in own {
            if !names.contains(&cell) {
                names.push(cell);
            }
        }
    }
    // A row labelled only with a year continues the unit named above it (`深圳市水务局 / 2025年`,
    // `/ 2026年`, `/ 增减变化金额`).
    let mut above: Option<Vec<String>> = None;
    for ((_, side), names) in rows.iter_mut() {
        let labelled = names.iter().any(|name| periods.is_label(name));
        names.retain(|name| !periods.is_label(name));
        if side.is_none() && !two_sided {
            match (&above, labelled && names.is_empty()) {
                (Some(unit), true) => names.clone_from(unit),
                _ => above = Some(names.clone()).filter(|n| !n.is_empty()),
            }
        }
        if names.is_empty() {
            names.push(String::new());
        }
    }
    rows
}

/// The cells of a body row that are text, not amounts, normalized, with their grid column.
fn text_cells(table: &TableReport, row: usize) -> Vec<(usize, String)> {
    table
        .body_rows
        .get(row)
        .into_iter()
        .flatten()
        .map(|cell| normalized_item(cell))
        .enumerate()
        .filter(|(_, cell)| !cell.is_empty() && parse_amount(cell).is_none())
        .collect()
}

fn normalized_item(item: &str) -> String {
    let squashed = squash(item);
    let without_of_which = squashed.strip_prefix("其中:").unwrap_or(&squashed);
    squash(&item_name(without_of_which))
}

/// A unit's name without the scope printed after it: `深圳市统计局（本级）` is the unit
/// `深圳市统计局`.
fn without_scope(name: &str) -> String {
    let name = normalized_item(name);
    match name.rfind('(') {
        Some(at) if name.ends_with(')') && at > 0 => name[..at].to_string(),
        _ => name,
    }
}

static YEAR_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^((?:19|20)\d{2})年度?(.*)$").expect("valid regex"));

/// Reads the times headers and row labels name, for a document of `year`.
struct Periods<'v> {
    vocabulary: &'v Vocabulary,
    year: Option<i32>,
}

impl Periods<'_> {
    fn words(&self) -> &TableWords {
        &self.vocabulary.table_words
    }

    /// A column is of the years its headers name (`2025年预算数`), of the previous year under
    /// `上年`, of changes under `增减变化情况`.
    fn of_column(&self, path: &[String]) -> When {
        let cells: Vec<String> = path.iter().map(|c| squash(c)).collect();
        if cells.iter().any(|c| self.names_change(c)) {
            return When::Change;
        }
        let years: Vec<i32> = cells
            .iter()
            .flat_map(|c| years(c).map(|(_, year)| year))
            .collect();
        if cells.iter().any(|c| self.is_previous_label(c)) {
            return When::Previous;
        }
        self.of_years(&years)
    }

    /// A row is of the year its labels name (`2025年`, `上年`), of changes when one names a
    /// change (`增减变化金额`).
    fn of_row(&self, cells: &[String]) -> When {
        let mut when = When::Current;
        for cell in cells.iter().map(|c| normalized_item(c)) {
            if cell.is_empty() || parse_amount(&cell).is_some() {
                continue;
            }
            let this = if self.names_change(&cell) {
                When::Change
            } else if self.is_previous_label(&cell) {
                When::Previous
            } else {
                self.label_year(&cell)
                    .map_or(When::Current, |y| self.of_years(&[y]))
            };
            when = when.and(this);
        }
        when
    }

    fn of_years(&self, years: &[i32]) -> When {
        match self.year {
            Some(year) if !years.is_empty() && !years.contains(&year) => {
                if years.contains(&(year - 1)) {
                    When::Previous
                } else {
                    When::Other
                }
            }
            _ => When::Current,
        }
    }

    fn names_change(&self, cell: &str) -> bool {
        self.words()
            .change
            .iter()
            .any(|w| cell.contains(w.as_str()))
    }

    /// `2026年`, `2025年预算数`: the year a label names and nothing else.
    fn label_year(&self, cell: &str) -> Option<i32> {
        let captures = YEAR_LABEL.captures(cell)?;
        label::is_made_of(&captures[2], &self.words().period_suffixes, &[])
            .then(|| captures[1].parse().ok())
            .flatten()
    }

    /// `上年`, `上年预算数`: the previous year and nothing else.
    fn is_previous_label(&self, cell: &str) -> bool {
        self.is_word_label(cell, &self.vocabulary.prose.previous_year)
    }

    /// Whether a cell labels a time only (a year, `上年`, `当年`), not a row's subject.
    fn is_label(&self, cell: &str) -> bool {
        self.label_year(cell).is_some()
            || self.is_previous_label(cell)
            || self.is_word_label(cell, &self.words().current_year)
    }

    fn is_word_label(&self, cell: &str, words: &[String]) -> bool {
        words.iter().any(|w| {
            cell.strip_prefix(w.as_str())
                .is_some_and(|rest| label::is_made_of(rest, &self.words().period_suffixes, &[]))
        })
    }
}

/// Reads the figures of one table.
struct TableReader<'a> {
    vocabulary: &'a Vocabulary,
    table: &'a TableReport,
    index: usize,
    stage: Stage,
    layout: Layout,
}

impl<'a> TableReader<'a> {
    /// The table's figures in rule order: each plain rule's cell, then each `confirm` rule's
    /// first cell that the plain ones add up to; one figure per cell.
    fn figures(&self) -> Vec<Found> {
        let rules: Vec<(usize, &TableRule)> = self
            .vocabulary
            .tables
            .iter()
            .enumerate()
            .filter(|(_, rule)| rule.kinds.contains(&self.table.kind))
            .collect();
        let mut picked: Vec<(usize, Found)> = rules
            .iter()
            .filter(|(_, rule)| !rule.confirm)
            .filter_map(|&(order, rule)| {
                let record = self.cell(rule, When::Current)?;
                Some((order, self.found(rule, record)))
            })
            .collect();
        let plain: Vec<Found> = picked.iter().map(|(_, f)| f.clone()).collect();
        let pool: Vec<&Found> = plain.iter().collect();
        for &(order, rule) in rules.iter().filter(|(_, rule)| rule.confirm) {
            let confirmed = self
                .candidates(rule, When::Current)
                .into_iter()
                .flatten()
                .map(|record| self.found(rule, record))
                .find(|f| adds_up(self.vocabulary, f, &pool));
            picked.extend(confirmed.map(|f| (order, f)));
        }
        picked.sort_by_key(|(order, _)| *order);
        // Two rules of a figure (printed down, printed across) may pick the same cell.
        let mut seen = HashSet::new();
        picked
            .into_iter()
            .map(|(_, f)| f)
            .filter(|f| {
                seen.insert((
                    f.figure.figure.clone(),
                    f.row,
                    f.column.clone(),
                    f.side.clone(),
                ))
            })
            .collect()
    }

    /// The cells `rule` picks under each of its columns the matching cells have, in the
    /// rule's order, among the cells of time `when`: one per distinct amount (cells of one
    /// column that disagree leave unclear which one is meant, unless the parts they total
    /// decide it).
    fn candidates(&self, rule: &TableRule, when: When) -> Vec<Vec<&'a Record>> {
        let matching: Vec<&Record> = self
            .table
            .records
            .iter()
            .filter(|r| self.picks(rule, r) && self.layout.when(r) == when && self.in_stage(r))
            .collect();
        rule.columns
            .iter()
            .map(|column| {
                let mut distinct: Vec<&Record> = Vec::new();
                for record in matching.iter().copied().filter(|r| r.column == *column) {
                    if distinct.iter().all(|d| d.amount != record.amount) {
                        distinct.push(record);
                    }
                }
                distinct
            })
            .filter(|cells| !cells.is_empty())
            .collect()
    }

    /// The one cell a plain rule picks: in the first of its columns the matching cells have,
    /// when they agree.
    fn cell(&self, rule: &TableRule, when: When) -> Option<&'a Record> {
        match self.candidates(rule, when).first()?.as_slice() {
            [only] => Some(*only),
            _ => None,
        }
    }

    /// Whether `rule` picks `record` by its side, row, column subject and key.
    fn picks(&self, rule: &TableRule, record: &Record) -> bool {
        let side_fits = rule
            .side
            .as_deref()
            .is_none_or(|side| record.side.as_deref() == Some(side));
        let subject_fits = rule.headers.is_empty()
            || self
                .layout
                .subject(record)
                .is_some_and(|s| rule.headers.iter().any(|h| h == s));
        side_fits
            && subject_fits
            && rule.columns.contains(&record.column)
            && self.row_fits(rule, &self.layout.names(record))
    }

    fn row_fits(&self, rule: &TableRule, names: &[String]) -> bool {
        names.iter().any(|name| {
            rule.rows.contains(name) || (rule.named_rows && self.names_figure(name, &rule.figure))
        })
    }

    /// Whether a row's name names `figure` as a label of prose would.
    fn names_figure(&self, name: &str, figure: &str) -> bool {
        !name.is_empty()
            && label::named(self.vocabulary, &Label::new(name), Context::default())
                .iter()
                .any(|f| f.key == figure)
    }

    /// Whether a cell is of the document's stage: not in a `预算数`/`决算数` column group, nor
    /// under a header naming a stage (预算数, 决算数: `[prose].budget_only` and `final_only`), of
    /// the other stage.
    fn in_stage(&self, record: &Record) -> bool {
        let prose = &self.vocabulary.prose;
        let label = squash(&record.column_label);
        let names = |words: &[String]| words.iter().any(|w| label.contains(w.as_str()));
        match self.stage {
            Stage::Budget => record.group.as_deref() != Some("final") && !names(&prose.final_only),
            Stage::Final => record.group.as_deref() != Some("budget") && !names(&prose.budget_only),
        }
    }

    /// The figure `rule` reads from `record`, with the previous year's cell of the same row
    /// names and column key when the table prints one.
    fn found(&self, rule: &TableRule, record: &Record) -> Found {
        let mut found = found(
            self.index,
            self.table,
            record,
            self.layout.names(record).first().map_or("", String::as_str),
            &rule.figure,
        );
        found.figure.previous = self.previous(rule, record);
        found
    }

    /// The cell of the previous year that `rule` picks beside `record`: under the same column
    /// key, in the same grid column when the years are rows, else under a column of the same
    /// subject; `None` unless one amount is left.
    fn previous(&self, rule: &TableRule, record: &Record) -> Option<Decimal> {
        let cells: Vec<&Record> = self
            .table
            .records
            .iter()
            .filter(|r| {
                r.column == record.column
                    && self.picks(rule, r)
                    && self.layout.when(r) == When::Previous
                    && self.in_stage(r)
            })
            .collect();
        let same_col: Vec<&Record> = cells
            .iter()
            .copied()
            .filter(|r| r.col == record.col)
            .collect();
        let narrowed = if same_col.is_empty() {
            let subject = self.layout.subject(record);
            cells
                .into_iter()
                .filter(|r| self.layout.subject(r) == subject)
                .collect()
        } else {
            same_col
        };
        let first = narrowed.first()?;
        narrowed
            .iter()
            .all(|r| r.amount == first.amount)
            .then_some(first.amount)
    }
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
    fn appropriations_named_without_budget_or_without_grant() {
        // 西安's 部门综合预算收支总表 under 1、财政拨款.
        let summary = table(
            "budget_summary",
            vec![
                record(
                    0,
                    Some("revenue"),
                    "(1)一般公共预算拨款",
                    "amount",
                    "48054.42",
                ),
                record(1, Some("revenue"), "(2)政府性基金拨款", "amount", "0.00"),
                record(
                    2,
                    Some("revenue"),
                    "(3)国有资本经营预算收入",
                    "amount",
                    "0.00",
                ),
            ],
        );
        assert_eq!(
            figures(&[summary], Stage::Budget),
            [
                pair("general_budget_appropriation", "48054.42"),
                pair("gov_fund_appropriation", "0.00"),
                pair("state_capital_appropriation", "0.00"),
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

    /// A table as printed: `headers` over the grid, `keys` the column key of each grid column,
    /// one record per amount of `rows`, its item the first text cell of its row.
    fn grid(kind: &str, headers: &[&[&str]], keys: &[&str], rows: &[&[&str]]) -> TableReport {
        let strings = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let mut records = Vec::new();
        for (row, cells) in rows.iter().enumerate() {
            let item = cells
                .iter()
                .find(|c| !c.is_empty() && parse_amount(c).is_none())
                .copied()
                .unwrap_or("");
            for (col, cell) in cells.iter().enumerate() {
                let Some(amount) = parse_amount(cell) else {
                    continue;
                };
                let mut r = record(row, None, item, keys[col], "0");
                r.raw = cell.to_string();
                r.col = col;
                r.amount = amount * Decimal::from(10_000);
                r.column_label = headers.last().map_or("", |h| h[col]).to_string();
                records.push(r);
            }
        }
        TableReport {
            header_rows: headers.iter().map(|h| strings(h)).collect(),
            body_rows: rows.iter().map(|r| strings(r)).collect(),
            ..table(kind, records)
        }
    }

    fn with_previous(tables: &[TableReport]) -> Vec<(String, String, Option<Decimal>)> {
        table_figures(
            tables,
            Vocabulary::standard(),
            Stage::Budget,
            Some(2026),
            Some("某某局"),
        )
        .into_iter()
        .map(|f| (f.figure.figure, f.figure.raw, f.figure.previous))
        .collect()
    }

    fn wan(raw: &str) -> Option<Decimal> {
        Some(Decimal::from_str(raw).unwrap() * Decimal::from(10_000))
    }

    #[test]
    fn items_in_headers_over_sources_rows_by_year_and_a_row_of_changes() {
        // 深圳: the items head the columns, each over the sources of the money; one row per
        // year and one of changes, the unit named (with its scope) in the first only.
        let headers: &[&[&str]] = &[
            &[
                "预算单位",
                "年度",
                "总计",
                "",
                "因公出国(境)费",
                "",
                "公务接待费",
                "",
                "公务用车购置及运行维护费",
                "",
                "",
                "",
            ],
            &[
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "小计",
                "",
                "公务用车购置费",
                "公务用车运行维护费",
            ],
            &[
                "",
                "",
                "一般公共预算",
                "政府性基金预算",
                "一般公共预算",
                "政府性基金预算",
                "一般公共预算",
                "政府性基金预算",
                "一般公共预算",
                "政府性基金预算",
                "一般公共预算",
                "一般公共预算",
            ],
        ];
        let keys = &[
            "",
            "",
            "general_budget",
            "gov_fund",
            "general_budget",
            "gov_fund",
            "general_budget",
            "gov_fund",
            "general_budget",
            "gov_fund",
            "general_budget",
            "general_budget",
        ];
        let table = grid(
            "three_public_expenses",
            headers,
            keys,
            &[
                &[
                    "某某局(本级)",
                    "2025年",
                    "59.62",
                    "0.00",
                    "43.87",
                    "0.00",
                    "11.56",
                    "0.00",
                    "4.20",
                    "0.00",
                    "0.00",
                    "4.20",
                ],
                &[
                    "", "2026年", "32.56", "0.00", "16.80", "0.00", "11.56", "0.00", "4.20",
                    "0.00", "0.00", "4.20",
                ],
                &[
                    "",
                    "增减变化金额",
                    "-27.07",
                    "0.00",
                    "-27.07",
                    "0.00",
                    "0.00",
                    "0.00",
                    "0.00",
                    "0.00",
                    "0.00",
                    "0.00",
                ],
            ],
        );
        let found = with_previous(&[table]);
        for (figure, raw, previous) in [
            ("three_public_total", "32.56", "59.62"),
            ("abroad", "16.80", "43.87"),
            ("reception", "11.56", "11.56"),
            ("vehicle_purchase_and_operation", "4.20", "4.20"),
            ("vehicle_purchase", "0.00", "0.00"),
            ("vehicle_operation", "4.20", "4.20"),
        ] {
            assert!(
                found.contains(&(figure.to_string(), raw.to_string(), wan(previous))),
                "{figure}: {found:?}"
            );
        }
        assert_eq!(found.len(), 6, "{found:?}");
    }

    #[test]
    fn previous_and_change_columns_and_a_total_tried_until_the_items_add_up() {
        // 西安: 上年, 当年 and 增减变化情况 side by side; each 合计 counts 会议费 and 培训费 too,
        // the 三公 total is the 小计 beside it.
        let headers: &[&[&str]] = &[
            &[
                "单位名称",
                "上年",
                "",
                "",
                "",
                "",
                "当年",
                "",
                "",
                "",
                "",
                "增减变化情况",
                "",
                "",
                "",
                "",
            ],
            &[
                "",
                "合计",
                "小计",
                "公务接待费",
                "公务用车购置及运行维护费",
                "会议费",
                "合计",
                "小计",
                "公务接待费",
                "公务用车购置及运行维护费",
                "会议费",
                "合计",
                "小计",
                "公务接待费",
                "公务用车购置及运行维护费",
                "会议费",
            ],
        ];
        let keys = &[
            "",
            "total",
            "general_budget",
            "reception",
            "vehicle_purchase_and_operation",
            "meetings",
            "total",
            "general_budget",
            "reception",
            "vehicle_purchase_and_operation",
            "meetings",
            "change",
            "general_budget",
            "reception",
            "vehicle_purchase_and_operation",
            "meetings",
        ];
        let table = grid(
            "three_public_expenses",
            headers,
            keys,
            &[&[
                "合计", "22.30", "9.30", "1.80", "7.50", "13.00", "13.89", "8.10", "1.50", "6.60",
                "5.79", "-8.41", "-1.20", "-0.30", "-0.90", "-7.21",
            ]],
        );
        let found = with_previous(&[table]);
        assert!(
            found.contains(&(
                "three_public_total".to_string(),
                "8.10".to_string(),
                wan("9.30")
            )),
            "{found:?}"
        );
        assert!(
            found.contains(&("reception".to_string(), "1.50".to_string(), wan("1.80"))),
            "{found:?}"
        );
        assert!(
            !found
                .iter()
                .any(|(_, raw, _)| raw == "13.89" || raw.starts_with('-')),
            "{found:?}"
        );
    }

    #[test]
    fn rows_named_as_prose_names_them_and_the_units_row_whatever_its_scope() {
        let headers: &[&[&str]] = &[&["项目", "合计", "一般公共预算"]];
        let keys = &["", "total", "general_budget"];
        let table = grid(
            "three_public_expenses",
            headers,
            keys,
            &[
                &["行政经费", "839.21", "839.21"],
                &["“三公”经费", "19.86", "19.86"],
                &["其中：（一）因公出国（境）支出", "5.00", "5.00"],
                &["（二）公务用车购置及运行维护支出", "6.70", "6.70"],
                &["（三）公务接待费支出", "8.16", "8.16"],
            ],
        );
        let found = figures(&[table], Stage::Budget);
        for (figure, raw) in [
            ("operating_expenses", "839.21"),
            ("three_public_total", "19.86"),
            ("abroad", "5.00"),
            ("vehicle_purchase_and_operation", "6.70"),
            ("reception", "8.16"),
        ] {
            assert!(found.contains(&pair(figure, raw)), "{figure}: {found:?}");
        }
        let summary = table_figures(
            &[grid(
                "expenditure_summary",
                &[&["预算单位", "支出总计", "基本支出", "项目支出"]],
                &["", "total", "basic", "project"],
                &[
                    &["某某局（本级）", "5,417.80", "4,104.00", "1,313.80"],
                    &["一般公共服务支出", "3,478.72", "2,357.92", "1,120.80"],
                ],
            )],
            Vocabulary::standard(),
            Stage::Budget,
            Some(2026),
            Some("某某局"),
        );
        assert_eq!(summary.len(), 3, "{summary:?}");
    }

    #[test]
    fn a_total_printed_beside_the_codes_and_one_amount_printed_in_several_columns() {
        // 上海's 决算 print 合计 after the 类 款 项 header cells of the first body row.
        let final_table = grid(
            "final_expenditure",
            &[&[
                "类",
                "款",
                "项",
                "科目名称",
                "本年支出合计",
                "基本支出",
                "项目支出",
            ]],
            &["", "", "", "", "total", "basic", "project"],
            &[&["类", "款", "项", "合计", "2,940.05", "2,336.91", "603.14"]],
        );
        let found = table_figures(
            &[final_table],
            Vocabulary::standard(),
            Stage::Final,
            Some(2024),
            None,
        );
        assert_eq!(found.len(), 3, "{found:?}");
        // 西安's 收支总表 repeat the expenditure total in three classifications.
        let mut summary = table(
            "budget_summary",
            vec![
                record(0, Some("expenditure"), "支出总计", "amount", "94386.50"),
                record(0, Some("expenditure"), "支出总计", "amount", "94386.50"),
            ],
        );
        summary.records[1].col = 4;
        assert_eq!(
            figures(&[summary], Stage::Budget),
            [pair("expenditure_total", "94386.50")]
        );
    }

    #[test]
    fn a_side_without_names_takes_the_text_under_its_own_headers() {
        // 江苏: 当年支出小计 is printed under 功能分类, its amount under 支出用途.
        let headers: &[&[&str]] = &[
            &["收入", "", "支出", "", "", ""],
            &[
                "项目名称",
                "金额",
                "功能科目名称",
                "金额",
                "项目名称",
                "金额",
            ],
        ];
        let mut summary = grid(
            "budget_summary",
            headers,
            &["", "amount", "", "amount", "", "amount"],
            &[
                &[
                    "一、财政拨款",
                    "17,981.68",
                    "四、公共安全支出",
                    "13,656.34",
                    "一、基本支出",
                    "12,323.48",
                ],
                &[
                    "当年收入小计",
                    "17,996.68",
                    "当年支出小计",
                    "",
                    "",
                    "17,996.68",
                ],
                &["收入合计", "17,996.68", "支出合计", "", "", "17,996.68"],
            ],
        );
        for record in &mut summary.records {
            let expenditure = record.col > 1;
            record.side = Some(
                if expenditure {
                    "expenditure"
                } else {
                    "revenue"
                }
                .to_string(),
            );
            if expenditure && record.row > 0 {
                record.item = String::new();
            } else if expenditure {
                record.item = summary.body_rows[0][record.col - 1].clone();
            }
        }
        let found = figures(&[summary], Stage::Budget);
        for (figure, raw) in [
            ("revenue_current", "17,996.68"),
            ("revenue_total", "17,996.68"),
            ("expenditure_current", "17,996.68"),
            ("expenditure_total", "17,996.68"),
            ("basic_expenditure", "12,323.48"),
        ] {
            assert!(found.contains(&pair(figure, raw)), "{figure}: {found:?}");
        }
    }

    #[test]
    fn the_total_among_cells_of_one_key_is_the_one_its_items_add_up_to() {
        // 合计 (with 会议费 and 培训费) and the 三公 小计 under the same key.
        let headers: &[&[&str]] = &[
            &["合计", "“三公”经费", "", "", "会议费"],
            &["", "小计", "因公出国(境)费", "公务接待费", ""],
        ];
        let table = grid(
            "three_public_expenses",
            headers,
            &["total", "total", "abroad", "reception", "meetings"],
            &[&["1,452.35", "584.35", "110.00", "474.35", "868.00"]],
        );
        let found = figures(&[table], Stage::Budget);
        assert!(
            found.contains(&pair("three_public_total", "584.35")),
            "{found:?}"
        );
        assert!(!found.iter().any(|(_, raw)| raw == "1,452.35"), "{found:?}");
        // A final account's 三公 table printed across, 预算数 and 决算数 under every item.
        let headers: &[&[&str]] = &[
            &[
                "合计",
                "",
                "因公出国(境)费",
                "",
                "公务用车购置及运行维护费",
                "",
                "公务接待费",
                "",
            ],
            &[
                "预算数",
                "决算数",
                "预算数",
                "决算数",
                "预算数",
                "决算数",
                "预算数",
                "决算数",
            ],
        ];
        let table = grid(
            "final_three_public_expenses",
            headers,
            &[
                "budget",
                "final",
                "abroad",
                "abroad",
                "budget",
                "final",
                "reception",
                "reception",
            ],
            &[&[
                "2.85", "0.39", "0.00", "0.00", "0.00", "0.00", "2.85", "0.39",
            ]],
        );
        let found = table_figures(
            &[table],
            Vocabulary::standard(),
            Stage::Final,
            Some(2026),
            None,
        );
        let raw_of = |key: &str| {
            found
                .iter()
                .find(|f| f.figure.figure == key)
                .map(|f| f.figure.raw.clone())
        };
        assert_eq!(raw_of("three_public_total").as_deref(), Some("0.39"));
        assert_eq!(
            raw_of("vehicle_purchase_and_operation").as_deref(),
            Some("0.00")
        );
    }

    #[test]
    fn a_department_above_its_own_office_and_rows_continuing_a_unit_by_year() {
        // 深圳市水务局 totals its units, 深圳市水务局（本级） is one of them; the 三公 table prints
        // each unit over three rows: 2025年, 2026年, 增减变化金额.
        let summary = grid(
            "expenditure_summary",
            &[&["预算单位", "科目名称", "支出总计", "基本支出", "项目支出"]],
            &["", "", "total", "basic", "project"],
            &[
                &["某某局", "", "857,808.76", "46,138.79", "811,669.97"],
                &[
                    "某某局（本级）",
                    "",
                    "178,214.28",
                    "12,000.00",
                    "166,214.28",
                ],
            ],
        );
        let headers: &[&[&str]] = &[
            &["预算单位", "年度", "总计", "因公出国(境)费", "公务接待费"],
            &["", "", "一般公共预算", "一般公共预算", "一般公共预算"],
        ];
        let three_public = grid(
            "three_public_expenses",
            headers,
            &["", "", "general_budget", "general_budget", "general_budget"],
            &[
                &["某某局", "2025年", "382.64", "5.20", "377.44"],
                &["", "2026年", "469.17", "71.20", "397.97"],
                &["", "增减变化金额", "86.53", "66.00", "20.53"],
                &["某某局（本级）", "2025年", "39.87", "0.00", "39.87"],
                &["", "2026年", "146.77", "0.00", "146.77"],
            ],
        );
        let found = with_previous(&[summary, three_public]);
        for (figure, raw, previous) in [
            ("basic_expenditure", "46,138.79", None),
            ("project_expenditure", "811,669.97", None),
            ("three_public_total", "469.17", wan("382.64")),
            ("abroad", "71.20", wan("5.20")),
            ("reception", "397.97", wan("377.44")),
        ] {
            assert!(
                found.contains(&(figure.to_string(), raw.to_string(), previous)),
                "{figure}: {found:?}"
            );
        }
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
