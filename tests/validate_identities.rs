//! The declared identities on tables written for them, through recognize → normalize →
//! validate (`pipeline::read`): bands are never compared with each other, a summary balances
//! itself, rows without codes follow their numbering, units add up, a row repeated at a page
//! break counts once, tables are compared like with like, numbers that are not money stay
//! row attributes, and a new identity is a data edit.

use budgetpdf::pipeline;
use budgetpdf::recognize::{Catalogue, DocumentContext};
use budgetpdf::report::{Check, CheckStatus};
use budgetpdf::table::Table;

fn rows(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

/// A table as the table stage delivers it, printed on page 3, amounts in 万元.
fn table(title: &str, header: &[&[&str]], body: &[&[&str]]) -> Table {
    Table {
        title: Some(title.to_string()),
        pages: [3, 3],
        context_lines: vec!["单位：万元".to_string()],
        header_rows: rows(header),
        body_row_pages: vec![3; body.len()],
        body_rows: rows(body),
        ..Table::default()
    }
}

fn checks(tables: &[Table]) -> Vec<Check> {
    pipeline::read(Catalogue::standard(), tables, &DocumentContext::default()).checks
}

/// (rule, row, grid column) of the failing checks.
fn failing(checks: &[Check]) -> Vec<(String, Option<usize>, Option<usize>)> {
    checks
        .iter()
        .filter(|c| c.status == CheckStatus::Fail)
        .map(|c| (c.rule.clone(), c.row, c.col))
        .collect()
}

fn ran<'a>(checks: &'a [Check], rule: &str) -> Vec<&'a Check> {
    checks.iter().filter(|c| c.rule == rule).collect()
}

/// 当年预算 | 上年结转, each with 合计 | 基本支出 | 项目支出, beside the whole 合计.
fn banded() -> Table {
    table(
        "一般公共预算支出表",
        &[
            &[
                "科目编码",
                "科目名称",
                "合计",
                "当年预算",
                "",
                "",
                "上年结转",
                "",
                "",
            ],
            &[
                "",
                "",
                "",
                "合计",
                "基本支出",
                "项目支出",
                "合计",
                "基本支出",
                "项目支出",
            ],
        ],
        &[
            &[
                "合计", "", "150.00", "120.00", "100.00", "20.00", "30.00", "10.00", "20.00",
            ],
            &[
                "201",
                "一般公共服务支出",
                "150.00",
                "120.00",
                "100.00",
                "20.00",
                "30.00",
                "10.00",
                "20.00",
            ],
            &[
                "20101",
                "人大事务",
                "150.00",
                "120.00",
                "100.00",
                "20.00",
                "30.00",
                "10.00",
                "20.00",
            ],
        ],
    )
}

#[test]
fn two_bands_with_the_same_sub_columns_are_checked_apart() {
    let reading = pipeline::read(
        Catalogue::standard(),
        &[banded()],
        &DocumentContext::default(),
    );
    let records = &reading.tables[0].records;
    let bands: Vec<(usize, &str, Option<&str>)> = records
        .iter()
        .filter(|r| r.row == 0)
        .map(|r| (r.col, r.column.as_str(), r.band.as_deref()))
        .collect();
    assert_eq!(
        bands,
        [
            (2, "total", None),
            (3, "total", Some("当年预算")),
            (4, "basic", Some("当年预算")),
            (5, "project", Some("当年预算")),
            (6, "total", Some("上年结转")),
            (7, "basic", Some("上年结转")),
            (8, "project", Some("上年结转")),
        ]
    );
    let checks = reading.checks;
    assert_eq!(failing(&checks), []);
    // 合计 = 基本支出 + 项目支出 in each band of each row, and 合计 = the bands' 合计.
    let per_band = ran(
        &checks,
        "general_budget_expenditure.total_eq_basic_plus_project",
    );
    assert_eq!(per_band.len(), 6, "{per_band:#?}");
    assert!(
        per_band
            .iter()
            .all(|c| c.band.is_some() && c.terms.len() == 2)
    );
    let whole = ran(&checks, "general_budget_expenditure.total_eq_sum_of_bands");
    assert_eq!(whole.len(), 3);
    assert_eq!(whole[0].col, Some(2));
    let located: Vec<(usize, usize)> = whole[0].terms.iter().map(|t| (t.row, t.col)).collect();
    assert_eq!(located, [(0, 3), (0, 6)]);
}

#[test]
fn a_perturbed_carryover_amount_fails_exactly_its_band_checks() {
    let mut perturbed = banded();
    // 20101 上年结转 › 基本支出: 10.00 → 11.00.
    perturbed.body_rows[2][7] = "11.00".to_string();
    assert_eq!(
        failing(&checks(&[perturbed])),
        [
            (
                "general_budget_expenditure.parent_eq_sum_of_children".to_string(),
                Some(1),
                Some(7)
            ),
            (
                "general_budget_expenditure.total_eq_basic_plus_project".to_string(),
                Some(2),
                Some(6)
            ),
        ]
    );
}

