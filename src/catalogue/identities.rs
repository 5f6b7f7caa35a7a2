//! The accounting identities of the catalogue (spec §5), as data: kind families, row names
//! (items) and one declared entry per identity, checked when the catalogue loads so that a
//! typo cannot silently disable a rule. `validate` interprets the entries.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use super::text::{item_name, squash};

/// The side of a two-sided table (收支总表).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// 收入.
    Revenue,
    /// 支出.
    Expenditure,
}

impl Side {
    /// `revenue` or `expenditure`, as the JSON writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Revenue => "revenue",
            Side::Expenditure => "expenditure",
        }
    }
}

/// What an identity sums over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Over {
    /// Within one row and band: a column's figure is the sum of other columns' (`total` =
    /// `basic` + `project`). `total`, `parts` are column roles.
    Columns,
    /// Within one row: the unbanded `total` is the sum of the `total` of every additive band
    /// (合计 = 当年预算 › 合计 + 上年结转 › 合计).
    Bands,
    /// Within one column: a subject code is the sum of its children (201 = 20101 + 20102).
    Codes,
    /// Within one column: the total row (合计) is the sum of the top level (the 类 rows, or the
    /// categories of a table without codes).
    TopLevel,
    /// Within one column: a category row without code is the sum of the rows a second name
    /// column puts under it (economic tables printed without codes).
    Categories,
    /// Within one column: a unit (部门代码 `328`) is the sum of the units whose identifiers
    /// extend its own (`328001`), the total row the sum of the outermost units.
    Units,
    /// Within one column of rows without codes: a numbered row (一、) is the sum of the rows
    /// numbered under it (（一）, （二）), and a total row (本年收入合计, 收入总计) the sum of the
    /// total before it and the top-level rows since.
    Outline,
    /// Within one column: a named row is the sum of other named rows (三公: 合计 = 因公出国 +
    /// 公务接待 + 公务用车). `total`, `parts` are item keys.
    Items,
    /// Across the two sides of a two-sided table: the last total row of each agrees.
    Balance,
    /// Across tables: a figure restated by another table agrees with it (`found`, `against`).
    Tables,
}

/// One declared identity.
#[derive(Debug, Clone)]
pub struct Identity {
    /// Rule name, e.g. `total_eq_basic_plus_project`: the check is named `{kind}.{name}`
    /// (`cross.{name}` across tables).
    pub name: String,
    /// What it sums over.
    pub over: Over,
    scope: Scope,
    /// The summed-up figure: a column role ([`Over::Columns`], [`Over::Bands`]) or an item key
    /// ([`Over::Items`]); `a|b` names it `a`, or `b` where no `a` is printed.
    pub total: Option<String>,
    /// The figures that add up to it.
    pub parts: Vec<String>,
    /// The identity runs only on rows that print one of these (empty: always).
    pub requires: Vec<String>,
    /// The identity runs only on rows that print none of these.
    pub unless: Vec<String>,
    /// A part not printed in the row may be printed as its own parts (`basic` as `personnel`
    /// and `public`).
    pub substitutes: BTreeMap<String, Vec<String>>,
    /// Other part lists: the identity holds when any of them does (a 收入总表's 合计 that
    /// includes 上年结转 and one that does not).
    pub alternatives: Vec<Vec<String>>,
    /// Roles of the columns to look in, first printed first ([`Over::Balance`]).
    pub columns: Vec<String>,
    /// [`Over::Tables`]: the figure restated.
    pub found: Option<TableTerm>,
    /// [`Over::Tables`]: where it is restated; any one agreeing is enough.
    pub against: Vec<TableTerm>,
}

impl Identity {
    /// Whether the identity applies to tables of `kind` (`unknown` for tables the catalogue
    /// does not know).
    pub fn applies_to(&self, kind: &str) -> bool {
        self.scope.contains(kind)
    }

    /// The names the summed-up figure may have, first preferred (`a|b`).
    pub fn totals(&self) -> impl Iterator<Item = &str> {
        self.total.iter().flat_map(|t| t.split('|'))
    }
}

/// One figure of one table, as a cross-table identity names it.
#[derive(Debug, Clone)]
pub struct TableTerm {
    /// The kinds of table it may be printed in.
    scope: Scope,
    /// The side, in a two-sided table.
    pub side: Option<Side>,
    /// The row, by item key.
    pub item: String,
    /// The column, by role (`total`), or by band and role (`current.total`: the 合计 of the
    /// 本年收入 band); the first printed wins.
    pub roles: Vec<String>,
}

impl TableTerm {
    /// Each column of the term as (band key, role).
    pub fn columns(&self) -> impl Iterator<Item = (Option<&str>, &str)> {
        self.roles.iter().map(|r| match r.split_once('.') {
            Some((band, role)) => (Some(band), role),
            None => (None, r.as_str()),
        })
    }
}

impl TableTerm {
    /// Whether a table of `kind` may print the figure.
    pub fn in_kind(&self, kind: &str) -> bool {
        self.scope.contains(kind)
    }
}

