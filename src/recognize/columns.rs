//! What each grid column holds, read from the header's cells: its key (band and role), what
//! its numbers measure, whether it holds codes.
//!
//! A column's role comes from the lowest labelled header cell above it, a generic label
//! (`小计`, `合计`, `决算数`) taking the specific role of a cell above it (`基本支出 › 小计` is
//! `basic`). Its band comes from a header cell above that groups labelled columns:
//!
//! - a label the catalogue marks as a band (`当年预算 › 合计`, `上年结转 › 合计`,
//!   `2026年预算数 › 基本支出`, `合计 › 预算数 | 决算数`);
//! - else, when two columns would get the same key, the header cell above each that tells
//!   them apart (`一般公共预算 › 基本支出` beside `政府性基金 › 基本支出`).
//!
//! So `当年预算 › 合计` and `上年结转 › 合计` are two keys, never one, and no identity compares
//! a figure of one band with the other's.

use std::collections::{BTreeMap, BTreeSet};

use super::header::{PathCell, column_paths};
use crate::catalogue::{BandKind, Catalogue, CodePart, ColumnRule, KindSpec, Layout, Measure};
use crate::table::Table;

/// The canonical role of a column whose header no rule knows.
pub const OTHER_ROLE: &str = "other";

/// Where a figure stands in its table's header: the band it is printed in, if the header
/// prints several, and its role.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ColumnKey {
    /// The band, when the header groups columns into bands.
    pub band: Option<Band>,
    /// Canonical role (`total`, `basic`, `general_budget`, …) or [`OTHER_ROLE`].
    pub role: String,
}

impl ColumnKey {
    /// A key without band.
    pub fn role(role: &str) -> ColumnKey {
        ColumnKey {
            band: None,
            role: role.to_string(),
        }
    }

    /// Whether the column's role has no canonical key.
    pub fn is_other(&self) -> bool {
        self.role == OTHER_ROLE
    }

    /// The band's catalogue key, if the column is in a band that has one.
    pub fn band_key(&self) -> Option<&str> {
        self.band.as_ref().and_then(|b| b.key.as_deref())
    }
}

/// A group of columns under one header cell, printed beside another group with the same
/// sub-columns.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Band {
    /// The header cell's text: `当年预算`, `上年结转`, `2026年预算数`.
    pub label: String,
    /// The catalogue key of that text (`current`, `carryover`, `budget`, …), if it has one.
    pub key: Option<String>,
    /// How the band relates to the others, when the catalogue says.
    pub kind: Option<BandKind>,
    /// The first grid column under the header cell: two cells with the same text are two bands.
    pub col: usize,
}

/// One grid column as the header names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnInfo {
    /// The lowest header cell above the column (`合计`), empty when the header has none.
    pub label: String,
    /// The header cells above it, top to bottom (`本年收入`, `合计`).
    pub path: Vec<String>,
    /// Band and canonical role.
    pub key: ColumnKey,
    /// The band's key when the band is one of parallel figures (`budget`, `final`, `executed`,
    /// …), as in 决算 三公 tables that print 预算数 beside 决算数.
    pub group: Option<String>,
    /// What the column's numbers measure, by its header: money unless it says otherwise.
    pub measure: Measure,
    /// The part of a subject code the column holds, by its header.
    pub code: Option<CodePart>,
}

/// Keys for every grid column of `table` (as wide as its widest row), `spec` being its kind.
pub fn columns(catalogue: &Catalogue, spec: Option<&KindSpec>, table: &Table) -> Vec<ColumnInfo> {
    let width = table.width();
    let paths = column_paths(table, width);
    let mut readings: Vec<Reading> = paths
        .iter()
        .map(|path| Reading::of(catalogue, path))
        .collect();
    let sides_apart = spec.is_some_and(|s| s.layout == Layout::TwoSided);
    tell_repeated_keys_apart(&paths, &mut readings, sides_apart);
    drop_needless_bands(&mut readings, &paths, sides_apart);
    paths
        .iter()
        .zip(readings)
        .map(|(path, reading)| {
            let role = reading
                .role
                .map_or(OTHER_ROLE, |r| spec.map_or(r, |s| s.rename(r)));
            let band = reading.band.map(|at| band_of(catalogue, &path[at]));
            let group = band
                .as_ref()
                .filter(|b| b.kind == Some(BandKind::Parallel))
                .and_then(|b| b.key.clone());
            ColumnInfo {
                label: path.last().map_or(String::new(), |c| c.text.clone()),
                path: path.iter().map(|c| c.text.clone()).collect(),
                key: ColumnKey {
                    band,
                    role: role.to_string(),
                },
                group,
                measure: reading.measure,
                code: reading.code,
            }
        })
        .collect()
}

