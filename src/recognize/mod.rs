//! Stage 3: classify tables against the catalogue of standard kinds and read document metadata.
