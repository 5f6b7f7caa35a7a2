//! The seed disclosure end to end through recognize → normalize → validate: every table's
//! kind, spot-checked records, every check passing, and a perturbed copy failing exactly the
//! checks the changed amount takes part in.

mod recognize_support;

use std::str::FromStr;

use budgetpdf::recognize::{Catalogue, DocumentContext, classify_all, document_meta};
use budgetpdf::report::{Check, CheckStatus, DocumentKind, TableReport};
use budgetpdf::table::Table;
use budgetpdf::{normalize, pipeline};
use rust_decimal::Decimal;

fn seed() -> Vec<Table> {
    recognize_support::seed_tables(&recognize_support::seed_text())
}

fn reports(tables: &[Table]) -> Vec<TableReport> {
    pipeline::read(Catalogue::standard(), tables, &DocumentContext::default()).tables
}

fn checks(tables: &[Table]) -> Vec<Check> {
    pipeline::read(Catalogue::standard(), tables, &DocumentContext::default()).checks
}

#[test]
fn every_seed_table_gets_its_kind() {
    let tables = seed();
    let kinds: Vec<String> = reports(&tables).into_iter().map(|r| r.kind).collect();
    let mut expected = vec![
        "budget_summary",
        "revenue_summary",
        "expenditure_summary",
        "appropriation_summary",
        "general_budget_expenditure",
        "basic_expenditure_by_economic",
        "gov_fund_revenue",
        "gov_fund_expenditure",
        "state_capital_budget",
        "three_public_expenses",
        "operating_expenses",
        "project_expenditure",
        "project_expenditure_carryover",
    ];
    expected.extend(["performance_targets"; 5]);
    assert_eq!(kinds, expected);
}

#[test]
fn seed_units_and_empty_tables() {
    let tables = seed();
    let reports = reports(&tables);
    let empty: Vec<usize> = (0..reports.len()).filter(|&i| reports[i].no_data).collect();
    assert_eq!(empty, [6, 7, 8, 9, 10, 12]);
    for report in &reports[..13] {
        assert_eq!(
            report.amount_unit.as_deref(),
            Some("万元"),
            "{:?}",
            report.title
        );
        assert_eq!(
            report.unit_name.as_deref(),
            Some("长治市上党区社会治安综合治理中心")
        );
        assert_eq!(
            report.no_data,
            report.records.is_empty(),
            "{:?}",
            report.title
        );
    }
}

#[test]
fn seed_document_meta() {
    let text = recognize_support::seed_text();
    // The seed marks headings with `#`, which a PDF's text lines do not have.
    let lines: Vec<String> = text
        .lines()
        .map(|l| l.trim_start_matches('#').trim().to_string())
        .collect();
    let tables = seed();
    let catalogue = Catalogue::standard();
    let classes = classify_all(catalogue, &tables, &DocumentContext::default());
    let meta = document_meta(catalogue, &[lines], &tables, &classes);
    assert_eq!(
        meta.unit.as_deref(),
        Some("长治市上党区社会治安综合治理中心")
    );
    assert_eq!(meta.year, Some(2023));
    assert_eq!(meta.kind, DocumentKind::UnitBudget);
}

#[test]
fn seed_records_carry_code_column_and_yuan() {
    let tables = seed();
    let reports = reports(&tables);
    let find = |table: usize, code: Option<&str>, item: &str, column: &str| {
        reports[table]
            .records
            .iter()
            .find(|r| r.code.as_deref() == code && r.item == item && r.column == column)
            .unwrap_or_else(|| panic!("no record {code:?} {item} {column} in table {table}"))
    };
    let yuan = |s: &str| Decimal::from_str(s).unwrap();
    let record = find(2, Some("2013150"), "事业运行", "basic");
    assert_eq!(
        (record.amount, record.level.as_deref(), record.raw.as_str()),
        (yuan("901100.00"), Some("项"), "90.11")
    );
    let record = find(0, None, "一般公共预算", "amount");
    assert_eq!(
        (record.side.as_deref(), record.amount),
        (Some("revenue"), yuan("8665300.00"))
    );
    let record = find(0, None, "住房保障支出", "total");
    assert_eq!(
        (record.side.as_deref(), record.amount),
        (Some("expenditure"), yuan("102900.00"))
    );
    let record = find(5, None, "奖励金", "personnel");
    assert_eq!(
        (record.parent.as_deref(), record.amount),
        (Some("对个人和家庭的补助"), yuan("1200.00"))
    );
    let record = find(11, None, "森林防火设施经费", "general_budget");
    assert_eq!(record.amount, yuan("4431000.00"));
    let record = find(3, None, "本年支出合计", "general_budget");
    assert_eq!(record.side.as_deref(), Some("expenditure"));
    // Every numeric body cell of the amount tables is a record, and nothing else is.
    for report in &reports[..13] {
        let numeric_cells = report
            .body_rows
            .iter()
            .flatten()
            .filter(|c| normalize::parse_amount(c).is_some() && !is_code_or_index(c))
            .count();
        assert_eq!(report.records.len(), numeric_cells, "{:?}", report.title);
    }
}

