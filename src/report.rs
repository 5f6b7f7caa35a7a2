//! The output model of one document, exactly as the output contract (spec §1) lays it out.
//! Serialized as `OUT/docs/<stem>.json`; the CSVs of the batch are views of it.

use serde::{Deserialize, Serialize};

/// Everything budgetpdf learned from one input file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocumentReport {
    /// Where the document came from.
    pub source: Source,
    /// What the document is.
    pub document: DocumentMeta,
    /// Overall outcome.
    pub status: Status,
    /// Why the document failed, when `status` is `failed`, `encrypted` or `no_text_layer`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The document's tables in reading order.
    pub tables: Vec<TableReport>,
    /// 绩效目标 forms (项目支出绩效目标申报表/填报表) as structured records.
    pub forms: Vec<PerformanceForm>,
    /// Headline figures (spec §6), from tables and from the 情况说明's sentences, in page order.
    #[serde(default)]
    pub figures: Vec<Figure>,
    /// Accounting checks over the tables and the figures.
    pub checks: Vec<Check>,
    /// Non-fatal problems, with the page they concern.
    pub warnings: Vec<Warning>,
}

impl DocumentReport {
    /// The report of a document that could not be converted: `status` is `failed`,
    /// `encrypted` or `no_text_layer`, and `error` says why.
    pub fn failure(source: Source, status: Status, error: String) -> Self {
        Self {
            source,
            document: DocumentMeta::default(),
            status,
            error: Some(error),
            tables: Vec::new(),
            forms: Vec::new(),
            figures: Vec::new(),
            checks: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

/// Facts about the input file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Source {
    /// The input path as given.
    pub path: String,
    /// SHA-256 of the file's bytes, lowercase hex.
    pub sha256: String,
    /// Number of pages (0 when the file could not be read).
    pub pages: usize,
    /// `/Producer` of the file, if any.
    pub producer: Option<String>,
    /// Whether the file was encrypted.
    pub encrypted: bool,
    /// Whether any page carries text.
    pub text_layer: bool,
}

/// What the document is, read from its cover and titles (never from PDF metadata).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentMeta {
    /// The publishing department or unit.
    pub unit: Option<String>,
    /// The fiscal year.
    pub year: Option<i32>,
    /// The kind of disclosure.
    pub kind: DocumentKind,
}

/// The kinds of disclosure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// 单位预算.
    UnitBudget,
    /// 部门预算.
    DepartmentBudget,
    /// 单位决算.
    UnitFinalAccount,
    /// 部门决算.
    DepartmentFinalAccount,
    /// A budget document that is not one department's or unit's budget or final account: a
    /// fund allocation notice, a 绩效评价/自评 report, a list of 绩效目标.
    OtherBudgetDocument,
    /// Not a budget document at all (a plan, a notice, anything else a crawler saved).
    NotABudgetDocument,
    /// Not recognized.
    #[default]
    Unknown,
}

/// The outcome for one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Everything read and every check passing.
    Ok,
    /// Some tables unreadable or some checks failing.
    Partial,
    /// The file could not be processed (see `error`).
    Failed,
    /// Scanned: no text layer.
    NoTextLayer,
    /// A password is needed.
    Encrypted,
}

/// One table with its recognition and records.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TableReport {
    /// Catalogue kind, or `unknown`.
    pub kind: String,
    /// Title as printed.
    pub title: Option<String>,
    /// First and last page.
    pub pages: [u32; 2],
    /// `单位名称：…` / `编制单位：…` as printed after the colon.
    pub unit_name: Option<String>,
    /// `元` or `万元`.
    pub amount_unit: Option<String>,
    /// Whether the table says it has no data (注：本表无数据 …).
    pub no_data: bool,
    /// Header rows as printed.
    pub header_rows: Vec<Vec<String>>,
    /// Body rows as printed.
    pub body_rows: Vec<Vec<String>>,
    /// One record per non-empty numeric cell of a money column.
    pub records: Vec<Record>,
    /// The numbers of columns that are not money (人数, 天数, 数量, 序号, 比例, 单位编码),
    /// each kept with its row, never scaled to yuan and never a record.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<RowAttribute>,
}

