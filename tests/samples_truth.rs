//! The sample truth files must be internally consistent, so a typo in the truth cannot hide.
//!
//! This is an independent oracle (rust_decimal, no product code): it re-derives the accounting
//! identities of spec §5 from the printed grids. `rounding` means off by no more than half a unit
//! of the last printed digit per summed term, which the seed document's own published figures
//! need (e.g. 工资福利支出 110.77 against items summing to 110.78).

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use common::{Truth, TruthTable, load_all, pdf_of, samples_dir};
use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Pass,
    Rounding,
    Fail,
}

/// One evaluated identity.
#[derive(Debug, Clone)]
struct Finding {
    rule: &'static str,
    status: Status,
    at: String,
    expected: Decimal,
    found: Decimal,
}

/// A printed amount: its value and how many decimals were printed.
#[derive(Debug, Clone, Copy)]
struct Amount {
    value: Decimal,
    scale: u32,
}

/// `1,234.56`, `866.53`, `0` → an amount; blank or text → None.
fn amount(cell: &str) -> Option<Amount> {
    let plain = cell.replace(',', "");
    let digits = plain.strip_prefix('-').unwrap_or(&plain);
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let value: Decimal = plain.parse().ok()?;
    let scale = plain
        .split_once('.')
        .map_or(0, |(_, frac)| frac.len() as u32);
    Some(Amount { value, scale })
}

/// No value printed: blank, or a dash standing for zero.
fn is_blank(cell: &str) -> bool {
    matches!(cell, "" | "-" | "—")
}

/// A cell as a number for sums: blank counts as zero.
fn value(cell: &str) -> Decimal {
    amount(cell).map_or(Decimal::ZERO, |a| a.value)
}

fn is_code(cell: &str) -> bool {
    matches!(cell.len(), 3 | 5 | 7) && cell.chars().all(|c| c.is_ascii_digit())
}

/// Collects findings for one document.
#[derive(Default)]
struct Checker {
    findings: Vec<Finding>,
}

impl Checker {
    /// `found` must equal the sum of `terms`, within the printed precision.
    fn sum(&mut self, rule: &'static str, at: String, found: &str, terms: &[&str]) {
        let cells: Vec<&str> = terms.iter().copied().chain([found]).collect();
        let scale = cells
            .iter()
            .filter_map(|c| amount(c))
            .map(|a| a.scale)
            .max()
            .unwrap_or(0);
        let expected: Decimal = terms.iter().map(|t| value(t)).sum();
        let found = value(found);
        let half_unit = Decimal::new(5, scale + 1);
        let tolerance = half_unit * Decimal::from(terms.len().max(1) as u64);
        let diff = (found - expected).abs();
        let status = if diff.is_zero() {
            Status::Pass
        } else if diff <= tolerance {
            Status::Rounding
        } else {
            Status::Fail
        };
        self.findings.push(Finding {
            rule,
            status,
            at,
            expected,
            found,
        });
    }

    fn failures(&self) -> Vec<&Finding> {
        self.findings
            .iter()
            .filter(|f| f.status == Status::Fail)
            .collect()
    }

    fn count(&self, status: Status) -> usize {
        self.findings.iter().filter(|f| f.status == status).count()
    }
}

/// Column labels: the lowest non-empty header cell of each column that is not a column number.
fn labels(t: &TruthTable) -> Vec<String> {
    let width = t.header_rows.first().map_or(0, Vec::len);
    (0..width)
        .map(|c| {
            t.header_rows
                .iter()
                .rev()
                .map(|row| row[c].as_str())
                .find(|s| !s.is_empty() && !s.chars().all(|ch| ch.is_ascii_digit()))
                .unwrap_or("")
                .to_string()
        })
        .collect()
}

/// Columns whose body cells are all amounts or blank, with at least one printed decimal point
/// (which tells amounts from code parts such as `01` and unit codes such as `101001`).
fn amount_columns(t: &TruthTable) -> Vec<usize> {
    let width = t
        .header_rows
        .first()
        .or(t.body_rows.first())
        .map_or(0, Vec::len);
    (0..width)
        .filter(|&c| {
            t.body_rows.iter().any(|r| r[c].contains('.'))
                && t.body_rows
                    .iter()
                    .all(|r| is_blank(&r[c]) || amount(&r[c]).is_some())
        })
        .collect()
}

