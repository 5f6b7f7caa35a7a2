//! The catalogue of standard tables (spec §3), loaded from `catalogue.toml`.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use super::identities::{
    FamilyFile, Identities, Identity, IdentityFile, ItemFile, Known, TOTAL_ITEM,
};
use super::text::squash;
use super::title::{TitleKey, title_key};

/// How a table's columns are arranged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// Label columns (code, name) then amount columns.
    Single,
    /// A revenue panel, then one or more expenditure panels side by side (收支总表).
    TwoSided,
    /// One logical table printed as two halves side by side (决算 basic expenditure).
    TwoPanel,
    /// A form, not a grid of amounts (绩效目标表).
    Form,
}

/// One kind of table the catalogue knows.
#[derive(Debug, Clone)]
pub struct KindSpec {
    /// Catalogue key, e.g. `budget_summary`.
    pub kind: String,
    /// Column arrangement.
    pub layout: Layout,
    titles: Vec<TitleKey>,
    suffixes: Vec<String>,
    header_any: Vec<String>,
    header_all: Vec<Vec<String>>,
    header_none: Vec<String>,
    rename: HashMap<String, String>,
}

impl KindSpec {
    /// Whether the header alone names this kind: every `header_all` cue (one of its `|`
    /// alternatives) present and no `header_none` cue.
    fn named_by_header(&self, header_text: &str) -> bool {
        !self.header_all.is_empty()
            && self
                .header_all
                .iter()
                .all(|alternatives| alternatives.iter().any(|a| header_text.contains(a)))
            && !self.header_none.iter().any(|n| header_text.contains(n))
    }

    /// Whether the header text (squashed, all header cells joined) confirms this kind.
    pub fn confirmed_by(&self, header_text: &str) -> bool {
        self.header_any.is_empty() || self.header_any.iter().any(|cue| header_text.contains(cue))
    }

    /// The column key this kind uses for a generic key (`budget` is a summary's `amount`).
    pub fn rename<'a>(&'a self, key: &'a str) -> &'a str {
        self.rename.get(key).map_or(key, String::as_str)
    }
}

/// One header-label rule: labels containing any of `labels`, or matching any of `patterns`,
/// get `key`.
#[derive(Debug, Clone)]
pub struct ColumnRule {
    /// The canonical key (`total`, `basic`, …).
    pub key: String,
    labels: Vec<String>,
    patterns: Vec<Regex>,
    /// Whether the label says "an amount" without saying which (`合计`, `预算数`): under a
    /// specific parent label it takes the parent's key.
    pub generic: bool,
    /// Set when a header cell with this label, printed over other labelled columns, makes a
    /// band of them (`当年预算 › 合计 | 基本支出`, `2026年预算数 › …`).
    pub band: Option<BandKind>,
    /// What the column's numbers measure.
    pub measure: Measure,
    /// Set when the column holds subject codes, whole or one part of a split code.
    pub code: Option<CodePart>,
    /// Whether the rule only names the band a label heads, never a column's own role.
    pub heads_only: bool,
}

/// Which part of a subject code a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodePart {
    /// The whole code (`2013150`) in one cell.
    Whole,
    /// The 类 part of a split code (`201`).
    Class,
    /// The 款 part (`31`).
    Section,
    /// The 项 part (`50`).
    Item,
}

impl CodePart {
    /// Index of a split part (类 0, 款 1, 项 2); `None` for a whole code.
    pub fn split_index(self) -> Option<usize> {
        match self {
            CodePart::Whole => None,
            CodePart::Class => Some(0),
            CodePart::Section => Some(1),
            CodePart::Item => Some(2),
        }
    }
}

/// How the bands a label heads relate to each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BandKind {
    /// Parts of one whole: 当年预算 and 上年结转 add up to the table's 合计.
    Additive,
    /// Parallel figures never summed: two years, 预算数 beside 决算数, an increase.
    Parallel,
}

/// What a column's numbers measure: money, or a row attribute that is not money.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Amounts of money, in the table's amount unit.
    #[default]
    Money,
    /// Counts: 人数, 天数, 次数, 数量, 车辆数.
    Count,
    /// Ratios and percentages: 比例, 增减(%).
    Ratio,
    /// Row numbers: 序号, 行次.
    Serial,
    /// Identifiers that are not subject codes: 单位编码, 部门代码.
    Identifier,
}