/// A number of a row that is not money: a count, a ratio, a row number, an identifier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RowAttribute {
    /// Index into the table's `body_rows`.
    pub row: usize,
    /// Page the row was printed on.
    pub page: u32,
    /// Index of the grid column.
    pub col: usize,
    /// The row's code, if it has one.
    pub code: Option<String>,
    /// The row's name without numbering.
    pub item: String,
    /// Canonical column key (`headcount`, `days`, `quantity`, `ratio`, `serial`, …).
    pub column: String,
    /// The header text of the column.
    pub column_label: String,
    /// `count`, `ratio`, `serial` or `identifier`.
    pub measure: String,
    /// The number as printed, as an exact decimal (a ratio printed `12.5%` is `12.5`); absent
    /// for identifiers and text.
    #[serde(default, with = "rust_decimal::serde::str_option")]
    pub value: Option<rust_decimal::Decimal>,
    /// The cell as printed.
    pub raw: String,
}

/// One amount of one table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Index into the table's `body_rows`.
    pub row: usize,
    /// Page the row was printed on.
    pub page: u32,
    /// `revenue` or `expenditure` for two-sided tables, else absent.
    pub side: Option<String>,
    /// Full subject code (`2013150`), if the row has one.
    pub code: Option<String>,
    /// `类`, `款` or `项`.
    pub level: Option<String>,
    /// The row's name without numbering.
    pub item: String,
    /// For rows without codes: the item of the row they belong to (`奖励金` under
    /// `对个人和家庭的补助` in an economic table whose second name column says so).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Canonical column key (`total`, `basic`, …) or `other`.
    pub column: String,
    /// Index of the grid column the amount was printed in (into the table's rows).
    pub col: usize,
    /// `budget` or `final` when the header prints both side by side (决算 三公 tables); more
    /// generally the key of a band of parallel figures (`executed`, `change`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The band the column is printed in, when the header prints the same sub-columns under
    /// several cells (`当年预算`, `上年结转`, `2026年预算数`): that cell's text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub band: Option<String>,
    /// The header text of the column.
    pub column_label: String,
    /// Exact amount in yuan.
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: rust_decimal::Decimal,
    /// The cell as printed.
    pub raw: String,
}

/// One accounting check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Check {
    /// Rule name, e.g. `expenditure_summary.total_eq_basic_plus_project`.
    pub rule: String,
    /// Index of the table in `tables`; `None` for a check of figures stated in prose only.
    pub table: Option<usize>,
    /// Body row the check concerns, if one.
    pub row: Option<usize>,
    /// Page of that row.
    pub page: Option<u32>,
    /// Canonical column key the check concerns, if one.
    pub column: Option<String>,
    /// Index of the grid column of the checked amount (into the table's rows).
    #[serde(default)]
    pub col: Option<usize>,
    /// The band of that column, when the header prints several (its header text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub band: Option<String>,
    /// `revenue` or `expenditure` for two-sided tables.
    pub side: Option<String>,
    /// What was compared, readable: `201 一般公共服务支出 = 20131 + …`.
    pub detail: String,
    /// Where each summed amount is printed (for a check across tables, the other table's).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub terms: Vec<Location>,
    /// Outcome.
    pub status: CheckStatus,
    /// The amount the identity expects, in yuan.
    #[serde(with = "rust_decimal::serde::str")]
    pub expected: rust_decimal::Decimal,
    /// The amount printed, in yuan.
    #[serde(with = "rust_decimal::serde::str")]
    pub found: rust_decimal::Decimal,
}

/// Where a checked amount is printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// Index of the table in `tables`.
    pub table: usize,
    /// Body row.
    pub row: usize,
    /// Grid column.
    pub col: usize,
    /// Page.
    pub page: u32,
}

/// One headline figure as one source states it (spec §6): a row of `figures.csv`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// Stable key, e.g. `three_public_total` (see the `[figures]` sections of
    /// `src/catalogue/catalogue.toml`).
    pub figure: String,
    /// Exact amount in yuan, or the count for `vehicles`.
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: rust_decimal::Decimal,
    /// `元` for money, `辆` for a count of vehicles.
    pub unit_of_measure: String,
    /// Where it is stated.
    pub source: FigureSource,
    /// The page it is printed on.
    pub page: u32,
    /// Index of the table in `tables`, for a table source.
    pub table: Option<usize>,
    /// The previous year's figure when the sentence gives it (比上年…), in the same unit.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub previous: Option<rust_decimal::Decimal>,
    /// The sentence (prose), or `title / row / column` (table).
    pub evidence: String,
    /// The amount as printed: `589.19万元` in prose, the cell in a table.
    pub raw: String,
}

/// Where a figure is stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureSource {
    /// A cell of one of the document's tables.
    Table,
    /// A sentence of its text (情况说明).
    Prose,
}

