//! Stage 5: the accounting identities every disclosure obeys (spec §5), reported with their
//! location and never fixed.
//!
//! Every check compares a printed amount (`found`) with the sum of other printed amounts
//! (`expected`). Its status is `pass` when they are equal, `rounding` when they differ by no
//! more than the printed precision allows (half a unit of the last printed digit per amount
//! involved) and `fail` otherwise. Only records count as inputs, and records are only made from
//! cells that parse as amounts in amount columns, outside column-index rows (`1 2 3 …`): a
//! misread index row or 序号 column never feeds a check.

mod rules;

use rust_decimal::Decimal;

use crate::normalize::printed_decimals;
use crate::recognize::AmountUnit;
use crate::report::{Check, CheckStatus, Record, TableReport};

pub use rules::check_document;

/// A table with what checks need to know about its amounts.
struct TableView<'a> {
    index: usize,
    report: &'a TableReport,
    yuan_factor: Decimal,
}

impl<'a> TableView<'a> {
    fn new(index: usize, report: &'a TableReport) -> TableView<'a> {
        let yuan_factor = report
            .amount_unit
            .as_deref()
            .and_then(AmountUnit::from_printed)
            .map_or(Decimal::ONE, AmountUnit::yuan_factor);
        TableView {
            index,
            report,
            yuan_factor,
        }
    }

    fn rule(&self, name: &str) -> String {
        format!("{}.{}", self.report.kind, name)
    }
}

/// A record with the rounding it may carry: half a unit of its last printed digit, in yuan.
#[derive(Clone, Copy)]
struct Amount<'a> {
    table: usize,
    record: &'a Record,
    half_unit: Decimal,
}

impl<'a> TableView<'a> {
    fn amount(&self, record: &'a Record) -> Amount<'a> {
        Amount {
            table: self.index,
            record,
            half_unit: half_unit(&record.raw, self.yuan_factor),
        }
    }
}

/// Compares `found` with the sum of `terms`; the check is located at `found`.
fn compare(rule: String, found: Amount, terms: &[Amount], detail: String) -> Check {
    let expected: Decimal = terms.iter().map(|t| t.record.amount).sum();
    let allowed: Decimal = terms.iter().map(|t| t.half_unit).sum::<Decimal>() + found.half_unit;
    let record = found.record;
    Check {
        rule,
        table: Some(found.table),
        row: Some(record.row),
        page: Some(record.page),
        column: Some(record.column.clone()),
        side: record.side.clone(),
        status: check_status(expected, record.amount, allowed),
        expected,
        found: record.amount,
        detail,
    }
}

/// Half a unit of the last digit printed in `raw`, in yuan (`866.53` in 万元 → 50): how far a
/// printed amount may be from the exact one through rounding.
pub fn half_unit(raw: &str, yuan_factor: Decimal) -> Decimal {
    Decimal::new(5, printed_decimals(raw) + 1) * yuan_factor
}

/// `pass` when `found` equals `expected`, `rounding` when they differ by no more than
/// `allowed` (the printed precision of every amount involved), else `fail`.
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

/// `2013150 事业运行` or `合计`: how a record is named in a check's detail.
fn describe(record: &Record) -> String {
    match &record.code {
        Some(code) => format!("{code} {}", record.item),
        None => record.item.clone(),
    }
}
