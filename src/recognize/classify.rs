//! Classifying one table: its kind, amount unit, unit name, `no_data` and column keys.

use std::sync::LazyLock;

use regex::Regex;

use super::catalogue::{Catalogue, Layout};
use super::columns::{ColumnInfo, columns};
use super::text::squash;
use crate::report::{Warning, WarningKind};
use crate::table::Table;

/// The kind string of a table the catalogue does not know.
pub const UNKNOWN_KIND: &str = "unknown";

/// The unit amounts are printed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountUnit {
    /// 元.
    Yuan,
    /// 千元.
    ThousandYuan,
    /// 万元.
    TenThousandYuan,
}

impl AmountUnit {
    /// How many yuan one printed unit is.
    pub fn yuan_factor(self) -> rust_decimal::Decimal {
        rust_decimal::Decimal::from(match self {
            AmountUnit::Yuan => 1,
            AmountUnit::ThousandYuan => 1_000,
            AmountUnit::TenThousandYuan => 10_000,
        })
    }

    /// The unit as printed: `元`, `千元`, `万元`.
    pub fn as_str(self) -> &'static str {
        match self {
            AmountUnit::Yuan => "元",
            AmountUnit::ThousandYuan => "千元",
            AmountUnit::TenThousandYuan => "万元",
        }
    }

    /// The unit a printed `元`/`千元`/`万元` names.
    pub fn from_printed(text: &str) -> Option<AmountUnit> {
        match text {
            "元" => Some(AmountUnit::Yuan),
            "千元" => Some(AmountUnit::ThousandYuan),
            "万元" => Some(AmountUnit::TenThousandYuan),
            _ => None,
        }
    }
}

/// What recognition learned about one table.
#[derive(Debug, Clone, PartialEq)]
pub struct TableClass {
    /// Catalogue kind, or [`UNKNOWN_KIND`].
    pub kind: String,
    /// Column arrangement (`Single` for unknown tables).
    pub layout: Layout,
    /// Whether the header agrees with the kind the title names (always false for unknown).
    pub confirmed_by_header: bool,
    /// Whether the kind was read from the header alone, the table having no title.
    pub named_by_header: bool,
    /// The unit the table states (`单位：万元`), if any.
    pub amount_unit: Option<AmountUnit>,
    /// Whether the amount unit was borrowed from an earlier table of the same document.
    pub amount_unit_inherited: bool,
    /// `单位名称：…` / `编制单位：…` / `部门：…` as printed after the colon.
    pub unit_name: Option<String>,
    /// Whether the table says it has no data (注：本表无数据, 本表为空表, 本部门无该项目 …).
    pub no_data: bool,
    /// One entry per grid column.
    pub columns: Vec<ColumnInfo>,
}

impl TableClass {
    /// What a reader should know about how `table` (the table this class describes) was
    /// recognized: no title, a header that does not confirm the title, a borrowed amount unit.
    pub fn warnings(&self, table: &Table) -> Vec<Warning> {
        let page = Some(table.pages[0]);
        let mut warnings = Vec::new();
        if table.title.is_none() {
            let named = if self.named_by_header {
                format!("kind {} read from its header", self.kind)
            } else {
                format!("kind {}", self.kind)
            };
            warnings.push(Warning::new(
                WarningKind::UntitledTable,
                page,
                format!("table without title; {named}"),
            ));
        } else if self.kind != UNKNOWN_KIND && !self.confirmed_by_header {
            warnings.push(Warning::new(
                WarningKind::TitleHeaderDisagree,
                page,
                format!(
                    "the title names {}, the header does not confirm it",
                    self.kind
                ),
            ));
        }
        if let (true, Some(unit)) = (self.amount_unit_inherited, self.amount_unit) {
            warnings.push(Warning::new(
                WarningKind::AmountUnitInherited,
                page,
                format!(
                    "no amount unit printed; {} taken from the table before",
                    unit.as_str()
                ),
            ));
        }
        warnings
    }
}

