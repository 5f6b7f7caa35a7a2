//! Stage 5: the accounting identities every disclosure obeys (spec §5), reported with their
//! location and never fixed.
//!
//! The identities are data: each is a declared entry of the catalogue (`[[identity]]` in
//! `src/catalogue/catalogue.toml`: which kinds it applies to, its total, its parts and their
//! alternatives), interpreted by [`check_document`]. Every check compares a printed amount
//! (`found`) with the sum of other printed amounts (`expected`) by [`compare`]: `pass` when
//! they are equal, `rounding` when they differ by no more than the printed precision allows
//! (half a unit of the last printed digit per amount involved) and `fail` otherwise.
//!
//! Checks run on normalize's typed facts ([`TableFacts`]), and only on figures whose meaning
//! the header states: a figure of one band is never compared with another band's, a column
//! whose key is unknown stops the identities of its row, and a check across tables compares
//! figures that stand for the whole table or does not run.

mod compare;
mod interpret;

pub use compare::{Comparison, check_status, compare, half_unit};

use crate::catalogue::Catalogue;
use crate::normalize::TableFacts;
use crate::report::Check;

/// Every identity of `catalogue` over a document's tables (given in order).
pub fn check_document(catalogue: &Catalogue, tables: &[TableFacts]) -> Vec<Check> {
    interpret::check_document(catalogue, tables)
}