impl Measure {
    /// The measure as the JSON names it.
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Money => "money",
            Measure::Count => "count",
            Measure::Ratio => "ratio",
            Measure::Serial => "serial",
            Measure::Identifier => "identifier",
        }
    }
}

/// The table kinds and the header-label rules, parsed once from the data file.
#[derive(Debug, Clone)]
pub struct Catalogue {
    kinds: Vec<KindSpec>,
    columns: Vec<ColumnRule>,
    identities: Identities,
}

/// A catalogue file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    /// Not valid TOML or not the expected shape.
    #[error("catalogue is not valid: {0}")]
    Parse(#[from] toml::de::Error),
    /// A column pattern is not a valid regular expression.
    #[error("column pattern {pattern:?} is not a valid regex: {source}")]
    Pattern {
        /// The offending pattern.
        pattern: String,
        /// Why it failed.
        source: regex::Error,
    },
    /// The families, items or identities do not fit the rest of the catalogue (a kind or key
    /// that does not exist, a rule that applies to nothing).
    #[error("catalogue is not consistent: {0}")]
    Inconsistent(String),
}

#[derive(Deserialize)]
struct CatalogueFile {
    column: Vec<ColumnFile>,
    kind: Vec<KindFile>,
    #[serde(default)]
    family: Vec<FamilyFile>,
    #[serde(default)]
    item: Vec<ItemFile>,
    #[serde(default)]
    identity: Vec<IdentityFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ColumnFile {
    key: String,
    labels: Vec<String>,
    #[serde(default)]
    patterns: Vec<String>,
    #[serde(default)]
    generic: bool,
    #[serde(default)]
    band: Option<BandKind>,
    #[serde(default)]
    measure: Measure,
    #[serde(default)]
    code: Option<CodePart>,
    #[serde(default)]
    heads_only: bool,
}

#[derive(Deserialize)]
struct KindFile {
    kind: String,
    layout: Layout,
    titles: Vec<String>,
    #[serde(default)]
    suffixes: Vec<String>,
    header_any: Vec<String>,
    #[serde(default)]
    header_all: Vec<String>,
    #[serde(default)]
    header_none: Vec<String>,
    #[serde(default)]
    rename: HashMap<String, String>,
}

/// The column key of `其中：…` labels: a part of the column (or row) before, never a term.
pub const OF_WHICH: &str = "of_which";

static STANDARD: LazyLock<Catalogue> = LazyLock::new(|| {
    Catalogue::from_toml(include_str!("catalogue.toml")).expect("the bundled catalogue is valid")
});

impl Catalogue {
    /// The catalogue bundled with budgetpdf (`src/recognize/catalogue.toml`), parsed once.
    pub fn standard() -> &'static Catalogue {
        &STANDARD
    }

    /// Parses a catalogue in the format of the bundled one.
    pub fn from_toml(text: &str) -> Result<Catalogue, CatalogueError> {
        let file: CatalogueFile = toml::from_str(text)?;
        let columns: Vec<ColumnRule> = file
            .column
            .into_iter()
            .map(|c| {
                let patterns = c
                    .patterns
                    .iter()
                    .map(|p| {
                        Regex::new(p).map_err(|source| CatalogueError::Pattern {
                            pattern: p.clone(),
                            source,
                        })
                    })
                    .collect::<Result<_, _>>()?;
                Ok(ColumnRule {
                    key: c.key,
                    labels: c.labels.iter().map(|l| squash(l)).collect(),
                    patterns,
                    generic: c.generic,
                    band: c.band,
                    measure: c.measure,
                    code: c.code,
                    heads_only: c.heads_only,
                })
            })
            .collect::<Result<_, CatalogueError>>()?;
        let kinds = file
            .kind
            .into_iter()
            .map(|k| KindSpec {
                kind: k.kind,
                layout: k.layout,
                titles: k.titles.iter().map(|t| title_key(t)).collect(),
                suffixes: k.suffixes.iter().map(|s| squash(s)).collect(),
                header_any: k.header_any.iter().map(|h| squash(h)).collect(),
                header_all: k
                    .header_all
                    .iter()
                    .map(|cue| cue.split('|').map(squash).collect())
                    .collect(),
                header_none: k.header_none.iter().map(|h| squash(h)).collect(),
                rename: k.rename,
            })
            .collect::<Vec<KindSpec>>();
        if !columns.iter().any(|c| c.key == OF_WHICH) {
            return Err(CatalogueError::Inconsistent(format!(
                "no column rule gives {OF_WHICH:?}, which the checks use"
            )));
        }
        let known = Known {
            kinds: kinds.iter().map(|k| k.kind.as_str()).collect(),
            roles: columns.iter().map(|c| c.key.as_str()).collect(),
            bands: columns
                .iter()
                .filter(|c| c.band.is_some())
                .map(|c| c.key.as_str())
                .collect(),
        };
        let identities = Identities::build(file.family, file.item, file.identity, &known)
            .map_err(CatalogueError::Inconsistent)?;
        Ok(Catalogue {
            kinds,
            columns,
            identities,
        })
    }

