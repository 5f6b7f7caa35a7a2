//! Checks on figures: a figure stated in prose and in a table is the same amount
//! (`figures.prose_eq_table`), and totals equal their parts (`[[check]]` of the vocabulary),
//! within the rounding of the printed digits (spec §5, the rules of [`crate::validate`]).

use rust_decimal::Decimal;

use super::Found;
use crate::catalogue::figures::{CheckRule, Vocabulary};
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
            Some(Check {
                col: None,
                band: None,
                terms: Vec::new(),
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
                status: check_status(
                    table.figure.amount,
                    prose.figure.amount,
                    restatement_allowance(prose, table),
                ),
                expected: table.figure.amount,
                found: prose.figure.amount,
            })
        })
        .collect()
}

/// How far a figure restated in prose may be from the table's and still be `rounding`: half a
/// unit of each one's last printed digit, and, when the prose is printed coarser than the table,
/// a whole unit of the prose's: a sentence that restates 943,864,999.96 元 as 94386.49万元 cuts
/// the digits it drops instead of rounding them, and says the same figure.
fn restatement_allowance(prose: &Found, table: &Found) -> Decimal {
    let coarser = prose.half_unit > table.half_unit;
    let prose_allowance = if coarser {
        prose.half_unit * Decimal::TWO
    } else {
        prose.half_unit
    };
    prose_allowance + table.half_unit
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
        col: None,
        band: None,
        terms: Vec::new(),
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

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;
    use crate::report::Figure;

    fn found(figure: &str, source: FigureSource, amount: &str, half_unit: &str) -> Found {
        Found {
            figure: Figure {
                figure: figure.to_string(),
                amount: Decimal::from_str(amount).unwrap(),
                unit_of_measure: "元".to_string(),
                source,
                page: 1,
                table: (source == FigureSource::Table).then_some(0),
                previous: None,
                evidence: String::new(),
                raw: amount.to_string(),
            },
            half_unit: Decimal::from_str(half_unit).unwrap(),
            row: None,
            column: None,
            side: None,
        }
    }

    fn statuses(found: &[Found]) -> Vec<(String, CheckStatus)> {
        figure_checks(found, Vocabulary::standard())
            .into_iter()
            .map(|c| (c.rule, c.status))
            .collect()
    }

    #[test]
    fn prose_against_table_within_printed_precision() {
        use FigureSource::{Prose, Table};
        let check = |prose: &str, half: &str| {
            statuses(&[
                found("basic_expenditure", Table, "93129300", "50"),
                found("basic_expenditure", Prose, prose, half),
            ])
        };
        let rule = "figures.prose_eq_table".to_string();
        assert_eq!(check("93129300", "50"), [(rule.clone(), CheckStatus::Pass)]);
        // 9312.9万元 printed to one decimal: within 500 yuan of 9312.93万元.
        assert_eq!(
            check("93129000", "500"),
            [(rule.clone(), CheckStatus::Rounding)]
        );
        assert_eq!(
            check("93139000", "500"),
            [(rule.clone(), CheckStatus::Fail)]
        );
        // Cut rather than rounded: 9312.9万元 for 9312.99万元 is a restatement, a tenth apart is not.
        let cut = |prose: &str| {
            statuses(&[
                found("basic_expenditure", Table, "93129900", "50"),
                found("basic_expenditure", Prose, prose, "500"),
            ])
        };
        assert_eq!(cut("93129000"), [(rule.clone(), CheckStatus::Rounding)]);
        assert_eq!(cut("93128000"), [(rule.clone(), CheckStatus::Fail)]);
        // Printed as finely as the table, a restatement is held to half a unit of each.
        assert_eq!(
            check("93129400", "50"),
            [(rule.clone(), CheckStatus::Rounding)]
        );
        assert_eq!(check("93129100", "50"), [(rule, CheckStatus::Fail)]);
    }

    #[test]
    fn totals_equal_their_parts_a_missing_part_replaced_by_its_own_parts() {
        use FigureSource::Prose;
        let three_public = [
            found("three_public_total", Prose, "2179000", "50"),
            found("abroad", Prose, "0", "50"),
            found("reception", Prose, "0", "50"),
            found("vehicle_purchase", Prose, "0", "50"),
            found("vehicle_operation", Prose, "2179000", "50"),
        ];
        assert_eq!(
            statuses(&three_public),
            [(
                "figures.three_public_eq_items".to_string(),
                CheckStatus::Pass
            )]
        );
        // Procurement: two parts of three are enough, the third counts as zero.
        let procurement = [
            found("procurement_total", Prose, "687072200", "50"),
            found("procurement_goods", Prose, "285570200", "50"),
            found("procurement_services", Prose, "401502000", "500"),
        ];
        assert_eq!(
            statuses(&procurement),
            [(
                "figures.procurement_eq_goods_works_services".to_string(),
                CheckStatus::Pass
            )]
        );
        // Expenditure needs three of its parts.
        let expenditure = [
            found("expenditure_total", Prose, "100", "0"),
            found("basic_expenditure", Prose, "60", "0"),
            found("project_expenditure", Prose, "30", "0"),
        ];
        assert!(statuses(&expenditure).is_empty());
    }
}
