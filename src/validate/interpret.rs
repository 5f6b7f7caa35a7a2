//! The interpreter of the catalogue's identities: [`check_identity`] runs one declared entry
//! over one table (or, for an identity across tables, over the document).

use std::collections::{BTreeMap, BTreeSet};

use super::compare::compare;
use crate::catalogue::{
    BALANCE_LINE_ITEM, BandKind, Catalogue, Identity, NumberingStyle, Over, Side, TOTAL_ITEM,
    TableTerm,
};
use crate::normalize::{Fact, RowName, TableFacts, Why};
use crate::recognize::Band;
use crate::report::{Check, CheckStatus, Location};

pub(super) fn check_document(catalogue: &Catalogue, tables: &[TableFacts]) -> Vec<Check> {
    let views: Vec<View> = tables.iter().map(|t| View::new(catalogue, t)).collect();
    let mut checks = Vec::new();
    for view in &views {
        for identity in catalogue.identities() {
            if identity.over != Over::Tables && identity.applies_to(&view.table.kind) {
                checks.extend(check_identity(identity, view, &views));
            }
        }
    }
    for identity in catalogue.identities() {
        if identity.over == Over::Tables {
            checks.extend(across_tables(identity, &views));
        }
    }
    checks
}

/// Runs one identity over the table `view` (one of `views`, the document's tables).
fn check_identity(identity: &Identity, view: &View, views: &[View]) -> Vec<Check> {
    match identity.over {
        Over::Columns => columns(identity, view),
        Over::Bands => bands(identity, view),
        Over::Codes => codes(identity, view),
        Over::TopLevel => top_level(identity, view),
        Over::Categories => categories(identity, view),
        Over::Units => units(identity, view),
        Over::Outline => outline(identity, view),
        Over::Items => items(identity, view),
        Over::Balance => balance(identity, view),
        Over::Tables => across_tables(identity, views),
    }
}

/// A table's facts arranged for the identities.
struct View<'a> {
    catalogue: &'a Catalogue,
    table: &'a TableFacts,
    /// Facts by grid column, in row order; a row repeated at a page break counted once, a
    /// column with an unread figure left out, none at all when the table lost figures.
    columns: BTreeMap<usize, Vec<&'a Fact>>,
    /// Facts by row and panel, a row with an unread figure left out.
    rows: BTreeMap<(usize, usize), Vec<&'a Fact>>,
    /// Row names by panel, in row order.
    names: BTreeMap<usize, Vec<&'a RowName>>,
    /// Row names by row and panel.
    name_at: BTreeMap<(usize, usize), &'a RowName>,
}

impl<'a> View<'a> {
    fn new(catalogue: &'a Catalogue, table: &'a TableFacts) -> View<'a> {
        let repeated = repeated_rows(table);
        // A column or row with a figure that could not be read has no sum to check, nor has
        // any column of a table that lost figures on the way from the page, or may have.
        let mut unread_cols = BTreeSet::new();
        let mut unread_rows = BTreeSet::new();
        let mut lost = table.broken;
        for unexplained in &table.unexplained {
            match unexplained.why {
                Why::NotAnAmount { row, col, .. } => {
                    unread_cols.insert(col);
                    unread_rows.insert(row);
                }
                Why::NotInAnyCell(_) => lost = true,
            }
        }
        let mut columns: BTreeMap<usize, Vec<&Fact>> = BTreeMap::new();
        let mut rows: BTreeMap<(usize, usize), Vec<&Fact>> = BTreeMap::new();
        for fact in table.facts.iter().filter(|f| !repeated.contains(&f.row)) {
            if !lost && !unread_cols.contains(&fact.col) {
                columns.entry(fact.col).or_default().push(fact);
            }
            if !unread_rows.contains(&fact.row) {
                rows.entry((fact.row, fact.panel)).or_default().push(fact);
            }
        }
        let mut names: BTreeMap<usize, Vec<&RowName>> = BTreeMap::new();
        for name in table.rows.iter().filter(|n| !repeated.contains(&n.row)) {
            names.entry(name.panel).or_default().push(name);
        }
        let name_at = table.rows.iter().map(|n| ((n.row, n.panel), n)).collect();
        View {
            catalogue,
            table,
            columns,
            rows,
            names,
            name_at,
        }
    }

    /// The identifier of the unit a fact's row is for.
    fn unit(&self, fact: &Fact) -> Option<&'a str> {
        self.name_at.get(&(fact.row, fact.panel))?.unit.as_deref()
    }

    fn rule(&self, identity: &Identity) -> String {
        format!("{}.{}", self.table.kind, identity.name)
    }

    /// Whether a row name totals its table or side: a total's name, printed without numbering
    /// (`一、本年收入` heads the lines under it).
    fn is_total(&self, item: &str, numbered: bool) -> bool {
        !numbered && self.catalogue.is_total_item(item)
    }
}

