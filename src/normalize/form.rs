//! 项目支出绩效目标 forms (申报表/填报表) → structured records: project, department, funds,
//! goals and indicator rows.
//!
//! A form is a grid of label cells each followed by its value (`项目名称 | 森林防火设施经费`),
//! then an indicator block whose own header row (`一级指标 | 二级指标 | 三级指标 | 指标值`) says
//! which column holds what. Merged 一级/二级 cells print once, so they carry down the rows.

use rust_decimal::Decimal;

use super::amount::parse_amount;
use crate::catalogue::squash;
use crate::report::{Indicator, PerformanceForm};
use crate::table::Table;

/// Rows that end a form's indicator block (signatures under the form).
const FOOTER_LABELS: &[&str] = &["负责人", "经办人", "填报", "联系电话", "审核"];

/// Reads a 绩效目标 form; `None` when the table has neither a project name nor indicators.
pub fn performance_form(table_index: usize, table: &Table) -> Option<PerformanceForm> {
    let rows: Vec<&Vec<String>> = table.header_rows.iter().chain(&table.body_rows).collect();
    let factor = funds_factor(&rows);
    let mut form = PerformanceForm {
        table: table_index,
        ..PerformanceForm::default()
    };
    let mut indicators: Option<IndicatorBlock> = None;
    let mut in_funds = false;
    for row in rows {
        let cells: Vec<(usize, &str)> = row
            .iter()
            .enumerate()
            .map(|(i, c)| (i, c.trim()))
            .filter(|(_, c)| !c.is_empty())
            .collect();
        let Some(&(_, first)) = cells.first() else {
            continue;
        };
        let first = squash(first);
        if let Some(block) = indicators.as_mut() {
            if FOOTER_LABELS.iter().any(|f| first.starts_with(f)) {
                break;
            }
            form.indicators.extend(block.read(row));
            continue;
        }
        if let Some(block) = IndicatorBlock::from_header(row) {
            indicators = Some(block);
            continue;
        }
        in_funds = first.starts_with("项目资金") || (in_funds && !is_section_label(&first));
        read_labelled_values(&mut form, &cells, &first, in_funds, factor);
    }
    (form.project.is_some() || !form.indicators.is_empty()).then_some(form)
}

/// `项目资金(万元)` scales the funds; otherwise they are in yuan, as the forms print them.
fn funds_factor(rows: &[&Vec<String>]) -> Decimal {
    let in_wan = rows
        .iter()
        .flat_map(|r| r.iter())
        .map(|c| squash(c))
        .any(|c| c.contains("资金") && c.contains("(万元)"));
    Decimal::from(if in_wan { 10_000 } else { 1 })
}

/// A label that starts a new part of the form (ends the 项目资金 rows).
fn is_section_label(label: &str) -> bool {
    [
        "项目概况",
        "立项依据",
        "项目设立",
        "保证项目",
        "项目实施",
        "总体目标",
        "实施期目标",
        "年度目标",
    ]
    .iter()
    .any(|l| label.starts_with(l))
}

fn read_labelled_values(
    form: &mut PerformanceForm,
    cells: &[(usize, &str)],
    first: &str,
    in_funds: bool,
    factor: Decimal,
) {
    if ["总体目标", "年度目标", "绩效目标"]
        .iter()
        .any(|l| first.starts_with(l))
    {
        for (_, goal) in &cells[1..] {
            if !form.goals.iter().any(|g| g == goal) {
                form.goals.push(goal.to_string());
            }
        }
        return;
    }
    for pair in cells.windows(2) {
        let (label, value) = (squash(pair[0].1), pair[1].1);
        let label = label.trim_end_matches(':');
        if label.starts_with("项目名称") {
            form.project.get_or_insert_with(|| value.to_string());
        } else if label.starts_with("主管部门") {
            form.department.get_or_insert_with(|| value.to_string());
        } else if label.starts_with("实施单位") {
            form.implementing_unit
                .get_or_insert_with(|| value.to_string());
        } else if let Some(amount) = parse_amount(value) {
            let yuan = amount * factor;
            if label.contains("资金总额") {
                // The annual total (年度资金总额) is printed after the multi-year one.
                form.funds_total = Some(yuan);
            } else if in_funds && parse_amount(label).is_none() {
                let source = label.trim_start_matches("其中:").to_string();
                match form.fund_sources.iter_mut().find(|(s, _)| *s == source) {
                    Some(existing) => existing.1 = yuan.to_string(),
                    None => form.fund_sources.push((source, yuan.to_string())),
                }
            }
        }
    }
}

/// Where the indicator columns are, and the 一级/二级 names carried down merged cells.
struct IndicatorBlock {
    columns: [usize; 4],
    level1: String,
    level2: String,
}

impl IndicatorBlock {
    /// The block's header row: the first 一级指标, 二级指标, 三级指标 and 指标值 cells.
    fn from_header(row: &[String]) -> Option<IndicatorBlock> {
        let find = |name: &str| row.iter().position(|c| squash(c) == name);
        let columns = [
            find("一级指标")?,
            find("二级指标")?,
            find("三级指标")?,
            find("指标值")?,
        ];
        Some(IndicatorBlock {
            columns,
            level1: String::new(),
            level2: String::new(),
        })
    }

    fn read(&mut self, row: &[String]) -> Option<Indicator> {
        let cell = |col: usize| row.get(col).map_or("", |c| c.trim()).to_string();
        let [c1, c2, c3, cv] = self.columns;
        if !cell(c1).is_empty() {
            self.level1 = cell(c1);
            self.level2.clear();
        }
        if !cell(c2).is_empty() {
            self.level2 = cell(c2);
        }
        let (level3, value) = (cell(c3), cell(cv));
        // A 二级 printed without 三级 or value (经济效益指标 left blank) is still a row of the form.
        let printed = [c1, c2, c3, cv].iter().any(|&c| !cell(c).is_empty());
        printed.then(|| Indicator {
            level1: self.level1.clone(),
            level2: self.level2.clone(),
            level3,
            value,
        })
    }
}