/// Codes (`2013150`) parse as numbers but are labels, not amounts.
fn is_code_or_index(cell: &str) -> bool {
    cell.chars().all(|c| c.is_ascii_digit()) && [3, 5, 7].contains(&cell.len())
}

#[test]
fn every_seed_check_holds() {
    let tables = seed();
    let checks = checks(&tables);
    assert!(checks.len() > 100, "only {} checks", checks.len());
    let failing: Vec<_> = checks
        .iter()
        .filter(|c| c.status == CheckStatus::Fail)
        .collect();
    assert!(failing.is_empty(), "{failing:#?}");
    for rule in [
        "budget_summary.revenue_total_eq_expenditure_total",
        "expenditure_summary.total_eq_basic_plus_project",
        "basic_expenditure_by_economic.total_eq_sum_of_top_level",
        "cross.expenditure_summary_total_eq_budget_summary",
        "cross.revenue_summary_total_eq_budget_summary",
        "cross.basic_expenditure_eq_general_budget_basic",
        "cross.general_budget_expenditure_eq_appropriation_summary",
    ] {
        assert!(checks.iter().any(|c| c.rule == rule), "{rule} never ran");
    }
}

#[test]
fn a_perturbed_amount_fails_exactly_its_checks() {
    let mut tables = seed();
    // 支出总表, 2013150 事业运行, 基本支出: 90.11 → 91.11 (a 0.01 change would be within the
    // rounding the printed precision allows).
    let row = tables[2]
        .body_rows
        .iter()
        .position(|r| r[0] == "2013150")
        .expect("row 2013150");
    assert_eq!(tables[2].body_rows[row][3], "90.11");
    tables[2].body_rows[row][3] = "91.11".to_string();
    let failing: Vec<(String, usize, Option<usize>, Option<String>)> = checks(&tables)
        .into_iter()
        .filter(|c| c.status == CheckStatus::Fail)
        .map(|c| (c.rule, c.table.expect("a table's check"), c.row, c.column))
        .collect();
    assert_eq!(
        failing,
        [
            (
                "expenditure_summary.parent_eq_sum_of_children".to_string(),
                2,
                Some(2),
                Some("basic".to_string())
            ),
            (
                "expenditure_summary.total_eq_basic_plus_project".to_string(),
                2,
                Some(row),
                Some("total".to_string())
            ),
        ]
    );
}

#[test]
fn seed_performance_forms() {
    let tables = seed();
    let forms: Vec<_> = tables
        .iter()
        .enumerate()
        .skip(13)
        .filter_map(|(i, t)| normalize::performance_form(i, t))
        .collect();
    assert_eq!(forms.len(), 5);
    let form = &forms[0];
    assert_eq!(form.project.as_deref(), Some("森林防火设施经费"));
    assert_eq!(
        form.department.as_deref(),
        Some("001-中国共产党长治市上党区委员会办公室")
    );
    assert_eq!(
        form.implementing_unit.as_deref(),
        Some("长治市上党区社会治安综合治理中心")
    );
    assert_eq!(form.funds_total, Some(Decimal::from(4_431_000)));
    assert!(
        form.fund_sources
            .contains(&("市县(区)财政资金".to_string(), "4431000".to_string()))
    );
    assert_eq!(
        form.goals,
        ["保证森林防火作用发挥最大化,实现所有林区全覆盖。"]
    );
    assert!(
        form.indicators
            .iter()
            .any(|i| i.level3 == "热成像云台补点" && i.value == "≤9处" && i.level1 == "产出指标")
    );
    let projects: Vec<_> = forms.iter().filter_map(|f| f.project.as_deref()).collect();
    assert_eq!(
        projects,
        [
            "森林防火设施经费",
            "护林防火警示设施经费",
            "社会治理专项经费",
            "应急值班工作经费",
            "警亮工程链路维护费"
        ]
    );
}