/// A column of subject codes (not amounts): several 3/5/7-digit cells and no decimals.
fn looks_like_codes(t: &TruthTable, c: usize) -> bool {
    let codes = t.body_rows.iter().filter(|r| is_code(&r[c])).count();
    codes >= 2 && t.body_rows.iter().all(|r| !r[c].contains('.'))
}

/// A stretch of columns keyed by subject codes: the code of each row, and its amount columns.
struct Panel {
    codes: Vec<Option<String>>,
    /// Column holding the code (or the 合计 label) of the panel.
    key: usize,
    amounts: Vec<usize>,
}

fn panels(t: &TruthTable) -> Vec<Panel> {
    let width = t.header_rows.first().map_or(0, Vec::len);
    let amounts = amount_columns(t);
    let split = t.header_rows.iter().find_map(|row| {
        row.windows(3)
            .position(|w| w[0] == "类" && w[1] == "款" && w[2] == "项")
    });
    if let Some(a) = split {
        let codes = t
            .body_rows
            .iter()
            .map(|r| {
                let joined: String = r[a..a + 3].concat();
                (r[a].len() == 3 && is_code(&joined)).then_some(joined)
            })
            .collect();
        let amounts = amounts.into_iter().filter(|&c| c >= a + 3).collect();
        return vec![Panel {
            codes,
            key: a,
            amounts,
        }];
    }
    let keys: Vec<usize> = (0..width).filter(|&c| looks_like_codes(t, c)).collect();
    keys.iter()
        .enumerate()
        .map(|(i, &key)| {
            let end = keys.get(i + 1).copied().unwrap_or(width);
            Panel {
                codes: t
                    .body_rows
                    .iter()
                    .map(|r| is_code(&r[key]).then(|| r[key].clone()))
                    .collect(),
                key,
                amounts: amounts
                    .iter()
                    .copied()
                    .filter(|&c| c > key && c < end)
                    .collect(),
            }
        })
        .collect()
}

/// Parent codes equal the sum of their children; a 合计 row equals the sum of the 类 rows.
fn check_hierarchy(ck: &mut Checker, t: &TruthTable, ti: usize) {
    for panel in panels(t) {
        for (ri, code) in panel.codes.iter().enumerate() {
            let Some(code) = code.as_deref().filter(|c| c.len() < 7) else {
                continue;
            };
            let children: Vec<usize> = panel
                .codes
                .iter()
                .enumerate()
                .filter(|(_, c)| {
                    c.as_deref()
                        .is_some_and(|c| c.len() == code.len() + 2 && c.starts_with(code))
                })
                .map(|(i, _)| i)
                .collect();
            if children.is_empty() {
                continue;
            }
            for &c in &panel.amounts {
                let terms: Vec<&str> = children
                    .iter()
                    .map(|&i| t.body_rows[i][c].as_str())
                    .collect();
                ck.sum(
                    "parent_eq_children",
                    format!("table {ti} row {ri} ({code}) col {c}"),
                    &t.body_rows[ri][c],
                    &terms,
                );
            }
        }
        let classes: Vec<usize> = (0..panel.codes.len())
            .filter(|&i| panel.codes[i].as_deref().is_some_and(|c| c.len() == 3))
            .collect();
        if classes.is_empty() {
            continue;
        }
        for (ri, row) in t.body_rows.iter().enumerate() {
            if !row[panel.key].ends_with("合计") {
                continue;
            }
            for &c in &panel.amounts {
                let terms: Vec<&str> = classes
                    .iter()
                    .map(|&i| t.body_rows[i][c].as_str())
                    .collect();
                ck.sum(
                    "total_eq_classes",
                    format!("table {ti} row {ri} col {c}"),
                    &row[c],
                    &terms,
                );
            }
        }
    }
}

