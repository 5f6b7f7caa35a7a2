//! 项目支出绩效目标 forms (申报表/填报表) → structured records: project, department, funds,
//! goals and indicator rows.
//!
//! A form is a grid of label cells each followed by its value (`项目名称 | 森林防火设施经费`),
//! then an indicator block whose own header row (`一级指标 | 二级指标 | 三级指标 | 指标值`) says
//! which column holds what. Merged 一级/二级 cells print once, so they carry down the rows.

use rust_decimal::Decimal;

use super::amount::parse_amount;
use crate::catalogue::{Catalogue, FormWords, squash};
use crate::recognize::AmountUnit;
use crate::report::{Indicator, PerformanceForm};
use crate::table::Table;

/// The labels forms print: normalization reads the bundled catalogue's `[forms]`.
fn words() -> &'static FormWords {
    Catalogue::standard().forms()
}

/// Whether a squashed label opens with one of `labels`.
fn opens_with(labels: &[String], label: &str) -> bool {
    labels.iter().any(|l| label.starts_with(l.as_str()))
}

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
            if opens_with(&words().footer, &first) {
                break;
            }
            form.indicators.extend(block.read(row));
            continue;
        }
        if let Some(block) = IndicatorBlock::from_header(row) {
            indicators = Some(block);
            continue;
        }
        in_funds = opens_with(&words().funds, &first)
            || (in_funds && !opens_with(&words().sections, &first));
        read_labelled_values(&mut form, &cells, &first, in_funds, factor);
    }
    (form.project.is_some() || !form.indicators.is_empty()).then_some(form)
}

/// `项目资金(万元)` scales the funds; otherwise they are in yuan, as the forms print them.
fn funds_factor(rows: &[&Vec<String>]) -> Decimal {
    let wan = AmountUnit::TenThousandYuan;
    let in_wan_mark = format!("({})", wan.as_str());
    let in_wan = rows
        .iter()
        .flat_map(|r| r.iter())
        .map(|c| squash(c))
        .any(|c| {
            words().fund_words.iter().any(|w| c.contains(w.as_str())) && c.contains(&in_wan_mark)
        });
    if in_wan {
        wan.yuan_factor()
    } else {
        Decimal::ONE
    }
}

fn read_labelled_values(
    form: &mut PerformanceForm,
    cells: &[(usize, &str)],
    first: &str,
    in_funds: bool,
    factor: Decimal,
) {
    if opens_with(&words().goals, first) {
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
        if opens_with(&words().project, label) {
            form.project.get_or_insert_with(|| value.to_string());
        } else if opens_with(&words().department, label) {
            form.department.get_or_insert_with(|| value.to_string());
        } else if opens_with(&words().implementing_unit, label) {
            form.implementing_unit
                .get_or_insert_with(|| value.to_string());
        } else if let Some(amount) = parse_amount(value) {
            let yuan = amount * factor;
            if words()
                .funds_total
                .iter()
                .any(|t| label.contains(t.as_str()))
            {
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
    /// The block's header row: the first 一级指标, 二级指标, 三级指标 and 指标值 cells (the
    /// catalogue's `[forms.indicators]`).
    fn from_header(row: &[String]) -> Option<IndicatorBlock> {
        let squashed: Vec<String> = row.iter().map(|c| squash(c)).collect();
        let find = |names: &[String]| squashed.iter().position(|c| names.contains(c));
        let [c1, c2, c3, cv] = &words().indicator_columns;
        let columns = [find(c1)?, find(c2)?, find(c3)?, find(cv)?];
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
