//! The vocabulary of headline figures (the `[figures.*]` sections of the catalogue), validated
//! as the catalogue loads: units, the words prose is read with, the figures with their cues,
//! the table cells that carry them (by the catalogue's kinds and column keys) and the sums they
//! obey.

use std::collections::HashSet;
use std::str::FromStr;

use regex::Regex;
use rust_decimal::Decimal;
use serde::Deserialize;

use super::{Catalogue, CatalogueError, pattern, squash};

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
    /// Words naming the start of a year (年初): a stock counted at an earlier year's start is
    /// not the document's.
    pub year_start: Vec<String>,
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
    /// Words that, in the label of an amount listed as a part of it (其中, 包括, brackets), show
    /// the whole is something else: a revenue holding what was carried over (结转) is not the
    /// year's appropriation.
    pub not_with_parts: Vec<String>,
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

/// `[figures]` as written in the catalogue file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct VocabularyFile {
    prose: ProseFile,
    figure: Vec<FigureFile>,
    tables: TablesFile,
    table: Vec<TableFile>,
    check: Vec<CheckFile>,
}

/// One `[[unit]]` as written in the catalogue file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct UnitFile {
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
    year_start: Vec<String>,
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
    not_with_parts: Vec<String>,
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

impl Vocabulary {
    /// The vocabulary of the bundled catalogue (`src/catalogue/catalogue.toml`).
    pub fn standard() -> &'static Vocabulary {
        Catalogue::standard().figures()
    }

    /// Builds and validates the vocabulary of a catalogue file: `units` are the catalogue's
    /// (see [`units`]), `kinds` and `columns` its table kinds and column keys, which the table
    /// rules must name.
    pub(super) fn new(
        file: VocabularyFile,
        units: Vec<Unit>,
        kinds: &HashSet<&str>,
        columns: &HashSet<&str>,
    ) -> Result<Vocabulary, CatalogueError> {
        let amount_pattern = amount_pattern(&units)?;
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
        vocabulary.validate(kinds, columns)?;
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

    fn validate(
        &self,
        kinds: &HashSet<&str>,
        columns: &HashSet<&str>,
    ) -> Result<(), CatalogueError> {
        let mut keys = HashSet::new();
        for figure in &self.figures {
            if !keys.insert(figure.key.as_str()) {
                return Err(CatalogueError::Duplicate {
                    what: "figure",
                    key: figure.key.clone(),
                });
            }
            let cues: Vec<String> = figure
                .cues
                .iter()
                .chain(&figure.bare_cues)
                .cloned()
                .collect();
            non_empty(&cues, &format!("figure {} cues", figure.key))?;
            // An empty word is in every label: it would rule the figure out under any part.
            if figure.not_with_parts.iter().any(String::is_empty) {
                return Err(CatalogueError::Empty(format!(
                    "figures: figure {} not_with_parts",
                    figure.key
                )));
            }
        }
        let known = |place: String, key: &str| {
            if keys.contains(key) {
                Ok(())
            } else {
                Err(CatalogueError::Inconsistent(format!(
                    "{place} names the unknown figure {key:?}"
                )))
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
            if let Some(kind) = rule.kinds.iter().find(|k| !kinds.contains(k.as_str())) {
                return Err(CatalogueError::Inconsistent(format!(
                    "table rule of {}: no kind {kind:?}",
                    rule.figure
                )));
            }
            if let Some(column) = rule.columns.iter().find(|c| !columns.contains(c.as_str())) {
                return Err(CatalogueError::Inconsistent(format!(
                    "table rule of {}: no column key {column:?}",
                    rule.figure
                )));
            }
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

fn amount_pattern(units: &[Unit]) -> Result<Regex, CatalogueError> {
    // Units are sorted longest first, so that 万元 is tried before 元.
    let words: Vec<String> = units.iter().map(|u| regex::escape(&u.word)).collect();
    pattern(&format!(
        r"(?P<number>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<unit>{})",
        words.join("|")
    ))
}

fn non_empty(words: &[String], place: &str) -> Result<(), CatalogueError> {
    if words.is_empty() || words.iter().any(String::is_empty) {
        Err(CatalogueError::Empty(format!("figures: {place}")))
    } else {
        Ok(())
    }
}

/// The catalogue's units, longest word first (so that `万元` is tried before `元`).
pub(super) fn units(files: Vec<UnitFile>) -> Result<Vec<Unit>, CatalogueError> {
    let mut units = files.into_iter().map(unit).collect::<Result<Vec<_>, _>>()?;
    if units.is_empty() {
        return Err(CatalogueError::Empty("unit".to_string()));
    }
    super::unique("unit", units.iter().map(|u| u.word.as_str()))?;
    units.sort_by_key(|u| std::cmp::Reverse(u.word.chars().count()));
    Ok(units)
}

fn unit(file: UnitFile) -> Result<Unit, CatalogueError> {
    let factor = Decimal::from_str(&file.factor).map_err(|_| {
        CatalogueError::Malformed(format!(
            "unit {}: factor {:?} is not a decimal number",
            file.word, file.factor
        ))
    })?;
    if file.word.is_empty() {
        return Err(CatalogueError::Empty("figures: a unit word".to_string()));
    }
    Ok(Unit {
        word: squash(&file.word),
        factor,
        measure: file.measure,
    })
}

fn prose_words(file: ProseFile) -> Result<ProseWords, CatalogueError> {
    let comparison = file
        .comparison
        .iter()
        .map(|p| pattern(p))
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
        year_start: words(file.year_start),
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
        not_with_parts: words(file.not_with_parts),
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

    /// The bundled catalogue with one edit from `marker` on.
    fn edited_after(marker: &str, from: &str, to: &str) -> Result<Catalogue, CatalogueError> {
        let text = include_str!("catalogue.toml");
        let at = text.find(marker).expect("the marker");
        let (catalogue, rest) = text.split_at(at);
        assert!(rest.contains(from), "{from}");
        Catalogue::from_toml(&format!("{catalogue}{}", rest.replacen(from, to, 1)))
    }

    /// The bundled catalogue with one edit in its `[figures]` sections.
    fn replaced(from: &str, to: &str) -> Result<Catalogue, CatalogueError> {
        edited_after("\n[figures.prose]\n", from, to)
    }

    #[test]
    fn broken_figures_sections_are_refused_with_the_reason() {
        let error = replaced("within = [\"revenue_total\"]", "within = [\"revenue\"]");
        assert!(
            matches!(&error, Err(CatalogueError::Inconsistent(why)) if why.contains("unknown figure \"revenue\"")),
            "{error:?}"
        );
        let error = replaced("\"同比\"", "\"同(比\"");
        assert!(
            matches!(error, Err(CatalogueError::Pattern { .. })),
            "{error:?}"
        );
        let error = edited_after(
            "[[unit]]",
            "factor = \"10000\"",
            "factor = \"ten thousand\"",
        );
        assert!(
            matches!(&error, Err(CatalogueError::Malformed(why)) if why.contains("ten thousand")),
            "{error:?}"
        );
        let error = edited_after("\n[[unit]]\n", "word = \"千元\"", "word = \"万元\"");
        assert!(
            matches!(&error, Err(CatalogueError::Duplicate { what: "unit", key }) if key == "万元"),
            "{error:?}"
        );
        let error = replaced("key = \"reception\"", "key = \"abroad\"");
        assert!(
            matches!(&error, Err(CatalogueError::Duplicate { what: "figure", key }) if key == "abroad"),
            "{error:?}"
        );
        let error = replaced("cues = [\"三公经费\"]", "cues = []");
        assert!(matches!(error, Err(CatalogueError::Empty(_))), "{error:?}");
        let error = replaced("not_with_parts = [\"结转\"", "not_with_parts = [\"\"");
        assert!(
            matches!(&error, Err(CatalogueError::Empty(why)) if why.contains("not_with_parts")),
            "{error:?}"
        );
        let error = replaced("kinds = [\"budget_summary\"", "kinds = [\"budget_sumary\"");
        assert!(
            matches!(&error, Err(CatalogueError::Inconsistent(why)) if why.contains("no kind \"budget_sumary\"")),
            "{error:?}"
        );
        let error = replaced("columns = [\"", "columns = [\"totl\", \"");
        assert!(
            matches!(&error, Err(CatalogueError::Inconsistent(why)) if why.contains("no column key \"totl\"")),
            "{error:?}"
        );
        assert!(matches!(
            replaced("[figures.prose]", "[figures.prose]\nunit = 3"),
            Err(CatalogueError::Parse(_))
        ));
    }
}