/// Rows printed again at the top of a page, exactly as the last row of the page before: one
/// row, printed twice, counted once.
fn repeated_rows(table: &TableFacts) -> BTreeSet<usize> {
    let mut by_row: BTreeMap<usize, Vec<&Fact>> = BTreeMap::new();
    for fact in &table.facts {
        by_row.entry(fact.row).or_default().push(fact);
    }
    let printed = |facts: &[&Fact]| -> Vec<(usize, String, Option<String>, String)> {
        facts
            .iter()
            .map(|f| (f.col, f.raw.clone(), f.code.clone(), f.item.clone()))
            .collect()
    };
    by_row
        .iter()
        .filter_map(|(&row, facts)| {
            let before = by_row.get(&row.checked_sub(1)?)?;
            let new_page = facts[0].page > before[0].page;
            (new_page && printed(facts) == printed(before)).then_some(row)
        })
        .collect()
}

/// The check that `found` equals the sum of `terms`.
fn check(
    rule: String,
    table: usize,
    found: &Fact,
    terms: &[(usize, &Fact)],
    detail: String,
) -> Check {
    let amounts: Vec<_> = terms.iter().map(|(_, f)| &f.amount).collect();
    let comparison = compare(&found.amount, &amounts);
    Check {
        rule,
        table: Some(table),
        row: Some(found.row),
        page: Some(found.page),
        column: Some(found.column.role.clone()),
        col: Some(found.col),
        band: found.column.band.as_ref().map(|b| b.label.clone()),
        side: found.side.map(|s| s.as_str().to_string()),
        detail,
        terms: terms
            .iter()
            .map(|(table, f)| Location {
                table: *table,
                row: f.row,
                col: f.col,
                page: f.page,
            })
            .collect(),
        status: comparison.status,
        expected: comparison.expected,
        found: comparison.found,
    }
}

/// The check of `found` against the sum of `terms` in table `view`.
fn sum_check(view: &View, identity: &Identity, found: &Fact, terms: &[&Fact]) -> Check {
    let detail = format!(
        "{} = {}",
        found.describe(),
        terms
            .iter()
            .map(|t| t.describe())
            .collect::<Vec<_>>()
            .join(" + ")
    );
    let index = view.table.index;
    let terms: Vec<(usize, &Fact)> = terms.iter().map(|t| (index, *t)).collect();
    check(view.rule(identity), index, found, &terms, detail)
}

/// Of several ways to read an identity, the first that holds, else the closest.
fn first_holding(candidates: Vec<Check>) -> Option<Check> {
    let holds = |c: &Check| c.status != CheckStatus::Fail;
    match candidates.iter().position(holds) {
        Some(i) => candidates.into_iter().nth(i),
        None => candidates
            .into_iter()
            .min_by_key(|c| (c.expected - c.found).abs()),
    }
}

/// The part lists of an identity: its parts, then its alternatives.
fn part_lists(identity: &Identity) -> impl Iterator<Item = &Vec<String>> {
    std::iter::once(&identity.parts).chain(&identity.alternatives)
}

// ------------------------------------------------------------------------- within a row