/// Economic tables without codes (the seed's): a row naming no 政府经济科目 is a parent of the
/// rows below it, up to the next parent.
fn check_name_hierarchy(ck: &mut Checker, t: &TruthTable, ti: usize) {
    if t.kind != "basic_expenditure_by_economic" || !panels(t).is_empty() {
        return;
    }
    let amounts = amount_columns(t);
    let is_parent = |r: &Vec<String>| !r[0].is_empty() && r[1].is_empty() && r[0] != "合计";
    for (ri, row) in t.body_rows.iter().enumerate().filter(|(_, r)| is_parent(r)) {
        let children: Vec<&Vec<String>> = t.body_rows[ri + 1..]
            .iter()
            .take_while(|r| !is_parent(r) && !r[1].is_empty())
            .collect();
        for &c in &amounts {
            let terms: Vec<&str> = children.iter().map(|r| r[c].as_str()).collect();
            ck.sum(
                "parent_eq_children",
                format!("table {ti} row {ri} ({}) col {c}", row[0]),
                &row[c],
                &terms,
            );
        }
    }
}

fn is_total_label(label: &str) -> bool {
    label == "小计" || label.ends_with("合计")
}

/// Row-wise: a total column equals the columns after it (合计 = 基本支出 + 项目支出, 合计 = the
/// funding sources, 合计 = 人员经费 + 公用经费 …), up to the next total or a carry-over column.
fn check_columns(ck: &mut Checker, t: &TruthTable, ti: usize) {
    let labels = labels(t);
    if labels.iter().any(|l| l.contains("因公出国")) {
        return; // the horizontal 三公 layout has its own rule
    }
    let amounts = amount_columns(t);
    for (i, &total) in amounts.iter().enumerate() {
        if !is_total_label(&labels[total]) {
            continue;
        }
        let parts: Vec<usize> = amounts[i + 1..]
            .iter()
            .copied()
            .take_while(|&c| {
                !is_total_label(&labels[c])
                    && !labels[c].starts_with("上年结转")
                    && !labels[c].contains("结转和结余")
            })
            .collect();
        if parts.is_empty() {
            continue;
        }
        for (ri, row) in t.body_rows.iter().enumerate() {
            let terms: Vec<&str> = parts.iter().map(|&c| row[c].as_str()).collect();
            ck.sum(
                "total_eq_parts",
                format!("table {ti} row {ri} col {total} ({})", labels[total]),
                &row[total],
                &terms,
            );
        }
    }
}

fn find_row(t: &TruthTable, col: usize, names: &[&str]) -> Option<usize> {
    t.body_rows
        .iter()
        .position(|r| names.contains(&r[col].as_str()))
}

/// Two-sided summaries: each side's items sum to its 本年合计, and 收入总计 = 支出总计.
fn check_summary(ck: &mut Checker, t: &TruthTable, ti: usize) {
    if ![
        "budget_summary",
        "appropriation_summary",
        "final_summary",
        "final_appropriation_summary",
    ]
    .contains(&t.kind.as_str())
    {
        return;
    }
    let right_amounts: Vec<usize> = amount_columns(t).into_iter().filter(|&c| c > 2).collect();
    if let Some(r) = find_row(t, 0, &["本年收入合计"]) {
        let terms: Vec<&str> = t.body_rows[..r].iter().map(|row| row[1].as_str()).collect();
        ck.sum(
            "revenue_items_eq_total",
            format!("table {ti} row {r}"),
            &t.body_rows[r][1],
            &terms,
        );
    }
    if let Some(r) = find_row(t, 2, &["本年支出合计"]) {
        for &c in &right_amounts {
            let terms: Vec<&str> = t.body_rows[..r].iter().map(|row| row[c].as_str()).collect();
            ck.sum(
                "expenditure_items_eq_total",
                format!("table {ti} row {r} col {c}"),
                &t.body_rows[r][c],
                &terms,
            );
        }
    }
    if let Some(r) = find_row(t, 0, &["收入总计", "总计"]) {
        let row = &t.body_rows[r];
        ck.sum(
            "revenue_total_eq_expenditure_total",
            format!("table {ti} row {r}"),
            &row[1],
            &[&row[3]],
        );
    }
}

