//! A classified table → its facts (spec §1, §4): one per non-empty numeric cell of a money
//! column, and the numbers of the other columns as row attributes.
//!
//! Steps, top to bottom: give every grid column what it holds (code, name, money, a number
//! that is not money) from its header and its cells; cut the columns into panels (a panel
//! starts at a label column that follows amounts: the revenue and expenditure sides of a
//! 收支总表, or the halves of a two-panel table); then read every body row panel by panel.

use rust_decimal::Decimal;

use super::amount::{is_no_value, parse_amount, printed_decimals};
use super::code::{SplitCodeJoiner, as_code, split_fused};
use super::coverage::{Unexplained, lost_numbers, not_an_amount};
use super::facts::{Amount, Attribute, Fact, Level, RowName, Side, TableFacts};
use crate::catalogue::{
    Catalogue, ECONOMIC_CLASSIFICATION, Layout, Measure, Numbering, item_name, numbering, squash,
};
use crate::recognize::{ColumnKey, OTHER_ROLE, TableClass};
use crate::report::TableReport;
use crate::table::{Table, is_index_row};

/// What a grid column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Holds {
    /// Subject codes; `Some(i)` for the 类 (0), 款 (1) or 项 (2) part of a split code.
    Code(Option<usize>),
    /// Names (and fused `code-name` cells).
    Name,
    /// Amounts of money.
    Money,
    /// Numbers that are not money: counts, ratios, row numbers, identifiers.
    Attribute(Measure),
}

/// The share of a column's non-empty body cells that must be numbers for an unnamed column to
/// count as amounts: names never are, so a majority is enough and a stray note is tolerated.
const AMOUNT_MAJORITY: f64 = 0.5;

/// Reads the facts of table number `index`.
pub fn table_facts(index: usize, table: &Table, class: &TableClass) -> TableFacts {
    // Forms, lists of units and contents grids hold no amounts.
    let read = if class.layout.has_amounts() {
        read_rows(table, class)
    } else {
        Read::default()
    };
    TableFacts {
        index,
        kind: class.kind.clone(),
        title: table.title.clone(),
        facts: read.facts,
        attributes: read.attributes,
        rows: read.rows,
        unexplained: [lost_numbers(table), read.unexplained].concat(),
        broken: !class.breaks.is_empty(),
    }
}

/// Builds the table's report: the grid as printed plus its records and attributes.
pub fn table_report(table: &Table, class: &TableClass, facts: &TableFacts) -> TableReport {
    TableReport {
        kind: class.kind.clone(),
        title: table.title.clone(),
        pages: table.pages,
        unit_name: class.unit_name.clone(),
        amount_unit: class.amount_unit.map(|u| u.as_str().to_string()),
        no_data: class.no_data,
        header_rows: table.header_rows.clone(),
        body_rows: table.body_rows.clone(),
        records: facts.facts.iter().map(Fact::record).collect(),
        attributes: facts.attributes.iter().map(Attribute::report).collect(),
    }
}

/// The page body row `row` was printed on.
pub(crate) fn row_page(table: &Table, row: usize) -> u32 {
    table
        .body_row_pages
        .get(row)
        .copied()
        .unwrap_or(table.pages[0])
}

/// What the rows of a table give.
#[derive(Debug, Default)]
struct Read {
    facts: Vec<Fact>,
    attributes: Vec<Attribute>,
    rows: Vec<RowName>,
    unexplained: Vec<Unexplained>,
}