/// `total = parts` between the columns of one row, band by band.
fn columns(identity: &Identity, view: &View) -> Vec<Check> {
    let mut checks = Vec::new();
    for facts in view.rows.values() {
        let mut bands: BTreeMap<_, Vec<&Fact>> = BTreeMap::new();
        for fact in facts {
            bands.entry(&fact.column.band).or_default().push(*fact);
        }
        for band in bands.values() {
            // A column whose key is unknown may be a part of any total, and a key printed twice
            // (`项目支出 › 总数 | 扣除基建后`) has no single amount: nothing holds for sure.
            let roles: Vec<&str> = band.iter().map(|f| f.column.role.as_str()).collect();
            let repeated = roles
                .iter()
                .enumerate()
                .any(|(i, r)| roles[..i].contains(r));
            if repeated || band.iter().any(|f| f.column.is_other()) {
                continue;
            }
            let cell = |role: &str| band.iter().copied().find(|f| f.column.role == role);
            let has = |roles: &[String]| roles.iter().any(|r| cell(r).is_some());
            let Some(total) = identity.totals().find_map(cell) else {
                continue;
            };
            if (!identity.requires.is_empty() && !has(&identity.requires)) || has(&identity.unless)
            {
                continue;
            }
            let readings: Vec<Check> = part_lists(identity)
                .filter_map(|parts| {
                    let terms: Vec<&Fact> = parts
                        .iter()
                        .flat_map(|part| match cell(part) {
                            Some(fact) => vec![fact],
                            None => identity.substitutes.get(part).map_or(Vec::new(), |subs| {
                                subs.iter().filter_map(|s| cell(s)).collect()
                            }),
                        })
                        .collect();
                    (!terms.is_empty()).then(|| sum_check(view, identity, total, &terms))
                })
                .collect();
            checks.extend(first_holding(readings));
        }
    }
    checks
}

/// The unbanded total of a row is the sum of the totals of its bands and of the unbanded
/// columns the identity names (合计 = 本年收入 › 小计 + 上年结转 › 小计; 合计 = 三公经费 › 小计 +
/// 会议费 + 培训费), when no band is one of parallel figures (years, 预算数 | 决算数) and every
/// other unbanded column is one of those named.
fn bands(identity: &Identity, view: &View) -> Vec<Check> {
    let Some(role) = identity.total.as_deref() else {
        return Vec::new();
    };
    let mut checks = Vec::new();
    for facts in view.rows.values() {
        let (unbanded, banded): (Vec<&Fact>, Vec<&Fact>) =
            facts.iter().partition(|f| f.column.band.is_none());
        let Some(total) = unbanded.iter().copied().find(|f| f.column.role == role) else {
            continue;
        };
        let loose: Vec<&Fact> = unbanded
            .iter()
            .copied()
            .filter(|f| f.col != total.col)
            .collect();
        if loose
            .iter()
            .any(|f| !identity.parts.contains(&f.column.role))
        {
            continue;
        }
        let mut bands: BTreeMap<&Band, Vec<&Fact>> = BTreeMap::new();
        for fact in banded {
            if let Some(band) = &fact.column.band {
                bands.entry(band).or_default().push(fact);
            }
        }
        let parallel = bands.keys().any(|b| b.kind == Some(BandKind::Parallel));
        let totals: Vec<&Fact> = bands
            .values()
            .filter_map(|band| band.iter().copied().find(|f| f.column.role == role))
            .collect();
        if bands.is_empty() || parallel || totals.len() != bands.len() {
            continue;
        }
        let mut terms: Vec<&Fact> = totals.into_iter().chain(loose).collect();
        terms.sort_by_key(|f| f.col);
        if terms.len() >= 2 {
            checks.push(sum_check(view, identity, total, &terms));
        }
    }
    checks
}

// ------------------------------------------------------------------------- within a column

/// Records by code, each code printed once; a code printed on several rows (a listing that
/// repeats it per project) has no single amount.
fn unique_codes<'a>(records: &[&'a Fact]) -> BTreeMap<&'a str, Option<&'a Fact>> {
    let mut codes: BTreeMap<&str, Option<&Fact>> = BTreeMap::new();
    for record in records {
        if let Some(code) = record.code.as_deref() {
            codes
                .entry(code)
                .and_modify(|once| *once = None)
                .or_insert(Some(record));
        }
    }
    codes
}

/// A 类 equals the sum of its 款, a 款 the sum of its 项.
fn codes(identity: &Identity, view: &View) -> Vec<Check> {
    let mut checks = Vec::new();
    for records in view.columns.values() {
        let codes = unique_codes(records);
        for (parent_code, parent) in &codes {
            let Some(parent) = parent else {
                continue;
            };
            let children: Vec<(&str, &Option<&Fact>)> = codes
                .iter()
                .filter(|(c, _)| c.len() == parent_code.len() + 2 && c.starts_with(parent_code))
                .map(|(c, f)| (*c, f))
                .collect();
            if children.is_empty() || children.iter().any(|(_, f)| f.is_none()) {
                continue;
            }
            let terms: Vec<&Fact> = children.iter().filter_map(|(_, f)| **f).collect();
            checks.push(sum_check(view, identity, parent, &terms));
        }
    }
    checks
}

