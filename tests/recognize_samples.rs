//! The samples' truth grids through recognize → normalize → validate: every table's kind, every
//! amount a record, every check of these consistent documents holding, and a perturbed copy
//! failing exactly the checks the changed amount takes part in.

mod common;

use budgetpdf::recognize::{Catalogue, DocumentContext, squash};
use budgetpdf::report::{Check, CheckStatus, TableReport};
use budgetpdf::table::Table;
use budgetpdf::{normalize, pipeline};
use common::Truth;

fn truths() -> Vec<Truth> {
    common::load_all()
        .into_iter()
        .map(|(_, truth)| truth)
        .collect()
}

/// The table as the table stage delivers it, from the truth's grid and lines.
fn tables(truth: &Truth) -> Vec<Table> {
    truth
        .tables
        .iter()
        .map(|t| Table {
            title: Some(t.title.clone()),
            pages: t.pages,
            context_lines: t.context_lines.clone(),
            notes: t.notes.clone(),
            header_rows: t.header_rows.clone(),
            body_rows: t.body_rows.clone(),
            body_row_pages: t.body_row_pages.clone(),
            ..Table::default()
        })
        .collect()
}

fn reports(tables: &[Table]) -> Vec<TableReport> {
    pipeline::read(Catalogue::standard(), tables, &DocumentContext::default()).tables
}

fn checks(tables: &[Table]) -> Vec<Check> {
    pipeline::read(Catalogue::standard(), tables, &DocumentContext::default()).checks
}