/// A 收支总表 whose revenue side ends 本年收入合计, 上年结转, 收入总计.
fn summary(carryover: &str, grand_total: &str) -> Table {
    table(
        "收支总表",
        &[
            &["收入", "", "支出", ""],
            &["项目", "预算数", "项目", "预算数"],
        ],
        &[
            &[
                "一、一般公共预算拨款收入",
                "80.00",
                "一、一般公共服务支出",
                "90.00",
            ],
            &["二、事业收入", "20.00", "二、教育支出", "30.00"],
            &["本年收入合计", "100.00", "本年支出合计", "120.00"],
            &["上年结转", carryover, "结转下年", ""],
            &["收入总计", grand_total, "支出总计", "120.00"],
        ],
    )
}

#[test]
fn a_summary_balances_itself() {
    let checks = checks(&[summary("20.00", "120.00")]);
    assert_eq!(failing(&checks), []);
    let lines: Vec<&str> = ran(&checks, "budget_summary.outline_eq_sum_of_lines")
        .iter()
        .map(|c| c.detail.as_str())
        .collect();
    assert!(
        lines.contains(&"收入总计 = 本年收入合计 + 上年结转")
            && lines.contains(&"本年收入合计 = 一般公共预算拨款收入 + 事业收入")
            && lines.contains(&"本年支出合计 = 一般公共服务支出 + 教育支出"),
        "{lines:#?}"
    );
    // 上年结转 printed 25.00: the grand total no longer adds up, nor balances the expenditure.
    let rules: Vec<String> = failing(&checks_of(summary("25.00", "120.00")))
        .into_iter()
        .map(|f| f.0)
        .collect();
    assert_eq!(rules, ["budget_summary.outline_eq_sum_of_lines"]);
    let rules: Vec<String> = failing(&checks_of(summary("20.00", "125.00")))
        .into_iter()
        .map(|f| f.0)
        .collect();
    assert_eq!(
        rules,
        [
            "budget_summary.outline_eq_sum_of_lines",
            "budget_summary.revenue_total_eq_expenditure_total"
        ]
    );
}

fn checks_of(table: Table) -> Vec<Check> {
    checks(&[table])
}

#[test]
fn an_outline_that_is_not_one_is_not_checked() {
    // Lines without numbering and without a known name before the total: indented items or
    // categories, the page does not say which.
    let checks = checks_of(table(
        "收支总表",
        &[
            &["收入", "", "支出", ""],
            &["项目", "预算数", "项目", "预算数"],
        ],
        &[
            &["财政拨款收入", "100.00", "一般公共服务支出", "100.00"],
            &["一般公共预算", "100.00", "", ""],
            &["本年收入合计", "100.00", "本年支出合计", "100.00"],
        ],
    ));
    let revenue: Vec<&Check> = ran(&checks, "budget_summary.outline_eq_sum_of_lines")
        .into_iter()
        .filter(|c| c.side.as_deref() == Some("revenue"))
        .collect();
    assert!(revenue.is_empty(), "{revenue:#?}");
    assert_eq!(failing(&checks), []);
}

#[test]
fn numbered_rows_without_codes_add_up_to_the_row_above_them() {
    let three_public = |vehicles: &str| {
        table(
            "“三公”经费支出预算表",
            &[&["项目", "合计"]],
            &[
                &["合计", "60.00"],
                &["其中：（一）因公出国（境）费", "10.00"],
                &["（二）公务用车购置及运行费", "30.00"],
                &["1.公务用车购置费", "20.00"],
                &["2.公务用车运行维护费", vehicles],
                &["（三）公务接待费", "20.00"],
            ],
        )
    };
    let checks = checks_of(three_public("10.00"));
    assert_eq!(failing(&checks), []);
    let details: Vec<&str> = ran(&checks, "three_public_expenses.outline_eq_sum_of_lines")
        .iter()
        .map(|c| c.detail.as_str())
        .collect();
    assert_eq!(
        details,
        [
            "合计 = 其中:(一)因公出国(境)费 + 公务用车购置及运行费 + 公务接待费",
            "公务用车购置及运行费 = 公务用车购置费 + 公务用车运行维护费"
        ]
    );
    let rules: Vec<String> = failing(&checks_of(three_public("12.00")))
        .into_iter()
        .map(|f| f.0)
        .collect();
    assert_eq!(
        rules,
        [
            "three_public_expenses.outline_eq_sum_of_lines",
            "three_public_expenses.vehicles_eq_purchase_plus_operation"
        ]
    );
}

