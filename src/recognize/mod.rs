//! Stage 3: classify tables against the catalogue of standard kinds and read document metadata.
//!
//! - [`Catalogue::standard`] is the catalogue bundled as `catalogue.toml` (spec §3): title
//!   patterns, header cues, layouts and header-label rules, as data.
//! - [`classify`] / [`classify_all`] turn a [`Table`](crate::table::Table) into a
//!   [`TableClass`]: kind (or `unknown`), amount unit, unit name, `no_data` and a canonical key
//!   for every grid column.
//! - [`document_meta`] reads unit, year and kind of disclosure from the cover and the titles.
//!
//! How the stages after `table` fit together for one document:
//!
//! ```
//! use budgetpdf::recognize::{self, Catalogue};
//! use budgetpdf::{normalize, validate};
//! # let tables: Vec<budgetpdf::table::Table> = Vec::new();
//! # let first_page_lines: Vec<String> = Vec::new();
//! let classes = recognize::classify_all(Catalogue::standard(), &tables);
//! let reports = normalize::table_reports(&tables, &classes);
//! let forms = normalize::performance_forms(&tables, &classes);
//! let checks = validate::check_document(&reports);
//! let meta = recognize::document_meta(&first_page_lines, &tables);
//! # let _ = (forms, checks, meta);
//! ```

mod catalogue;
mod classify;
mod header;
mod meta;
mod text;
mod title;

pub use catalogue::{Catalogue, CatalogueError, KindSpec, Layout};
pub use classify::{AmountUnit, ColumnInfo, TableClass, UNKNOWN_KIND, classify, classify_all};
pub use header::{HeaderPath, header_paths};
pub use meta::document_meta;
pub use text::{item_name, squash};
pub use title::{TitleKey, title_key};
