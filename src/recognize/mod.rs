//! Stage 3: classify tables against the catalogue of standard kinds and read document metadata.
//!
//! - [`Catalogue::standard`] is the catalogue bundled as `catalogue.toml` (spec §3): title
//!   patterns, header cues, layouts and header-label rules, as data.
//! - [`classify`] / [`classify_all`] turn a [`Table`](crate::table::Table) into a
//!   [`TableClass`]: kind (or `unknown`), amount unit, unit name, `no_data` and a canonical key
//!   for every grid column.
//! - [`document_meta`] reads unit, year and kind of disclosure from the cover and the titles.
//!
//! The stages after `table` run together in [`crate::pipeline::read`].

mod catalogue;
mod classify;
mod columns;
mod header;
mod identities;
mod meta;
mod text;
mod title;

pub use catalogue::{
    BandKind, Catalogue, CatalogueError, CodePart, ColumnRule, KindSpec, Layout, Measure,
};
pub use classify::{AmountUnit, TableClass, UNKNOWN_KIND, classify, classify_all};
pub use columns::{Band, ColumnInfo, ColumnKey, OTHER_ROLE};
pub use header::{HeaderPath, header_paths, is_index_row};
pub use identities::{BALANCE_LINE_ITEM, Identity, ItemRule, Over, Side, TOTAL_ITEM, TableTerm};
pub use meta::document_meta;
pub use text::{Numbering, NumberingStyle, item_name, numbering, squash};
pub use title::{TitleKey, title_key};