fn read_rows(table: &Table, class: &TableClass) -> Read {
    let index_rows: Vec<bool> = table.body_rows.iter().map(|r| is_index_row(r)).collect();
    let holds = column_holds(table, class, &index_rows);
    let panels = panels(&holds);
    let mut joiners: Vec<SplitCodeJoiner> =
        panels.iter().map(|_| SplitCodeJoiner::default()).collect();
    let mut parents: Vec<CodelessParents> = panels
        .iter()
        .map(|panel| CodelessParents::for_panel(panel, &holds, class))
        .collect();
    let mut read = Read::default();
    for (row_index, row) in table.body_rows.iter().enumerate() {
        if index_rows[row_index] {
            continue;
        }
        let page = row_page(table, row_index);
        for (panel_index, panel) in panels.iter().enumerate() {
            let label = row_label(row, panel, &holds, &mut joiners[panel_index]);
            let parent = parents[panel_index].parent_of(row, panel, &holds, &label);
            read.rows.push(RowName {
                row: row_index,
                panel: panel_index,
                page,
                code: label.code.clone(),
                unit: label.unit.clone(),
                item: label.item.clone(),
                numbering: label.numbering,
            });
            for &col in panel {
                let raw = row.get(col).map_or("", String::as_str);
                let column = class.columns.get(col);
                match holds[col] {
                    Holds::Money => {
                        let Some(printed) = parse_amount(raw) else {
                            if raw.chars().any(|c| c.is_numeric()) {
                                read.unexplained
                                    .push(not_an_amount(row_index, page, col, raw));
                            }
                            continue;
                        };
                        read.facts.push(Fact {
                            row: row_index,
                            page,
                            col,
                            side: side(class.layout, panel_index),
                            panel: panel_index,
                            code: label.code.clone(),
                            level: label.code.as_deref().and_then(Level::of_code),
                            item: label.item.clone(),
                            numbering: label.numbering,
                            parent: parent.clone(),
                            column: column.map_or(ColumnKey::role(OTHER_ROLE), |c| c.key.clone()),
                            label: column.map_or(String::new(), |c| c.label.clone()),
                            group: column.and_then(|c| c.group.clone()),
                            amount: Amount {
                                yuan: to_yuan(printed, class),
                                unit: class.amount_unit,
                                decimals: printed_decimals(raw),
                            },
                            raw: raw.to_string(),
                        });
                    }
                    Holds::Attribute(measure) if !raw.trim().is_empty() => {
                        read.attributes.push(Attribute {
                            row: row_index,
                            page,
                            col,
                            code: label.code.clone(),
                            item: label.item.clone(),
                            key: column.map_or(OTHER_ROLE.to_string(), |c| c.key.role.clone()),
                            label: column.map_or(String::new(), |c| c.label.clone()),
                            measure,
                            value: attribute_value(raw, measure),
                            raw: raw.to_string(),
                        });
                    }
                    _ => {}
                }
            }
        }
    }
    read
}

/// The number an attribute cell prints (`30`, `12.5%` → `12.5`); identifiers are not numbers.
fn attribute_value(raw: &str, measure: Measure) -> Option<Decimal> {
    if measure == Measure::Identifier {
        return None;
    }
    parse_amount(squash(raw).trim_end_matches('%'))
}

/// An amount in yuan with at least fen precision: `866.53` 万元 is `8665300.00`,
/// `5,131.706333` 万元 is `51317063.33`, `4,431,000` 元 is `4431000.00`.
fn to_yuan(amount: Decimal, class: &TableClass) -> Decimal {
    let factor = class.amount_unit.map_or(Decimal::ONE, |u| u.yuan_factor());
    let mut yuan = (amount * factor).normalize();
    if yuan.scale() < 2 {
        yuan.rescale(2);
    }
    yuan
}

fn side(layout: Layout, panel_index: usize) -> Option<Side> {
    match (layout, panel_index) {
        (Layout::TwoSided, 0) => Some(Side::Revenue),
        (Layout::TwoSided, _) => Some(Side::Expenditure),
        _ => None,
    }
}

/// What each grid column holds: what its header says (a code part, a measure that is not
/// money, a canonical key), else what its cells are; `index_rows` marks the body rows that
/// number the columns.
fn column_holds(table: &Table, class: &TableClass, index_rows: &[bool]) -> Vec<Holds> {
    let width = table.width();
    (0..width)
        .map(|col| {
            let info = class.columns.get(col);
            if let Some(part) = info.and_then(|c| c.code) {
                return Holds::Code(part.split_index());
            }
            if let Some(measure) = info.map(|c| c.measure).filter(|m| *m != Measure::Money) {
                return Holds::Attribute(measure);
            }
            let keyed = info.is_some_and(|c| !c.key.is_other());
            let cells: Vec<&str> = table
                .body_rows
                .iter()
                .zip(index_rows)
                .filter(|(_, index)| !**index)
                .filter_map(|(r, _)| r.get(col).map(|c| c.trim()))
                .filter(|c| !c.is_empty())
                .collect();
            if !cells.is_empty() && cells.iter().all(|c| as_code(c).is_some()) && !keyed {
                return Holds::Code(None);
            }
            let percents = cells.iter().filter(|c| is_percent(c)).count();
            if percents as f64 > cells.len() as f64 * AMOUNT_MAJORITY {
                return Holds::Attribute(Measure::Ratio);
            }
            let numbers = cells.iter().filter(|c| parse_amount(c).is_some()).count();
            let mostly_numbers = numbers as f64 > cells.len() as f64 * AMOUNT_MAJORITY;
            let all_blank = cells.iter().all(|c| is_no_value(c));
            if (keyed && (numbers > 0 || all_blank)) || mostly_numbers {
                Holds::Money
            } else {
                Holds::Name
            }
        })
        .collect()
}

/// `12.5%`, `-60.86%`: a percentage.
fn is_percent(cell: &str) -> bool {
    let squashed = squash(cell);
    squashed
        .strip_suffix('%')
        .is_some_and(|number| parse_amount(number).is_some())
}

