//! budgetpdf: turns the budget and final-account disclosures published by Chinese government
//! departments and units (部门/单位预算公开、决算公开) into clean, verified datasets.
//!
//! The pipeline runs one way, one module per stage:
//!
//! `pdf` → `table` → `recognize` → `normalize` → `validate` → `export`
//!
//! - [`pdf`] reads a file into pages of positioned glyphs and ruling lines.
//! - [`table`] rebuilds ruled grids, attaches titles and unit lines, stitches tables across pages.
//! - [`recognize`] classifies tables against the catalogue and reads document metadata.
//! - [`normalize`] turns cells into exact amounts in yuan, subject codes and canonical columns.
//! - [`validate`] checks the accounting identities every disclosure obeys.
//! - [`figures`] reads the headline figures from the tables and the 情况说明's sentences.
//! - [`export`] writes per-document JSON and batch-wide CSVs.
//!
//! [`pipeline`] chains the stages for one document.
//!
//! [`catalogue`] is not a stage but the data the stages share: every domain word they read
//! printed text with (table kinds and the facets of their titles, header labels, the
//! accounting identities, the words of unit lines, notes, covers and forms), in one data file
//! validated when loaded, with the text normalization comparisons with it go through. Any
//! stage reads it; it reads no stage.
//!
//! [`report`] holds the output model shared by the last stages (described for users in
//! `docs/output.md`).

pub mod catalogue;
pub mod export;
pub mod figures;
pub mod normalize;
pub mod pdf;
pub mod pipeline;
pub mod recognize;
pub mod report;
pub mod table;
pub mod validate;