/// The 合计 row equals the sum of the top level: the 类 rows, or the categories of a table
/// without codes.
fn top_level(identity: &Identity, view: &View) -> Vec<Check> {
    let mut checks = Vec::new();
    for records in view.columns.values() {
        let Some(total) = records
            .iter()
            .find(|r| r.code.is_none() && view.is_total(&r.item, r.numbering.is_some()))
        else {
            continue;
        };
        // Every 类 row counts, repeated codes too: tables that pair a 部门 economic code with
        // several 政府 ones print the same 类 once per pair.
        let coded: Vec<&Fact> = records
            .iter()
            .filter(|r| r.level == Some(crate::normalize::Level::Class))
            .copied()
            .collect();
        let has_categories = records.iter().any(|r| r.parent.is_some());
        let top: Vec<&Fact> = if !coded.is_empty() {
            coded
        } else if has_categories {
            records
                .iter()
                .filter(|r| r.parent.is_none() && r.code.is_none() && r.row != total.row)
                .copied()
                .collect()
        } else {
            continue;
        };
        checks.push(sum_check(view, identity, total, &top));
    }
    checks
}

/// Rows without codes: a category equals the sum of the rows a second name column puts under
/// it.
fn categories(identity: &Identity, view: &View) -> Vec<Check> {
    let mut checks = Vec::new();
    for records in view.columns.values() {
        let mut children: BTreeMap<&str, Vec<&Fact>> = BTreeMap::new();
        for record in records {
            if let Some(parent) = record.parent.as_deref() {
                children.entry(parent).or_default().push(record);
            }
        }
        for (parent_item, rows) in children {
            let mut parents = records
                .iter()
                .filter(|r| r.parent.is_none() && r.item == parent_item);
            if let (Some(parent), None) = (parents.next(), parents.next()) {
                checks.push(sum_check(view, identity, parent, &rows));
            }
        }
    }
    checks
}

/// Rows of units by their identifiers (部门代码 `328` over 单位代码 `328001`): a unit equals the
/// sum of the units whose identifiers extend its own (the nearest ones), the total row the sum
/// of the outermost units. An identifier printed twice has no single amount.
fn units(identity: &Identity, view: &View) -> Vec<Check> {
    let mut checks = Vec::new();
    for records in view.columns.values() {
        let mut ids: BTreeMap<&str, Option<&Fact>> = BTreeMap::new();
        for record in records {
            if let Some(unit) = view.unit(record) {
                ids.entry(unit)
                    .and_modify(|once| *once = None)
                    .or_insert(Some(record));
            }
        }
        if ids.len() < 2 || ids.values().any(Option::is_none) {
            continue;
        }
        let extends = |id: &str, of: &str| id.len() > of.len() && id.starts_with(of);
        // Identifiers of one scheme: the outermost all of one length, none shorter than a
        // department's (not categories numbered `1`, `2` beside units numbered `263005`).
        let outermost: BTreeSet<usize> = ids
            .keys()
            .filter(|id| !ids.keys().any(|other| extends(id, other)))
            .map(|id| id.len())
            .collect();
        if outermost.len() != 1 || ids.keys().any(|id| id.len() < MIN_UNIT_DIGITS) {
            continue;
        }
        let nearest_under = |of: Option<&str>| -> Vec<&Fact> {
            let under: Vec<&str> = ids
                .keys()
                .copied()
                .filter(|id| of.is_none_or(|of| extends(id, of)))
                .collect();
            under
                .iter()
                .filter(|id| !under.iter().any(|other| extends(id, other)))
                .filter_map(|id| ids[id])
                .collect()
        };
        for (id, parent) in &ids {
            let children = nearest_under(Some(id));
            if let (Some(parent), false) = (parent, children.is_empty()) {
                checks.push(sum_check(view, identity, parent, &children));
            }
        }
        let total = records.iter().find(|r| {
            view.unit(r).is_none()
                && r.code.is_none()
                && view.is_total(&r.item, r.numbering.is_some())
        });
        if let Some(total) = total {
            checks.push(sum_check(view, identity, total, &nearest_under(None)));
        }
    }
    checks
}

/// The shortest identifier of a unit or department (部门代码 `328`).
const MIN_UNIT_DIGITS: usize = 3;