/// 三公: total = 出国 + 接待 + 公务用车购置及运行费, and 公务用车 = 购置 + 运行维护; rows or columns.
fn check_three_public(ck: &mut Checker, t: &TruthTable, ti: usize) {
    if !t.kind.contains("three_public") {
        return;
    }
    let role = |name: &str| -> Option<&'static str> {
        if name.contains("出国") {
            Some("abroad")
        } else if name.contains("接待") {
            Some("reception")
        } else if name.contains("购置及运行") || name == "小计" {
            Some("car")
        } else if name.contains("购置") {
            Some("buy")
        } else if name.contains("运行") {
            Some("run")
        } else if name.ends_with("合计") {
            Some("total")
        } else {
            None
        }
    };
    let mut groups: Vec<BTreeMap<&'static str, Vec<&str>>> = Vec::new();
    let labels = labels(t);
    if labels.iter().any(|l| l.contains("因公出国")) {
        for row in &t.body_rows {
            for (c, label) in labels.iter().enumerate() {
                match role(label) {
                    Some("total") => {
                        groups.push(BTreeMap::from([("total", vec![row[c].as_str()])]))
                    }
                    Some(r) => {
                        if let Some(g) = groups.last_mut() {
                            g.insert(r, vec![row[c].as_str()]);
                        }
                    }
                    None => {}
                }
            }
        }
    } else {
        let mut group = BTreeMap::new();
        for row in &t.body_rows {
            if let Some(r) = role(&row[0]) {
                group.insert(r, row[1..].iter().map(String::as_str).collect());
            }
        }
        groups.push(group);
    }
    for (gi, g) in groups.iter().enumerate() {
        let (Some(total), Some(abroad), Some(reception), Some(car), Some(buy), Some(run)) = (
            g.get("total"),
            g.get("abroad"),
            g.get("reception"),
            g.get("car"),
            g.get("buy"),
            g.get("run"),
        ) else {
            panic!("table {ti}: 三公 items not all found: {g:?}");
        };
        for k in 0..total.len() {
            ck.sum(
                "three_public_total_eq_items",
                format!("table {ti} group {gi} col {k}"),
                total[k],
                &[abroad[k], reception[k], car[k]],
            );
            ck.sum(
                "vehicle_eq_purchase_plus_running",
                format!("table {ti} group {gi} col {k}"),
                car[k],
                &[buy[k], run[k]],
            );
        }
    }
}

/// Totals a table states that other tables of the same document restate.
fn facts(t: &TruthTable) -> Vec<(&'static str, String)> {
    let labels = labels(t);
    let col = |name: &str| labels.iter().position(|l| l == name);
    let total_row = t.body_rows.iter().find(|r| {
        r.iter()
            .find(|c| !c.is_empty())
            .is_some_and(|c| c == "合计")
    });
    let amounts = amount_columns(t);
    let first_amount = |row: &Vec<String>| amounts.first().map(|&c| row[c].clone());
    let mut out = Vec::new();
    let row_value = |col_name: usize, names: &[&str], at: usize| {
        find_row(t, col_name, names).map(|r| t.body_rows[r][at].clone())
    };
    match t.kind.as_str() {
        "budget_summary" => {
            out.extend(row_value(0, &["本年收入合计"], 1).map(|v| ("all_total", v)))
        }
        "appropriation_summary" => {
            out.extend(row_value(0, &["本年收入合计"], 1).map(|v| ("appropriation_total", v)))
        }
        "revenue_summary" => out.extend(total_row.and_then(first_amount).map(|v| ("all_total", v))),
        "expenditure_summary" => {
            if let Some(row) = total_row {
                out.extend(first_amount(row).map(|v| ("all_total", v)));
                out.extend(col("项目支出").map(|c| ("project_total", row[c].clone())));
            }
        }
        "general_budget_expenditure" => {
            if let Some(row) = total_row {
                out.extend(col("基本支出").map(|c| ("general_basic", row[c].clone())));
            }
        }
        "basic_expenditure_by_economic" => out.extend(
            total_row
                .and_then(first_amount)
                .map(|v| ("general_basic", v)),
        ),
        "project_expenditure" => out.extend(
            total_row
                .and_then(first_amount)
                .map(|v| ("project_total", v)),
        ),
        "final_summary" => {
            out.extend(row_value(0, &["本年收入合计"], 1).map(|v| ("final_revenue_total", v)));
            out.extend(row_value(2, &["本年支出合计"], 3).map(|v| ("final_expenditure_total", v)));
        }
        "final_revenue" => out.extend(
            total_row
                .and_then(first_amount)
                .map(|v| ("final_revenue_total", v)),
        ),
        "final_expenditure" => out.extend(
            total_row
                .and_then(first_amount)
                .map(|v| ("final_expenditure_total", v)),
        ),
        "final_appropriation_summary" => {
            out.extend(row_value(2, &["本年支出合计"], 3).map(|v| ("final_general_total", v)))
        }
        "final_general_budget_expenditure" => {
            if let Some(row) = total_row {
                out.extend(first_amount(row).map(|v| ("final_general_total", v)));
                out.extend(col("基本支出").map(|c| ("final_general_basic", row[c].clone())));
            }
        }
        "final_basic_expenditure_by_economic" => {
            if let Some(row) = t.body_rows.last() {
                let sum: Decimal = row.iter().filter_map(|c| amount(c)).map(|a| a.value).sum();
                out.push(("final_general_basic", sum.to_string()));
            }
        }
        _ => {}
    }
    out
}

