//! Classifying one table: its kind, amount unit, unit name, `no_data` and column keys.

use super::columns::{ColumnInfo, columns};
use super::context::DocumentContext;
use super::continuity;
use crate::catalogue::{
    Catalogue, FacetValue, KindSpec, Layout, Naming, Title, UNKNOWN_KIND, squash,
};
use crate::report::{Warning, WarningKind};
use crate::table::{Table, fold_whitespace};

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

/// Where a table's kind was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindSource {
    /// Its title.
    Title,
    /// The document's table of contents, by the number printed with the table.
    Contents,
    /// Its header alone.
    Header,
    /// The heading or sentence printed above it.
    Lead,
    /// Nowhere: the kind is unknown.
    Nothing,
}

/// What recognition learned about one table.
#[derive(Debug, Clone, PartialEq)]
pub struct TableClass {
    /// Catalogue kind, or [`UNKNOWN_KIND`].
    pub kind: String,
    /// Column arrangement (`Single` for unknown tables).
    pub layout: Layout,
    /// Where the kind was read.
    pub source: KindSource,
    /// Whether the header agrees with the kind (always false for unknown).
    pub confirmed_by_header: bool,
    /// What contradicts the kind read from the title: the header, the row codes, or the
    /// document's table of contents.
    pub disagreement: Option<String>,
    /// The table number printed with the table (`表7`, `预算07表`), if any.
    pub number: Option<u32>,
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
    /// Where the table, continued over pages, does not run on (序号 jumping, a code without
    /// its parent at the top of a page).
    pub breaks: Vec<Warning>,
}

