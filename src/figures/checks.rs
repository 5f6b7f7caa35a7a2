//! Checks on figures: a figure stated in prose and in a table is the same amount
//! (`figures.prose_eq_table`), and totals equal their parts (`[[check]]` of the vocabulary),
//! within the rounding of the printed digits (spec §5, the rules of [`crate::validate`]).

use rust_decimal::Decimal;

use super::Found;
use super::vocabulary::{CheckRule, Vocabulary};
use crate::report::{Check, CheckStatus, FigureSource};
use crate::validate::check_status;

/// How deep a part may be replaced by its own parts: a chain of sums, never a cycle.
const MAX_DEPTH: usize = 4;

/// Every check on the figures `found` in one document.
pub fn figure_checks(found: &[Found], vocabulary: &Vocabulary) -> Vec<Check> {
    let mut checks = prose_eq_table(found);
    for source in [FigureSource::Prose, FigureSource::Table] {
        let of_source: Vec<&Found> = found.iter().filter(|f| f.figure.source == source).collect();
        checks.extend(vocabulary.checks.iter().filter_map(|rule| {
            let total = first(&of_source, &rule.total)?;
            let parts = parts(vocabulary, rule, &of_source, 0)?;
            Some(sum_check(rule, total, &parts))
        }));
    }
    checks
}

/// Whether the parts of `total` among `pool` add up to it (or no rule sums it): used to
/// confirm what a table column means. A part the table leaves blank counts as zero, but one
/// part at least must be there.
pub fn adds_up(vocabulary: &Vocabulary, total: &Found, pool: &[&Found]) -> bool {
    vocabulary
        .checks
        .iter()
        .filter(|rule| rule.total == total.figure.figure)
        .all(|rule| {
            let lenient = CheckRule {
                min_parts: Some(1),
                ..rule.clone()
            };
            parts(vocabulary, &lenient, pool, 0).is_some_and(|parts| {
                let check = sum_check(rule, total, &parts);
                check.status != CheckStatus::Fail
            })
        })
}

/// Each prose statement of a figure against the first table that carries it.
fn prose_eq_table(found: &[Found]) -> Vec<Check> {
    found
        .iter()
        .filter(|f| f.figure.source == FigureSource::Prose)
        .filter_map(|prose| {
            let table = found.iter().find(|t| {
                t.figure.source == FigureSource::Table
                    && t.figure.figure == prose.figure.figure
                    && t.figure.unit_of_measure == prose.figure.unit_of_measure
            })?;
            let allowed = prose.half_unit + table.half_unit;
            Some(Check {
                rule: "figures.prose_eq_table".to_string(),
                table: table.figure.table,
                row: table.row,
                page: Some(prose.figure.page),
                column: table.column.clone(),
                side: table.side.clone(),
                detail: format!(
                    "{}: prose {} (page {}) = table {} {} (page {})",
                    prose.figure.figure,
                    prose.figure.raw,
                    prose.figure.page,
                    table.figure.evidence,
                    table.figure.raw,
                    table.figure.page
                ),
                status: check_status(table.figure.amount, prose.figure.amount, allowed),
                expected: table.figure.amount,
                found: prose.figure.amount,
            })
        })
        .collect()
}

fn first<'a>(pool: &[&'a Found], key: &str) -> Option<&'a Found> {
    pool.iter().copied().find(|f| f.figure.figure == key)
}

/// The parts of `rule` stated in `pool` (first statement of each), a part not stated replaced by
/// the parts of the rule that sums it; `None` when too few are stated.
fn parts<'a>(
    vocabulary: &Vocabulary,
    rule: &CheckRule,
    pool: &[&'a Found],
    depth: usize,
) -> Option<Vec<&'a Found>> {
    if depth > MAX_DEPTH {
        return None;
    }
    let mut stated = Vec::new();
    let mut missing = 0;
    for key in &rule.parts {
        if let Some(part) = first(pool, key) {
            stated.push(part);
        } else if let Some(sub) = vocabulary
            .checks
            .iter()
            .filter(|r| r.total == *key)
            .find_map(|r| parts(vocabulary, r, pool, depth + 1))
        {
            stated.extend(sub);
        } else {
            missing += 1;
        }
    }
    let enough = match rule.min_parts {
        Some(min) => rule.parts.len() - missing >= min,
        None => missing == 0,
    };
    enough.then_some(stated)
}

fn sum_check(rule: &CheckRule, total: &Found, parts: &[&Found]) -> Check {
    let expected: Decimal = parts.iter().map(|p| p.figure.amount).sum();
    let allowed: Decimal = parts.iter().map(|p| p.half_unit).sum::<Decimal>() + total.half_unit;
    let terms: Vec<String> = parts
        .iter()
        .map(|p| format!("{} {}", p.figure.figure, p.figure.raw))
        .collect();
    Check {
        rule: format!("figures.{}", rule.rule),
        table: total.figure.table,
        row: total.row,
        page: Some(total.figure.page),
        column: total.column.clone(),
        side: total.side.clone(),
        detail: format!(
            "{} {} = {}",
            total.figure.figure,
            total.figure.raw,
            terms.join(" + ")
        ),
        status: check_status(expected, total.figure.amount, allowed),
        expected,
        found: total.figure.amount,
    }
}