/// Every total restated by several tables must agree.
fn check_across(ck: &mut Checker, truth: &Truth) {
    let mut seen: BTreeMap<&'static str, (usize, String)> = BTreeMap::new();
    for (ti, t) in truth.tables.iter().enumerate() {
        for (name, v) in facts(t) {
            match seen.get(name) {
                Some((first, expected)) => ck.sum(
                    "total_agrees_across_tables",
                    format!("{name}: table {first} vs table {ti}"),
                    &v,
                    &[expected],
                ),
                None => {
                    seen.insert(name, (ti, v));
                }
            }
        }
    }
}

fn check_shape(truth: &Truth) -> Vec<String> {
    let mut problems = Vec::new();
    for (ti, t) in truth.tables.iter().enumerate() {
        let width = t
            .header_rows
            .first()
            .or(t.body_rows.first())
            .map_or(0, Vec::len);
        for (ri, row) in t.header_rows.iter().chain(&t.body_rows).enumerate() {
            if row.len() != width {
                problems.push(format!(
                    "table {ti} ({}) row {ri}: {} cells, header has {width}",
                    t.title,
                    row.len()
                ));
            }
        }
        let [first, last] = t.pages;
        if !(1 <= first && first <= last && last <= truth.page_count) {
            problems.push(format!(
                "table {ti}: pages {first}-{last} outside 1-{}",
                truth.page_count
            ));
        }
        if t.body_row_pages.len() != t.body_rows.len()
            || t.body_row_pages.windows(2).any(|w| w[0] > w[1])
            || t.body_row_pages.iter().any(|&p| p < first || p > last)
        {
            problems.push(format!(
                "table {ti}: body_row_pages {:?} inconsistent with pages {first}-{last}",
                t.body_row_pages
            ));
        }
    }
    let form_tables: Vec<&TruthTable> = truth
        .tables
        .iter()
        .filter(|t| t.kind == "performance_targets")
        .collect();
    if form_tables.len() != truth.forms.len() {
        problems.push(format!(
            "{} form tables but {} forms",
            form_tables.len(),
            truth.forms.len()
        ));
    }
    for (form, table) in truth.forms.iter().zip(form_tables) {
        if form.pages != table.pages
            || form.indicators.is_empty()
            || form.funds_total.parse::<Decimal>().is_err()
        {
            problems.push(format!(
                "form {}: pages/indicators/funds_total inconsistent",
                form.project
            ));
        }
    }
    problems
}