impl TableClass {
    /// What a reader should know about how `table` (the table this class describes) was
    /// recognized: no title, a header or row codes that contradict the title, a borrowed
    /// amount unit.
    pub fn warnings(&self, table: &Table) -> Vec<Warning> {
        let page = Some(table.pages[0]);
        let mut warnings = Vec::new();
        if table.title.is_none() {
            let named = match self.source {
                KindSource::Contents => format!(
                    "kind {} read from the table of contents (table {})",
                    self.kind,
                    self.number.unwrap_or_default()
                ),
                KindSource::Header => format!("kind {} read from its header", self.kind),
                KindSource::Lead => format!("kind {} read from the lines above it", self.kind),
                KindSource::Title | KindSource::Nothing => format!("kind {}", self.kind),
            };
            warnings.push(Warning::new(
                WarningKind::UntitledTable,
                page,
                format!("table without title; {named}"),
            ));
        } else if let Some(disagreement) = &self.disagreement {
            warnings.push(Warning::new(
                WarningKind::TitleHeaderDisagree,
                page,
                disagreement.clone(),
            ));
        }
        warnings.extend(self.breaks.iter().cloned());
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

/// Classifies one table against the catalogue, without the document's context.
pub fn classify(catalogue: &Catalogue, table: &Table) -> TableClass {
    classify_in(catalogue, table, &DocumentContext::default())
}

/// Classifies one table, weighing all the evidence: the title read as facets, the row codes
/// and header words where the title leaves the classification open, the document's table of
/// contents for a table printed only under its number, the header and the lines above for a
/// table without a title.
pub fn classify_in(catalogue: &Catalogue, table: &Table, context: &DocumentContext) -> TableClass {
    let evidence = Evidence::of(catalogue, table, context);
    // A line above the grid that is no title (a heading without …表) introduces the table.
    let heading = table
        .title
        .as_deref()
        .filter(|t| !catalogue.titles().is_title(t));
    let unit = unit_name(catalogue, table);
    let title = table
        .title
        .as_deref()
        .filter(|_| heading.is_none())
        .map(|t| without_unit(catalogue, catalogue.titles().parse(t), unit.as_deref()));
    let number = title
        .as_ref()
        .filter(|t| t.labelled)
        .and_then(|t| t.number)
        .or_else(|| {
            table
                .context_lines
                .iter()
                .find_map(|l| catalogue.titles().label_number(l))
        });
    let listed = number.and_then(|n| context.title_of(n));
    let by_title = title.as_ref().map(|t| evidence.name(catalogue, &t.name));
    let by_listing = listed.map(|t| evidence.name(catalogue, t));
    // A title line printing no facet of a table (a unit's name, a heading) does not stop the
    // other evidence; one that names something outside the catalogue does.
    let title_silent = title
        .as_ref()
        .is_none_or(|t| evidence.facets_of(catalogue, &t.name).is_empty());
    let (spec, source) = match (&by_title, &by_listing) {
        (Some(Some(kind)), _) => (Some(*kind), KindSource::Title),
        (_, Some(Some(kind))) => (Some(*kind), KindSource::Contents),
        _ if title_silent => match catalogue.kind_for_header(&evidence.head_text(table)) {
            Some(kind) => (Some(kind), KindSource::Header),
            None => match evidence.lead_kind(catalogue, table, heading) {
                Some(kind) => (Some(kind), KindSource::Lead),
                None => (None, KindSource::Nothing),
            },
        },
        _ => (None, KindSource::Nothing),
    };
    // A header printing what the kind never prints refuses it.
    let refusal = spec.and_then(|s| {
        s.refused_by(&evidence.header_text).map(|cue| {
            format!(
                "not {}: the header prints {cue}, which that kind never does",
                s.kind
            )
        })
    });
    let (spec, source) = match refusal {
        Some(_) => (None, KindSource::Nothing),
        None => (spec, source),
    };
    let disagreement = refusal.or_else(|| {
        spec.and_then(|spec| {
            evidence.disagreement(
                catalogue,
                spec,
                title.as_ref().map(|t| t.name.as_str()),
                listed,
            )
        })
    });
    TableClass {
        kind: spec.map_or(UNKNOWN_KIND, |s| s.kind.as_str()).to_string(),
        layout: spec.map_or(Layout::Single, |s| s.layout),
        source,
        confirmed_by_header: spec.is_some_and(|s| catalogue.confirms(s, &evidence.header_text)),
        disagreement,
        number,
        amount_unit: amount_unit(catalogue, table),
        amount_unit_inherited: false,
        unit_name: unit,
        no_data: says_no_data(catalogue, table),
        columns: columns(catalogue, spec, table),
        breaks: continuity::breaks(catalogue, table),
    }
}

/// Classifies a document's tables in order, in the context of its table of contents (those
/// printed as text in `context`, and any printed as a grid among the tables). A table that
/// states no amount unit takes the unit of the nearest earlier table that does (a set of
/// tables often states `金额单位：万元` once), marked by `amount_unit_inherited`.
pub fn classify_all(
    catalogue: &Catalogue,
    tables: &[Table],
    context: &DocumentContext,
) -> Vec<TableClass> {
    let mut context = context.clone();
    for table in tables {
        if classify(catalogue, table).layout == Layout::Contents {
            context.add_grid(catalogue, table);
        }
    }
    let mut last_unit = None;
    tables
        .iter()
        .map(|table| {
            let mut class = classify_in(catalogue, table, &context);
            match class.amount_unit {
                Some(unit) => last_unit = Some(unit),
                // Forms and lists state their own units, if any (项目资金（元）).
                None if last_unit.is_some() && class.layout.has_amounts() => {
                    class.amount_unit = last_unit;
                    class.amount_unit_inherited = true;
                }
                None => {}
            }
            class
        })
        .collect()
}

/// What a table's header and rows say, beside its title.
struct Evidence {
    /// The header cells squashed and joined.
    header_text: String,
    /// The facet value most row codes print (2xx function codes, 30x economic codes), if any.
    codes: Option<FacetValue>,
    /// The facet values header cells print (功能分类科目编码).
    header: Vec<FacetValue>,
    /// The facet values the document's cover sets for all its tables.
    document: Vec<FacetValue>,
}

impl Evidence {
    fn of(catalogue: &Catalogue, table: &Table, context: &DocumentContext) -> Evidence {
        let header_text: String = table
            .header_rows
            .iter()
            .flatten()
            .map(|c| squash(c))
            .collect();
        let codes: Vec<String> = table
            .body_rows
            .iter()
            .filter_map(|row| row.iter().map(|c| squash(c)).find(|c| !c.is_empty()))
            .filter(|c| c.len() <= MAX_CODE_DIGITS && c.chars().all(|ch| ch.is_ascii_digit()))
            .collect();
        Evidence {
            codes: catalogue
                .facets()
                .read_codes(codes.iter().map(String::as_str)),
            header: catalogue.facets().read_header(&header_text),
            header_text,
            document: context.facets.clone(),
        }
    }

    /// The header's text, or when the table has no header (a form), its first rows'.
    fn head_text(&self, table: &Table) -> String {
        if !self.header_text.is_empty() {
            return self.header_text.clone();
        }
        table
            .body_rows
            .iter()
            .take(FORM_HEAD_ROWS)
            .flatten()
            .map(|c| squash(c))
            .collect()
    }

    /// The classification the table's rows or header print, when its title is silent on it.
    fn inferred(&self) -> Option<FacetValue> {
        self.codes.or_else(|| self.header.first().copied())
    }

    fn facets_of(&self, catalogue: &Catalogue, name: &str) -> Vec<FacetValue> {
        let facets = catalogue.facets();
        facets
            .read(name)
            .into_iter()
            .filter(|v| !facets.is_neutral(*v))
            .collect()
    }

    /// The kind a title (or listed title) names, settled by the row codes or header where
    /// the title does not print a facet that tells the kind from its neighbours (一般公共预算
    /// 基本支出表 over function codes is by function), and by the header among kinds the
    /// title fits equally well.
    fn name<'c>(&self, catalogue: &'c Catalogue, name: &str) -> Option<&'c KindSpec> {
        let mut values = catalogue.facets().read(name);
        // What the document's cover says of all its tables (a 决算's stage) holds for a title
        // that does not print it, where that names a kind (财政拨款“三公”经费支出表 in a
        // 部门决算 is its final account's).
        for facet in &self.document {
            if !values.iter().any(|v| v.facet == facet.facet) {
                let mut with = values.clone();
                with.push(*facet);
                if catalogue.name(&with).kind().is_some() {
                    values = with;
                }
            }
        }
        let with_inferred = |inferred: FacetValue| {
            let mut values = values.clone();
            values.push(inferred);
            catalogue.name(&values)
        };
        let inferred = self
            .inferred()
            .filter(|i| !values.iter().any(|v| v.facet == i.facet));
        match (catalogue.name(&values), inferred) {
            (Naming::Kind(kind), Some(i)) if catalogue.kind_mentions(kind, i) => {
                Some(with_inferred(i).kind().unwrap_or(kind))
            }
            (Naming::Kind(kind), _) => Some(kind),
            (Naming::Ambiguous(kinds), inferred) => {
                inferred.and_then(|i| with_inferred(i).kind()).or_else(|| {
                    let mut confirmed = kinds.into_iter().filter(|k| {
                        k.confirmed_by(&self.header_text) && !k.contradicted_by(&self.header_text)
                    });
                    match (confirmed.next(), confirmed.next()) {
                        (Some(kind), None) => Some(kind),
                        _ => None,
                    }
                })
            }
            (Naming::Nothing, _) => None,
        }
    }