#[test]
fn units_add_up_by_their_identifiers() {
    let revenue = |unit: &str| {
        table(
            "收入总表",
            &[&["单位编码", "单位名称", "合计", "一般公共预算"]],
            &[
                &["合计", "", "100.00", "100.00"],
                &["328", "某局", "100.00", "100.00"],
                &["328001", "某局(本级)", unit, unit],
                &["328002", "某中心", "40.00", "40.00"],
            ],
        )
    };
    let checks = checks_of(revenue("60.00"));
    assert_eq!(failing(&checks), []);
    assert_eq!(
        ran(&checks, "revenue_summary.unit_eq_sum_of_units").len(),
        4,
        "328 = 328001 + 328002 and 合计 = 328, in both columns"
    );
    let failed = failing(&checks_of(revenue("61.00")));
    assert!(
        failed
            .iter()
            .all(|f| f.0 == "revenue_summary.unit_eq_sum_of_units"),
        "{failed:?}"
    );
    assert_eq!(failed.len(), 2);
}

#[test]
fn a_row_printed_again_at_the_top_of_a_page_counts_once() {
    let mut expenditure = table(
        "支出总表",
        &[&["科目编码", "科目名称", "合计"]],
        &[
            &["合计", "", "30.00"],
            &["201", "一般公共服务支出", "30.00"],
            &["20101", "人大事务", "10.00"],
            &["20101", "人大事务", "10.00"],
            &["20102", "政协事务", "20.00"],
        ],
    );
    expenditure.pages = [3, 4];
    expenditure.body_row_pages = vec![3, 3, 3, 4, 4];
    let checks = checks_of(expenditure);
    assert_eq!(failing(&checks), []);
    let parents = ran(&checks, "expenditure_summary.parent_eq_sum_of_children");
    assert_eq!(parents.len(), 1, "201 = 20101 + 20102, 20101 once");
}

#[test]
fn tables_are_compared_like_with_like() {
    let general = table(
        "一般公共预算支出表",
        &[&["科目编码", "科目名称", "合计", "基本支出", "项目支出"]],
        &[&["合计", "", "80.00", "50.00", "30.00"]],
    );
    // 本年支出合计 includes 政府性基金: only its 一般公共预算 column restates the table above.
    let with_funds = table(
        "财政拨款收支总表",
        &[
            &["收入", "", "支出", "", "", ""],
            &[
                "项目",
                "预算数",
                "项目",
                "合计",
                "一般公共预算",
                "政府性基金",
            ],
        ],
        &[
            &[
                "一、一般公共预算拨款",
                "80.00",
                "一、一般公共服务支出",
                "100.00",
                "80.00",
                "20.00",
            ],
            &["二、政府性基金预算拨款", "20.00", "", "", "", ""],
            &[
                "本年收入合计",
                "100.00",
                "本年支出合计",
                "100.00",
                "80.00",
                "20.00",
            ],
        ],
    );
    let compared = checks(&[general.clone(), with_funds]);
    let cross = ran(
        &compared,
        "cross.general_budget_expenditure_eq_appropriation_summary",
    );
    assert_eq!(cross.len(), 1);
    assert_eq!(cross[0].status, CheckStatus::Pass);
    assert_eq!(cross[0].terms[0].table, 1);
    assert_eq!(cross[0].terms[0].col, 4);
    // A summary printing only the whole 本年支出合计 has no figure to compare.
    let whole_only = table(
        "财政拨款收支总表",
        &[
            &["收入", "", "支出", ""],
            &["项目", "预算数", "项目", "预算数"],
        ],
        &[&["本年收入合计", "100.00", "本年支出合计", "100.00"]],
    );
    let checks = checks(&[general, whole_only]);
    assert!(
        ran(
            &checks,
            "cross.general_budget_expenditure_eq_appropriation_summary"
        )
        .is_empty()
    );
}

