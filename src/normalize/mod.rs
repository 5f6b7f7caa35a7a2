//! Stage 4: exact amounts in yuan, subject codes, hierarchy and canonical columns.
