//! The rules of spec §5, each a small function over one table or a pair of tables.

use std::collections::BTreeMap;

use super::{Amount, TableView, compare, describe};
use crate::normalize::is_total_item;
use crate::recognize::UNKNOWN_KIND;
use crate::report::{Check, Record, TableReport};

/// Runs every rule over a document's tables.
pub fn check_document(tables: &[TableReport]) -> Vec<Check> {
    let views: Vec<TableView> = tables
        .iter()
        .enumerate()
        .map(|(i, t)| TableView::new(i, t))
        .collect();
    let mut checks = Vec::new();
    for view in &views {
        let kind = view.report.kind.as_str();
        if WITHOUT_IDENTITIES.contains(&kind) {
            continue;
        }
        checks.extend(coded_hierarchy(view));
        checks.extend(total_row(view));
        // What a column means is only known for the catalogue's kinds.
        if kind != UNKNOWN_KIND {
            checks.extend(codeless_hierarchy(view));
            checks.extend(column_sums(view));
            checks.extend(three_public_rows(view));
            checks.extend(balance(view));
        }
    }
    checks.extend(cross_table(&views));
    checks
}

/// Kinds whose rows are not an accounting hierarchy: procurement lists catalogue items and
/// units under one another, forms hold targets.
const WITHOUT_IDENTITIES: &[&str] = &[
    "government_procurement",
    "performance_targets",
    "department_performance_targets",
];

type GroupKey<'a> = (Option<&'a str>, usize);

/// Records by side and grid column: the sums of a column never mix sides, nor columns that
/// share a key (two `other` columns, or `合计` under 预算数 and under 决算数).
fn groups<'a>(view: &TableView<'a>) -> BTreeMap<GroupKey<'a>, Vec<&'a Record>> {
    let mut groups: BTreeMap<GroupKey, Vec<&Record>> = BTreeMap::new();
    for record in &view.report.records {
        groups
            .entry((record.side.as_deref(), record.col))
            .or_default()
            .push(record);
    }
    groups
}

/// Records by code, keeping only codes printed once in the group: a code printed twice (as in
/// tables that repeat the function code on every economic row) has no single amount to sum.
fn unique_codes<'a>(records: &[&'a Record]) -> BTreeMap<&'a str, &'a Record> {
    let mut counts: BTreeMap<&str, (usize, &Record)> = BTreeMap::new();
    for record in records {
        if let Some(code) = record.code.as_deref() {
            counts.entry(code).or_insert((0, record)).0 += 1;
        }
    }
    counts
        .into_iter()
        .filter(|(_, (n, _))| *n == 1)
        .map(|(c, (_, r))| (c, r))
        .collect()
}

/// A 类 equals the sum of its 款, a 款 the sum of its 项.
fn coded_hierarchy(view: &TableView) -> Vec<Check> {
    let mut checks = Vec::new();
    for records in groups(view).values() {
        let by_code = unique_codes(records);
        let duplicated = |code: &str| {
            records
                .iter()
                .filter(|r| r.code.as_deref() == Some(code))
                .count()
                > 1
        };
        for (parent_code, parent) in &by_code {
            let children: Vec<&Record> = records
                .iter()
                .filter(|r| {
                    r.code.as_deref().is_some_and(|c| {
                        c.len() == parent_code.len() + 2 && c.starts_with(parent_code)
                    })
                })
                .copied()
                .collect();
            if children.is_empty()
                || children
                    .iter()
                    .any(|c| c.code.as_deref().is_some_and(duplicated))
            {
                continue;
            }
            checks.push(sum_check(
                view,
                "parent_eq_sum_of_children",
                parent,
                &children,
            ));
        }
    }
    checks
}

/// Rows without codes: a category equals the sum of the rows that belong to it.
fn codeless_hierarchy(view: &TableView) -> Vec<Check> {
    let mut checks = Vec::new();
    for records in groups(view).values() {
        let mut children: BTreeMap<&str, Vec<&Record>> = BTreeMap::new();
        for record in records {
            if let Some(parent) = record.parent.as_deref() {
                children.entry(parent).or_default().push(record);
            }
        }
        for (parent_item, rows) in children {
            let mut parents = records
                .iter()
                .filter(|r| r.parent.is_none() && r.item == parent_item);
            if let (Some(parent), None) = (parents.next(), parents.next()) {
                checks.push(sum_check(view, "parent_eq_sum_of_children", parent, &rows));
            }
        }
    }
    checks
}

