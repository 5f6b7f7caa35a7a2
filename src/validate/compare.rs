//! Comparing a printed figure with a sum of printed figures, with the rounding their printed
//! precision allows.

use rust_decimal::Decimal;

use crate::normalize::{Amount, printed_decimals};
use crate::report::CheckStatus;

/// The outcome of comparing a printed amount with a sum of printed amounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Comparison {
    /// `pass`, `rounding` or `fail`.
    pub status: CheckStatus,
    /// The sum of the terms, in yuan.
    pub expected: Decimal,
    /// The compared amount, in yuan.
    pub found: Decimal,
    /// The largest difference rounding explains, in yuan.
    pub allowed: Decimal,
}

impl Comparison {
    /// How far the amount is from the sum, in yuan.
    pub fn difference(&self) -> Decimal {
        (self.expected - self.found).abs()
    }
}

/// Compares the printed amount `found` with the sum of the printed amounts `terms` (one term:
/// a figure restated elsewhere). Equal is `pass`; a difference no larger than the rounding
/// their printed precision allows — half a unit of the last printed digit of `found` and of
/// each term (`866.53` 万元 may stand for anything within 50 yuan) — is `rounding`; more is
/// `fail`.
///
/// ```
/// use budgetpdf::normalize::Amount;
/// use budgetpdf::recognize::AmountUnit;
/// use budgetpdf::report::CheckStatus;
/// use budgetpdf::validate::compare;
/// use rust_decimal::Decimal;
///
/// let wan = |yuan: i64| Amount {
///     yuan: Decimal::from(yuan),
///     unit: Some(AmountUnit::TenThousandYuan),
///     decimals: 2,
/// };
/// // 110.77 万元 printed against items printed as 42.57 + 68.21 = 110.78 万元.
/// let c = compare(&wan(1_107_700), &[&wan(425_700), &wan(682_100)]);
/// assert_eq!(c.status, CheckStatus::Rounding);
/// assert_eq!(compare(&wan(100), &[&wan(100)]).status, CheckStatus::Pass);
/// ```
pub fn compare(found: &Amount, terms: &[&Amount]) -> Comparison {
    let expected: Decimal = terms.iter().map(|t| t.yuan).sum();
    let allowed = terms.iter().map(|t| t.half_unit()).sum::<Decimal>() + found.half_unit();
    Comparison {
        status: check_status(expected, found.yuan, allowed),
        expected,
        found: found.yuan,
        allowed,
    }
}

/// Half a unit of the last digit printed in `raw`, in yuan (`866.53` in 万元 → 50): how far a
/// printed amount may be from the exact one through rounding. For amounts read outside a
/// table's facts (figures in prose); [`Amount::half_unit`] is the same for a fact.
pub fn half_unit(raw: &str, yuan_factor: Decimal) -> Decimal {
    Decimal::new(5, printed_decimals(raw) + 1) * yuan_factor
}

/// `pass` when `found` equals `expected`, `rounding` when they differ by no more than
/// `allowed` (the printed precision of every amount involved, see [`half_unit`]), else `fail`.
pub fn check_status(expected: Decimal, found: Decimal, allowed: Decimal) -> CheckStatus {
    let difference = (expected - found).abs();
    if difference.is_zero() {
        CheckStatus::Pass
    } else if difference <= allowed {
        CheckStatus::Rounding
    } else {
        CheckStatus::Fail
    }
}