/// The kinds an entry applies to.
#[derive(Debug, Clone)]
struct Scope {
    kinds: BTreeSet<String>,
    /// Tables the catalogue does not know are in scope.
    unknown: bool,
}

impl Scope {
    fn contains(&self, kind: &str) -> bool {
        if kind == super::UNKNOWN_KIND {
            self.unknown
        } else {
            self.kinds.contains(kind)
        }
    }
}

/// Names of rows the identities refer to: an item key and the printed names that have it.
#[derive(Debug, Clone)]
pub struct ItemRule {
    /// Item key, e.g. `total`.
    pub key: String,
    labels: Vec<String>,
}

/// The item key of rows that total their table or side (合计, 本年收入合计, 收入总计).
pub const TOTAL_ITEM: &str = "total";

/// The item key of the lines a summary prints between its year's total and its grand total
/// (上年结转, 年初结转和结余, 结转下年, 结余分配).
pub const BALANCE_LINE_ITEM: &str = "balance_line";

/// Item keys the checks look for by name.
const REQUIRED_ITEMS: &[&str] = &[TOTAL_ITEM, BALANCE_LINE_ITEM];

/// Scope words that are neither a family nor a kind.
const EVERY_TABLE: &str = "all";
const EVERY_CATALOGUED_TABLE: &str = "catalogued";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FamilyFile {
    name: String,
    kinds: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ItemFile {
    key: String,
    labels: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct IdentityFile {
    name: String,
    over: Over,
    #[serde(default)]
    applies_to: Vec<String>,
    #[serde(default)]
    except: Vec<String>,
    #[serde(default)]
    total: Option<String>,
    #[serde(default)]
    parts: Vec<String>,
    #[serde(default)]
    requires: Vec<String>,
    #[serde(default)]
    unless: Vec<String>,
    #[serde(default)]
    substitutes: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    alternatives: Vec<Vec<String>>,
    #[serde(default)]
    columns: Vec<String>,
    #[serde(default)]
    found: Option<TableTermFile>,
    #[serde(default)]
    against: Vec<TableTermFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TableTermFile {
    applies_to: Vec<String>,
    #[serde(default)]
    side: Option<Side>,
    item: String,
    roles: Vec<String>,
}

/// What the identities need to know of the rest of the catalogue to be checked.
pub(super) struct Known<'a> {
    /// Every kind of the catalogue.
    pub kinds: BTreeSet<&'a str>,
    /// Every column key.
    pub roles: BTreeSet<&'a str>,
    /// The column keys of labels that head bands.
    pub bands: BTreeSet<&'a str>,
}

/// The identities part of the catalogue, checked.
#[derive(Debug, Clone, Default)]
pub(super) struct Identities {
    pub items: Vec<ItemRule>,
    pub identities: Vec<Identity>,
}

impl Identities {
    /// The labels of the rows with item key `key`, squashed, in catalogue order.
    pub fn labels(&self, key: &str) -> Vec<String> {
        self.items
            .iter()
            .filter(|rule| rule.key == key)
            .flat_map(|rule| rule.labels.iter().cloned())
            .collect()
    }

    /// Checks and resolves the families, items and identities of the catalogue file.
    pub fn build(
        families: Vec<FamilyFile>,
        items: Vec<ItemFile>,
        identities: Vec<IdentityFile>,
        known: &Known,
    ) -> Result<Identities, String> {
        let mut family_kinds: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for family in families {
            if known.kinds.contains(family.name.as_str())
                || [EVERY_TABLE, EVERY_CATALOGUED_TABLE].contains(&family.name.as_str())
            {
                return Err(format!("family {:?} has the name of a kind", family.name));
            }
            for kind in &family.kinds {
                if !known.kinds.contains(kind.as_str()) {
                    return Err(format!("family {}: no kind {kind:?}", family.name));
                }
            }
            let kinds = family.kinds.into_iter().collect();
            if family_kinds.insert(family.name.clone(), kinds).is_some() {
                return Err(format!("family {:?} declared twice", family.name));
            }
        }
        let items: Vec<ItemRule> = items
            .into_iter()
            .map(|i| ItemRule {
                key: i.key,
                labels: i.labels.iter().map(|l| squash(l)).collect(),
            })
            .collect();
        let scopes = Scopes {
            families: &family_kinds,
            kinds: &known.kinds,
        };
        for key in REQUIRED_ITEMS {
            if !items.iter().any(|i| i.key == *key) {
                return Err(format!("no item rule gives {key:?}, which the checks use"));
            }
        }
        let item_keys: BTreeSet<&str> = items
            .iter()
            .map(|i| i.key.as_str())
            .chain(known.roles.iter().copied())
            .collect();
        let mut names = BTreeSet::new();
        let identities = identities
            .into_iter()
            .map(|file| {
                let name = file.name.clone();
                if !names.insert((name.clone(), format!("{:?}", file.over))) {
                    return Err(format!("identity {name:?} declared twice"));
                }
                build_identity(file, &scopes, known, &item_keys)
                    .map_err(|e| format!("identity {name}: {e}"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Identities { items, identities })
    }

    /// Whether a row's name has item key `key`: by the item rules' exact names, else by the
    /// specific column rules' words (`公务接待费` is `reception`; `小计` says nothing of what it
    /// totals). `其中：` does not count.
    pub fn item_is<'a>(
        &'a self,
        item: &str,
        key: &str,
        column_key: impl Fn(&str) -> Option<&'a str>,
    ) -> bool {
        let name = squash(&item_name(item));
        let name = name
            .strip_prefix("其中")
            .map_or(name.as_str(), |rest| rest.trim_start_matches(':'));
        let mut named = self
            .items
            .iter()
            .filter(|rule| rule.labels.iter().any(|l| l == name))
            .peekable();
        if named.peek().is_some() {
            named.any(|rule| rule.key == key)
        } else {
            column_key(name) == Some(key)
        }
    }
}

struct Scopes<'a> {
    families: &'a BTreeMap<String, BTreeSet<String>>,
    kinds: &'a BTreeSet<&'a str>,
}

impl Scopes<'_> {
    fn resolve(&self, applies_to: &[String], except: &[String]) -> Result<Scope, String> {
        let mut scope = Scope {
            kinds: BTreeSet::new(),
            unknown: false,
        };
        for name in applies_to {
            scope.kinds.extend(self.named(name)?);
            scope.unknown |= name == EVERY_TABLE;
        }
        for name in except {
            for kind in self.named(name)? {
                scope.kinds.remove(&kind);
            }
        }
        if scope.kinds.is_empty() && !scope.unknown {
            return Err("applies to no kind".to_string());
        }
        Ok(scope)
    }

    fn named(&self, name: &str) -> Result<BTreeSet<String>, String> {
        if name == EVERY_TABLE || name == EVERY_CATALOGUED_TABLE {
            Ok(self.kinds.iter().map(|k| k.to_string()).collect())
        } else if let Some(kinds) = self.families.get(name) {
            Ok(kinds.clone())
        } else if self.kinds.contains(name) {
            Ok(BTreeSet::from([name.to_string()]))
        } else {
            Err(format!("{name:?} is neither a family nor a kind"))
        }
    }
}

fn build_identity(
    file: IdentityFile,
    scopes: &Scopes,
    known: &Known,
    item_keys: &BTreeSet<&str>,
) -> Result<Identity, String> {
    let scope = match (&file.found, file.over) {
        (Some(found), Over::Tables) if file.applies_to.is_empty() && file.except.is_empty() => {
            scopes.resolve(&found.applies_to, &[])?
        }
        (_, Over::Tables) => return Err("found (and no applies_to) is needed".to_string()),
        _ => scopes.resolve(&file.applies_to, &file.except)?,
    };
    let needs_terms = matches!(file.over, Over::Columns | Over::Items);
    if needs_terms && (file.total.is_none() || file.parts.is_empty()) {
        return Err("a total and parts are needed".to_string());
    }
    if file.over == Over::Bands && file.total.is_none() {
        return Err("the role of the bands' totals is needed".to_string());
    }
    if file.over == Over::Tables && (file.found.is_none() || file.against.is_empty()) {
        return Err("found and against are needed".to_string());
    }
    let totals: Vec<String> = file
        .total
        .iter()
        .flat_map(|t| t.split('|').map(str::to_string))
        .collect();
    let terms: Vec<&String> = totals
        .iter()
        .chain(&file.parts)
        .chain(&file.requires)
        .chain(&file.unless)
        .chain(file.substitutes.keys())
        .chain(file.substitutes.values().flatten())
        .chain(file.alternatives.iter().flatten())
        .collect();
    let known_term = |term: &str| match file.over {
        Over::Items => item_keys.contains(term),
        _ => known.roles.contains(term),
    };
    if let Some(unknown) = terms.iter().find(|t| !known_term(t)) {
        return Err(format!("{unknown:?} is not a known key"));
    }
    if let Some(unknown) = file
        .columns
        .iter()
        .find(|r| !known.roles.contains(r.as_str()))
    {
        return Err(format!("{unknown:?} is not a column key"));
    }
    let term = |t: TableTermFile| -> Result<TableTerm, String> {
        if !item_keys.contains(t.item.as_str()) {
            return Err(format!("{:?} is not an item key", t.item));
        }
        let known_column = |column: &str| match column.split_once('.') {
            Some((band, role)) => known.bands.contains(band) && known.roles.contains(role),
            None => known.roles.contains(column),
        };
        if let Some(role) = t.roles.iter().find(|r| !known_column(r)) {
            return Err(format!("{role:?} is not a column key (or band.key)"));
        }
        Ok(TableTerm {
            scope: scopes.resolve(&t.applies_to, &[])?,
            side: t.side,
            item: t.item,
            roles: t.roles,
        })
    };
    Ok(Identity {
        name: file.name,
        over: file.over,
        scope,
        total: file.total,
        parts: file.parts,
        requires: file.requires,
        unless: file.unless,
        substitutes: file.substitutes,
        alternatives: file.alternatives,
        columns: file.columns,
        found: file.found.map(term).transpose()?,
        against: file
            .against
            .into_iter()
            .map(term)
            .collect::<Result<_, _>>()?,
    })
}