/// The 合计 row equals the sum of the top level: the 类 rows, or the categories of a table
/// without codes.
fn total_row(view: &TableView) -> Vec<Check> {
    let mut checks = Vec::new();
    for records in groups(view).values() {
        let Some(total) = records
            .iter()
            .find(|r| r.code.is_none() && is_total_item(&r.item))
        else {
            continue;
        };
        // Every 类 row counts, repeated codes too: tables that pair a 部门 economic code with
        // several 政府 ones print the same 类 once per pair.
        let coded: Vec<&Record> = records
            .iter()
            .filter(|r| r.level.as_deref() == Some("类"))
            .copied()
            .collect();
        let has_codeless_hierarchy = records.iter().any(|r| r.parent.is_some());
        let top: Vec<&Record> = if !coded.is_empty() {
            coded
        } else if has_codeless_hierarchy {
            records
                .iter()
                .filter(|r| r.parent.is_none() && r.code.is_none() && !is_total_item(&r.item))
                .copied()
                .collect()
        } else {
            continue;
        };
        checks.push(sum_check(view, "total_eq_sum_of_top_level", total, &top));
    }
    checks
}

fn sum_check(view: &TableView, rule: &str, found: &Record, terms: &[&Record]) -> Check {
    let detail = format!(
        "{} = {}",
        describe(found),
        terms
            .iter()
            .map(|t| describe(t))
            .collect::<Vec<_>>()
            .join(" + ")
    );
    let terms: Vec<Amount> = terms.iter().map(|t| view.amount(t)).collect();
    compare(view.rule(rule), view.amount(found), &terms, detail)
}

/// Income sources that add up to a revenue total (财政拨款 stands for its three funds when it
/// is printed: then they are its sub-columns, not further sources).
const SOURCES: &[&str] = &[
    "general_budget",
    "gov_fund",
    "state_capital",
    "special_account",
    "unit_funds",
    "business_income",
    "operating_income",
    "other_income",
    "superior_subsidy",
    "subsidiary_remittance",
];
/// Spending printed beside 基本支出 and 项目支出 in 支出总表 that its 合计 also covers.
const OTHER_SPENDING: &[&str] = &[
    "remit_to_superior",
    "operating_expenditure",
    "subsidiary_subsidy",
    "carry_forward",
];
const APPROPRIATION_FUNDS: &[&str] = &["general_budget", "gov_fund", "state_capital"];