#[test]
fn counts_are_row_attributes_never_amounts() {
    let reading = pipeline::read(
        Catalogue::standard(),
        &[table(
            "会议费预算表",
            &[&["序号", "会议名称", "人数", "天数", "金额"]],
            &[&["1", "年度工作会议", "30", "2", "3.50"]],
        )],
        &DocumentContext::default(),
    );
    let report = &reading.tables[0];
    let records: Vec<(&str, String)> = report
        .records
        .iter()
        .map(|r| (r.column_label.as_str(), r.amount.to_string()))
        .collect();
    assert_eq!(records, [("金额", "35000.00".to_string())]);
    let attributes: Vec<(&str, &str, String)> = report
        .attributes
        .iter()
        .map(|a| {
            (
                a.column.as_str(),
                a.measure.as_str(),
                a.value.map(|v| v.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        attributes,
        [
            ("serial", "serial", "1".to_string()),
            ("headcount", "count", "30".to_string()),
            ("days", "count", "2".to_string())
        ]
    );
    assert!(reading.warnings.is_empty(), "{:?}", reading.warnings);
}

#[test]
fn a_new_identity_is_a_data_edit() {
    let edited = format!(
        "{}\n{}",
        include_str!("../src/catalogue/catalogue.toml"),
        r#"
[[identity]]
name = "project_eq_meetings_plus_training"
over = "columns"
applies_to = ["project_expenditure"]
total = "project"
parts = ["meetings", "training"]
"#
    );
    let catalogue = Catalogue::from_toml(&edited).expect("the edited catalogue loads");
    let projects = table(
        "项目支出表",
        &[&["项目名称", "项目支出", "会议费", "培训费"]],
        &[&["业务工作经费", "10.00", "6.00", "5.00"]],
    );
    let checks = pipeline::read(
        &catalogue,
        std::slice::from_ref(&projects),
        &DocumentContext::default(),
    )
    .checks;
    assert_eq!(
        failing(&checks),
        [(
            "project_expenditure.project_eq_meetings_plus_training".to_string(),
            Some(0),
            Some(1)
        )]
    );
    assert!(
        pipeline::read(
            Catalogue::standard(),
            &[projects],
            &DocumentContext::default()
        )
        .checks
        .is_empty()
    );
}

#[test]
fn a_figure_that_could_not_be_read_fails_no_check_and_is_reported() {
    let spilled = table(
        "支出总表",
        &[&["科目编码", "科目名称", "合计", "基本支出", "项目支出"]],
        &[
            &["201", "一般公共服务支出", "30.00", "30.00", ""],
            &["20101", "人大事务", "10.00", "10.00", ""],
            // The name ran on into the 合计 cell: its amount is not read.
            &["20102", "政协事务会议", "缴费支出20.00", "20.00", ""],
        ],
    );
    let reading = pipeline::read(
        Catalogue::standard(),
        &[spilled],
        &DocumentContext::default(),
    );
    assert_eq!(failing(&reading.checks), []);
    let parents: Vec<Option<usize>> = ran(
        &reading.checks,
        "expenditure_summary.parent_eq_sum_of_children",
    )
    .iter()
    .map(|c| c.col)
    .collect();
    assert_eq!(parents, [Some(3)], "only the column read whole is summed");
    let warned: Vec<_> = reading
        .warnings
        .iter()
        .filter(|w| w.kind == budgetpdf::report::WarningKind::UnparsedAmount)
        .collect();
    assert_eq!(warned.len(), 1, "{:?}", reading.warnings);
    assert!(warned[0].message.contains("缴费支出20.00"));
}

#[test]
fn a_table_that_lost_a_row_blames_no_publisher() {
    // 20102 人大会议 10.00 is printed on page 4 but did not reach the rows.
    let mut lost = table(
        "支出总表",
        &[&["科目编码", "科目名称", "合计"]],
        &[
            &["201", "一般公共服务支出", "30.00"],
            &["20101", "行政运行", "20.00"],
        ],
    );
    lost.printed = ["201", "30.00", "20101", "20.00", "20102", "10.00"]
        .iter()
        .map(|text| budgetpdf::table::PrintedText {
            page: 3,
            text: text.to_string(),
        })
        .collect();
    let reading = pipeline::read(Catalogue::standard(), &[lost], &DocumentContext::default());
    assert_eq!(failing(&reading.checks), []);
    let warned: Vec<&str> = reading
        .warnings
        .iter()
        .filter(|w| w.kind == budgetpdf::report::WarningKind::UnreadNumbers)
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(warned.len(), 1, "{:?}", reading.warnings);
    assert!(warned[0].contains("20102, 10.00"), "{}", warned[0]);
}

#[test]
fn a_total_printed_first_and_again_last_counts_the_lines_once() {
    let summary = table(
        "收支总表",
        &[
            &["收入", "", "支出", ""],
            &["项目", "预算数", "项目", "预算数"],
        ],
        &[
            &["合计", "100.00", "合计", "100.00"],
            &[
                "一、一般公共预算拨款收入",
                "80.00",
                "一、一般公共服务支出",
                "100.00",
            ],
            &["二、事业收入", "20.00", "", ""],
            &["本年收入合计", "100.00", "本年支出合计", "100.00"],
        ],
    );
    let checks = checks(&[summary]);
    assert_eq!(failing(&checks), []);
    let revenue: Vec<&str> = ran(&checks, "budget_summary.outline_eq_sum_of_lines")
        .iter()
        .filter(|c| c.side.as_deref() == Some("revenue"))
        .map(|c| c.detail.as_str())
        .collect();
    assert_eq!(
        revenue,
        [
            "合计 = 一般公共预算拨款收入 + 事业收入",
            "本年收入合计 = 一般公共预算拨款收入 + 事业收入"
        ]
    );
}
