//! The catalogue: the data every stage reads printed text with, not a stage of its own.
//!
//! `catalogue.toml` is the one home of the domain vocabulary (spec §3): the standard tables'
//! kinds and the facets their titles are made of, header-label rules, the accounting
//! identities, and the words of the lines around tables, of covers and of forms. It is parsed
//! and validated once when loaded: an unknown facet, a duplicate key or word, an empty list or
//! a bad pattern is a [`CatalogueError`], never a silent miss. A new city's wording is an edit
//! of that file, never code.
//!
//! Beside the data, the text normalization every comparison with it goes through ([`squash`],
//! [`item_name`]) and the reading of printed titles into its terms
//! ([`TitleWords::parse`]). Any stage may read the catalogue; the catalogue reads no stage.

mod documents;
mod facets;
pub mod figures;
mod forms;
mod headers;
mod identities;
mod lines;
mod text;
mod title;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

use regex::{Regex, RegexSet};
use serde::Deserialize;

use documents::DocumentsFile;
use facets::{Facet, FacetError, Signature};
use forms::FormsFile;
use headers::HeadersFile;
use identities::{FamilyFile, Identities, IdentityFile, ItemFile, Known};
use lines::LinesFile;
use title::TitlesFile;

pub use documents::{CoverWords, DocumentWords, Owner};
pub use facets::{FacetValue, Facets};
pub use forms::FormWords;
pub use headers::HeaderWords;
pub use identities::{BALANCE_LINE_ITEM, Identity, ItemRule, Over, Side, TOTAL_ITEM, TableTerm};
pub use lines::LineWords;
pub use text::{Numbering, NumberingStyle, item_name, numbering, squash, years};
pub use title::{Title, TitleWords};

/// The kind string of a table the catalogue does not know.
pub const UNKNOWN_KIND: &str = "unknown";

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
    /// A list of names without amounts (单位构成: 序号 | 单位名称).
    List,
    /// The document's table of contents printed as a grid: names the tables that follow, holds
    /// no data.
    Contents,
}

impl Layout {
    /// Whether the table's cells hold amounts (a form, a list or a contents grid do not).
    pub fn has_amounts(self) -> bool {
        matches!(self, Layout::Single | Layout::TwoSided | Layout::TwoPanel)
    }
}

/// One kind of table the catalogue knows.
#[derive(Debug, Clone)]
pub struct KindSpec {
    /// Catalogue key, e.g. `budget_summary`.
    pub kind: String,
    /// Column arrangement.
    pub layout: Layout,
    signatures: Vec<Signature>,
    /// Titles may begin with a project's or fund's name: only the signature's own facets
    /// count (绩效目标表 forms).
    open: bool,
    header_any: Vec<String>,
    header_all: Vec<Vec<String>>,
    header_none: Vec<String>,
    header_never: Vec<String>,
    rename: HashMap<String, String>,
}

impl KindSpec {
    /// The cue of `header_never` the header prints, if any: the table is not of this kind,
    /// whatever its title says.
    pub fn refused_by(&self, header_text: &str) -> Option<&str> {
        self.header_never
            .iter()
            .find(|n| header_text.contains(n.as_str()))
            .map(String::as_str)
    }

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

    /// Whether the header holds a cue that this kind's tables never print (`header_none`).
    pub fn contradicted_by(&self, header_text: &str) -> bool {
        self.header_none.iter().any(|n| header_text.contains(n))
    }

    /// The column key this kind uses for a generic key (`budget` is a summary's `amount`).
    pub fn rename<'a>(&'a self, key: &'a str) -> &'a str {
        self.rename.get(key).map_or(key, String::as_str)
    }
}

/// One header-label rule: labels containing any of its labels, or matching any of its
/// patterns, get `key` (see [`ColumnMatcher`]).
#[derive(Debug, Clone)]
pub struct ColumnRule {
    /// The canonical key (`total`, `basic`, …).
    pub key: String,
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
}

/// Which column rules a (squashed) label matches, all rules in one pass over the label:
/// pattern `i` of each set is rule `i`'s.
#[derive(Debug, Clone)]
struct ColumnMatcher {
    /// Rule `i` gives a label its role when the label contains one of its labels or matches
    /// one of its patterns.
    roles: RegexSet,
    /// Rule `i`'s heads: labels that name its key only as the head of a band, never as a
    /// column's own role (`本年预算` over sub-columns is the year's band; alone it is the
    /// budget amount).
    heads: RegexSet,
}

