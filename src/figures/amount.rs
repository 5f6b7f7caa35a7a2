//! Amounts in running text: a number with its unit (`213,895.03万元`, `0万元`, `72台`), as an
//! exact decimal in yuan (or a count). The number is read by [`parse_amount`], the rules of
//! table cells (thousands separators, full-width digits after NFKC). A zero needs no unit
//! (`公务用车购置费为0；`): it is zero in any.

use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use crate::catalogue::figures::{Measure, Vocabulary};
use crate::normalize::{parse_amount, printed_decimals};

/// One amount found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Amount {
    /// Byte offset of its first digit.
    pub start: usize,
    /// Byte offset just past its unit.
    pub end: usize,
    /// The number and unit as printed (`213,895.03万元`).
    pub raw: String,
    /// The value in yuan, or the count.
    pub value: Decimal,
    /// Half a unit of the last printed digit, in yuan (or things): how far the printed value
    /// may be from the exact one through rounding.
    pub half_unit: Decimal,
    /// What the unit counts; `None` for a zero printed without unit.
    pub measure: Option<Measure>,
}

impl Amount {
    /// Whether the amount can state a figure of `measure`.
    pub fn measures(&self, measure: Measure) -> bool {
        self.measure.is_none_or(|m| m == measure)
    }
}

/// The amounts of `text` (cleaned: NFKC, no spaces), in order. A number glued to a digit,
/// a decimal point or a letter before it is part of something else (`A4`, `12,3456元`) and
/// is skipped.
pub fn amounts(text: &str, vocabulary: &Vocabulary) -> Vec<Amount> {
    let mut amounts: Vec<Amount> = with_units(text, vocabulary)
        .chain(bare_zeros(text))
        .collect();
    amounts.sort_by_key(|a| a.start);
    amounts
}

fn with_units<'t>(text: &'t str, vocabulary: &'t Vocabulary) -> impl Iterator<Item = Amount> + 't {
    vocabulary
        .amount_pattern()
        .captures_iter(text)
        .filter_map(|captures| {
            let whole = captures.get(0)?;
            let number = captures.name("number")?.as_str();
            let unit_word = captures.name("unit")?.as_str();
            if glued_to_the_left(text, whole.start()) {
                return None;
            }
            let unit = vocabulary.units.iter().find(|u| u.word == unit_word)?;
            let value = parse_amount(number)?.checked_mul(unit.factor)?;
            if value > Decimal::from(MAX_AMOUNT) {
                return None;
            }
            Some(Amount {
                start: whole.start(),
                end: whole.end(),
                raw: whole.as_str().to_string(),
                value,
                half_unit: Decimal::new(5, printed_decimals(number) + 1) * unit.factor,
                measure: Some(unit.measure),
            })
        })
}

static BARE_ZERO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"为(0(?:\.0+)?)(?:[,;。:]|$)").expect("valid regex"));

/// `…购置费为0；`: a zero stated without unit, after 为 and before a clause mark.
fn bare_zeros(text: &str) -> impl Iterator<Item = Amount> + '_ {
    BARE_ZERO.captures_iter(text).filter_map(|captures| {
        let zero = captures.get(1)?;
        Some(Amount {
            start: zero.start(),
            end: zero.end(),
            raw: zero.as_str().to_string(),
            value: Decimal::ZERO,
            half_unit: Decimal::ZERO,
            measure: None,
        })
    })
}

/// No budget states more than this many yuan (10¹⁸); a longer number is not an amount, and
/// keeping amounts below it keeps every sum of them far from overflowing.
const MAX_AMOUNT: u64 = 1_000_000_000_000_000_000;

fn glued_to_the_left(text: &str, start: usize) -> bool {
    let mut before = text[..start].chars().rev();
    match before.next() {
        Some(c) if c.is_ascii_alphanumeric() || c == '.' => true,
        Some(',') => before.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn found(text: &str) -> Vec<(String, Decimal)> {
        amounts(text, Vocabulary::standard())
            .into_iter()
            .map(|a| (a.raw, a.value))
            .collect()
    }

    #[test]
    fn numbers_with_units_in_yuan() {
        assert_eq!(
            found("收入预算213,895.03万元,比上年增加2,756.37万元,增长1.31%。"),
            [
                ("213,895.03万元".to_string(), d("2138950300")),
                ("2,756.37万元".to_string(), d("27563700")),
            ]
        );
        assert_eq!(
            found("预算1.5亿元"),
            [("1.5亿元".to_string(), d("150000000"))]
        );
        assert_eq!(found("接待费3000元"), [("3000元".to_string(), d("3000"))]);
        assert_eq!(found("共有车辆72台"), [("72台".to_string(), d("72"))]);
        assert_eq!(found("0万元"), [("0万元".to_string(), d("0"))]);
    }

    #[test]
    fn numbers_without_units_or_glued_are_not_amounts() {
        assert!(found("增长1.31%,2026年,京办字〔2019〕21号").is_empty());
        assert!(found("12,3456万元").is_empty());
        assert!(found("A4纸").is_empty());
        assert!(found("(30万)").is_empty());
        assert!(found("99999999999999999999999999999999亿元").is_empty());
    }

    #[test]
    fn a_zero_needs_no_unit() {
        let amounts = amounts("公务用车购置费为0;运行费3.20万元", Vocabulary::standard());
        assert_eq!(amounts.len(), 2);
        assert_eq!((amounts[0].raw.as_str(), amounts[0].measure), ("0", None));
        assert!(amounts[0].measures(Measure::Money) && amounts[0].measures(Measure::Count));
        assert!(found("预算为0.5").is_empty());
    }

    #[test]
    fn rounding_is_half_a_unit_of_the_last_printed_digit() {
        let amounts = amounts("748.1万元,866.53万元,72台", Vocabulary::standard());
        assert_eq!(amounts[0].half_unit, d("500"));
        assert_eq!(amounts[1].half_unit, d("50"));
        assert_eq!(amounts[2].measure, Some(Measure::Count));
    }
}