/// How a row stands in an outline of rows without codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    /// A total row (合计, 本年收入合计, 收入总计), printed without numbering.
    Total,
    /// A numbered row: its style (outline level) and ordinal.
    Numbered(NumberingStyle, u32),
    /// Neither.
    Plain,
}

/// Rows without codes, by their numbering: a row (一、本年收入, or a plain 上年结转结余) equals
/// the sum of the rows numbered under it (`其中：` rows are neither); a total row equals the
/// total before it plus the top-level rows since (the first total: the top-level rows before
/// it, or after it when it is printed first). Runs only where the outline is unambiguous: numbers in sequence, no
/// row without numbering among the parts unless it is a balance line after a total
/// (上年结转, 年初结转和结余), and no part left empty while lines under it print amounts.
fn outline(identity: &Identity, view: &View) -> Vec<Check> {
    let mut checks = Vec::new();
    // Each panel's outline, read once: every column of a panel has the same rows.
    let mut outlines: BTreeMap<usize, (Vec<&RowName>, Vec<Line>)> = BTreeMap::new();
    for records in view.columns.values() {
        let panel = records[0].panel;
        let Some(names) = view.names.get(&panel) else {
            continue;
        };
        // An amount on a row without a name (a name wrapped onto the row above) has no place
        // in the outline; a zero there changes no sum.
        let named = |n: &&RowName| !n.item.is_empty() || n.code.is_some();
        let unnamed = |r: &&Fact| !names.iter().any(|n| n.row == r.row && named(n));
        if records
            .iter()
            .any(|r| unnamed(r) && !r.amount.yuan.is_zero())
        {
            continue;
        }
        let (names, lines) = outlines.entry(panel).or_insert_with(|| {
            let names: Vec<&RowName> = names
                .iter()
                .copied()
                .filter(|n| named(n) && !view.catalogue.is_of_which(&n.item))
                .collect();
            let lines = names
                .iter()
                .map(|n| match n.numbering {
                    _ if view.is_total(&n.item, n.numbering.is_some()) => Line::Total,
                    Some(numbering) => Line::Numbered(numbering.style, numbering.ordinal),
                    None => Line::Plain,
                })
                .collect();
            (names, lines)
        });
        // Codes make a hierarchy of their own.
        if names.iter().any(|n| n.code.is_some()) || records.iter().any(|r| r.parent.is_some()) {
            continue;
        }
        let amount = |row: usize| records.iter().copied().find(|r| r.row == row);
        let outline = Outline { names, lines };
        for (i, name) in names.iter().enumerate() {
            let Some(found) = amount(name.row) else {
                continue;
            };
            let parts = match lines[i] {
                Line::Total => outline.total_parts(i, view),
                _ => outline
                    .children(i)
                    .filter(|c| c.first() == Some(&1))
                    .map(|_| outline.direct_children(i)),
            };
            let Some(parts) = parts else {
                continue;
            };
            let with_amount: Vec<&Fact> =
                parts.iter().filter_map(|&j| amount(names[j].row)).collect();
            let empty_parent = parts
                .iter()
                .any(|&j| amount(names[j].row).is_none() && outline.any_below(j, &amount));
            if with_amount.is_empty() || empty_parent {
                continue;
            }
            checks.push(sum_check(view, identity, found, &with_amount));
        }
    }
    checks
}

/// The rows of one panel as an outline.
struct Outline<'n> {
    names: &'n [&'n RowName],
    lines: &'n [Line],
}