impl ColumnMatcher {
    /// The sets of `columns`' labels (squashed) and patterns, each pattern checked alone
    /// first so that a bad one is named.
    fn new(columns: &[ColumnFile]) -> Result<ColumnMatcher, CatalogueError> {
        let either = |alternatives: Vec<String>| -> String {
            if alternatives.is_empty() {
                NEVER.to_string()
            } else {
                alternatives
                    .iter()
                    .map(|a| format!("(?:{a})"))
                    .collect::<Vec<_>>()
                    .join("|")
            }
        };
        let mut roles = Vec::new();
        let mut heads = Vec::new();
        for c in columns {
            for p in c.patterns.iter().chain(&c.heads) {
                pattern(p)?;
            }
            let labels = c.labels.iter().map(|l| regex::escape(&squash(l)));
            roles.push(either(labels.chain(c.patterns.iter().cloned()).collect()));
            heads.push(either(c.heads.clone()));
        }
        let set = |patterns: Vec<String>| {
            RegexSet::new(&patterns).map_err(|source| CatalogueError::Pattern {
                pattern: patterns.join(" , "),
                source,
            })
        };
        Ok(ColumnMatcher {
            roles: set(roles)?,
            heads: set(heads)?,
        })
    }
}

/// A pattern that matches nothing: the set entry of a rule without labels or patterns.
const NEVER: &str = r"[^\s\S]";

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

/// The table kinds, their facets and every word the stages read printed text with, parsed once
/// from the data file.
#[derive(Debug, Clone)]
pub struct Catalogue {
    facets: Facets,
    kinds: Vec<KindSpec>,
    columns: Vec<ColumnRule>,
    column_matcher: ColumnMatcher,
    titles: TitleWords,
    lines: LineWords,
    headers: HeaderWords,
    documents: DocumentWords,
    forms: FormWords,
    figures: figures::Vocabulary,
    identities: Identities,
    /// A cell opening with the name of a total row (`合计`, `本年收入合计`).
    total_row: Regex,
}

