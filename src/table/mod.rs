//! Stage 2: from pages of glyphs and rules to the document's tables, stitched across pages.

mod model;

pub use model::Table;