#[test]
fn every_sample_table_gets_its_kind() {
    let mut wrong = Vec::new();
    for truth in truths() {
        for (table, report) in truth.tables.iter().zip(reports(&tables(&truth))) {
            let found = (&report.amount_unit, &report.unit_name, report.no_data);
            let expected = (&table.amount_unit, &table.unit_name, table.no_data);
            if found != expected {
                wrong.push(format!(
                    "{}: {:?} unit/name/no_data {found:?}, not {expected:?}",
                    truth.file, table.title
                ));
            }
            if report.kind != table.kind {
                wrong.push(format!(
                    "{}: {:?} is {}, not {}",
                    truth.file, table.title, report.kind, table.kind
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Columns that hold labels however numeric their cells look: codes, 类/款/项 parts, 序号.
fn is_label_column(table: &Table, col: usize) -> bool {
    table
        .header_rows
        .iter()
        .filter_map(|r| r.get(col))
        .map(|c| squash(c))
        .any(|c| {
            ["类", "款", "项"].contains(&c.as_str())
                || ["编码", "代码", "序号"].iter().any(|l| c.contains(l))
        })
}

#[test]
fn every_sample_amount_is_a_record() {
    let mut wrong = Vec::new();
    for truth in truths() {
        let tables = tables(&truth);
        for (table, report) in tables.iter().zip(reports(&tables)) {
            if report.kind.starts_with("performance") {
                continue;
            }
            for (row_index, row) in table.body_rows.iter().enumerate() {
                let amounts = row
                    .iter()
                    .enumerate()
                    .filter(|(col, cell)| {
                        normalize::parse_amount(cell).is_some() && !is_label_column(table, *col)
                    })
                    .count();
                let records = report.records.iter().filter(|r| r.row == row_index).count();
                if amounts != records {
                    wrong.push(format!(
                        "{} {:?} row {row_index}: {amounts} amounts, {records} records: {row:?}",
                        truth.file, table.title
                    ));
                }
            }
            for record in &report.records {
                if record.column == "other" {
                    wrong.push(format!(
                        "{} {:?}: column {:?} has no key",
                        truth.file, table.title, record.column_label
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_sample_check_holds() {
    let mut failing = Vec::new();
    for truth in truths() {
        let checks = checks(&tables(&truth));
        assert!(!checks.is_empty(), "{}: no checks ran", truth.file);
        failing.extend(
            checks
                .into_iter()
                .filter(|c| c.status == CheckStatus::Fail)
                .map(|c| format!("{}: {c:?}", truth.file)),
        );
    }
    assert!(failing.is_empty(), "{}", failing.join("\n"));
}

#[test]
fn a_perturbed_sample_fails_exactly_its_checks() {
    let truth = truths()
        .into_iter()
        .find(|t| t.file.starts_with("jianghai_2025_dept_budget_transport"))
        .expect("sample");
    let mut tables = tables(&truth);
    let table = truth
        .tables
        .iter()
        .position(|t| t.kind == "expenditure_summary")
        .expect("支出总表");
    let reports_before = reports(&tables);
    // A 项 row's 基本支出, printed differently from its 合计 so that the cell is found by its
    // text: add 1000 yuan.
    let records = &reports_before[table].records;
    let printed_once = |r: &&budgetpdf::report::Record| {
        records
            .iter()
            .filter(|o| o.row == r.row && o.raw == r.raw)
            .count()
            == 1
    };
    let target = records
        .iter()
        .filter(printed_once)
        .find(|r| r.level.as_deref() == Some("项") && r.column == "basic")
        .expect("a 项 basic amount")
        .clone();
    let col = tables[table].body_rows[target.row]
        .iter()
        .position(|c| *c == target.raw)
        .expect("cell");
    let changed = target.amount + rust_decimal::Decimal::from(1000);
    tables[table].body_rows[target.row][col] = changed.round_dp(2).to_string();
    let failing: Vec<(String, Option<usize>, Option<String>)> = checks(&tables)
        .into_iter()
        .filter(|c| c.status == CheckStatus::Fail)
        .map(|c| (c.rule, c.row, c.column))
        .collect();
    let parent_row = reports_before[table]
        .records
        .iter()
        .find(|r| {
            r.level.as_deref() == Some("款")
                && target
                    .code
                    .as_deref()
                    .is_some_and(|c| c.starts_with(r.code.as_deref().unwrap_or("-")))
        })
        .expect("parent")
        .row;
    assert_eq!(
        failing,
        [
            (
                "expenditure_summary.parent_eq_sum_of_children".to_string(),
                Some(parent_row),
                Some("basic".to_string())
            ),
            (
                "expenditure_summary.total_eq_basic_plus_project".to_string(),
                Some(target.row),
                Some("total".to_string())
            ),
        ]
    );
}

#[test]
fn every_sample_form_is_read() {
    let mut wrong = Vec::new();
    for truth in truths() {
        let tables = tables(&truth);
        let forms: Vec<_> = truth
            .tables
            .iter()
            .enumerate()
            .filter(|(_, t)| t.kind == "performance_targets")
            .filter_map(|(i, _)| normalize::performance_form(i, &tables[i]))
            .collect();
        assert_eq!(forms.len(), truth.forms.len(), "{}", truth.file);
        for (form, expected) in forms.iter().zip(&truth.forms) {
            let indicators: Vec<[String; 4]> = form
                .indicators
                .iter()
                .map(|i| {
                    [
                        i.level1.clone(),
                        i.level2.clone(),
                        i.level3.clone(),
                        i.value.clone(),
                    ]
                })
                .collect();
            let found = (
                &form.project,
                &form.department,
                &form.implementing_unit,
                form.funds_total.map(|f| format!("{f:.2}")),
                indicators,
            );
            let wanted = (
                &Some(expected.project.clone()),
                &Some(expected.department.clone()),
                &Some(expected.implementing_unit.clone()),
                Some(expected.funds_total.clone()),
                expected.indicators.clone(),
            );
            if found != wanted {
                wrong.push(format!(
                    "{}: found {found:?}\nwanted {wanted:?}",
                    truth.file
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_final_account_sample_runs_its_rules() {
    let truth = truths()
        .into_iter()
        .find(|t| t.file.starts_with("jianghai_2024_dept_final_planning"))
        .expect("final account sample");
    let checks = checks(&tables(&truth));
    let ran: std::collections::BTreeSet<&str> = checks.iter().map(|c| c.rule.as_str()).collect();
    for rule in [
        "final_three_public_expenses.total_eq_sum_of_three_public",
        "final_three_public_expenses.vehicles_eq_purchase_plus_operation",
        "final_basic_expenditure_by_economic.parent_eq_sum_of_children",
        "final_expenditure.total_eq_basic_plus_project",
        "final_summary.revenue_total_eq_expenditure_total",
    ] {
        assert!(ran.contains(rule), "{rule} did not run; ran: {ran:?}");
    }
}
