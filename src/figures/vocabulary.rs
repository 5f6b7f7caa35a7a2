//! The vocabulary of headline figures, loaded from `vocabulary.toml` and validated as it loads:
//! units, the words prose is read with, the figures with their cues, the table cells that
//! carry them and the sums they obey.

use std::collections::HashSet;
use std::str::FromStr;
use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;
use serde::Deserialize;

use crate::recognize::squash;

/// What an amount counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Money, stated in 元, 万元 or 亿元 and kept in yuan.
    Money,
    /// A number of things (vehicles), stated in 辆 or 台.
    Count,
}

impl Measure {
    /// The unit figures of this measure are given in (spec §6 `unit_of_measure`).
    pub fn unit_of_measure(self) -> &'static str {
        match self {
            Measure::Money => "元",
            Measure::Count => "辆",
        }
    }
}

/// A unit an amount may be printed with.
#[derive(Debug, Clone)]
pub struct Unit {
    /// The word as printed (`万元`).
    pub word: String,
    /// How many yuan (or things) one of it is.
    pub factor: Decimal,
    /// What it counts.
    pub measure: Measure,
}

/// The words a 情况说明 is read with (see the `[prose]` table of the data file).
#[derive(Debug, Clone)]
pub struct ProseWords {
    /// What may follow any cue before the amount.
    pub tails: Vec<String>,
    /// What a label may consist of and still name nothing.
    pub generic: Vec<String>,
    /// What may precede a bare cue.
    pub lead: Vec<String>,
    /// Patterns of a comparison with another year.
    pub comparison: Vec<Regex>,
    /// Words of an increase.
    pub increase: Vec<String>,
    /// Words of a decrease.
    pub decrease: Vec<String>,
    /// Words of no change.
    pub unchanged: Vec<String>,
    /// Words of roughly no change, which state no previous year's figure.
    pub roughly_unchanged: Vec<String>,
    /// Words naming the previous year.
    pub previous_year: Vec<String>,
    /// Words making a label a subset or something else.
    pub reject_before: Vec<String>,
    /// Words after an amount that make it a threshold or a rate.
    pub reject_after: Vec<String>,
    /// Markers of an enumeration of parts.
    pub parts: Vec<String>,
    /// Words coordinating a cue with another subject.
    pub coordinated: Vec<String>,
    /// Words of a budget figure, out of place in a final account.
    pub budget_only: Vec<String>,
    /// Words of an outturn, out of place in a budget.
    pub final_only: Vec<String>,
    /// Spellings read as another before cues are looked for (`公务车` is `公务用车`), in order.
    pub variants: Vec<(String, String)>,
}

/// One headline figure and the words that name it.
#[derive(Debug, Clone)]
pub struct FigureSpec {
    /// Stable key (spec §6), e.g. `three_public_total`.
    pub key: String,
    /// The figure's name as disclosures print it.
    pub name: String,
    /// Money or a count.
    pub measure: Measure,
    /// Words a label ends with (before its tails) when it names this figure.
    pub cues: Vec<String>,
    /// Cues that name it only inside an enumeration under one of `within`.
    pub scoped_cues: Vec<String>,
    /// Words that may follow a cue of this figure, beside the common tails.
    pub tails: Vec<String>,
    /// Qualifiers that, right before a cue, make it name something else.
    pub not_after: Vec<String>,
    /// Words that, after a cue, make it name something else (上年结转 + 财政拨款 is a part).
    pub not_before: Vec<String>,
    /// The figures it is a part of; as a part of another amount it is kept only under these.
    pub within: Vec<String>,
    /// Cues that name it only when nothing but `lead` words precede them (`项目支出`, not
    /// `森林防火项目支出`).
    pub bare_cues: Vec<String>,
    /// Whether a label may name another year (stocks stated at the previous year's end).
    pub any_year: bool,
    /// Cues that name it only as the subject of a comparison, with nothing but `lead` words
    /// before them (`收入比2025年减少…`).
    pub subject_cues: Vec<String>,
}

/// Which table cells carry a figure (see the `[[table]]` entries of the data file).
#[derive(Debug, Clone)]
pub struct TableRule {
    /// The figure.
    pub figure: String,
    /// Catalogue kinds of the tables.
    pub kinds: Vec<String>,
    /// `revenue` or `expenditure` for two-sided tables.
    pub side: Option<String>,
    /// Row items, normalized; `""` is a row without name.
    pub rows: Vec<String>,
    /// Column keys in order of preference.
    pub columns: Vec<String>,
    /// Subjects of columns, normalized: when set, a cell counts only under a column whose
    /// header names one of them (the deepest header naming a subject of any rule decides), and
    /// `columns` are the keys of the cells below it (`因公出国(境)费` over `一般公共预算`).
    pub headers: Vec<String>,
    /// Whether a row also counts when its name names the figure as a label of prose would
    /// (`其中:(一)因公出国(境)支出`).
    pub named_rows: bool,
    /// Whether the figure is kept only when the parts the same table carries add up to it (a
    /// `合计` column may total more than the figure, as 会议费 and 培训费 beside the 三公). The
    /// columns are then tried in order until one adds up.
    pub confirm: bool,
}

