//! Stage 4: exact amounts in yuan, subject codes, hierarchy and canonical columns.
//!
//! - [`table_report`] turns a classified [`Table`](crate::table::Table) into a
//!   [`TableReport`](crate::report::TableReport) with one record per non-empty numeric cell.
//! - [`performance_form`] reads a 项目支出绩效目标 form into a
//!   [`PerformanceForm`](crate::report::PerformanceForm).
//! - [`parse_amount`] and [`printed_decimals`] are the amount rules of spec §4.

mod amount;
mod code;
mod form;
mod records;

pub use amount::{parse_amount, printed_decimals};
pub use form::performance_form;
pub use records::{is_total_item, table_report};

use crate::recognize::{Layout, TableClass};
use crate::report::{PerformanceForm, TableReport};
use crate::table::Table;

/// The reports of a document's tables, `classes` being their classification in the same order.
pub fn table_reports(tables: &[Table], classes: &[TableClass]) -> Vec<TableReport> {
    tables
        .iter()
        .zip(classes)
        .map(|(table, class)| table_report(table, class))
        .collect()
}

/// The 绩效目标 forms among a document's tables (those classified with the form layout),
/// each pointing at its table's index.
pub fn performance_forms(tables: &[Table], classes: &[TableClass]) -> Vec<PerformanceForm> {
    tables
        .iter()
        .zip(classes)
        .enumerate()
        .filter(|(_, (_, class))| class.layout == Layout::Form)
        .filter_map(|(index, (table, _))| performance_form(index, table))
        .collect()
}
