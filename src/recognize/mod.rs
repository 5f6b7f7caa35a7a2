//! Stage 3: classify tables against the catalogue of standard kinds and read document metadata.
//!
//! - [`Catalogue::standard`] is the catalogue bundled as `catalogue.toml` (spec §3): the facets
//!   titles are made of, the kinds they name, header cues, layouts, header-label rules and the
//!   words of unit lines, no-data notes and covers, as data validated when loaded.
//! - [`classify_all`] turns each [`Table`](crate::table::Table) of a document into a
//!   [`TableClass`]: kind (or `unknown`) weighed from its title's facets, row codes, header,
//!   the document's table of contents and the lines above it; amount unit, unit name,
//!   `no_data` and a canonical key for every grid column.
//! - [`document_meta`] reads unit, year and kind of disclosure from the cover, the titles and
//!   the prose.
//!
//! The stages after `table` run together in [`crate::pipeline::read`].

mod catalogue;
mod classify;
mod columns;
mod context;
mod continuity;
mod facets;
mod header;
mod identities;
mod meta;
mod text;
mod title;

pub use catalogue::{
    BandKind, Catalogue, CatalogueError, CodePart, ColumnRule, DocumentWords, KindSpec, Layout,
    LineWords, Measure, Naming,
};
pub use classify::{
    AmountUnit, KindSource, TableClass, UNKNOWN_KIND, classify, classify_all, classify_in,
};
pub use columns::{Band, ColumnInfo, ColumnKey, OTHER_ROLE};
pub use context::{ContentsEntry, DocumentContext};
pub use facets::{FacetValue, Facets};
pub use header::{HeaderPath, header_paths};
pub use identities::{BALANCE_LINE_ITEM, Identity, ItemRule, Over, Side, TOTAL_ITEM, TableTerm};
pub use meta::document_meta;
pub use text::{Numbering, NumberingStyle, item_name, numbering, squash};
pub use title::{Title, label_number, parse_title};
