//! Stage 1: from a PDF file to pages of positioned glyphs and ruling lines.
//!
//! Every third-party PDF type stays inside this module; the rest of the crate sees only the
//! types of [`model`].

mod model;

pub use model::{Document, Glyph, Page, Rule, SourceInfo};
