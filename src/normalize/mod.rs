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