/// Identities between the columns of one row (and side, and stage): `total = basic + project`
/// and its relatives.
fn column_sums(view: &TableView) -> Vec<Check> {
    type RowKey<'a> = (usize, Option<&'a str>, Option<&'a str>);
    let mut rows: BTreeMap<RowKey, Vec<&Record>> = BTreeMap::new();
    for record in &view.report.records {
        rows.entry((record.row, record.side.as_deref(), record.group.as_deref()))
            .or_default()
            .push(record);
    }
    let mut checks = Vec::new();
    for records in rows.values() {
        let cell = |key: &str| {
            let mut matching = records.iter().filter(|r| r.column == key);
            match (matching.next(), matching.next()) {
                (Some(record), None) => Some(*record),
                _ => None,
            }
        };
        let present = |keys: &[&str]| keys.iter().filter_map(|k| cell(k)).collect::<Vec<_>>();
        let personnel_public = present(&["personnel", "public"]);
        let basic: Vec<&Record> = match cell("basic") {
            Some(basic) => vec![basic],
            None => personnel_public.clone(),
        };
        let sources = if cell("appropriation").is_some() {
            let mut keys: Vec<&str> = SOURCES
                .iter()
                .filter(|k| !APPROPRIATION_FUNDS.contains(k))
                .copied()
                .collect();
            keys.push("appropriation");
            present(&keys)
        } else {
            present(SOURCES)
        };
        let project = present(&["project"]);
        // An amount in a column without a key may be a part of any total, and a key printed
        // twice (`项目支出 › 总数 | 扣除基建后`) has no single amount: no identity holds for sure
        // in such a row.
        let repeated = |r: &&&Record| records.iter().filter(|o| o.column == r.column).count() > 1;
        if records.iter().any(|r| r.column == "other") || records.iter().any(|r| repeated(&r)) {
            continue;
        }
        let has = |key: &str| cell(key).is_some();
        let basic_or_project = has("basic") || !project.is_empty();
        let personnel_public_only = project.is_empty() && !has("basic");
        let rules: [(&str, &str, bool, Vec<&Record>); 7] = [
            (
                "total_eq_basic_plus_project",
                "total",
                basic_or_project,
                [basic.clone(), project.clone(), present(OTHER_SPENDING)].concat(),
            ),
            (
                "basic_eq_personnel_plus_public",
                "basic",
                true,
                personnel_public.clone(),
            ),
            (
                "total_eq_personnel_plus_public",
                "total",
                personnel_public_only,
                personnel_public,
            ),
            (
                "total_eq_current_plus_carryover",
                "total",
                has("current"),
                present(&["current", "carryover"]),
            ),
            ("total_eq_sum_of_sources", "total", true, sources),
            (
                "total_eq_sum_of_three_public",
                "total",
                true,
                present(&["abroad", "reception", "vehicle_purchase_and_operation"]),
            ),
            (
                "vehicles_eq_purchase_plus_operation",
                "vehicle_purchase_and_operation",
                true,
                present(&["vehicle_purchase", "vehicle_operation"]),
            ),
        ];
        for (rule, total_key, applies, parts) in rules {
            let (Some(total), true, false) = (cell(total_key), applies, parts.is_empty()) else {
                continue;
            };
            let mut check = sum_check(view, rule, total, &parts);
            if rule == "total_eq_sum_of_sources" && check.status == crate::report::CheckStatus::Fail
            {
                // Some tables' 合计 includes 上年结转, others' covers only 本年收入.
                if let Some(carryover) = cell("carryover") {
                    let with_carryover = sum_check(
                        view,
                        rule,
                        total,
                        &[parts.clone(), vec![carryover]].concat(),
                    );
                    if with_carryover.status != crate::report::CheckStatus::Fail {
                        check = with_carryover;
                    }
                }
            }
            checks.push(check);
        }
    }
    checks
}

/// 三公 tables that list the expenses as rows: 合计 = the three, 公务用车 = 购置 + 运行维护.
fn three_public_rows(view: &TableView) -> Vec<Check> {
    if !view.report.kind.contains("three_public") {
        return Vec::new();
    }
    let mut checks = Vec::new();
    for records in groups(view).values() {
        let find =
            |matches: &dyn Fn(&str) -> bool| records.iter().find(|r| matches(&r.item)).copied();
        let vehicles = find(&|i| i.contains("公务用车购置及运行"));
        let purchase = find(&|i| i.contains("购置") && !i.contains("及运行"));
        let operation = find(&|i| i.contains("运行") && !i.contains("购置"));
        let abroad = find(&|i| i.contains("因公出国"));
        let reception = find(&|i| i.contains("公务接待"));
        let total = find(&|i| is_total_item(i));
        let three: Vec<&Record> = [abroad, reception, vehicles]
            .into_iter()
            .flatten()
            .collect();
        if let (Some(total), false) = (total, three.is_empty()) {
            checks.push(sum_check(
                view,
                "total_eq_sum_of_three_public",
                total,
                &three,
            ));
        }
        let parts: Vec<&Record> = [purchase, operation].into_iter().flatten().collect();
        if let (Some(vehicles), false) = (vehicles, parts.is_empty()) {
            checks.push(sum_check(
                view,
                "vehicles_eq_purchase_plus_operation",
                vehicles,
                &parts,
            ));
        }
    }
    checks
}

/// The first record on one side whose item satisfies `matches`, preferring the listed columns.
fn find_record<'a>(
    view: &TableView<'a>,
    side: Option<&str>,
    matches: impl Fn(&str) -> bool,
    columns: &[&str],
) -> Option<&'a Record> {
    let candidates: Vec<&Record> = view
        .report
        .records
        .iter()
        .filter(|r| r.side.as_deref() == side && r.code.is_none() && matches(&r.item))
        .collect();
    columns
        .iter()
        .find_map(|c| candidates.iter().find(|r| r.column == *c).copied())
}

const TOTAL_COLUMNS: &[&str] = &["total", "amount", "final", "budget"];

