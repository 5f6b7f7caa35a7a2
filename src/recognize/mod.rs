//! Stage 3: classify tables against the catalogue of standard kinds ([`crate::catalogue`]) and
//! read document metadata.
//!
//! - [`classify_all`] turns each [`Table`](crate::table::Table) of a document into a
//!   [`TableClass`]: kind (or `unknown`) weighed from its title's facets, row codes, header,
//!   the document's table of contents and the lines above it; amount unit, unit name,
//!   `no_data` and a canonical key for every grid column.
//! - [`document_meta`] reads unit, year and kind of disclosure from the cover, the titles and
//!   the prose.
//!
//! The stages after `table` run together in [`crate::pipeline::read`].

mod classify;
mod columns;
mod context;
mod continuity;
mod header;
mod meta;

// Recognition reads printed text against the catalogue: its callers pass the catalogue and
// compare text as recognition does.
pub use crate::catalogue::{Catalogue, UNKNOWN_KIND, item_name, squash};
pub use classify::{AmountUnit, KindSource, TableClass, classify, classify_all, classify_in};
pub use columns::{Band, ColumnInfo, ColumnKey, OTHER_ROLE};
pub use context::{ContentsEntry, DocumentContext};
pub use header::{HeaderPath, header_paths};
pub use meta::document_meta;