fn check_document(truth: &Truth) -> Checker {
    let mut ck = Checker::default();
    for (ti, t) in truth.tables.iter().enumerate() {
        check_hierarchy(&mut ck, t, ti);
        check_name_hierarchy(&mut ck, t, ti);
        check_columns(&mut ck, t, ti);
        check_summary(&mut ck, t, ti);
        check_three_public(&mut ck, t, ti);
    }
    check_across(&mut ck, truth);
    ck
}

#[test]
fn every_truth_file_is_internally_consistent() {
    let all = load_all();
    assert!(
        all.len() >= 12,
        "expected at least 12 samples, found {}",
        all.len()
    );
    let mut report = Vec::new();
    for (path, truth) in &all {
        let ck = check_document(truth);
        let name = path.file_name().unwrap().to_string_lossy();
        eprintln!(
            "{name}: {} checks, {} pass, {} rounding, {} fail",
            ck.findings.len(),
            ck.count(Status::Pass),
            ck.count(Status::Rounding),
            ck.count(Status::Fail)
        );
        let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
        for f in &ck.findings {
            *per_rule.entry(f.rule).or_default() += 1;
        }
        eprintln!("  {per_rule:?}");
        for f in ck.findings.iter().filter(|f| f.status == Status::Rounding) {
            eprintln!(
                "  rounding {} at {}: expected {} found {}",
                f.rule, f.at, f.expected, f.found
            );
        }
        for f in ck.failures() {
            report.push(format!(
                "{name}: {} at {}: expected {} found {}",
                f.rule, f.at, f.expected, f.found
            ));
        }
        report.extend(
            check_shape(truth)
                .into_iter()
                .map(|p| format!("{name}: {p}")),
        );
        let with_data = truth
            .tables
            .iter()
            .filter(|t| !t.no_data && t.kind != "performance_targets")
            .count();
        if with_data > 0 && ck.findings.len() < with_data {
            report.push(format!(
                "{name}: only {} checks for {with_data} tables with data",
                ck.findings.len()
            ));
        }
    }
    assert!(
        report.is_empty(),
        "truth inconsistencies:\n{}",
        report.join("\n")
    );
}

#[test]
fn every_truth_file_has_its_pdf_and_every_pdf_its_truth() {
    let truths: Vec<PathBuf> = load_all().iter().map(|(_, t)| pdf_of(t)).collect();
    for pdf in &truths {
        assert!(pdf.is_file(), "{} is missing", pdf.display());
    }
    for entry in std::fs::read_dir(samples_dir().join("pdf")).unwrap() {
        let path = entry.unwrap().path();
        assert!(
            truths.contains(&path),
            "{} has no truth file",
            path.display()
        );
    }
}

#[test]
fn samples_cover_producers_and_document_kinds() {
    let all = load_all();
    let any = |f: &dyn Fn(&Truth) -> bool| all.iter().any(|(_, t)| f(t));
    assert!(any(&|t| t.pipeline.contains("Calc")));
    assert!(any(&|t| t.pipeline.contains("Writer")));
    assert!(any(&|t| t.producer.contains("Skia")));
    assert!(any(&|t| t.pipeline.contains("Ghostscript pdfwrite")));
    assert!(all.iter().filter(|(_, t)| t.encrypted).count() >= 2);
    assert!(any(&|t| t.rotation == Some(90)));
    assert!(any(&|t| !t.text_layer));
    assert!(any(&|t| t.document_kind.ends_with("budget")));
    assert!(any(&|t| t.document_kind.ends_with("final_account")));
    let bytes: u64 = std::fs::read_dir(samples_dir().join("pdf"))
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();
    assert!(bytes < 20 << 20, "samples/pdf holds {bytes} bytes");
}

/// The first truth file whose tables include `kind` with data.
fn sample_with(kind: &str) -> Truth {
    load_all()
        .into_iter()
        .map(|(_, t)| t)
        .find(|t| t.tables.iter().any(|x| x.kind == kind && !x.no_data))
        .unwrap_or_else(|| panic!("no sample has a {kind} table"))
}

