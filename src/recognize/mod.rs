//! Stage 3: classify tables against the catalogue of standard kinds and read document metadata.
//!
//! - [`Catalogue::standard`] is the catalogue bundled as `catalogue.toml` (spec §3): title
//!   patterns, header cues, layouts and header-label rules, as data.
//! - [`classify`] / [`classify_all`] turn a [`Table`](crate::table::Table) into a
//!   [`TableClass`]: kind (or `unknown`), amount unit, unit name, `no_data` and a canonical key
//!   for every grid column.
//! - [`document_meta`] reads unit, year and kind of disclosure from the cover and the titles.

mod catalogue;
mod classify;
mod header;
mod meta;
mod text;
mod title;

pub use catalogue::{Catalogue, CatalogueError, KindSpec, Layout};
pub use classify::{AmountUnit, ColumnInfo, TableClass, UNKNOWN_KIND, classify, classify_all};
pub use header::is_index_row;
pub use meta::document_meta;
pub use text::{item_name, squash};
pub use title::{TitleKey, title_key};