/// A catalogue file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    /// Not valid TOML or not the expected shape.
    #[error("catalogue is not valid: {0}")]
    Parse(#[from] toml::de::Error),
    /// A pattern is not a valid regular expression.
    #[error("pattern {pattern:?} is not a valid regex: {source}")]
    Pattern {
        /// The offending pattern.
        pattern: String,
        /// Why it failed.
        source: regex::Error,
    },
    /// A signature names a facet or facet value the catalogue does not define.
    #[error("kind {kind}: unknown facet {token}")]
    UnknownFacet {
        /// The kind whose signature it is.
        kind: String,
        /// The `facet:value` token.
        token: String,
    },
    /// An entry is not in the expected form: a facet signature, an empty word, a unit's factor
    /// that is no decimal number.
    #[error("{0}")]
    Malformed(String),
    /// A key or word is defined twice.
    #[error("duplicate {what}: {key}")]
    Duplicate {
        /// What was duplicated: `kind`, `facet`, `facet word`, `column key`, `word` (of a
        /// list), `figure`.
        what: &'static str,
        /// The duplicated key.
        key: String,
    },
    /// A list of words is empty: whatever it is for would never match.
    #[error("{0} is empty")]
    Empty(String),
    /// The families, items or identities do not fit the rest of the catalogue (a kind or key
    /// that does not exist, a rule that applies to nothing).
    #[error("catalogue is not consistent: {0}")]
    Inconsistent(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogueFile {
    titles: TitlesFile,
    unit: Vec<figures::UnitFile>,
    lines: LinesFile,
    headers: HeadersFile,
    documents: DocumentsFile,
    forms: FormsFile,
    figures: figures::VocabularyFile,
    facet: Vec<FacetFile>,
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
struct FacetFile {
    name: String,
    #[serde(default)]
    neutral: bool,
    #[serde(default)]
    in_header: bool,
    #[serde(default)]
    document: bool,
    words: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    codes: BTreeMap<String, String>,
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
    heads: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KindFile {
    kind: String,
    layout: Layout,
    facets: Vec<String>,
    #[serde(default)]
    open: bool,
    header_any: Vec<String>,
    #[serde(default)]
    header_all: Vec<String>,
    #[serde(default)]
    header_none: Vec<String>,
    #[serde(default)]
    header_never: Vec<String>,
    #[serde(default)]
    rename: HashMap<String, String>,
}

/// The column key of `其中：…` labels: a part of the column (or row) before, never a term.
pub const OF_WHICH: &str = "of_which";

/// The facet value of the economic classification (经济分类), by which normalization tells a
/// name column of economic subjects.
pub const ECONOMIC_CLASSIFICATION: &str = "classification:economic";

static STANDARD: LazyLock<Catalogue> = LazyLock::new(|| {
    Catalogue::from_toml(include_str!("catalogue.toml")).expect("the bundled catalogue is valid")
});

fn pattern(text: &str) -> Result<Regex, CatalogueError> {
    Regex::new(text).map_err(|source| CatalogueError::Pattern {
        pattern: text.to_string(),
        source,
    })
}

fn squashed(words: &[String]) -> Vec<String> {
    words.iter().map(|w| squash(w)).collect()
}

/// `words` squashed, longest first (so that `单位名称` is tried before `单位`).
fn longest_first(words: &[String]) -> Vec<String> {
    let mut words = squashed(words);
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words
}

/// The list `name` of the file, squashed: refused when it is empty, holds an empty word or holds
/// a word twice.
fn words(name: &str, list: &[String]) -> Result<Vec<String>, CatalogueError> {
    if list.is_empty() {
        return Err(CatalogueError::Empty(name.to_string()));
    }
    let list = squashed(list);
    if list.iter().any(String::is_empty) {
        return Err(CatalogueError::Malformed(format!("{name}: an empty word")));
    }
    let mut seen = HashSet::new();
    match list.iter().find(|w| !seen.insert(w.as_str())) {
        Some(twice) => Err(CatalogueError::Duplicate {
            what: "word",
            key: format!("{twice} in {name}"),
        }),
        None => Ok(list),
    }
}

fn unique<'a>(
    what: &'static str,
    keys: impl Iterator<Item = &'a str>,
) -> Result<(), CatalogueError> {
    let mut seen = HashSet::new();
    for key in keys {
        if !seen.insert(key) {
            return Err(CatalogueError::Duplicate {
                what,
                key: key.to_string(),
            });
        }
    }
    Ok(())
}

fn facets(files: Vec<FacetFile>) -> Result<Facets, CatalogueError> {
    unique("facet", files.iter().map(|f| f.name.as_str()))?;
    let mut facets = Vec::with_capacity(files.len());
    let mut words = Vec::new();
    for (f, file) in files.into_iter().enumerate() {
        let values: Vec<String> = file.words.keys().cloned().collect();
        if let Some(stray) = file.codes.keys().find(|v| !values.contains(v)) {
            return Err(CatalogueError::Malformed(format!(
                "facet {}: codes for {stray}, which has no words",
                file.name
            )));
        }
        let codes = values
            .iter()
            .map(|v| file.codes.get(v).map(|p| pattern(p)).transpose())
            .collect::<Result<Vec<_>, _>>()?;
        for (v, printed) in file.words.values().enumerate() {
            words.extend(
                printed
                    .iter()
                    .map(|w| (w.clone(), FacetValue { facet: f, value: v })),
            );
        }
        facets.push(Facet {
            name: file.name,
            neutral: file.neutral,
            in_header: file.in_header,
            document: file.document,
            values,
            codes,
        });
    }
    Facets::new(facets, words).map_err(|e| match e {
        FacetError::DuplicateWord(word) => CatalogueError::Duplicate {
            what: "facet word",
            key: word,
        },
        FacetError::Unknown(token) | FacetError::Malformed(token) => {
            CatalogueError::Malformed(token)
        }
    })
}

fn kind(facets: &Facets, file: KindFile) -> Result<KindSpec, CatalogueError> {
    let signatures = file
        .facets
        .iter()
        .map(|s| {
            facets.signature(s).map_err(|e| match e {
                FacetError::Unknown(token) => CatalogueError::UnknownFacet {
                    kind: file.kind.clone(),
                    token,
                },
                FacetError::Malformed(token) | FacetError::DuplicateWord(token) => {
                    CatalogueError::Malformed(format!("kind {}: {token}", file.kind))
                }
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    if signatures.is_empty() {
        return Err(CatalogueError::Malformed(format!(
            "kind {} has no facets",
            file.kind
        )));
    }
    Ok(KindSpec {
        kind: file.kind,
        layout: file.layout,
        signatures,
        open: file.open,
        header_any: squashed(&file.header_any),
        header_all: file
            .header_all
            .iter()
            .map(|cue| cue.split('|').map(squash).collect())
            .collect(),
        header_none: squashed(&file.header_none),
        header_never: squashed(&file.header_never),
        rename: file.rename,
    })
}

/// Why a set of facets names no single kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Naming<'a> {
    /// Exactly one kind, the most specific.
    Kind(&'a KindSpec),
    /// No kind's signature fits.
    Nothing,
    /// Several kinds fit equally well.
    Ambiguous(Vec<&'a KindSpec>),
}

impl<'a> Naming<'a> {
    /// The kind named, if exactly one.
    pub fn kind(&self) -> Option<&'a KindSpec> {
        match self {
            Naming::Kind(kind) => Some(kind),
            _ => None,
        }
    }
}

impl PartialEq for KindSpec {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind
    }
}

impl Eq for KindSpec {}

impl Catalogue {
    /// The catalogue bundled with budgetpdf (`src/catalogue/catalogue.toml`), parsed once.
    pub fn standard() -> &'static Catalogue {
        &STANDARD
    }

    /// Parses and validates a catalogue in the format of the bundled one.
    pub fn from_toml(text: &str) -> Result<Catalogue, CatalogueError> {
        let file: CatalogueFile = toml::from_str(text)?;
        let facets = facets(file.facet)?;
        unique("kind", file.kind.iter().map(|k| k.kind.as_str()))?;
        unique("column key", file.column.iter().map(|c| c.key.as_str()))?;
        let column_matcher = ColumnMatcher::new(&file.column)?;
        let columns: Vec<ColumnRule> = file
            .column
            .into_iter()
            .map(|c| ColumnRule {
                key: c.key,
                generic: c.generic,
                band: c.band,
                measure: c.measure,
                code: c.code,
            })
            .collect();
        let kinds = file
            .kind
            .into_iter()
            .map(|k| kind(&facets, k))
            .collect::<Result<Vec<KindSpec>, _>>()?;
        if facets.value(ECONOMIC_CLASSIFICATION).is_none() {
            return Err(CatalogueError::Inconsistent(format!(
                "no facet value {ECONOMIC_CLASSIFICATION:?}, which normalization uses"
            )));
        }
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
        let totals = identities.labels(TOTAL_ITEM);
        if totals.is_empty() {
            return Err(CatalogueError::Inconsistent(format!(
                "no item gives {TOTAL_ITEM:?}, which the table stage and the checks use"
            )));
        }
        let total_row = pattern(&format!("^(?:{})", lines::as_printed(&totals)))?;
        let units = figures::units(file.unit)?;
        let lines = LineWords::new(&file.lines, &units)?;
        let figures = figures::Vocabulary::new(
            file.figures,
            units,
            &kinds.iter().map(|k| k.kind.as_str()).collect(),
            &columns.iter().map(|c| c.key.as_str()).collect(),
        )?;
        Ok(Catalogue {
            facets,
            kinds,
            columns,
            column_matcher,
            titles: TitleWords::new(&file.titles)?,
            lines,
            headers: HeaderWords::new(&file.headers)?,
            documents: DocumentWords::new(&file.documents)?,
            forms: FormWords::new(&file.forms)?,
            figures,
            identities,
            total_row,
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
        self.column_key(&item_name(item)) == Some(OF_WHICH) && numbering(item).is_none()
    }

    /// Whether a row's name says it totals the rows of its table or side (合计, 总计,
    /// 本年收入合计, 收入总计 …).
    pub fn is_total_item(&self, item: &str) -> bool {
        self.item_is(item, TOTAL_ITEM)
    }

    /// Whether a cell, as printed, opens with the name of a row totalling its table or side
    /// (`合计`, `总计`, `本年收入合计`): where a grid's body starts.
    pub fn opens_with_total(&self, cell: &str) -> bool {
        self.total_row.is_match(cell)
    }

    /// Every kind, in catalogue order.
    pub fn kinds(&self) -> &[KindSpec] {
        &self.kinds
    }

    /// The kind with this key.
    pub fn kind(&self, key: &str) -> Option<&KindSpec> {
        self.kinds.iter().find(|k| k.kind == key)
    }

    /// The facet vocabulary.
    pub fn facets(&self) -> &Facets {
        &self.facets
    }

    /// The words that make a line a title.
    pub fn titles(&self) -> &TitleWords {
        &self.titles
    }

    /// The words of the lines around tables.
    pub fn lines(&self) -> &LineWords {
        &self.lines
    }

    /// The header labels every kind of table may print.
    pub fn headers(&self) -> &HeaderWords {
        &self.headers
    }

    /// The labels 绩效目标 forms print.
    pub fn forms(&self) -> &FormWords {
        &self.forms
    }

    /// The vocabulary of headline figures.
    pub fn figures(&self) -> &figures::Vocabulary {
        &self.figures
    }

    /// The words by which documents say what they are.
    pub fn documents(&self) -> &DocumentWords {
        &self.documents
    }

    /// The kind a set of facet values names: the most specific signature that fits.
    pub fn name(&self, values: &[FacetValue]) -> Naming<'_> {
        let mut best: Vec<(&KindSpec, usize)> = Vec::new();
        for kind in &self.kinds {
            let score = kind
                .signatures
                .iter()
                .filter_map(|s| self.facets.score(s, values, kind.open))
                .max();
            let Some(score) = score else { continue };
            match best.first() {
                Some((_, top)) if *top > score => {}
                Some((_, top)) if *top == score => best.push((kind, score)),
                _ => best = vec![(kind, score)],
            }
        }
        match best.as_slice() {
            [] => Naming::Nothing,
            [(kind, _)] => Naming::Kind(kind),
            _ => Naming::Ambiguous(best.into_iter().map(|(k, _)| k).collect()),
        }
    }

    /// Whether a kind's signatures mention a facet at all: whether that facet can tell the
    /// kind from its neighbours (an 一般公共预算基本支出表's classification does, a
    /// 基本支出预算表's does not).
    pub fn kind_mentions(&self, kind: &KindSpec, facet: FacetValue) -> bool {
        kind.signatures
            .iter()
            .any(|s| Facets::mentions(s, facet.facet))
    }

    /// Whether a kind is one kind of document's only: every signature requires what the
    /// document's cover sets (a 决算's stage), as the final accounts' tables do.
    pub fn belongs_to_document_stage(&self, kind: &KindSpec) -> bool {
        kind.signatures
            .iter()
            .all(|s| self.facets.requires_document_facet(s))
    }

    /// Whether a header confirms a kind: it prints one of the kind's `header_any` cues, or,
    /// for a kind of amounts, one of the cues every amount column prints (`amount_headers`).
    pub fn confirms(&self, kind: &KindSpec, header_text: &str) -> bool {
        kind.confirmed_by(header_text)
            || (kind.layout.has_amounts()
                && self
                    .headers
                    .amount_headers
                    .iter()
                    .any(|cue| header_text.contains(cue.as_str())))
    }

    /// The kind a printed title names, from its facets.
    pub fn kind_for_title(&self, title: &str) -> Option<&KindSpec> {
        if !self.titles.is_title(title) {
            return None;
        }
        let name = self.titles.parse(title).name;
        self.name(&self.facets.read(&name)).kind()
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

    /// The canonical key of a header label (`2023年合计` → `total`), if a rule knows it.
    pub fn column_key(&self, label: &str) -> Option<&str> {
        self.column_rule(label).map(|rule| rule.key.as_str())
    }

    /// The first header-label rule that gives `label` a role.
    pub fn column_rule(&self, label: &str) -> Option<&ColumnRule> {
        let label = squash(label);
        let first = self.column_matcher.roles.matches(&label).iter().next()?;
        Some(&self.columns[first])
    }

    /// The rule that says what band a header cell with `label` heads, if it heads one.
    pub fn band_rule(&self, label: &str) -> Option<&ColumnRule> {
        let label = squash(label);
        let matcher = &self.column_matcher;
        let roles = matcher.roles.matches(&label);
        let heads = matcher.heads.matches(&label);
        let first = roles.iter().chain(heads.iter()).min()?;
        Some(&self.columns[first]).filter(|rule| rule.band.is_some())
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

    /// Printed titles (from the corpus's labels and the issue) and the kind each names.
    const TITLES: &[(&str, &str)] = &[
        ("2023年预算收支总表", "budget_summary"),
        ("预算01表 收支总表", "budget_summary"),
        ("公开 01 表 收支预算总表", "budget_summary"),
        ("2025年部门财务收支预算总表", "budget_summary"),
        (
            "2017年度江苏省人大常委会办公厅部门收支预算总表",
            "budget_summary",
        ),
        ("一、收支预算总表", "budget_summary"),
        ("2026年部门收支总体情况表", "budget_summary"),
        ("收入总体情况表", "revenue_summary"),
        ("本年支出总体情况表", "expenditure_summary"),
        ("部门综合预算财政拨款收支总表", "appropriation_summary"),
        ("财政拨款支出表(功能科目)", "appropriation_expenditure"),
        ("财政拨款基本支出预算表", "appropriation_basic_by_economic"),
        (
            "2023年一般公共预算支出预算表（不含上年结转）",
            "general_budget_expenditure",
        ),
        (
            "2026年度一般公共预算拨款支出预算表",
            "general_budget_expenditure",
        ),
        (
            "本年一般公共预算支出表（预算表5）",
            "general_budget_expenditure",
        ),
        (
            "部门综合预算一般公共预算支出明细表（按支出功能分类科目）",
            "general_budget_expenditure",
        ),
        (
            "部门综合预算一般公共预算支出明细表（按支出经济分类科目）",
            "general_budget_expenditure_by_economic",
        ),
        (
            "2026年度一般公共预算支出经济分类情况表",
            "general_budget_expenditure_by_economic",
        ),
        (
            "2022年部门综合预算一般公共预算基本支出明细表（按支出经济分类科目-不含上年结转）",
            "basic_expenditure_by_economic",
        ),
        (
            "2025年预算单位一般公共预算基本支出部门预算经济分类预算表",
            "basic_expenditure_by_economic",
        ),
        (
            "一般公共预算基本支出情况表",
            "basic_expenditure_by_economic",
        ),
        (
            "部门综合预算一般公共预算基本支出明细表（按支出功能分类科目）",
            "basic_expenditure_by_function",
        ),
        ("部门预算基本支出预算表", "basic_expenditure"),
        ("基本支出预算情况表", "basic_expenditure"),
        (
            "一般公共预算项目支出情况表（按经济分类科目）",
            "project_expenditure_by_economic",
        ),
        ("政府性基金预算收入表", "gov_fund_revenue"),
        ("财政拨款政府性基金支出预算表", "gov_fund_expenditure"),
        (
            "2023年政府性基金预算支出表（不含上年结转）",
            "gov_fund_expenditure",
        ),
        ("国有资本经营预算收支预算表", "state_capital_budget"),
        (
            "市级部门一般公共预算“三公”经费预算表",
            "three_public_expenses",
        ),
        (
            "一般公共预算拨款“三公”经费及会议费、培训费支出预算表",
            "three_public_expenses",
        ),
        (
            "2025年单位“三公”经费和机关运行经费预算表",
            "three_public_expenses",
        ),
        (
            "财政拨款安排的行政经费及“三公”经费预算表",
            "three_public_expenses",
        ),
        ("一般公共预算机关运行经费支出预算表", "operating_expenses"),
        ("会议费明细表", "meeting_training_expenses"),
        ("培训费明细表", "meeting_training_expenses"),
        ("2023年项目支出预算表（本年预算）", "project_expenditure"),
        ("部门预算项目支出及其他支出预算表", "project_expenditure"),
        ("部门综合预算专项业务经费支出表", "project_expenditure"),
        (
            "2026年预算单位财政拨款项目支出预算表",
            "project_expenditure",
        ),
        (
            "2023年项目支出预算表（上年结转）",
            "project_expenditure_carryover",
        ),
        ("财政拨款上年结转资金支出表", "carryover_expenditure"),
        (
            "2022部门综合预算财政拨款结转资金支出表",
            "carryover_expenditure",
        ),
        ("政府采购预算明细表", "government_procurement"),
        (
            "部门综合预算政府采购(资产配置、购买服务)预算表",
            "government_procurement",
        ),
        (
            "预算11表财政拨款政府购买服务明细表",
            "government_purchased_services",
        ),
        ("政府购买服务预算表", "government_purchased_services"),
        ("国有资产占用情况表", "state_assets"),
        (
            "上党区县(区)级预算部门(单位)项目支出绩效目标申报表",
            "performance_targets",
        ),
        (
            "2022年部门预算专项业务经费绩效目标表",
            "performance_targets",
        ),
        ("政府采购管理项目绩效目标表", "performance_targets"),
        ("部门整体支出绩效目标表", "department_performance_targets"),
        ("重点项目绩效目标表", "key_project_targets"),
        ("项目支出绩效自评表", "performance_self_evaluation"),
        (
            "项目支出绩效自评表（绩效目标完成情况）",
            "performance_self_evaluation",
        ),
        ("预算单位构成表", "unit_composition"),
        ("北京市经济和信息化局部门收支总表", "budget_summary"),
        ("上海市标准化研究院收入预算总表", "revenue_summary"),
        ("报表目录", "contents"),
        ("收入支出决算总表", "final_summary"),
        ("财政拨款收入支出决算总表", "final_appropriation_summary"),
        (
            "一般公共预算财政拨款“三公”经费支出决算表",
            "final_three_public_expenses",
        ),
        ("政府性基金预算财政拨款收入支出决算表", "final_gov_fund"),
        // Wordings of other provinces' templates.
        ("收入支出预算总表", "budget_summary"),
        ("部门收入和支出预算总表", "budget_summary"),
        ("财政拨款收入支出预算总表", "appropriation_summary"),
        (
            "一般公共预算财政拨款支出预算表",
            "general_budget_expenditure",
        ),
        (
            "一般公共预算财政拨款基本支出预算表",
            "basic_expenditure_by_economic",
        ),
        (
            "一般公共预算支出经济分类预算表",
            "general_budget_expenditure_by_economic",
        ),
        (
            "一般公共预算基本支出预算表（按经济分类）",
            "basic_expenditure_by_economic",
        ),
        ("政府性基金预算支出功能分类预算表", "gov_fund_expenditure"),
        (
            "政府性基金预算“三公”经费支出预算表",
            "three_public_expenses",
        ),
        ("“三公”经费预算财政拨款情况统计表", "three_public_expenses"),
        ("一般公共预算项目支出预算表", "project_expenditure"),
        ("部门预算项目支出明细表", "project_expenditure"),
        ("政府采购情况表", "government_procurement"),
        ("专项转移支付项目绩效目标表", "performance_targets"),
        ("收支预算总表（表一）", "budget_summary"),
        (
            "一般公共预算财政拨款支出决算明细表",
            "final_general_budget_expenditure",
        ),
        (
            "一般公共预算财政拨款基本支出决算明细表",
            "final_basic_expenditure_by_economic",
        ),
        ("国有资本经营预算财政拨款支出决算表", "final_state_capital"),
        (
            "一般公共预算财政拨款项目支出决算表",
            "final_project_expenditure",
        ),
        ("财政拨款支出决算明细表", "final_appropriation_expenditure"),
        ("机关运行经费支出决算表", "final_operating_expenses"),
        ("国有资产占有使用情况表", "state_assets"),
        ("部门支出总表（按功能科目）", "expenditure_summary"),
        ("“三公”经费支出预决算情况表", "three_public_expenses"),
    ];

    #[test]
    fn titles_name_their_kinds_by_facets() {
        let catalogue = Catalogue::standard();
        let mut wrong = Vec::new();
        for (title, kind) in TITLES {
            let found = catalogue.kind_for_title(title).map(|k| k.kind.as_str());
            if found != Some(*kind) {
                wrong.push(format!("{title}: {found:?}, not {kind}"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn titles_of_other_tables_name_nothing() {
        let catalogue = Catalogue::standard();
        for title in [
            "2023年单位职责",
            "人员编制情况表",
            "一般公共预算支出增减变化表（按功能科目）",
            "项目支出执行情况表",
            "北京市城市道路挖掘修复费标准",
            "财政专户管理资金收支预算表",
            "部门预算收支增减变化情况表",
        ] {
            assert_eq!(
                catalogue.kind_for_title(title).map(|k| k.kind.as_str()),
                None,
                "{title}"
            );
        }
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

    const UNKNOWN: &str = UNKNOWN_KIND;

    #[test]
    fn unit_lines_name_units_after_any_label() {
        let lines = Catalogue::standard().lines();
        for (line, unit) in [
            ("单位名称：某某中心", Some("某某中心")),
            ("预算主管部门：上海市普陀区XX局", Some("上海市普陀区XX局")),
            (
                "填报单位（盖章）：某某中心  金额单位：万元",
                Some("某某中心"),
            ),
            ("部门（单位）：烟台市统计局", Some("烟台市统计局")),
            ("单位：万元", None),
        ] {
            assert_eq!(lines.unit_named(line).as_deref(), unit, "{line}");
        }
    }

    #[test]
    fn the_final_accounts_kinds_belong_to_their_stage() {
        let catalogue = Catalogue::standard();
        for kind in catalogue.kinds() {
            assert_eq!(
                catalogue.belongs_to_document_stage(kind),
                kind.kind.starts_with("final_"),
                "{}",
                kind.kind
            );
        }
    }

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

    /// The bundled catalogue with one edit, to prove that a broken catalogue is refused.
    fn edited(from: &str, to: &str) -> Result<Catalogue, CatalogueError> {
        let text = include_str!("catalogue.toml");
        assert!(text.contains(from), "{from} not in the catalogue");
        Catalogue::from_toml(&text.replacen(from, to, 1))
    }

    #[test]
    fn an_unknown_facet_is_refused() {
        let error = edited(
            r#"facets = ["subject:revenue_expenditure"]"#,
            r#"facets = ["subject:income"]"#,
        );
        assert!(
            matches!(&error, Err(CatalogueError::UnknownFacet { token, .. }) if token == "subject:income"),
            "{error:?}"
        );
        let error = edited(
            r#"facets = ["subject:revenue_expenditure"]"#,
            r#"facets = ["fund_type:x"]"#,
        );
        assert!(matches!(error, Err(CatalogueError::UnknownFacet { .. })));
    }

    #[test]
    fn duplicate_keys_and_words_are_refused() {
        let error = edited(r#"kind = "revenue_summary""#, r#"kind = "budget_summary""#);
        assert!(
            matches!(&error, Err(CatalogueError::Duplicate { what: "kind", key }) if key == "budget_summary"),
            "{error:?}"
        );
        let error = edited(r#"key = "meetings""#, r#"key = "training""#);
        assert!(matches!(
            error,
            Err(CatalogueError::Duplicate {
                what: "column key",
                ..
            })
        ));
        let error = edited(r#"training = ["培训费"]"#, r#"training = ["会议费"]"#);
        assert!(
            matches!(&error, Err(CatalogueError::Duplicate { what: "facet word", key }) if key == "会议费"),
            "{error:?}"
        );
    }

    #[test]
    fn word_lists_are_refused_empty_with_an_empty_word_or_a_word_twice() {
        let error = edited(
            r#"no_data = ["无数据", "#,
            r#"no_data = ["无数据", "无数据", "#,
        );
        assert!(
            matches!(&error, Err(CatalogueError::Duplicate { what: "word", key }) if key == "无数据 in lines.no_data"),
            "{error:?}"
        );
        // Words are compared squashed: a full-width twin is the same word.
        let error = edited(
            r#"unit_prefixes = ["关于"]"#,
            r#"unit_prefixes = ["关于", "关 于"]"#,
        );
        assert!(
            matches!(&error, Err(CatalogueError::Duplicate { what: "word", .. })),
            "{error:?}"
        );
        let error = edited(r#"combined = ["综合"]"#, "combined = []");
        assert!(
            matches!(&error, Err(CatalogueError::Empty(list)) if list == "documents.combined"),
            "{error:?}"
        );
        let error = edited(r#"combined = ["综合"]"#, r#"combined = ["综合", " "]"#);
        assert!(
            matches!(error, Err(CatalogueError::Malformed(_))),
            "{error:?}"
        );
    }

    /// The keys of section `[name]` of the bundled file whose values are lists, with the text
    /// of the file where each list starts and ends.
    fn lists_of(name: &str) -> Vec<(String, std::ops::Range<usize>)> {
        let text = include_str!("catalogue.toml");
        let header = format!("\n[{name}]\n");
        let start = text.find(&header).expect("the section") + header.len();
        let end = text[start..].find("\n[").map_or(text.len(), |e| start + e);
        let mut lists = Vec::new();
        let mut at = start;
        while let Some(found) = text[at..end].find(" = [") {
            let line_start = text[..at + found].rfind('\n').map_or(0, |n| n + 1);
            let key = text[line_start..at + found].to_string();
            let open = at + found + " = ".len();
            let close = open + text[open..].find(']').expect("a closed list") + 1;
            lists.push((key, open..close));
            at = close;
        }
        lists
    }

    #[test]
    fn every_word_list_of_the_word_sections_is_refused_empty() {
        let text = include_str!("catalogue.toml");
        let mut checked = 0;
        for section in [
            "titles",
            "lines",
            "headers",
            "documents",
            "forms",
            "forms.indicators",
        ] {
            for (key, range) in lists_of(section) {
                let mut emptied = text.to_string();
                emptied.replace_range(range, "[]");
                let error = Catalogue::from_toml(&emptied);
                let list = format!("{section}.{key}");
                assert!(
                    matches!(&error, Err(CatalogueError::Empty(name)) if *name == list),
                    "{list}: {error:?}"
                );
                checked += 1;
            }
        }
        assert!(checked >= 30, "only {checked} lists found");
    }

    #[test]
    fn a_note_phrase_that_says_no_table_is_empty_is_refused() {
        let error = edited(
            r#"no_data_notes = ["无数据", "#,
            r#"no_data_notes = ["见附件", "#,
        );
        assert!(
            matches!(&error, Err(CatalogueError::Inconsistent(why)) if why.contains("见附件")),
            "{error:?}"
        );
    }

    #[test]
    fn total_rows_open_a_grids_body_as_printed() {
        let catalogue = Catalogue::standard();
        for cell in ["合计", "总计", "本年收入合计", "支出总计", "合计数"] {
            assert!(catalogue.opens_with_total(cell), "{cell}");
        }
        for cell in ["项目", "其中：合计", "科目名称", ""] {
            assert!(!catalogue.opens_with_total(cell), "{cell}");
        }
    }

    #[test]
    fn bad_patterns_and_shapes_are_refused() {
        let error = edited(r#"patterns = ["^其中"]"#, r#"patterns = ["^其中("]"#);
        assert!(
            matches!(error, Err(CatalogueError::Pattern { .. })),
            "{error:?}"
        );
        let error = edited(r#"function = "^2"#, r#"function = "(^2"#);
        assert!(
            matches!(error, Err(CatalogueError::Pattern { .. })),
            "{error:?}"
        );
        let error = edited(r#"layout = "two_sided""#, r#"layout = "three_sided""#);
        assert!(matches!(error, Err(CatalogueError::Parse(_))), "{error:?}");
        let error = edited(
            r#"header_any = ["收入", "支出"]"#,
            r#"header_some = ["收入"]"#,
        );
        assert!(matches!(error, Err(CatalogueError::Parse(_))), "{error:?}");
        let error = edited(
            r#"facets = ["subject:revenue_expenditure"]"#,
            r#"facets = ["subject:revenue_expenditure?"]"#,
        );
        assert!(
            matches!(error, Err(CatalogueError::Malformed(_))),
            "{error:?}"
        );
    }
}
