//! Printed amounts → exact decimals (spec §4). Never floats.

use std::str::FromStr;
use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use crate::pdf::nfkc;

static PLAIN_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d+(?:\.\d+)?$").expect("valid regex"));

/// Cells that print "no value": no record is made for them.
const NO_VALUE: &[&str] = &["", "-", "--", "—", "——", "/", "－", "─"];

/// The amount a cell prints, in the printed unit: `1,234.56`, `1 234.56`, full-width digits,
/// `(12.00)` and `-12.00` (negative), `0.00` (zero). `-`, `—` and blank are no value (`None`),
/// as is anything that is not a number (`100%`, `≥95%`, text).
pub fn parse_amount(raw: &str) -> Option<Decimal> {
    let cleaned: String = nfkc(raw)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ',')
        .collect();
    if NO_VALUE.contains(&cleaned.as_str()) {
        return None;
    }
    let (negative, digits) =
        if let Some(inner) = cleaned.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
            (true, inner)
        } else if let Some(rest) = cleaned.strip_prefix('-') {
            (true, rest)
        } else {
            (false, cleaned.as_str())
        };
    if !PLAIN_NUMBER.is_match(digits) {
        return None;
    }
    let value = Decimal::from_str(digits).ok()?;
    Some(if negative { -value } else { value })
}

/// Whether a cell prints "no value": blank, `-`, `—`, `/`.
pub(crate) fn is_no_value(raw: &str) -> bool {
    let cleaned: String = nfkc(raw).chars().filter(|c| !c.is_whitespace()).collect();
    NO_VALUE.contains(&cleaned.as_str())
}

/// How many digits a printed amount has after the decimal point (`866.53` → 2, `4,431,000` → 0).
pub fn printed_decimals(raw: &str) -> u32 {
    let cleaned: String = nfkc(raw)
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    cleaned
        .split_once('.')
        .map_or(0, |(_, fraction)| fraction.len() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn printed_forms() {
        assert_eq!(parse_amount("1,234.56"), Some(d("1234.56")));
        assert_eq!(parse_amount("1 234.56"), Some(d("1234.56")));
        assert_eq!(parse_amount("１２３．４"), Some(d("123.4")));
        assert_eq!(parse_amount("(12.00)"), Some(d("-12.00")));
        assert_eq!(parse_amount("（12.00）"), Some(d("-12.00")));
        assert_eq!(parse_amount("-12.00"), Some(d("-12.00")));
        assert_eq!(parse_amount("0.00"), Some(d("0.00")));
        assert_eq!(parse_amount("5,131.706333"), Some(d("5131.706333")));
    }

    #[test]
    fn no_value_and_non_numbers() {
        for raw in [
            "", " ", "-", "—", "——", "/", "100%", "≥95%", "合计", "1-12月", "1.2.3",
        ] {
            assert_eq!(parse_amount(raw), None, "{raw:?}");
        }
    }

    #[test]
    fn decimals() {
        assert_eq!(printed_decimals("866.53"), 2);
        assert_eq!(printed_decimals("4,431,000"), 0);
        assert_eq!(printed_decimals("5,131.706333"), 6);
    }
}