/// Outcome of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    /// Exactly equal.
    Pass,
    /// Off by no more than the printed precision allows.
    Rounding,
    /// A real discrepancy.
    Fail,
}

/// A 项目支出绩效目标 form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PerformanceForm {
    /// Index of the table the form was read from.
    pub table: usize,
    /// 项目名称.
    pub project: Option<String>,
    /// 主管部门 / 实施单位 as printed.
    pub department: Option<String>,
    /// 实施单位.
    pub implementing_unit: Option<String>,
    /// Total funds in yuan (实施期资金总额 / 年度资金总额), if printed.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub funds_total: Option<rust_decimal::Decimal>,
    /// Fund sources as printed label → yuan.
    pub fund_sources: Vec<(String, String)>,
    /// 总体目标 texts.
    pub goals: Vec<String>,
    /// Indicator rows.
    pub indicators: Vec<Indicator>,
}

/// One 绩效指标 row.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// 一级指标.
    pub level1: String,
    /// 二级指标.
    pub level2: String,
    /// 三级指标.
    pub level3: String,
    /// 指标值.
    pub value: String,
}

/// A non-fatal problem, typed so that a program can act on it and a person can read it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Warning {
    /// Page concerned, if one.
    pub page: Option<u32>,
    /// What kind of problem it is; decides the [`Severity`].
    pub kind: WarningKind,
    /// What happened, readable.
    pub message: String,
}

impl Warning {
    /// A warning of `kind` about `page`.
    pub fn new(kind: WarningKind, page: Option<u32>, message: impl Into<String>) -> Self {
        Self {
            page,
            kind,
            message: message.into(),
        }
    }

    /// How much the problem matters (given by its kind).
    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }
}

/// Serialized with its severity, which a reader of the JSON should not have to derive; reading
/// a report back derives it from the kind again.
impl Serialize for Warning {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Shown<'a> {
            page: Option<u32>,
            kind: WarningKind,
            severity: Severity,
            message: &'a str,
        }
        Shown {
            page: self.page,
            kind: self.kind,
            severity: self.severity(),
            message: &self.message,
        }
        .serialize(serializer)
    }
}

/// How much a warning matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; nothing printed was lost or misread.
    Info,
    /// Some of what the document prints may be missing or unread: the document is `partial`.
    Incomplete,
}

/// Declares [`WarningKind`] with each kind's severity beside it, and the list of all kinds,
/// so that neither can drift from the other.
macro_rules! warning_kinds {
    ($($(#[doc = $doc:literal])* $kind:ident => $severity:ident,)*) => {
        /// The kinds of warning, by the stage that raises them.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum WarningKind {
            $($(#[doc = $doc])* $kind,)*
        }

        impl WarningKind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [WarningKind] = &[$(WarningKind::$kind,)*];

            /// How much a warning of this kind matters.
            pub fn severity(self) -> Severity {
                match self {
                    $(WarningKind::$kind => Severity::$severity,)*
                }
            }
        }
    };
}

warning_kinds! {
    /// pdf: a page's content exceeds a limit and was not read, or was read only in part.
    PageLimit => Incomplete,
    /// pdf: a font could not be loaded; text drawn with it is missing.
    FontUnreadable => Incomplete,
    /// pdf: glyphs without any Unicode text were dropped.
    GlyphsWithoutText => Incomplete,
    /// pdf: an image or annotation could not be drawn (text is unaffected).
    DrawingSkipped => Info,
    /// table: a page carries many ruling lines but no grid could be built from them.
    RulesWithoutGrid => Incomplete,
    /// recognize: a table prints no title; its kind (if any) came from its header or context.
    UntitledTable => Info,
    /// recognize: the title names one kind, the header another.
    TitleHeaderDisagree => Info,
    /// recognize: a table states no amount unit and takes the previous table's.
    AmountUnitInherited => Info,
    /// recognize: where a table continued over pages meets its next page, its 序号 jump or a
    /// subject code comes without its parent: a row may be missing, or two tables joined.
    ContinuationBreak => Incomplete,
    /// normalize: a number printed in a table's area is in no record and nothing explains it
    /// (not a code, a column number, a count…): a row or a cell was lost or misread.
    UnreadNumbers => Incomplete,
    /// normalize: a cell of an amount column prints digits but is not an amount (text run
    /// into it, `缴费支出43608.96`): its amount is not in the records.
    UnparsedAmount => Incomplete,
}