/// Classifies one table against the catalogue.
pub fn classify(catalogue: &Catalogue, table: &Table) -> TableClass {
    let header_text: String = table
        .header_rows
        .iter()
        .flatten()
        .map(|c| squash(c))
        .collect();
    let by_title = table
        .title
        .as_deref()
        .and_then(|t| catalogue.kind_for_title(t));
    // A table printed without a title line can still be named by its header; a table titled
    // something the catalogue does not know stays unknown.
    let by_header = table
        .title
        .is_none()
        .then(|| catalogue.kind_for_header(&header_text))
        .flatten();
    let spec = by_title.or(by_header);
    TableClass {
        kind: spec.map_or(UNKNOWN_KIND, |s| s.kind.as_str()).to_string(),
        layout: spec.map_or(Layout::Single, |s| s.layout),
        confirmed_by_header: spec.is_some_and(|s| s.confirmed_by(&header_text)),
        named_by_header: by_header.is_some(),
        amount_unit: amount_unit(table),
        amount_unit_inherited: false,
        unit_name: unit_name(table),
        no_data: says_no_data(table),
        columns: columns(catalogue, spec, table),
    }
}

/// Classifies a document's tables in order. A table that states no amount unit takes the unit
/// of the nearest earlier table that does (a set of tables often states `金额单位：万元` once),
/// marked by `amount_unit_inherited`.
pub fn classify_all(catalogue: &Catalogue, tables: &[Table]) -> Vec<TableClass> {
    let mut last_unit = None;
    tables
        .iter()
        .map(|table| {
            let mut class = classify(catalogue, table);
            match class.amount_unit {
                Some(unit) => last_unit = Some(unit),
                // A form states its own unit beside its funds (项目资金（元）).
                None if last_unit.is_some() && class.layout != Layout::Form => {
                    class.amount_unit = last_unit;
                    class.amount_unit_inherited = true;
                }
                None => {}
            }
            class
        })
        .collect()
}

static UNIT_STATEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"单位:(万元|千元|元)|[(\[](万元|千元|元)[)\]]").expect("valid regex")
});

/// The amount unit from the lines around the grid, else from the header (`金额（万元）`).
fn amount_unit(table: &Table) -> Option<AmountUnit> {
    let lines = table
        .context_lines
        .iter()
        .chain(&table.title)
        .chain(&table.notes)
        .chain(table.header_rows.iter().flatten());
    lines.map(|l| squash(l)).find_map(|line| {
        UNIT_STATEMENT.captures(&line).and_then(|c| {
            let unit = c.get(1).or_else(|| c.get(2))?;
            AmountUnit::from_printed(unit.as_str())
        })
    })
}

static UNIT_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:单位名称|编制单位|编制部门|部门名称|预算单位|预算主管部门|主管部门|部门|单位)\s*[:：]\s*(.+?)\s*(?:(?:金额)?单位\s*[:：].*)?$",
    )
    .expect("valid regex")
});

/// `单位名称：长治市…` as printed after the colon; `单位：万元` is an amount unit, not a name.
fn unit_name(table: &Table) -> Option<String> {
    table.context_lines.iter().find_map(|line| {
        let name = UNIT_NAME.captures(line.trim())?.get(1)?.as_str().trim();
        let is_amount_unit = AmountUnit::from_printed(&squash(name)).is_some();
        (!name.is_empty() && !is_amount_unit).then(|| name.to_string())
    })
}

/// Phrases by which a table says it is empty.
const NO_DATA_PHRASES: &[&str] = &[
    "无数据",
    "为空表",
    "本表为空",
    "空表",
    "无该项",
    "无此项",
    "无发生额",
    "本表无",
    "无相关数据",
];