    /// The accounting identities, in catalogue order.
    pub fn identities(&self) -> &[Identity] {
        &self.identities.identities
    }

    /// Whether a row's name has item key `key` (`本年收入合计` is `total`, `公务接待费` is
    /// `reception`).
    pub fn item_is(&self, item: &str, key: &str) -> bool {
        self.identities.item_is(item, key, |name| {
            self.column_rule(name)
                .filter(|rule| !rule.generic)
                .map(|rule| rule.key.as_str())
        })
    }

    /// Whether a row's name says it breaks out a part of the row above it (`其中：专项资金`):
    /// neither a line of its own nor a part of any sum. `其中：（一）…` opens a numbered list
    /// instead.
    pub fn is_of_which(&self, item: &str) -> bool {
        self.column_key(&super::text::item_name(item)) == Some(OF_WHICH)
            && super::text::numbering(item).is_none()
    }

    /// Whether a row's name says it totals the rows of its table or side (合计, 总计,
    /// 本年收入合计, 收入总计 …).
    pub fn is_total_item(&self, item: &str) -> bool {
        self.item_is(item, TOTAL_ITEM)
    }

    /// Every kind, in catalogue order.
    pub fn kinds(&self) -> &[KindSpec] {
        &self.kinds
    }

    /// The kind a printed title names: exact title with brackets, then without brackets, then
    /// the longest matching suffix.
    pub fn kind_for_title(&self, title: &str) -> Option<&KindSpec> {
        let key = title_key(title);
        let exact = |wanted: &str, bracket_free_only: bool| {
            self.kinds.iter().find(|k| {
                k.titles.iter().any(|t| {
                    (!bracket_free_only || t.full == t.bare)
                        && if bracket_free_only {
                            t.bare == wanted
                        } else {
                            t.full == wanted
                        }
                })
            })
        };
        exact(&key.full, false)
            .or_else(|| exact(&key.bare, true))
            .or_else(|| self.kind_for_suffix(&key.bare))
    }

    fn kind_for_suffix(&self, bare_title: &str) -> Option<&KindSpec> {
        self.kinds
            .iter()
            .flat_map(|k| k.suffixes.iter().map(move |s| (k, s)))
            .filter(|(_, s)| bare_title.ends_with(s.as_str()))
            .max_by_key(|(_, s)| s.len())
            .map(|(k, _)| k)
    }

    /// The one kind a header names on its own (see `header_all` in the catalogue), if exactly
    /// one does. `header_text` is the squashed header cells joined.
    pub fn kind_for_header(&self, header_text: &str) -> Option<&KindSpec> {
        let mut named = self.kinds.iter().filter(|k| k.named_by_header(header_text));
        match (named.next(), named.next()) {
            (Some(kind), None) => Some(kind),
            _ => None,
        }
    }

    /// The kind with this key.
    pub fn kind(&self, key: &str) -> Option<&KindSpec> {
        self.kinds.iter().find(|k| k.kind == key)
    }

    /// The canonical key of a header label (`2023年合计` → `total`), if a rule knows it.
    pub fn column_key(&self, label: &str) -> Option<&str> {
        self.column_rule(label).map(|rule| rule.key.as_str())
    }

    /// The first header-label rule that gives `label` a role.
    pub fn column_rule(&self, label: &str) -> Option<&ColumnRule> {
        self.rules_knowing(label).find(|rule| !rule.heads_only)
    }

    /// The rule that says what band a header cell with `label` heads, if it heads one.
    pub fn band_rule(&self, label: &str) -> Option<&ColumnRule> {
        self.rules_knowing(label)
            .next()
            .filter(|rule| rule.band.is_some())
    }