    /// The kind the lines above an untitled table name (二、部门预算单位构成; `heading`, the
    /// line read as its title that is none, nearest), when its header confirms it and prints
    /// nothing the kind never prints.
    fn lead_kind<'c>(
        &self,
        catalogue: &'c Catalogue,
        table: &Table,
        heading: Option<&str>,
    ) -> Option<&'c KindSpec> {
        let lines = table.lead_lines.iter().map(String::as_str).chain(heading);
        lines.rev().find_map(|line| {
            let kind = catalogue.name(&catalogue.facets().read(line)).kind()?;
            (kind.confirmed_by(&self.header_text) && !kind.contradicted_by(&self.header_text))
                .then_some(kind)
        })
    }

    /// What contradicts `spec`, read from the title `title` (or the contents entry `listed`):
    /// a header that does not confirm it or prints what it never prints, row codes of another
    /// classification than the title prints, a contents entry naming another kind.
    fn disagreement(
        &self,
        catalogue: &Catalogue,
        spec: &KindSpec,
        title: Option<&str>,
        listed: Option<&str>,
    ) -> Option<String> {
        if !catalogue.confirms(spec, &self.header_text) {
            return Some(format!(
                "the title names {}, the header does not confirm it",
                spec.kind
            ));
        }
        let facets = catalogue.facets();
        if let (Some(title), Some(codes)) = (title, self.codes)
            && let Some(printed) = facets
                .read(title)
                .into_iter()
                .find(|v| v.facet == codes.facet)
            && printed != codes
        {
            return Some(format!(
                "the title prints {}, the row codes are {}",
                facets.name(printed),
                facets.name(codes)
            ));
        }
        if let (Some(_), Some(listed)) = (title, listed)
            && let Some(other) = self.name(catalogue, listed)
            && other.kind != spec.kind
        {
            return Some(format!(
                "the title names {}, the table of contents {}",
                spec.kind, other.kind
            ));
        }
        None
    }
}