/// The words table cells are placed in time with (see the `[tables]` table of the data file).
#[derive(Debug, Clone)]
pub struct TableWords {
    /// The row a row named after the document's own unit is read as.
    pub own_unit_row: String,
    /// Words of a column or row of changes (增减变化情况).
    pub change: Vec<String>,
    /// Words naming the budget year in a header or a row's label (当年, 本年).
    pub current_year: Vec<String>,
    /// Words that may follow a year or a year's word in such a label (预算数, 决算数 …).
    pub period_suffixes: Vec<String>,
}

/// A sum figures obey.
#[derive(Debug, Clone)]
pub struct CheckRule {
    /// Rule name without the `figures.` prefix.
    pub rule: String,
    /// The figure that is the sum.
    pub total: String,
    /// The figures summed.
    pub parts: Vec<String>,
    /// When set, parts not stated count as zero once this many are stated.
    pub min_parts: Option<usize>,
}

/// Everything headline figures are read with.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    /// Units, longest word first so that `万元` is tried before `元`.
    pub units: Vec<Unit>,
    /// The words of prose.
    pub prose: ProseWords,
    /// The figures in the data file's order.
    pub figures: Vec<FigureSpec>,
    /// Table cells.
    pub tables: Vec<TableRule>,
    /// The words of tables.
    pub table_words: TableWords,
    /// Sums.
    pub checks: Vec<CheckRule>,
    /// A number followed by one of the units.
    amount_pattern: Regex,
}