/// What the header says about one column, as positions in its path.
#[derive(Debug, Clone)]
struct Reading<'c> {
    /// The band's cell.
    band: Option<usize>,
    /// The cell that gives the role.
    role_at: Option<usize>,
    role: Option<&'c str>,
    measure: Measure,
    code: Option<CodePart>,
}

impl<'c> Reading<'c> {
    fn of(catalogue: &'c Catalogue, path: &[PathCell]) -> Reading<'c> {
        let rules: Vec<Option<&ColumnRule>> = path
            .iter()
            .map(|cell| catalogue.column_rule(&cell.text))
            .collect();
        let is_money =
            |i: usize| rules[i].is_some_and(|r| r.measure == Measure::Money && r.code.is_none());
        // The top-most band label over other labelled cells; the rest give the role.
        let band = (0..path.len()).find(|&b| {
            catalogue.band_rule(&path[b].text).is_some()
                && (0..path.len()).any(|i| i != b && is_money(i))
        });
        let role_cells: Vec<usize> = (0..path.len())
            .filter(|&i| Some(i) != band && is_money(i))
            .collect();
        let (role_at, role) = role_of(&rules, &role_cells, path.len());
        let measure = rules
            .iter()
            .rev()
            .flatten()
            .map(|r| r.measure)
            .find(|m| *m != Measure::Money)
            .unwrap_or_default();
        let code = match rules.last().copied().flatten().and_then(|r| r.code) {
            Some(part) => Some(part),
            None => rules.iter().flatten().find_map(|r| r.code),
        };
        Reading {
            band,
            role_at,
            role,
            measure,
            code,
        }
    }
}

/// The role among the money cells `cells` of a path of `len` cells: the lowest cell's, a
/// generic one giving way to the specific role of a cell above it. The role counts only when
/// its cell is the lowest one or the lowest is unlabelled by any rule.
fn role_of<'c>(
    rules: &[Option<&'c ColumnRule>],
    cells: &[usize],
    len: usize,
) -> (Option<usize>, Option<&'c str>) {
    let leaf = len.checked_sub(1).and_then(|i| rules[i]);
    // A code or a count under a money label is a code or a count.
    if let Some(leaf) = leaf.filter(|r| r.measure != Measure::Money || r.code.is_some()) {
        return (Some(len - 1), Some(leaf.key.as_str()));
    }
    let Some(&lowest) = cells.last() else {
        return (None, None);
    };
    // A leaf the catalogue does not know (科目名称, 工资福利) has no role of its own, and takes
    // none from above.
    if lowest != len - 1 && leaf.is_none() {
        return (None, None);
    }
    let own = rules[lowest].expect("a money cell has a rule");
    if own.generic
        && let Some(&parent) = cells[..cells.len() - 1]
            .iter()
            .rev()
            .find(|&&i| rules[i].is_some_and(|r| !r.generic))
    {
        let rule = rules[parent].expect("a money cell has a rule");
        return (Some(parent), Some(rule.key.as_str()));
    }
    (Some(lowest), Some(own.key.as_str()))
}

/// The band a header cell heads.
fn band_of(catalogue: &Catalogue, cell: &PathCell) -> Band {
    let rule = catalogue
        .band_rule(&cell.text)
        .or_else(|| catalogue.column_rule(&cell.text));
    Band {
        label: cell.text.clone(),
        key: rule.map(|r| r.key.clone()),
        kind: rule.and_then(|r| r.band),
        col: cell.col,
    }
}

/// Where two columns of money still share a key, the header cell above each that tells them
/// apart becomes the band of every column under it. Columns on the two sides of a two-sided
/// table (under different top cells) never need telling apart.
fn tell_repeated_keys_apart(paths: &[Vec<PathCell>], readings: &mut [Reading], sides_apart: bool) {
    let mut shared: BTreeMap<(Side, BandCell, &str), Vec<usize>> = BTreeMap::new();
    for (col, reading) in readings.iter().enumerate() {
        if let Some(role) = money_role(reading) {
            let key = (
                side(paths, col, sides_apart),
                band_cell(paths, col, reading),
                role,
            );
            shared.entry(key).or_default().push(col);
        }
    }
    // Columns already in a band stay in it: a band within a band would take a sub-total out
    // of its band's sums.
    for cols in shared
        .iter()
        .filter(|((_, band, _), cols)| band.is_none() && cols.len() > 1)
        .map(|(_, cols)| cols)
    {
        for &col in cols {
            let reading = &readings[col];
            let from = 0;
            let until = reading.role_at.unwrap_or(paths[col].len());
            let apart = (from..until).find(|&i| {
                let cell = &paths[col][i];
                cols.iter()
                    .filter(|&&other| other != col)
                    .all(|&other| !(cell.col..cell.col + cell.col_span).contains(&other))
            });
            let Some(at) = apart else {
                continue;
            };
            let cell = paths[col][at].clone();
            for (under, path) in paths.iter().enumerate() {
                if let Some(i) = path.iter().position(|c| *c == cell)
                    && readings[under].band.is_none_or(|b| b < i)
                {
                    readings[under].band = Some(i);
                }
            }
        }
    }
}

/// A side of a two-sided table: the column of the header cell atop it.
type Side = Option<usize>;
/// A band's header cell: its first column and span.
type BandCell = Option<(usize, usize)>;

fn side(paths: &[Vec<PathCell>], col: usize, sides_apart: bool) -> Side {
    sides_apart
        .then(|| paths[col].first().map(|c| c.col))
        .flatten()
}

fn band_cell(paths: &[Vec<PathCell>], col: usize, reading: &Reading) -> BandCell {
    reading
        .band
        .map(|at| (paths[col][at].col, paths[col][at].col_span))
}

/// The role of a column of money that has a canonical one.
fn money_role<'c>(reading: &Reading<'c>) -> Option<&'c str> {
    let role = reading.role?;
    (role != OTHER_ROLE && reading.measure == Measure::Money && reading.code.is_none())
        .then_some(role)
}