/// Adds 1 to the first amount (a cell with a decimal point, not a code) of the first body row of the table of `kind` satisfying `pick`.
fn perturb(truth: &mut Truth, kind: &str, pick: impl Fn(&[String]) -> bool) {
    let t = truth
        .tables
        .iter_mut()
        .find(|t| t.kind == kind && !t.no_data)
        .unwrap();
    let row = t
        .body_rows
        .iter_mut()
        .find(|r| pick(r))
        .expect("a row to perturb");
    let cell = row
        .iter_mut()
        .find(|c| c.contains('.') && amount(c).is_some())
        .expect("an amount in the row");
    *cell = (value(cell) + Decimal::ONE).to_string();
}

#[test]
fn a_wrong_leaf_amount_is_caught() {
    let mut truth = sample_with("expenditure_summary");
    assert!(check_document(&truth).failures().is_empty());
    perturb(&mut truth, "expenditure_summary", |r| {
        r.iter().any(|c| c.len() == 7 && is_code(c)) || r[..3].concat().len() == 7
    });
    let ck = check_document(&truth);
    let rules: Vec<&str> = ck.failures().iter().map(|f| f.rule).collect();
    assert!(rules.contains(&"parent_eq_children"), "{rules:?}");
}

#[test]
fn a_wrong_three_public_item_is_caught() {
    let mut truth = sample_with("three_public_expenses");
    perturb(&mut truth, "three_public_expenses", |r| {
        r.iter().any(|c| amount(c).is_some())
    });
    assert!(!check_document(&truth).failures().is_empty());
}

#[test]
fn a_wrong_total_in_a_final_account_is_caught() {
    let mut truth = sample_with("final_summary");
    perturb(&mut truth, "final_summary", |r| r[0] == "本年收入合计");
    let rules: Vec<&str> = check_document(&truth)
        .failures()
        .iter()
        .map(|f| f.rule)
        .collect();
    assert!(
        rules.contains(&"revenue_items_eq_total") && rules.contains(&"total_agrees_across_tables"),
        "{rules:?}"
    );
}

#[test]
fn published_rounding_is_reported_not_failed() {
    let mut ck = Checker::default();
    ck.sum(
        "t",
        String::new(),
        "110.77",
        &["42.57", "6.28", "33.60", "12.33", "5.24", "0.47", "10.29"],
    );
    ck.sum("t", String::new(), "1,234.56", &["1,000.00", "234.56"]);
    ck.sum("t", String::new(), "10.00", &["9.90", ""]);
    let statuses: Vec<Status> = ck.findings.iter().map(|f| f.status).collect();
    assert_eq!(statuses, [Status::Rounding, Status::Pass, Status::Fail]);
}

/// What a table is, independent of where a producer put it.
fn content(t: &TruthTable) -> impl PartialEq + std::fmt::Debug + '_ {
    (
        &t.kind,
        &t.title,
        &t.header_rows,
        &t.body_rows,
        &t.context_lines,
        &t.notes,
        t.no_data,
    )
}

#[test]
fn renderings_and_copies_of_one_document_agree() {
    let all = load_all();
    for (path, truth) in &all {
        for (other_path, other) in &all {
            let same_document = (&truth.unit, truth.year, &truth.document_kind)
                == (&other.unit, other.year, &other.document_kind);
            if !same_document || path == other_path {
                continue;
            }
            let (a, b) = (path.display(), other_path.display());
            assert_eq!(truth.tables.len(), other.tables.len(), "{a} vs {b}");
            for (x, y) in truth.tables.iter().zip(&other.tables) {
                assert_eq!(content(x), content(y), "{a} vs {b}");
            }
            let copy = other
                .pipeline
                .starts_with(&format!("{} → ", truth.pipeline));
            if copy {
                let pages = |t: &Truth| -> Vec<([u32; 2], Vec<u32>)> {
                    t.tables
                        .iter()
                        .map(|x| (x.pages, x.body_row_pages.clone()))
                        .collect()
                };
                assert_eq!(
                    pages(truth),
                    pages(other),
                    "{b} is a copy of {a}: same pages"
                );
                assert_eq!(truth.page_count, other.page_count, "{a} vs {b}");
            }
        }
    }
}