/// In a two-sided table, 收入总计 equals 支出总计.
fn balance(view: &TableView) -> Vec<Check> {
    let revenue = find_record(
        view,
        Some("revenue"),
        |i| i.ends_with("总计"),
        TOTAL_COLUMNS,
    );
    let expenditure = find_record(
        view,
        Some("expenditure"),
        |i| i.ends_with("总计"),
        TOTAL_COLUMNS,
    );
    match (revenue, expenditure) {
        (Some(revenue), Some(expenditure)) => vec![sum_check(
            view,
            "revenue_total_eq_expenditure_total",
            expenditure,
            &[revenue],
        )],
        _ => Vec::new(),
    }
}

/// A total restated by another table agrees with it.
fn cross_table(views: &[TableView]) -> Vec<Check> {
    let first = |kind: &str| views.iter().find(|v| v.report.kind == kind);
    let mut checks = Vec::new();
    let mut restate = |rule: &str,
                       found: Option<(&TableView, &Record)>,
                       candidates: Vec<(&TableView, &Record)>| {
        let Some((found_view, found)) = found else {
            return;
        };
        let best = candidates
            .into_iter()
            .map(|(view, record)| {
                let detail = format!(
                    "{} {} = {} {}",
                    found_view.report.kind,
                    describe(found),
                    view.report.kind,
                    describe(record)
                );
                compare(
                    format!("cross.{rule}"),
                    found_view.amount(found),
                    &[view.amount(record)],
                    detail,
                )
            })
            .min_by_key(|check| (check.expected - check.found).abs());
        checks.extend(best);
    };
    let summary = first("budget_summary");
    let summary_line = |side: &str, matches: fn(&str) -> bool| {
        summary.and_then(|v| find_record(v, Some(side), matches, TOTAL_COLUMNS).map(|r| (v, r)))
    };
    if let Some(expenditure) = first("expenditure_summary") {
        restate(
            "expenditure_summary_total_eq_budget_summary",
            total_of(expenditure, "total").map(|r| (expenditure, r)),
            summary_line("expenditure", is_year_spending)
                .into_iter()
                .collect(),
        );
    }
    if let Some(revenue) = first("revenue_summary") {
        // Whether 收入总表's 合计 includes 上年结转 varies: it restates one of the two lines.
        let candidates = [
            summary_line("revenue", is_year_income),
            summary_line("revenue", |i| i == "收入总计"),
        ];
        restate(
            "revenue_summary_total_eq_budget_summary",
            total_of(revenue, "total").map(|r| (revenue, r)),
            candidates.into_iter().flatten().collect(),
        );
    }
    if let (Some(basic), Some(general)) = (
        first("basic_expenditure_by_economic"),
        first("general_budget_expenditure"),
    ) {
        restate(
            "basic_expenditure_eq_general_budget_basic",
            total_of(basic, "total").map(|r| (basic, r)),
            total_of(general, "basic")
                .map(|r| (general, r))
                .into_iter()
                .collect(),
        );
    }
    if let (Some(general), Some(appropriation)) = (
        first("general_budget_expenditure"),
        first("appropriation_summary"),
    ) {
        restate(
            "general_budget_expenditure_eq_appropriation_summary",
            total_of(general, "total").map(|r| (general, r)),
            find_record(
                appropriation,
                Some("expenditure"),
                is_year_spending,
                &["general_budget"],
            )
            .map(|r| (appropriation, r))
            .into_iter()
            .collect(),
        );
    }
    checks
}

/// The 合计 row's amount in one column of a one-sided table.
fn total_of<'a>(view: &TableView<'a>, column: &str) -> Option<&'a Record> {
    find_record(view, None, is_total_item, &[column])
}

/// The line of a summary that totals the year's spending: `本年支出合计`, `支出合计`, `本年支出`.
fn is_year_spending(item: &str) -> bool {
    matches!(
        item,
        "本年支出合计" | "支出合计" | "本年支出" | "本年支出小计"
    )
}

/// The line of a summary that totals the year's income: `本年收入合计`, `收入合计`, `本年收入`.
fn is_year_income(item: &str) -> bool {
    matches!(
        item,
        "本年收入合计" | "收入合计" | "本年收入" | "本年收入小计"
    )
}