/// Bands are kept only where they tell columns apart. On a side where no role is printed
/// twice, or where one band label stands over every column of money, the header cells above
/// the columns are labels of groups, not bands (`本年收入 › 一般公共预算 | 政府性基金` beside one
/// `上年结转` column, `人员经费 › 决算数 | 公用经费 › 决算数`, `预算数` over a whole table).
fn drop_needless_bands(readings: &mut [Reading], paths: &[Vec<PathCell>], sides_apart: bool) {
    let mut roles: BTreeMap<Side, Vec<&str>> = BTreeMap::new();
    let mut bands: BTreeMap<Side, BTreeSet<Option<&str>>> = BTreeMap::new();
    for (col, reading) in readings.iter().enumerate() {
        if let Some(role) = money_role(reading) {
            let side = side(paths, col, sides_apart);
            roles.entry(side).or_default().push(role);
            let label = reading.band.map(|at| paths[col][at].text.as_str());
            bands.entry(side).or_default().insert(label);
        }
    }
    let needless = |side: Side| {
        let repeats = roles.get(&side).is_some_and(|roles| {
            roles
                .iter()
                .enumerate()
                .any(|(i, role)| roles[..i].contains(role))
        });
        let one_band = bands.get(&side).is_some_and(|labels| labels.len() == 1);
        !repeats || one_band
    };
    let needless: Vec<bool> = (0..readings.len())
        .map(|col| needless(side(paths, col, sides_apart)))
        .collect();
    for (reading, needless) in readings.iter_mut().zip(needless) {
        if needless {
            reading.band = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(header: &[&[&str]], layout: Option<&str>) -> Vec<(String, Option<String>)> {
        let table = Table {
            header_rows: header
                .iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect(),
            ..Table::default()
        };
        let catalogue = Catalogue::standard();
        let spec = layout.and_then(|kind| catalogue.kind(kind));
        columns(catalogue, spec, &table)
            .into_iter()
            .map(|c| (c.key.role, c.key.band.map(|b| b.label)))
            .collect()
    }

    fn key(role: &str, band: Option<&str>) -> (String, Option<String>) {
        (role.to_string(), band.map(str::to_string))
    }

    #[test]
    fn bands_printed_under_the_roles_are_bands() {
        // 决算 三公: each role over 预算数 | 决算数.
        let found = keys(
            &[
                &["合计", "", "因公出国(境)费", ""],
                &["预算数", "决算数", "预算数", "决算数"],
            ],
            Some("final_three_public_expenses"),
        );
        assert_eq!(
            found,
            [
                key("total", Some("预算数")),
                key("total", Some("决算数")),
                key("abroad", Some("预算数")),
                key("abroad", Some("决算数")),
            ]
        );
    }

    #[test]
    fn groups_with_the_same_sub_columns_are_bands() {
        // 基本支出 | 项目支出 under each fund.
        let found = keys(
            &[
                &["合计", "一般公共预算", "", "政府性基金", ""],
                &["", "基本支出", "项目支出", "基本支出", "项目支出"],
            ],
            Some("general_budget_expenditure"),
        );
        assert_eq!(
            found,
            [
                key("total", None),
                key("basic", Some("一般公共预算")),
                key("project", Some("一般公共预算")),
                key("basic", Some("政府性基金")),
                key("project", Some("政府性基金")),
            ]
        );
        // The 三公 total beside 会议费 and 培训费 under one 合计 is no band but a role.
        let found = keys(
            &[
                &["合计", "“三公”经费", "", "会议费", "培训费"],
                &["", "小计", "因公出国(境)费", "", ""],
            ],
            Some("three_public_expenses"),
        );
        let roles: Vec<&str> = found.iter().map(|(role, _)| role.as_str()).collect();
        assert_eq!(
            roles,
            ["total", "three_public", "abroad", "meetings", "training"]
        );
    }

    #[test]
    fn labels_of_groups_that_separate_nothing_are_no_bands() {
        let found = keys(
            &[
                &["合计", "本年收入", "", "上年结转"],
                &["", "一般公共预算", "政府性基金", ""],
            ],
            Some("revenue_summary"),
        );
        assert_eq!(
            found,
            [
                key("total", None),
                key("general_budget", None),
                key("gov_fund", None),
                key("carryover", None),
            ]
        );
        // The two sides of a 收支总表 each under its own 本年… cell.
        let found = keys(
            &[
                &["本年收入", "", "本年支出", ""],
                &["项目", "预算数", "项目", "预算数"],
            ],
            Some("budget_summary"),
        );
        assert_eq!(found[1], key("amount", None));
        assert_eq!(found[3], key("amount", None));
    }

    #[test]
    fn codes_and_counts_keep_their_own_keys() {
        let table = Table {
            header_rows: vec![
                ["科目编码", "", "科目名称", "人数", "金额"]
                    .map(String::from)
                    .to_vec(),
                ["类", "款", "", "", ""].map(String::from).to_vec(),
            ],
            ..Table::default()
        };
        let found: Vec<(Option<CodePart>, Measure, String)> =
            columns(Catalogue::standard(), None, &table)
                .into_iter()
                .map(|c| (c.code, c.measure, c.key.role))
                .collect();
        assert_eq!(
            found,
            [
                (Some(CodePart::Class), Measure::Money, "code_class".into()),
                (
                    Some(CodePart::Section),
                    Measure::Money,
                    "code_section".into()
                ),
                (None, Measure::Money, OTHER_ROLE.into()),
                (None, Measure::Count, "headcount".into()),
                (None, Measure::Money, "amount".into()),
            ]
        );
    }
}
