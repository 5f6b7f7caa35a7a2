//! A classified table → its records (spec §1, §4): one per non-empty numeric cell.
//!
//! Steps, top to bottom: give every grid column a role (code, name, amount) from its header
//! key and its cells; cut the columns into panels (a panel starts at a label column that follows
//! amounts: the revenue and expenditure sides of a 收支总表, or the halves of a two-panel table);
//! then read every body row panel by panel.

use rust_decimal::Decimal;

use super::amount::parse_amount;
use super::code::{SplitCodeJoiner, as_code, level, split_fused};
use crate::recognize::{Layout, TableClass, item_name, squash};
use crate::report::{Record, TableReport};
use crate::table::{Table, is_index_row};

/// What a grid column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Subject codes; `Some(i)` for the 类 (0), 款 (1) or 项 (2) part of a split code.
    Code(Option<usize>),
    /// Names (and fused `code-name` cells).
    Name,
    /// Row numbers (序号) and unit codes (单位编码): neither a subject code, a name nor an
    /// amount.
    Serial,
    /// Amounts.
    Amount,
}

/// The share of a column's non-empty body cells that must be numbers for an unnamed column to
/// count as amounts: names never are, so a majority is enough and a stray note is tolerated.
const AMOUNT_MAJORITY: f64 = 0.5;

/// Builds the table's report: the grid as printed plus its records.
pub fn table_report(table: &Table, class: &TableClass) -> TableReport {
    TableReport {
        kind: class.kind.clone(),
        title: table.title.clone(),
        pages: table.pages,
        unit_name: class.unit_name.clone(),
        amount_unit: class.amount_unit.map(|u| u.as_str().to_string()),
        no_data: class.no_data,
        header_rows: table.header_rows.clone(),
        body_rows: table.body_rows.clone(),
        records: records(table, class),
    }
}

fn records(table: &Table, class: &TableClass) -> Vec<Record> {
    // Forms, lists of units and contents grids hold no amounts.
    if !class.layout.has_amounts() {
        return Vec::new();
    }
    let factor = class.amount_unit.map_or(Decimal::ONE, |u| u.yuan_factor());
    let index_rows: Vec<bool> = table.body_rows.iter().map(|r| is_index_row(r)).collect();
    let roles = column_roles(table, class, &index_rows);
    let panels = panels(&roles);
    let mut joiners: Vec<SplitCodeJoiner> =
        panels.iter().map(|_| SplitCodeJoiner::default()).collect();
    let mut parents: Vec<CodelessParents> = panels
        .iter()
        .map(|panel| CodelessParents::for_panel(panel, &roles, class))
        .collect();
    let mut records = Vec::new();
    for (row_index, row) in table.body_rows.iter().enumerate() {
        if index_rows[row_index] {
            continue;
        }
        let page = table
            .body_row_pages
            .get(row_index)
            .copied()
            .unwrap_or(table.pages[0]);
        for (panel_index, panel) in panels.iter().enumerate() {
            let label = row_label(row, panel, &roles, &mut joiners[panel_index]);
            let parent = parents[panel_index].parent_of(row, panel, &roles, &label);
            let side = side(class.layout, panel_index);
            for &col in panel.iter().filter(|&&c| roles[c] == Role::Amount) {
                let raw = row.get(col).map_or("", String::as_str);
                let Some(amount) = parse_amount(raw) else {
                    continue;
                };
                let column = &class.columns.get(col);
                records.push(Record {
                    row: row_index,
                    page,
                    side: side.map(str::to_string),
                    code: label.code.clone(),
                    level: label.code.as_deref().and_then(level).map(str::to_string),
                    item: label.item.clone(),
                    parent: parent.clone(),
                    column: column.map_or("other", |c| c.key.as_str()).to_string(),
                    col,
                    group: column.and_then(|c| c.group.clone()),
                    column_label: column.map_or(String::new(), |c| c.label.clone()),
                    amount: to_yuan(amount, factor),
                    raw: raw.to_string(),
                });
            }
        }
    }
    records
}