    fn rules_knowing(&self, label: &str) -> impl Iterator<Item = &ColumnRule> {
        let label = squash(label);
        self.columns.iter().filter(move |rule| {
            rule.labels.iter().any(|l| label.contains(l.as_str()))
                || rule.patterns.iter().any(|p| p.is_match(&label))
        })
    }

    /// Whether some header-label rule gives `key`.
    pub fn knows_column_key(&self, key: &str) -> bool {
        self.columns.iter().any(|rule| rule.key == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_catalogue_parses_and_knows_every_spec_kind() {
        let catalogue = Catalogue::standard();
        for kind in [
            "budget_summary",
            "revenue_summary",
            "expenditure_summary",
            "appropriation_summary",
            "appropriation_expenditure",
            "general_budget_expenditure",
            "basic_expenditure_by_economic",
            "gov_fund_revenue",
            "gov_fund_expenditure",
            "state_capital_budget",
            "three_public_expenses",
            "operating_expenses",
            "project_expenditure",
            "project_expenditure_carryover",
            "government_procurement",
            "performance_targets",
            "final_summary",
            "final_revenue",
            "final_expenditure",
            "final_appropriation_summary",
            "final_general_budget_expenditure",
            "final_basic_expenditure_by_economic",
            "final_three_public_expenses",
            "final_gov_fund",
            "final_state_capital",
        ] {
            assert!(catalogue.kind(kind).is_some(), "{kind} missing");
        }
    }

    #[test]
    fn no_title_belongs_to_two_kinds() {
        let catalogue = Catalogue::standard();
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for kind in catalogue.kinds() {
            for title in &kind.titles {
                if let Some(other) = seen.insert(&title.full, &kind.kind) {
                    panic!("{} is both {other} and {}", title.full, kind.kind);
                }
            }
        }
    }

    #[test]
    fn titles_match_with_and_without_brackets_and_prefixes() {
        let catalogue = Catalogue::standard();
        let kind = |t: &str| catalogue.kind_for_title(t).map(|k| k.kind.as_str());
        assert_eq!(kind("2023年预算收支总表"), Some("budget_summary"));
        assert_eq!(
            kind("2023年一般公共预算支出预算表（不含上年结转）"),
            Some("general_budget_expenditure")
        );
        assert_eq!(
            kind("2023年项目支出预算表（上年结转）"),
            Some("project_expenditure_carryover")
        );
        assert_eq!(
            kind("2023年项目支出预算表（本年预算）"),
            Some("project_expenditure")
        );
        assert_eq!(kind("预算01表 收支总表"), Some("budget_summary"));
        assert_eq!(kind("公开 01 表 收支预算总表"), Some("budget_summary"));
        assert_eq!(kind("2025年部门财务收支预算总表"), Some("budget_summary"));
        assert_eq!(
            kind("2025年单位“三公”经费和机关运行经费预算表"),
            Some("three_public_expenses")
        );
        assert_eq!(
            kind("2025年预算单位一般公共预算基本支出部门预算经济分类预算表"),
            Some("basic_expenditure_by_economic")
        );
        assert_eq!(
            kind("上党区县(区)级预算部门(单位)项目支出绩效目标申报表"),
            Some("performance_targets")
        );
        assert_eq!(
            kind("部门整体支出绩效目标表"),
            Some("department_performance_targets")
        );
        assert_eq!(kind("收入支出决算总表"), Some("final_summary"));
        assert_eq!(
            kind("财政拨款收入支出决算总表"),
            Some("final_appropriation_summary")
        );
        assert_eq!(kind("2023年单位职责"), None);
    }

    /// The bundled catalogue with `section` appended.
    fn with(section: &str) -> Result<Catalogue, CatalogueError> {
        Catalogue::from_toml(&format!("{}\n{section}", include_str!("catalogue.toml")))
    }

    fn refused(section: &str, says: &str) {
        match with(section) {
            Ok(_) => panic!("loaded:\n{section}"),
            Err(error) => assert!(error.to_string().contains(says), "{error}"),
        }
    }

    #[test]
    fn a_typo_in_an_identity_or_family_is_refused_when_loading() {
        refused(
            "[[identity]]\nname = \"x\"\nover = \"columns\"\napplies_to = [\"expenditure_sumary\"]\n\
             total = \"total\"\nparts = [\"basic\"]",
            "\"expenditure_sumary\" is neither a family nor a kind",
        );
        refused(
            "[[identity]]\nname = \"x\"\nover = \"columns\"\napplies_to = [\"summary\"]\n\
             total = \"total\"\nparts = [\"basik\"]",
            "\"basik\" is not a known key",
        );
        refused(
            "[[identity]]\nname = \"x\"\nover = \"columns\"\napplies_to = [\"summary\"]\n\
             total = \"total\"\npart = [\"basic\"]",
            "unknown field `part`",
        );
        refused(
            "[[identity]]\nname = \"x\"\nover = \"colums\"\napplies_to = [\"summary\"]",
            "unknown variant `colums`",
        );
        refused(
            "[[identity]]\nname = \"x\"\nover = \"items\"\napplies_to = [\"three_public\"]\n\
             total = \"total\"",
            "a total and parts are needed",
        );
        refused(
            "[[identity]]\nname = \"x\"\nover = \"tables\"\n\
             found = { applies_to = [\"revenue_summary\"], item = \"totl\", roles = [\"total\"] }\n\
             against = [{ applies_to = [\"budget_summary\"], item = \"total\", roles = [\"amount\"] }]",
            "\"totl\" is not an item key",
        );
        refused(
            "[[family]]\nname = \"spending\"\nkinds = [\"expenditure_summary\", \"general_budget\"]",
            "family spending: no kind \"general_budget\"",
        );
        refused(
            "[[identity]]\nname = \"x\"\nover = \"codes\"\napplies_to = [\"listing\"]\n\
             except = [\"listing\"]",
            "applies to no kind",
        );
        refused(
            "[[column]]\nkey = \"x\"\nlabels = [\"某\"]\nmeasure = \"counts\"",
            "unknown variant `counts`",
        );
        assert!(with("").is_ok());
    }

    #[test]
    fn identities_and_families_resolve_to_kinds() {
        let catalogue = Catalogue::standard();
        let identity = |name: &str| {
            catalogue
                .identities()
                .iter()
                .find(|i| i.name == name)
                .unwrap_or_else(|| panic!("{name}"))
        };
        let codes = identity("parent_eq_sum_of_children");
        assert!(codes.applies_to("expenditure_summary") && codes.applies_to(UNKNOWN));
        assert!(!codes.applies_to("government_procurement"));
        let balance = identity("revenue_total_eq_expenditure_total");
        assert!(balance.applies_to("final_summary") && !balance.applies_to("revenue_summary"));
        let cross = identity("revenue_summary_total_eq_budget_summary");
        assert!(cross.applies_to("revenue_summary") && !cross.applies_to(UNKNOWN));
        assert!(catalogue.is_total_item("本年收入合计") && !catalogue.is_total_item("小计"));
        assert!(catalogue.item_is("其中：公务用车购置费", "vehicle_purchase"));
        assert!(catalogue.is_of_which("其中：专项资金") && !catalogue.is_of_which("其中：(一)费"));
    }

    const UNKNOWN: &str = super::super::UNKNOWN_KIND;

    #[test]
    fn column_keys_prefer_specific_rules() {
        let catalogue = Catalogue::standard();
        assert_eq!(catalogue.column_key("2023年合计"), Some("total"));
        assert_eq!(catalogue.column_key("上年结转安排"), Some("carryover"));
        assert_eq!(catalogue.column_key("政府性 基金预 算"), Some("gov_fund"));
        assert_eq!(catalogue.column_key("2023年"), Some("budget"));
        assert_eq!(
            catalogue.column_key("公务用车购置费"),
            Some("vehicle_purchase")
        );
        assert_eq!(
            catalogue.column_key("公务用车购置及运行费"),
            Some("vehicle_purchase_and_operation")
        );
        assert_eq!(catalogue.column_key("科目名称"), None);
        assert_eq!(catalogue.column_key("增减(%)"), Some("ratio"));
        assert_eq!(catalogue.column_key("人数"), Some("headcount"));
        assert_eq!(
            catalogue.column_key("部门预算支出经济科目编码"),
            Some("code")
        );
        assert_eq!(catalogue.column_key("本年预算"), Some("budget"));
        assert_eq!(
            catalogue.band_rule("本年预算").map(|r| r.key.as_str()),
            Some("current")
        );
        assert_eq!(catalogue.column_key("本年收入合计"), Some("total"));
    }
}