/// A vocabulary file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum VocabularyError {
    /// Not valid TOML or not the expected shape.
    #[error("figure vocabulary is not valid: {0}")]
    Parse(#[from] toml::de::Error),
    /// A comparison pattern is not a valid regular expression.
    #[error("comparison pattern {pattern:?} is not a valid regex: {source}")]
    Pattern {
        /// The offending pattern.
        pattern: String,
        /// Why it failed.
        source: regex::Error,
    },
    /// A unit factor is not a decimal number.
    #[error("unit {word}: factor {factor:?} is not a decimal number")]
    Factor {
        /// The unit.
        word: String,
        /// The offending factor.
        factor: String,
    },
    /// Something names a figure the file does not define.
    #[error("{place} names the unknown figure {key:?}")]
    UnknownFigure {
        /// Where the name appears.
        place: String,
        /// The unknown key.
        key: String,
    },
    /// A figure key is defined twice.
    #[error("figure {0:?} is defined twice")]
    DuplicateFigure(String),
    /// A list that must not be empty is, or holds an empty word.
    #[error("{0} must list at least one non-empty word")]
    Empty(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VocabularyFile {
    unit: Vec<UnitFile>,
    prose: ProseFile,
    figure: Vec<FigureFile>,
    tables: TablesFile,
    table: Vec<TableFile>,
    check: Vec<CheckFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitFile {
    word: String,
    factor: String,
    measure: Measure,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProseFile {
    tails: Vec<String>,
    generic: Vec<String>,
    lead: Vec<String>,
    comparison: Vec<String>,
    increase: Vec<String>,
    decrease: Vec<String>,
    unchanged: Vec<String>,
    roughly_unchanged: Vec<String>,
    previous_year: Vec<String>,
    reject_before: Vec<String>,
    reject_after: Vec<String>,
    parts: Vec<String>,
    coordinated: Vec<String>,
    budget_only: Vec<String>,
    final_only: Vec<String>,
    variants: Vec<[String; 2]>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FigureFile {
    key: String,
    name: String,
    measure: Measure,
    cues: Vec<String>,
    #[serde(default)]
    scoped_cues: Vec<String>,
    tails: Vec<String>,
    not_after: Vec<String>,
    #[serde(default)]
    not_before: Vec<String>,
    #[serde(default)]
    within: Vec<String>,
    #[serde(default)]
    bare_cues: Vec<String>,
    #[serde(default)]
    any_year: bool,
    #[serde(default)]
    subject_cues: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TablesFile {
    own_unit_row: String,
    change: Vec<String>,
    current_year: Vec<String>,
    period_suffixes: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TableFile {
    figure: String,
    kinds: Vec<String>,
    #[serde(default)]
    side: Option<String>,
    rows: Vec<String>,
    columns: Vec<String>,
    #[serde(default)]
    headers: Vec<String>,
    #[serde(default)]
    named_rows: bool,
    #[serde(default)]
    confirm: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckFile {
    rule: String,
    total: String,
    parts: Vec<String>,
    #[serde(default)]
    min_parts: Option<usize>,
}

static STANDARD: LazyLock<Vocabulary> = LazyLock::new(|| {
    Vocabulary::from_toml(include_str!("vocabulary.toml"))
        .expect("the bundled figure vocabulary is valid")
});

impl Vocabulary {
    /// The vocabulary bundled with budgetpdf (`src/figures/vocabulary.toml`), parsed once.
    pub fn standard() -> &'static Vocabulary {
        &STANDARD
    }

    /// Parses and validates a vocabulary in the format of the bundled one.
    pub fn from_toml(text: &str) -> Result<Vocabulary, VocabularyError> {
        let file: VocabularyFile = toml::from_str(text)?;
        let mut units = file
            .unit
            .into_iter()
            .map(unit)
            .collect::<Result<Vec<_>, _>>()?;
        units.sort_by_key(|u| std::cmp::Reverse(u.word.chars().count()));
        let amount_pattern = amount_pattern(&units);
        let vocabulary = Vocabulary {
            units,
            prose: prose_words(file.prose)?,
            figures: file.figure.into_iter().map(figure).collect(),
            tables: file.table.into_iter().map(table_rule).collect(),
            table_words: TableWords {
                own_unit_row: squash(&file.tables.own_unit_row),
                change: words(file.tables.change),
                current_year: words(file.tables.current_year),
                period_suffixes: words(file.tables.period_suffixes),
            },
            checks: file
                .check
                .into_iter()
                .map(|c| CheckRule {
                    rule: c.rule,
                    total: c.total,
                    parts: c.parts,
                    min_parts: c.min_parts,
                })
                .collect(),
            amount_pattern,
        };
        vocabulary.validate()?;
        Ok(vocabulary)
    }

    /// A number (thousands separated by commas or not, decimals or not) followed by a unit:
    /// groups `number` and `unit`.
    pub fn amount_pattern(&self) -> &Regex {
        &self.amount_pattern
    }

    /// `text` with the `[prose].variants` spellings replaced.
    pub fn standard_spelling(&self, text: &str) -> String {
        self.prose
            .variants
            .iter()
            .fold(text.to_string(), |text, (from, to)| {
                text.replace(from.as_str(), to)
            })
    }

    /// The figure with this key.
    pub fn figure(&self, key: &str) -> Option<&FigureSpec> {
        self.figures.iter().find(|f| f.key == key)
    }

    fn validate(&self) -> Result<(), VocabularyError> {
        let mut keys = HashSet::new();
        for figure in &self.figures {
            if !keys.insert(figure.key.as_str()) {
                return Err(VocabularyError::DuplicateFigure(figure.key.clone()));
            }
            let cues: Vec<String> = figure
                .cues
                .iter()
                .chain(&figure.bare_cues)
                .cloned()
                .collect();
            non_empty(&cues, &format!("figure {} cues", figure.key))?;
        }
        let known = |place: String, key: &str| {
            if keys.contains(key) {
                Ok(())
            } else {
                Err(VocabularyError::UnknownFigure {
                    place,
                    key: key.to_string(),
                })
            }
        };
        for figure in &self.figures {
            for key in &figure.within {
                known(format!("figure {} within", figure.key), key)?;
            }
        }
        for rule in &self.tables {
            known("a table rule".to_string(), &rule.figure)?;
            non_empty(&rule.kinds, &format!("table rule of {} kinds", rule.figure))?;
            non_empty(
                &rule.columns,
                &format!("table rule of {} columns", rule.figure),
            )?;
        }
        for check in &self.checks {
            for key in std::iter::once(&check.total).chain(&check.parts) {
                known(format!("check {}", check.rule), key)?;
            }
        }
        let prose = &self.prose;
        for (name, words) in [
            ("prose tails", &prose.tails),
            ("prose generic", &prose.generic),
            ("prose increase", &prose.increase),
            ("prose decrease", &prose.decrease),
            ("prose unchanged", &prose.unchanged),
            ("prose parts", &prose.parts),
            ("tables change", &self.table_words.change),
        ] {
            non_empty(words, name)?;
        }
        Ok(())
    }
}

fn amount_pattern(units: &[Unit]) -> Regex {
    // Units are sorted longest first, so that 万元 is tried before 元.
    let words: Vec<String> = units.iter().map(|u| regex::escape(&u.word)).collect();
    let pattern = format!(
        r"(?P<number>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<unit>{})",
        words.join("|")
    );
    Regex::new(&pattern).expect("escaped unit words make a valid regex")
}

fn non_empty(words: &[String], place: &str) -> Result<(), VocabularyError> {
    if words.is_empty() || words.iter().any(String::is_empty) {
        Err(VocabularyError::Empty(place.to_string()))
    } else {
        Ok(())
    }
}

fn unit(file: UnitFile) -> Result<Unit, VocabularyError> {
    let factor = Decimal::from_str(&file.factor).map_err(|_| VocabularyError::Factor {
        word: file.word.clone(),
        factor: file.factor.clone(),
    })?;
    if file.word.is_empty() {
        return Err(VocabularyError::Empty("a unit word".to_string()));
    }
    Ok(Unit {
        word: squash(&file.word),
        factor,
        measure: file.measure,
    })
}

fn prose_words(file: ProseFile) -> Result<ProseWords, VocabularyError> {
    let comparison = file
        .comparison
        .iter()
        .map(|p| {
            Regex::new(p).map_err(|source| VocabularyError::Pattern {
                pattern: p.clone(),
                source,
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(ProseWords {
        tails: words(file.tails),
        generic: words(file.generic),
        lead: words(file.lead),
        comparison,
        increase: words(file.increase),
        decrease: words(file.decrease),
        unchanged: words(file.unchanged),
        roughly_unchanged: words(file.roughly_unchanged),
        previous_year: words(file.previous_year),
        reject_before: words(file.reject_before),
        reject_after: words(file.reject_after),
        parts: words(file.parts),
        coordinated: words(file.coordinated),
        budget_only: words(file.budget_only),
        final_only: words(file.final_only),
        variants: file
            .variants
            .into_iter()
            .map(|[from, to]| (squash(&from), squash(&to)))
            .collect(),
    })
}

fn figure(file: FigureFile) -> FigureSpec {
    FigureSpec {
        key: file.key,
        name: file.name,
        measure: file.measure,
        cues: words(file.cues),
        scoped_cues: words(file.scoped_cues),
        tails: words(file.tails),
        not_after: words(file.not_after),
        not_before: words(file.not_before),
        within: file.within,
        bare_cues: words(file.bare_cues),
        subject_cues: words(file.subject_cues),
        any_year: file.any_year,
    }
}

fn table_rule(file: TableFile) -> TableRule {
    TableRule {
        figure: file.figure,
        kinds: file.kinds,
        side: file.side,
        rows: words(file.rows),
        columns: file.columns,
        headers: words(file.headers),
        named_rows: file.named_rows,
        confirm: file.confirm,
    }
}

/// Words normalized like the text they are compared with.
fn words(list: Vec<String>) -> Vec<String> {
    list.iter().map(|w| squash(w)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_vocabulary_loads_with_every_spec_figure() {
        let vocabulary = Vocabulary::standard();
        for key in [
            "revenue_total",
            "revenue_current",
            "general_budget_appropriation",
            "gov_fund_appropriation",
            "state_capital_appropriation",
            "carryover",
            "expenditure_total",
            "basic_expenditure",
            "project_expenditure",
            "three_public_total",
            "abroad",
            "reception",
            "vehicle_purchase",
            "vehicle_operation",
            "operating_expenses",
            "procurement_total",
            "procurement_goods",
            "procurement_works",
            "procurement_services",
            "vehicles",
        ] {
            assert!(vocabulary.figure(key).is_some(), "{key} missing");
        }
        assert_eq!(vocabulary.units[0].word.chars().count(), 2);
        let abroad = vocabulary.figure("abroad").unwrap();
        assert!(abroad.cues.contains(&"因公出国(境)费".to_string()));
    }

    fn replaced(from: &str, to: &str) -> String {
        let text = include_str!("vocabulary.toml");
        assert!(text.contains(from), "{from}");
        text.replacen(from, to, 1)
    }

    #[test]
    fn broken_files_are_refused_with_the_reason() {
        let unknown = replaced("within = [\"revenue_total\"]", "within = [\"revenue\"]");
        assert!(matches!(
            Vocabulary::from_toml(&unknown),
            Err(VocabularyError::UnknownFigure { .. })
        ));
        let pattern = replaced("\"同比\"", "\"同(比\"");
        assert!(matches!(
            Vocabulary::from_toml(&pattern),
            Err(VocabularyError::Pattern { .. })
        ));
        let factor = replaced("factor = \"10000\"", "factor = \"ten thousand\"");
        assert!(matches!(
            Vocabulary::from_toml(&factor),
            Err(VocabularyError::Factor { .. })
        ));
        let twice = replaced("key = \"reception\"", "key = \"abroad\"");
        assert!(matches!(
            Vocabulary::from_toml(&twice),
            Err(VocabularyError::DuplicateFigure(_))
        ));
        let empty = replaced("cues = [\"三公经费\"]", "cues = []");
        assert!(matches!(
            Vocabulary::from_toml(&empty),
            Err(VocabularyError::Empty(_))
        ));
        assert!(matches!(
            Vocabulary::from_toml("unit = 3"),
            Err(VocabularyError::Parse(_))
        ));
    }
}
