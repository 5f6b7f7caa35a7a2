//! The words of header cells that say what a column is whatever the table's kind
//! (`[headers]` in the catalogue): amounts, sequence numbers, column numbers.

use serde::Deserialize;

use super::{CatalogueError, words};

/// Header labels every kind of table may print.
#[derive(Debug, Clone)]
pub struct HeaderWords {
    /// Header labels that head amounts in any kind of table (`合计`, `金额`), squashed.
    pub amount_headers: Vec<String>,
    /// Header labels of a column of sequence numbers (`序号`), squashed.
    pub sequence_labels: Vec<String>,
    /// What a row numbering the columns prints in its label columns besides numbers
    /// (`栏次`, `甲`), squashed.
    pub index_labels: Vec<String>,
}

/// `[headers]` as written in the file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct HeadersFile {
    amount_headers: Vec<String>,
    sequence_labels: Vec<String>,
    index_labels: Vec<String>,
}

impl HeaderWords {
    pub(super) fn new(file: &HeadersFile) -> Result<HeaderWords, CatalogueError> {
        Ok(HeaderWords {
            amount_headers: words("headers.amount_headers", &file.amount_headers)?,
            sequence_labels: words("headers.sequence_labels", &file.sequence_labels)?,
            index_labels: words("headers.index_labels", &file.index_labels)?,
        })
    }

    /// Whether a cell of a column-number row (without whitespace) is one of its labels.
    pub fn is_index_label(&self, cell: &str) -> bool {
        self.index_labels.iter().any(|l| l == cell)
    }
}