/// A title without the unit's name printed before it: the unit the table's lines name
/// (`北京市经济和信息化局部门收支总表` with `单位名称：北京市经济和信息化局`), or a name ending
/// like an organisation's right before the word that opens the title's own words (a neutral
/// facet's: 部门, 单位, 本年), as in `某某市机关运行保障中心部门支出总表`. A unit's name may hold
/// any word (机关运行, 政府采购).
fn without_unit(catalogue: &Catalogue, mut title: Title, unit: Option<&str>) -> Title {
    if let Some(unit) = unit.map(squash)
        && let Some(rest) = title.name.strip_prefix(unit.as_str())
        && !rest.is_empty()
    {
        title.name = rest.to_string();
    }
    let facets = catalogue.facets();
    let endings = &catalogue.lines().organisation_endings;
    let named_before = facets
        .read_at(&title.name)
        .into_iter()
        .filter(|&(at, value)| at > 0 && facets.is_neutral(value))
        .map(|(at, _)| at)
        .find(|&at| {
            endings
                .iter()
                .any(|e| title.name[..at].ends_with(e.as_str()))
        });
    if let Some(at) = named_before {
        title.name = title.name[at..].to_string();
    }
    title
}

/// The rows of a form that stand for its header.
const FORM_HEAD_ROWS: usize = 12;

/// Row codes have at most this many digits (类 3, 款 5, 项 7).
const MAX_CODE_DIGITS: usize = 7;

/// The amount unit from the lines around the grid, else from the header (`金额（万元）`).
fn amount_unit(catalogue: &Catalogue, table: &Table) -> Option<AmountUnit> {
    let lines = table
        .context_lines
        .iter()
        .chain(&table.title)
        .chain(&table.notes)
        .chain(table.header_rows.iter().flatten());
    lines.map(|l| squash(l)).find_map(|line| {
        catalogue
            .lines()
            .amount_unit_stated(&line)
            .and_then(AmountUnit::from_printed)
    })
}

/// `单位名称：长治市…` as printed after the colon; `单位：万元` is an amount unit, not a name.
fn unit_name(catalogue: &Catalogue, table: &Table) -> Option<String> {
    table
        .context_lines
        .iter()
        .find_map(|line| catalogue.lines().unit_named(&fold_whitespace(line)))
}

