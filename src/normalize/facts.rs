//! The typed model between normalize and validate: every figure of a table with its side,
//! level, column key (band and role), unit and printed precision. The report's records are a
//! view of it (spec §1); checks are computed on it.

use rust_decimal::Decimal;

use super::coverage::Unexplained;
pub use crate::catalogue::Side;
use crate::catalogue::{Measure, Numbering};
use crate::recognize::{AmountUnit, ColumnKey};
use crate::report::{Record, RowAttribute};

/// The level of a subject code: 类, 款, 项 (economic codes have only 类 and 款).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    /// 类: three digits.
    Class,
    /// 款: five digits.
    Section,
    /// 项: seven digits.
    Item,
}

impl Level {
    /// The level of a code, from its length.
    pub fn of_code(code: &str) -> Option<Level> {
        match code.len() {
            3 => Some(Level::Class),
            5 => Some(Level::Section),
            7 => Some(Level::Item),
            _ => None,
        }
    }

    /// `类`, `款` or `项`, as the JSON writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Class => "类",
            Level::Section => "款",
            Level::Item => "项",
        }
    }
}

/// An amount as printed and in yuan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount {
    /// The amount in yuan, with at least fen precision.
    pub yuan: Decimal,
    /// The unit it was printed in (`None` when the table states none: taken as yuan).
    pub unit: Option<AmountUnit>,
    /// Digits printed after the decimal point.
    pub decimals: u32,
}

impl Amount {
    /// The rounding the printed figure may carry: half a unit of its last printed digit, in
    /// yuan (`866.53` 万元: 50 yuan).
    pub fn half_unit(&self) -> Decimal {
        let factor = self.unit.map_or(Decimal::ONE, AmountUnit::yuan_factor);
        Decimal::new(5, self.decimals + 1) * factor
    }
}

/// One amount of money of one table.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    /// Body row.
    pub row: usize,
    /// Page the row was printed on.
    pub page: u32,
    /// Grid column.
    pub col: usize,
    /// The side, in a two-sided table.
    pub side: Option<Side>,
    /// The block of columns the figure is printed in: a new panel starts at a label column
    /// after amounts (the two sides of a 收支总表, the halves of a two-panel table).
    pub panel: usize,
    /// Full subject code, if the row has one.
    pub code: Option<String>,
    /// Level of the code.
    pub level: Option<Level>,
    /// The row's name without numbering.
    pub item: String,
    /// The numbering the row's name is printed with (`一、`, `（一）`), its outline level.
    pub numbering: Option<Numbering>,
    /// For rows without codes: the category row it belongs to, by a second name column.
    pub parent: Option<String>,
    /// Band and role of the column.
    pub column: ColumnKey,
    /// The header text of the column.
    pub label: String,
    /// The key of a band of parallel figures the column is in (`budget`, `final`, …).
    pub group: Option<String>,
    /// The amount.
    pub amount: Amount,
    /// The cell as printed.
    pub raw: String,
}

impl Fact {
    /// The record of the report (spec §1).
    pub fn record(&self) -> Record {
        Record {
            row: self.row,
            page: self.page,
            side: self.side.map(|s| s.as_str().to_string()),
            code: self.code.clone(),
            level: self.level.map(|l| l.as_str().to_string()),
            item: self.item.clone(),
            parent: self.parent.clone(),
            column: self.column.role.clone(),
            col: self.col,
            group: self.group.clone(),
            band: self.column.band.as_ref().map(|b| b.label.clone()),
            column_label: self.label.clone(),
            amount: self.amount.yuan,
            raw: self.raw.clone(),
        }
    }

    /// `2013150 事业运行` or `合计`: how the figure's row is named.
    pub fn describe(&self) -> String {
        match &self.code {
            Some(code) => format!("{code} {}", self.item),
            None => self.item.clone(),
        }
    }
}

/// A number of a row that is not money.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    /// Body row.
    pub row: usize,
    /// Page the row was printed on.
    pub page: u32,
    /// Grid column.
    pub col: usize,
    /// The row's code, if any.
    pub code: Option<String>,
    /// The row's name.
    pub item: String,
    /// Canonical column key.
    pub key: String,
    /// Header text.
    pub label: String,
    /// What the number measures.
    pub measure: Measure,
    /// The number, when the cell prints one.
    pub value: Option<Decimal>,
    /// The cell as printed.
    pub raw: String,
}

impl Attribute {
    /// The attribute as the report writes it.
    pub fn report(&self) -> RowAttribute {
        RowAttribute {
            row: self.row,
            page: self.page,
            col: self.col,
            code: self.code.clone(),
            item: self.item.clone(),
            column: self.key.clone(),
            column_label: self.label.clone(),
            measure: self.measure.as_str().to_string(),
            value: self.value,
            raw: self.raw.clone(),
        }
    }
}

/// The name of one body row in one panel: what the rows' hierarchy is read from.
#[derive(Debug, Clone, PartialEq)]
pub struct RowName {
    /// Body row.
    pub row: usize,
    /// Panel.
    pub panel: usize,
    /// Page the row was printed on.
    pub page: u32,
    /// Full subject code, if the row has one.
    pub code: Option<String>,
    /// The identifier of the unit the row is for (单位编码 `328001`), if printed.
    pub unit: Option<String>,
    /// The name without numbering.
    pub item: String,
    /// The numbering the name is printed with.
    pub numbering: Option<Numbering>,
}

/// Everything normalize read from one table.
#[derive(Debug, Clone, PartialEq)]
pub struct TableFacts {
    /// Index of the table in the document.
    pub index: usize,
    /// Catalogue kind, or `unknown`.
    pub kind: String,
    /// Title as printed.
    pub title: Option<String>,
    /// The figures of money.
    pub facts: Vec<Fact>,
    /// The numbers that are not money.
    pub attributes: Vec<Attribute>,
    /// The name of every body row in every panel (rows of column numbers left out), in order.
    pub rows: Vec<RowName>,
    /// The numbers printed in the table that no fact or attribute holds and nothing explains:
    /// figures lost between the page and the rows, cells of money columns that are not
    /// amounts.
    pub unexplained: Vec<Unexplained>,
    /// Whether recognition found the table not running on where it meets a new page (序号
    /// jumping, a code without its parent): a row may be missing.
    pub broken: bool,
}