impl Outline<'_> {
    /// The rows under row `i`: the run after it numbered deeper (any numbering under a plain
    /// row), up to the next row that is not.
    fn run_below(&self, i: usize) -> std::ops::Range<usize> {
        let deeper = |line: Line| match (self.lines[i], line) {
            (Line::Numbered(style, _), Line::Numbered(below, _)) => below > style,
            (Line::Plain, Line::Numbered(..)) => true,
            _ => false,
        };
        let end = (i + 1..self.lines.len())
            .find(|&j| !deeper(self.lines[j]))
            .unwrap_or(self.lines.len());
        i + 1..end
    }

    /// The rows directly under row `i`: those of the run below it in its outermost style.
    fn direct_children(&self, i: usize) -> Vec<usize> {
        let run = self.run_below(i);
        let outermost = run.clone().filter_map(|j| self.style(j)).min();
        run.filter(|&j| self.style(j) == outermost).collect()
    }

    /// The ordinals of the rows directly under row `i`, when there are any and they count on
    /// one by one.
    fn children(&self, i: usize) -> Option<Vec<u32>> {
        let ordinals: Vec<u32> = self
            .direct_children(i)
            .iter()
            .filter_map(|&j| self.ordinal(j))
            .collect();
        (!ordinals.is_empty() && ordinals.windows(2).all(|w| w[1] == w[0] + 1)).then_some(ordinals)
    }

    fn style(&self, j: usize) -> Option<NumberingStyle> {
        match self.lines[j] {
            Line::Numbered(style, _) => Some(style),
            _ => None,
        }
    }

    fn ordinal(&self, j: usize) -> Option<u32> {
        match self.lines[j] {
            Line::Numbered(_, ordinal) => Some(ordinal),
            _ => None,
        }
    }

    /// Whether a row under row `j` prints an amount.
    fn any_below<'f>(&self, j: usize, amount: &impl Fn(usize) -> Option<&'f Fact>) -> bool {
        self.run_below(j)
            .any(|k| amount(self.names[k].row).is_some())
    }

    /// The parts of the total row `i`: the total before it and the top-level rows since (for
    /// the first total, the top-level rows before it, or after it when none is before).
    fn total_parts(&self, i: usize, view: &View) -> Option<Vec<usize>> {
        // A total printed first heads the lines after it: it is no part of the next total.
        let heads = |p: usize| (0..p).all(|j| self.lines[j] == Line::Total);
        let previous = (0..i)
            .rev()
            .find(|&j| self.lines[j] == Line::Total)
            .filter(|&p| !heads(p));
        let first_total = (0..i).all(|j| self.lines[j] != Line::Total);
        let segment: Vec<usize> = match previous {
            Some(p) => (p + 1..i).collect(),
            None if !first_total => {
                let after = (0..i).rev().find(|&j| self.lines[j] == Line::Total);
                (after.map_or(0, |p| p + 1)..i).collect()
            }
            None if i > 0 => (0..i).collect(),
            None => {
                let end = (i + 1..self.lines.len())
                    .find(|&j| self.lines[j] == Line::Total)
                    .unwrap_or(self.lines.len());
                (i + 1..end).collect()
            }
        };
        let mut under = BTreeSet::new();
        for &j in &segment {
            under.extend(self.run_below(j));
        }
        let top: Vec<usize> = segment
            .iter()
            .copied()
            .filter(|j| !under.contains(j))
            .collect();
        let plain_ok = |j: usize| {
            previous.is_some()
                && view
                    .catalogue
                    .item_is(&self.names[j].item, BALANCE_LINE_ITEM)
        };
        if top
            .iter()
            .any(|&j| self.lines[j] == Line::Plain && !plain_ok(j))
        {
            return None;
        }
        let ordinals: Vec<u32> = top.iter().filter_map(|&j| self.ordinal(j)).collect();
        let styles: BTreeSet<NumberingStyle> = top.iter().filter_map(|&j| self.style(j)).collect();
        if styles.len() > 1 || ordinals.windows(2).any(|w| w[1] != w[0] + 1) {
            return None;
        }
        Some(previous.into_iter().chain(top).collect())
    }
}

/// Named rows within one column: `total` = `parts` by item key.
fn items(identity: &Identity, view: &View) -> Vec<Check> {
    let catalogue = view.catalogue;
    let mut checks = Vec::new();
    for records in view.columns.values() {
        let find = |key: &str| {
            records
                .iter()
                .copied()
                .find(|r| catalogue.item_is(&r.item, key))
        };
        let has = |keys: &[String]| keys.iter().any(|k| find(k).is_some());
        let Some(total) = identity.totals().find_map(find) else {
            continue;
        };
        if (!identity.requires.is_empty() && !has(&identity.requires)) || has(&identity.unless) {
            continue;
        }
        let readings: Vec<Check> = part_lists(identity)
            .filter_map(|parts| {
                let terms: Vec<&Fact> = parts
                    .iter()
                    .flat_map(|part| match find(part) {
                        Some(fact) => vec![fact],
                        None => identity.substitutes.get(part).map_or(Vec::new(), |subs| {
                            subs.iter().filter_map(|s| find(s)).collect()
                        }),
                    })
                    .filter(|f| f.row != total.row)
                    .collect();
                (!terms.is_empty()).then(|| sum_check(view, identity, total, &terms))
            })
            .collect();
        checks.extend(first_holding(readings));
    }
    checks
}