/// Whether the table says it is empty, in a note, a line above it, its title (`…表（本部门无
/// 此项支出）`) or its rows.
fn says_no_data(catalogue: &Catalogue, table: &Table) -> bool {
    table
        .notes
        .iter()
        .chain(&table.context_lines)
        .chain(&table.title)
        .chain(table.body_rows.iter().flatten())
        .any(|l| catalogue.lines().says_no_data(&squash(l)))
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

    fn rows(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
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
    fn a_title_or_unit_line_in_other_words_says_as_much() {
        let t = table(
            "政府性基金预算支出表（本单位无政府性基金预算收支，此表为空）",
            &["单位：人民币万元"],
            &[&["科目编码", "科目名称", "合计"]],
            &[],
        );
        let class = classify(Catalogue::standard(), &t);
        assert_eq!(class.kind, "gov_fund_expenditure");
        assert!(class.no_data);
        assert_eq!(class.amount_unit, Some(AmountUnit::TenThousandYuan));
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
                "three_public",
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
        assert_eq!(class.source, KindSource::Header);
        let warnings = class.warnings(&t);
        assert_eq!(warnings[0].kind, WarningKind::UntitledTable);
        assert!(
            warnings[0].message.contains("read from its header"),
            "{warnings:?}"
        );
        // A line above that names no table (a unit's name) does not stop the header.
        t.title = Some("江苏省人大常委会办公厅".to_string());
        assert_eq!(classify(Catalogue::standard(), &t).kind, "budget_summary");
        // A title naming a table outside the catalogue does.
        t.title = Some("人员编制情况表".to_string());
        assert_eq!(classify(Catalogue::standard(), &t).kind, UNKNOWN_KIND);
    }

    #[test]
    fn row_codes_settle_what_the_title_leaves_open() {
        let mut t = table(
            "2026年一般公共预算基本支出表",
            &[],
            &[&["科目编码", "科目名称", "合计", "人员经费", "公用经费"]],
            &[],
        );
        t.body_rows = rows(&[
            &["201", "一般公共服务支出", "1.00", "", ""],
            &["20101", "人大事务", "1.00", "", ""],
        ]);
        let catalogue = Catalogue::standard();
        assert_eq!(
            classify(catalogue, &t).kind,
            "basic_expenditure_by_function"
        );
        t.body_rows = rows(&[
            &["301", "工资福利支出", "1.00", "", ""],
            &["30101", "基本工资", "1.00", "", ""],
        ]);
        assert_eq!(
            classify(catalogue, &t).kind,
            "basic_expenditure_by_economic"
        );
        // A title whose kind no classification tells apart keeps it.
        t.title = Some("部门预算基本支出预算表".to_string());
        assert_eq!(classify(catalogue, &t).kind, "basic_expenditure");
    }

    #[test]
    fn row_codes_that_contradict_the_title_are_a_warning() {
        let mut t = table(
            "一般公共预算支出表（按经济分类科目）",
            &[],
            &[&["科目编码", "科目名称", "合计"]],
            &[],
        );
        t.body_rows = rows(&[
            &["201", "一般公共服务支出", "1.00"],
            &["20101", "人大事务", "1.00"],
        ]);
        let class = classify(Catalogue::standard(), &t);
        assert_eq!(class.kind, "general_budget_expenditure_by_economic");
        let warnings = class.warnings(&t);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].kind, WarningKind::TitleHeaderDisagree);
        assert!(
            warnings[0].message.contains("classification:function"),
            "{warnings:?}"
        );
    }

    #[test]
    fn the_table_of_contents_names_a_table_printed_under_its_number() {
        let mut t = table(
            "",
            &["表7", "单位：万元"],
            &[&["科目编码", "科目名称", "合计"]],
            &[],
        );
        t.title = None;
        let context = DocumentContext {
            contents: vec![crate::recognize::ContentsEntry {
                number: Some(7),
                title: "一般公共预算支出表".to_string(),
            }],
            ..DocumentContext::default()
        };
        let class = classify_in(Catalogue::standard(), &t, &context);
        assert_eq!(class.kind, "general_budget_expenditure");
        assert_eq!(
            (class.source, class.number),
            (KindSource::Contents, Some(7))
        );
        assert!(class.warnings(&t)[0].message.contains("table of contents"));
    }

    #[test]
    fn a_final_accounts_cover_makes_its_stageless_titles_final() {
        let t = table(
            "财政拨款“三公”经费支出表",
            &[],
            &[&["因公出国(境)费", "公务接待费"]],
            &[],
        );
        let pages = vec![vec!["某某局".to_string(), "2024年度部门决算".to_string()]];
        let catalogue = Catalogue::standard();
        let context = DocumentContext::from_pages(catalogue, &pages);
        assert_eq!(
            classify_in(catalogue, &t, &context).kind,
            "final_three_public_expenses"
        );
        assert_eq!(classify(catalogue, &t).kind, "three_public_expenses");
        // A title no final kind fits keeps its kind.
        let t = table("国有资产占用情况表", &[], &[&["资产"]], &[]);
        assert_eq!(classify_in(catalogue, &t, &context).kind, "state_assets");
    }

    #[test]
    fn a_header_printing_what_a_kind_never_prints_refuses_it() {
        let t = table(
            "项目支出情况表",
            &[],
            &[&[
                "序号",
                "项目名称",
                "预算批复",
                "预算到位",
                "实际执行",
                "执行率",
            ]],
            &[],
        );
        let class = classify(Catalogue::standard(), &t);
        assert_eq!(class.kind, UNKNOWN_KIND);
        let warnings = class.warnings(&t);
        assert_eq!(warnings[0].kind, WarningKind::TitleHeaderDisagree);
        assert!(
            warnings[0].message.contains("not project_expenditure"),
            "{warnings:?}"
        );
        assert!(warnings[0].message.contains("执行率"), "{warnings:?}");
    }

    #[test]
    fn the_units_name_before_a_title_is_not_read_as_facets() {
        let t = table(
            "北京市政府采购中心部门收入总表",
            &["单位名称：北京市政府采购中心"],
            &[&["合计", "财政拨款"]],
            &[],
        );
        assert_eq!(classify(Catalogue::standard(), &t).kind, "revenue_summary");
    }

    #[test]
    fn an_organisations_name_before_the_titles_scope_word_is_not_read_as_facets() {
        let catalogue = Catalogue::standard();
        for (title, kind) in [
            ("某某市政府采购中心部门收入总表", "revenue_summary"),
            ("某某市机关运行保障中心部门支出总表", "expenditure_summary"),
            ("中共某某市委宣传部部门收支总表", "budget_summary"),
            ("某某市红十字会单位收支总表", "budget_summary"),
        ] {
            assert_eq!(
                classify(catalogue, &table(title, &[], &[&["合计"]], &[])).kind,
                kind,
                "{title}"
            );
        }
        // A scope word after what is no organisation's name keeps the title whole.
        let t = table(
            "一般公共预算基本支出表（部门预算经济分类）",
            &[],
            &[&["合计", "人员经费", "公用经费"]],
            &[],
        );
        assert_eq!(
            classify(catalogue, &t).kind,
            "basic_expenditure_by_economic"
        );
    }

    #[test]
    fn funds_outside_the_budgets_and_other_aspects_name_no_kind() {
        let catalogue = Catalogue::standard();
        for title in [
            "财政专户管理资金收支预算表",
            "单位资金收支预算表",
            "项目支出绩效评价结果表",
            "地方政府债务余额情况表",
            "对下转移支付预算表",
            "新增资产配置表",
        ] {
            let t = table(title, &[], &[&["收入", "支出", "项目", "合计"]], &[]);
            assert_eq!(classify(catalogue, &t).kind, UNKNOWN_KIND, "{title}");
        }
        // 资产配置 qualifies a procurement table.
        let t = table(
            "政府采购（资产配置、购买服务）预算表",
            &[],
            &[&["采购项目", "金额"]],
            &[],
        );
        assert_eq!(classify(catalogue, &t).kind, "government_procurement");
    }

    #[test]
    fn including_the_carryover_is_no_carryover_table() {
        let catalogue = Catalogue::standard();
        for (title, kind) in [
            ("项目支出预算表（含上年结转）", "project_expenditure"),
            (
                "一般公共预算支出表（含上年结转）",
                "general_budget_expenditure",
            ),
            (
                "项目支出预算表（上年结转）",
                "project_expenditure_carryover",
            ),
            (
                "一般公共预算支出表（不含上年结转）",
                "general_budget_expenditure",
            ),
        ] {
            let t = table(title, &[], &[&["合计"]], &[]);
            assert_eq!(classify(catalogue, &t).kind, kind, "{title}");
        }
    }

    #[test]
    fn the_heading_above_names_an_untitled_table_its_header_confirms() {
        let mut t = table("", &[], &[&["单位名称", "备注"]], &[]);
        t.title = None;
        t.lead_lines = vec!["二、部门决算单位构成".to_string()];
        let class = classify(Catalogue::standard(), &t);
        assert_eq!(
            (class.kind.as_str(), class.source),
            ("unit_composition", KindSource::Lead)
        );
        t.header_rows = rows(&[&["项目", "金额"]]);
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
        let classes = classify_all(
            Catalogue::standard(),
            &[first, second],
            &DocumentContext::default(),
        );
        assert_eq!(classes[1].amount_unit, Some(AmountUnit::TenThousandYuan));
        assert!(classes[1].amount_unit_inherited);
        assert!(!classes[0].amount_unit_inherited);
    }
}