/// Column indices of each panel: a new panel starts at a label column that follows an amount.
pub(crate) fn panels(holds: &[Holds]) -> Vec<Vec<usize>> {
    let mut panels: Vec<Vec<usize>> = Vec::new();
    let mut previous = None;
    for (col, role) in holds.iter().enumerate() {
        let starts_panel = labels_rows(*role) && previous.is_some_and(|p| !labels_rows(p));
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

/// Whether a column names its rows (codes, names, row numbers, identifiers) rather than
/// printing figures of them.
fn labels_rows(holds: Holds) -> bool {
    matches!(
        holds,
        Holds::Code(_) | Holds::Name | Holds::Attribute(Measure::Serial | Measure::Identifier)
    )
}

/// What identifies a row within a panel.
struct RowLabel {
    code: Option<String>,
    /// The identifier of the unit the row is for (单位编码 `328001`), if printed.
    unit: Option<String>,
    item: String,
    numbering: Option<Numbering>,
}

fn row_label(
    row: &[String],
    panel: &[usize],
    roles: &[Holds],
    joiner: &mut SplitCodeJoiner,
) -> RowLabel {
    let cell = |col: usize| row.get(col).map_or("", |c| c.trim());
    let split: Vec<(usize, &str)> = panel
        .iter()
        .filter_map(|&c| match roles[c] {
            Holds::Code(Some(part)) => Some((part, cell(c))),
            _ => None,
        })
        .collect();
    let mut code = if split.is_empty() {
        panel
            .iter()
            .filter(|&&c| roles[c] == Holds::Code(None))
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
    // A label printed in a code column (`合计` across 科目编码|科目名称, or across 部门代码 |
    // 部门名称) names the row too; a code or a part of one (the `05` of a split 款) never does.
    let is_code_part = |text: &str| text.chars().all(|ch| ch.is_ascii_digit());
    let is_name =
        |c: usize| roles[c] == Holds::Name || (labels_rows(roles[c]) && !is_code_part(cell(c)));
    let name = panel
        .iter()
        .filter(|&&c| is_name(c))
        .map(|&c| cell(c))
        .find(|c| !c.is_empty())
        .unwrap_or("");
    let (item, numbering) = match split_fused(name) {
        Some((fused_code, fused_name)) => {
            code.get_or_insert(fused_code);
            (item_name(&fused_name), numbering(&fused_name))
        }
        None => (item_name(name), numbering(name)),
    };
    let unit = panel
        .iter()
        .filter(|&&c| roles[c] == Holds::Attribute(Measure::Identifier))
        .map(|&c| cell(c))
        .find(|text| !text.is_empty() && is_code_part(text))
        .map(str::to_string);
    RowLabel {
        code,
        unit,
        item,
        numbering,
    }
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

/// Whether a header label names the economic classification (the catalogue's facet value
/// `classification:economic`: 经济分类, 经济科目).
fn names_economic_classification(label: &str) -> bool {
    let facets = Catalogue::standard().facets();
    facets
        .value(ECONOMIC_CLASSIFICATION)
        .is_some_and(|economic| facets.read(label).contains(&economic))
}

impl CodelessParents {
    fn for_panel(panel: &[usize], roles: &[Holds], class: &TableClass) -> CodelessParents {
        let second_name = panel.iter().filter(|&&c| roles[c] == Holds::Name).nth(1);
        let economic_names = second_name
            .and_then(|&c| class.columns.get(c))
            .is_some_and(|c| c.path.iter().any(|p| names_economic_classification(p)));
        CodelessParents {
            economic_names,
            category: None,
        }
    }

    fn parent_of(
        &mut self,
        row: &[String],
        panel: &[usize],
        roles: &[Holds],
        label: &RowLabel,
    ) -> Option<String> {
        let mut names = panel.iter().filter(|&&c| roles[c] == Holds::Name);
        let (_, second) = (names.next()?, names.next()?);
        if !self.economic_names {
            return None;
        }
        if label.code.is_some() || Catalogue::standard().is_total_item(&label.item) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn split_code_parts_are_never_the_name_but_a_label_across_them_is() {
        let roles = [
            Holds::Code(Some(0)),
            Holds::Code(Some(1)),
            Holds::Code(Some(2)),
            Holds::Name,
            Holds::Money,
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

    #[test]
    fn name_columns_of_economic_subjects_are_named_by_the_catalogues_classification() {
        assert!(names_economic_classification("政府预算支出经济科目名称"));
        assert!(names_economic_classification(
            "部门预算支出经济分类科目名称"
        ));
        assert!(!names_economic_classification("项目类别"));
        // 经济 alone is no classification: units are named 经济和信息化局.
        assert!(!names_economic_classification("经济和信息化局"));
    }
}