fn says_no_data(table: &Table) -> bool {
    table
        .notes
        .iter()
        .chain(&table.context_lines)
        .chain(table.body_rows.iter().flatten())
        .map(|l| squash(l))
        .any(|l| NO_DATA_PHRASES.iter().any(|p| l.contains(p)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(title: &str, context: &[&str], header: &[&[&str]], notes: &[&str]) -> Table {
        Table {
            title: Some(title.to_string()),
            pages: [1, 1],
            context_lines: context.iter().map(|s| s.to_string()).collect(),
            notes: notes.iter().map(|s| s.to_string()).collect(),
            header_rows: header
                .iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect(),
            ..Table::default()
        }
    }

    #[test]
    fn unit_lines_and_no_data() {
        let t = table(
            "2023年政府性基金预算支出表（不含上年结转）",
            &["单位名称：长治市上党区社会治安综合治理中心", "单位：万元"],
            &[&["科目编码", "科目名称", "合计", "基本支出", "项目支出"]],
            &["注：本表无数据"],
        );
        let class = classify(Catalogue::standard(), &t);
        assert_eq!(class.kind, "gov_fund_expenditure");
        assert!(class.confirmed_by_header);
        assert_eq!(class.amount_unit, Some(AmountUnit::TenThousandYuan));
        assert_eq!(
            class.unit_name.as_deref(),
            Some("长治市上党区社会治安综合治理中心")
        );
        assert!(class.no_data);
        let keys: Vec<&str> = class.columns.iter().map(|c| c.key.role.as_str()).collect();
        assert_eq!(keys, ["code", "other", "total", "basic", "project"]);
    }

    #[test]
    fn name_and_unit_on_one_line() {
        let t = table(
            "2025年部门财务收支预算总表",
            &["编制部门：上海市普陀区商务委员会      单位:元"],
            &[&["本年收入", "", "本年支出"], &["项目", "预算数", "项目"]],
            &[],
        );
        let class = classify(Catalogue::standard(), &t);
        assert_eq!(class.unit_name.as_deref(), Some("上海市普陀区商务委员会"));
        assert_eq!(class.amount_unit, Some(AmountUnit::Yuan));
        assert!(!class.no_data);
        assert_eq!(
            class.columns[1].key,
            super::super::ColumnKey::role("amount")
        );
    }

    #[test]
    fn subtotal_takes_its_parents_key() {
        let t = table(
            "2025年部门“三公”经费和机关运行经费预算表",
            &[],
            &[
                &["三公经费预算数", "", "", "", "", "", "机关运行经费预算数"],
                &[
                    "合计",
                    "因公出国(境)费",
                    "公务接待费",
                    "公务用车购置及运行费",
                    "",
                    "",
                    "",
                ],
                &["", "", "", "小计", "购置费", "运行费", ""],
            ],
            &[],
        );
        let class = classify(Catalogue::standard(), &t);
        let keys: Vec<&str> = class.columns.iter().map(|c| c.key.role.as_str()).collect();
        assert_eq!(
            keys,
            [
                "total",
                "abroad",
                "reception",
                "vehicle_purchase_and_operation",
                "vehicle_purchase",
                "vehicle_operation",
                "operating_expenses"
            ]
        );
    }

    #[test]
    fn untitled_tables_are_named_by_their_header() {
        let header: &[&[&str]] = &[
            &["收入", "", "支出", ""],
            &["项目", "预算数", "项目", "预算数"],
        ];
        let mut t = table("", &["单位:万元"], header, &[]);
        t.title = None;
        let class = classify(Catalogue::standard(), &t);
        assert_eq!(class.kind, "budget_summary");
        assert!(class.named_by_header);
        t.title = Some("江苏省人大常委会办公厅".to_string());
        assert_eq!(classify(Catalogue::standard(), &t).kind, UNKNOWN_KIND);
    }

    #[test]
    fn unknown_titles_stay_unknown() {
        let t = table("人员编制情况表", &[], &[&["项目", "人数"]], &[]);
        let class = classify(Catalogue::standard(), &t);
        assert_eq!(class.kind, UNKNOWN_KIND);
        assert!(!class.confirmed_by_header);
    }

    #[test]
    fn unit_is_inherited_from_the_previous_table() {
        let first = table("收支总表", &["金额单位：万元"], &[&["收入", "支出"]], &[]);
        let second = table("收入总表", &[], &[&["合计"]], &[]);
        let classes = classify_all(Catalogue::standard(), &[first, second]);
        assert_eq!(classes[1].amount_unit, Some(AmountUnit::TenThousandYuan));
        assert!(classes[1].amount_unit_inherited);
        assert!(!classes[0].amount_unit_inherited);
    }
}
