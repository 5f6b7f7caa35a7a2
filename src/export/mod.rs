//! Stage 6: per-document JSON and batch-wide CSVs, written atomically.