/// An amount in yuan with at least fen precision: `866.53` 万元 is `8665300.00`,
/// `5,131.706333` 万元 is `51317063.33`, `4,431,000` 元 is `4431000.00`.
fn to_yuan(amount: Decimal, factor: Decimal) -> Decimal {
    let mut yuan = (amount * factor).normalize();
    if yuan.scale() < 2 {
        yuan.rescale(2);
    }
    yuan
}

fn side(layout: Layout, panel_index: usize) -> Option<&'static str> {
    match (layout, panel_index) {
        (Layout::TwoSided, 0) => Some("revenue"),
        (Layout::TwoSided, _) => Some("expenditure"),
        _ => None,
    }
}

/// The role of each grid column; `index_rows` marks the body rows that number the columns.
fn column_roles(table: &Table, class: &TableClass, index_rows: &[bool]) -> Vec<Role> {
    let width = table
        .header_rows
        .iter()
        .chain(&table.body_rows)
        .map(Vec::len)
        .max()
        .unwrap_or(0);
    (0..width)
        .map(|col| {
            let info = class.columns.get(col);
            let path: Vec<String> =
                info.map_or(Vec::new(), |c| c.path.iter().map(|p| squash(p)).collect());
            let label = path.last().map_or("", String::as_str);
            if let Some(part) = ["类", "款", "项"].iter().position(|p| *p == label) {
                return Role::Code(Some(part));
            }
            if path.iter().any(|p| {
                ["序号", "编号", "行次", "栏次", "单位编码", "单位代码"]
                    .iter()
                    .any(|n| p.contains(n))
            }) {
                return Role::Serial;
            }
            if path
                .iter()
                .any(|p| p.contains("编码") || p.contains("代码"))
                && !is_keyed(info)
            {
                return Role::Code(None);
            }
            let cells: Vec<&str> = table
                .body_rows
                .iter()
                .zip(index_rows)
                .filter(|(_, index)| !**index)
                .filter_map(|(r, _)| r.get(col).map(|c| c.trim()))
                .filter(|c| !c.is_empty())
                .collect();
            if !cells.is_empty() && cells.iter().all(|c| as_code(c).is_some()) && !is_keyed(info) {
                return Role::Code(None);
            }
            let numbers = cells.iter().filter(|c| parse_amount(c).is_some()).count();
            let mostly_numbers = numbers as f64 > cells.len() as f64 * AMOUNT_MAJORITY;
            if (is_keyed(info) && (numbers > 0 || cells.is_empty())) || mostly_numbers {
                Role::Amount
            } else {
                Role::Name
            }
        })
        .collect()
}

/// Whether the header gives the column a canonical amount key.
fn is_keyed(info: Option<&crate::recognize::ColumnInfo>) -> bool {
    info.is_some_and(|c| c.key != "other")
}

/// Column indices of each panel: a new panel starts at a label column that follows an amount.
fn panels(roles: &[Role]) -> Vec<Vec<usize>> {
    let mut panels: Vec<Vec<usize>> = Vec::new();
    let mut previous = None;
    for (col, role) in roles.iter().enumerate() {
        let starts_panel = role != &Role::Amount && previous == Some(Role::Amount);
        if panels.is_empty() || starts_panel {
            panels.push(Vec::new());
        }
        if let Some(panel) = panels.last_mut() {
            panel.push(col);
        }
        previous = Some(*role);
    }
    panels
}

/// What identifies a row within a panel.
struct RowLabel {
    code: Option<String>,
    item: String,
}

