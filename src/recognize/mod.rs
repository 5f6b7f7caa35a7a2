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
//! How the stages after `table` fit together for one document:
//!
//! ```
//! use budgetpdf::recognize::{self, Catalogue, DocumentContext};
//! use budgetpdf::{normalize, validate};
//! # let tables: Vec<budgetpdf::table::Table> = Vec::new();
//! # let page_lines: Vec<Vec<String>> = Vec::new();
//! let catalogue = Catalogue::standard();
//! let context = DocumentContext::from_pages(catalogue, &page_lines);
//! let classes = recognize::classify_all(catalogue, &tables, &context);
//! let reports = normalize::table_reports(&tables, &classes);
//! let forms = normalize::performance_forms(&tables, &classes);
//! let checks = validate::check_document(&reports);
//! let meta = recognize::document_meta(catalogue, &page_lines, &tables, &classes);
//! # let _ = (forms, checks, meta);
//! ```

mod catalogue;
mod classify;
mod context;
mod continuity;
mod facets;
mod header;
mod meta;
mod text;
mod title;

pub use catalogue::{
    Catalogue, CatalogueError, DocumentWords, KindSpec, Layout, LineWords, Naming,
};
pub use classify::{
    AmountUnit, ColumnInfo, KindSource, TableClass, UNKNOWN_KIND, classify, classify_all,
    classify_in,
};
pub use context::{ContentsEntry, DocumentContext};
pub use facets::{FacetValue, Facets};
pub use header::{HeaderPath, header_paths};
pub use meta::document_meta;
pub use text::{item_name, squash};
pub use title::{Title, label_number, parse_title};
