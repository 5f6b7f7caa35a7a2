//! Stage 4: exact amounts in yuan, subject codes, hierarchy and canonical columns.
//!
//! - [`table_facts`] reads a classified [`Table`] into its
//!   [`TableFacts`]: the typed figures validate checks ([`Fact`]: side, level, column key,
//!   unit, printed precision) and the numbers that are not money ([`Attribute`]).
//! - [`table_report`] writes them as the report's [`TableReport`].
//! - every number printed in a table's area is accounted for: a fact, an attribute, or
//!   explained; what is not is [`TableFacts::unexplained`].
//! - [`performance_form`] reads a 项目支出绩效目标 form into a
//!   [`PerformanceForm`].
//! - [`parse_amount`] and [`printed_decimals`] are the amount rules of spec §4.

mod amount;
mod code;
mod coverage;
mod facts;
mod form;
mod records;

pub use amount::{parse_amount, printed_decimals};
pub use coverage::{Unexplained, Why};
pub use facts::{Amount, Attribute, Fact, Level, RowName, Side, TableFacts};
pub use form::performance_form;
pub use records::{table_facts, table_report};

use crate::catalogue::Layout;
use crate::recognize::TableClass;
use crate::report::{PerformanceForm, TableReport};
use crate::table::Table;

/// The facts of a document's tables, `classes` being their classification in the same order.
pub fn document_facts(tables: &[Table], classes: &[TableClass]) -> Vec<TableFacts> {
    tables
        .iter()
        .zip(classes)
        .enumerate()
        .map(|(index, (table, class))| table_facts(index, table, class))
        .collect()
}

/// The reports of a document's tables, from their classification and facts (all in the same
/// order).
pub fn table_reports(
    tables: &[Table],
    classes: &[TableClass],
    facts: &[TableFacts],
) -> Vec<TableReport> {
    tables
        .iter()
        .zip(classes)
        .zip(facts)
        .map(|((table, class), facts)| table_report(table, class, facts))
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