fn row_label(
    row: &[String],
    panel: &[usize],
    roles: &[Role],
    joiner: &mut SplitCodeJoiner,
) -> RowLabel {
    let cell = |col: usize| row.get(col).map_or("", |c| c.trim());
    let split: Vec<(usize, &str)> = panel
        .iter()
        .filter_map(|&c| match roles[c] {
            Role::Code(Some(part)) => Some((part, cell(c))),
            _ => None,
        })
        .collect();
    let mut code = if split.is_empty() {
        panel
            .iter()
            .filter(|&&c| roles[c] == Role::Code(None))
            .find_map(|&c| as_code(cell(c)).or_else(|| split_fused(cell(c)).map(|(code, _)| code)))
    } else {
        // Only the first 类|款|项 set names the row: a second set (the 政府预算 economic code
        // beside the 部门预算 one) starts where a part repeats.
        let mut parts = ["", "", ""];
        let mut seen = [false; 3];
        for (part, text) in split {
            if seen[part] {
                break;
            }
            seen[part] = true;
            parts[part] = text;
        }
        joiner.join(parts)
    };
    // A label printed in a code column (`合计` across 科目编码|科目名称) names the row too; a
    // code or a part of one (the `05` of a split 款) never does.
    let is_code_part = |text: &str| text.chars().all(|ch| ch.is_ascii_digit());
    let is_name = |c: usize| {
        roles[c] == Role::Name || (matches!(roles[c], Role::Code(_)) && !is_code_part(cell(c)))
    };
    let name = panel
        .iter()
        .filter(|&&c| is_name(c))
        .map(|&c| cell(c))
        .find(|c| !c.is_empty())
        .unwrap_or("");
    let item = match split_fused(name) {
        Some((fused_code, fused_name)) => {
            code.get_or_insert(fused_code);
            item_name(&fused_name)
        }
        None => item_name(name),
    };
    RowLabel { code, item }
}

/// Hierarchy of rows without codes, read from a second name column as economic tables print
/// it (`部门预算支出经济科目名称 | 政府预算支出经济科目名称`): a row whose second name is empty
/// is a category, and the rows after it that print a second name belong to it.
#[derive(Debug)]
struct CodelessParents {
    /// Whether the second name column holds economic classification names (`政府预算支出经济
    /// 科目名称`): other tables' second names (项目类别, 单位) say nothing about hierarchy.
    economic_names: bool,
    category: Option<String>,
}

impl CodelessParents {
    fn for_panel(panel: &[usize], roles: &[Role], class: &TableClass) -> CodelessParents {
        let second_name = panel.iter().filter(|&&c| roles[c] == Role::Name).nth(1);
        let economic_names = second_name
            .and_then(|&c| class.columns.get(c))
            .is_some_and(|c| c.path.iter().any(|p| squash(p).contains("经济")));
        CodelessParents {
            economic_names,
            category: None,
        }
    }

    fn parent_of(
        &mut self,
        row: &[String],
        panel: &[usize],
        roles: &[Role],
        label: &RowLabel,
    ) -> Option<String> {
        let mut names = panel.iter().filter(|&&c| roles[c] == Role::Name);
        let (_, second) = (names.next()?, names.next()?);
        if !self.economic_names {
            return None;
        }
        if label.code.is_some() || is_total_item(&label.item) {
            self.category = None;
            return None;
        }
        let second_name = row.get(*second).map_or("", |c| c.trim());
        if second_name.is_empty() {
            self.category = Some(label.item.clone());
            None
        } else {
            self.category.clone()
        }
    }
}

/// `合计`, `总计`, `部门合计`: the row that totals the table.
pub fn is_total_item(item: &str) -> bool {
    matches!(item, "合计" | "总计" | "部门合计" | "单位合计" | "总合计")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn split_code_parts_are_never_the_name_but_a_label_across_them_is() {
        let roles = [
            Role::Code(Some(0)),
            Role::Code(Some(1)),
            Role::Code(Some(2)),
            Role::Name,
            Role::Amount,
        ];
        let panel = [0, 1, 2, 3, 4];
        let mut joiner = SplitCodeJoiner::default();
        let mut label = |cells: &[&str]| row_label(&row(cells), &panel, &roles, &mut joiner);
        let total = label(&["合计", "", "", "", "9.00"]);
        assert_eq!((total.code, total.item.as_str()), (None, "合计"));
        let class = label(&["208", "", "", "社会保障和就业支出", "9.00"]);
        assert_eq!(class.item, "社会保障和就业支出");
        let item = label(&[
            "208",
            "05",
            "05",
            "机关事业单位基本养老保险缴费支出",
            "9.00",
        ]);
        assert_eq!(item.code.as_deref(), Some("2080505"));
        assert_eq!(item.item, "机关事业单位基本养老保险缴费支出");
    }
}