/// The two sides of a two-sided table end on the same total: the last total row of each, in
/// the first of the identity's columns printed on that side.
fn balance(identity: &Identity, view: &View) -> Vec<Check> {
    let last_total = |side: Side| {
        let on_side: Vec<&Fact> = view
            .columns
            .values()
            .flatten()
            .copied()
            .filter(|f| f.side == Some(side) && f.column.band.is_none())
            .collect();
        let role = identity
            .columns
            .iter()
            .find(|role| on_side.iter().any(|f| &f.column.role == *role))?;
        let col = on_side.iter().find(|f| &f.column.role == role)?.col;
        on_side
            .into_iter()
            .filter(|f| f.col == col && view.is_total(&f.item, f.numbering.is_some()))
            .max_by_key(|f| f.row)
    };
    match (last_total(Side::Revenue), last_total(Side::Expenditure)) {
        (Some(revenue), Some(expenditure)) => {
            vec![sum_check(view, identity, expenditure, &[revenue])]
        }
        _ => Vec::new(),
    }
}

// ------------------------------------------------------------------------- across tables

/// A figure restated by another table agrees with it: the first table of a `found` kind
/// against the first table of each `against` kind, any one agreeing being enough.
fn across_tables(identity: &Identity, views: &[View]) -> Vec<Check> {
    let Some(found_term) = &identity.found else {
        return Vec::new();
    };
    let Some((found_view, found)) = views
        .iter()
        .filter(|v| found_term.in_kind(&v.table.kind))
        .find_map(|v| figure(v, found_term).map(|f| (v, f)))
    else {
        return Vec::new();
    };
    let readings: Vec<Check> = identity
        .against
        .iter()
        .filter_map(|term| {
            let view = views.iter().find(|v| term.in_kind(&v.table.kind))?;
            let against = figure(view, term)?;
            let detail = format!(
                "{} {} = {} {}",
                found_view.table.kind,
                found.describe(),
                view.table.kind,
                against.describe()
            );
            Some(check(
                format!("cross.{}", identity.name),
                found_view.table.index,
                found,
                &[(view.table.index, against)],
                detail,
            ))
        })
        .collect();
    first_holding(readings).into_iter().collect()
}

/// The figure a term names in a table: the first row with its item key, in the first of its
/// column roles printed there, among the figures that stand for the whole table.
fn figure<'a>(view: &View<'a>, term: &TableTerm) -> Option<&'a Fact> {
    let candidates: Vec<&Fact> = view
        .table
        .facts
        .iter()
        .filter(|f| term.side.is_none_or(|s| f.side == Some(s)))
        .filter(|f| f.code.is_none() && view.catalogue.item_is(&f.item, &term.item))
        .filter(|f| term.item != TOTAL_ITEM || f.numbering.is_none())
        .collect();
    term.columns().find_map(|(band, role)| {
        let with_role: Vec<&Fact> = candidates
            .iter()
            .copied()
            .filter(|f| f.column.role == role)
            .collect();
        if let Some(band) = band {
            return with_role
                .into_iter()
                .find(|f| f.column.band_key() == Some(band));
        }
        let unbanded = with_role.iter().copied().find(|f| f.column.band.is_none());
        unbanded.or_else(|| {
            let latest = latest_year_band(&with_role)?;
            with_role
                .into_iter()
                .find(|f| f.column.band.as_ref() == Some(&latest))
        })
    })
}

/// Of figures printed only in bands, the band that stands for the whole table: the one band
/// of parallel figures of the latest year (`2026年预算数` beside `2025年预算数`).
fn latest_year_band(facts: &[&Fact]) -> Option<Band> {
    let bands: BTreeSet<&Band> = facts
        .iter()
        .filter_map(|f| f.column.band.as_ref())
        .collect();
    let year = |label: &str| -> Option<u32> {
        let digits: String = label.chars().take_while(char::is_ascii_digit).collect();
        (digits.len() == 4 && label[4..].starts_with('年'))
            .then(|| digits.parse().ok())
            .flatten()
    };
    let latest = bands.iter().filter_map(|b| year(&b.label)).max()?;
    let mut of_latest = bands
        .iter()
        .filter(|b| year(&b.label) == Some(latest) && b.kind == Some(BandKind::Parallel));
    match (of_latest.next(), of_latest.next()) {
        (Some(band), None) => Some((*band).clone()),
        _ => None,
    }
}
