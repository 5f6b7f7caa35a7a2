//! Headline figures (spec §6): the same twenty-odd figures for every unit and year (收入总计,
//! 基本支出, the 三公 panel, 政府采购, vehicles …), read from the tables that carry them and
//! from the sentences of the 情况说明, with checks that prose and tables agree and that totals
//! equal their parts.
//!
//! - `text` joins the page text lines into [`Paragraph`]s across line and page breaks.
//! - `amount` finds amounts with their units in a paragraph.
//! - `label` decides which figure the words before an amount name.
//! - `prose` reads paragraphs: roles, enumerations, comparisons with the previous year.
//! - `tables` takes figures from table records.
//! - `checks` compares them.
//!
//! What words mean which figure is data: [`Vocabulary::standard`] is the `[figures.*]` sections
//! of the catalogue (`src/catalogue/catalogue.toml`).
//!
//! ```
//! use budgetpdf::figures::{self, Paragraph, Stage};
//! let paragraphs = [Paragraph::new("2026年财政拨款“三公”经费预算589.19万元，比2025年减少20.43万元。", 7)];
//! let found = figures::prose(&paragraphs, Stage::Budget, Some(2026));
//! assert_eq!(found[0].figure, "three_public_total");
//! assert_eq!(found[0].amount.to_string(), "5891900.00");
//! assert_eq!(found[0].previous.unwrap().to_string(), "6096200.00");
//! ```

mod amount;
mod checks;
mod label;
mod prose;
mod tables;
mod text;

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::pdf::Page;
use crate::report::{Check, DocumentKind, DocumentMeta, Figure, TableReport};

use crate::catalogue::figures::Vocabulary;
use crate::catalogue::years;
pub use prose::Stage;
pub use text::{Paragraph, paragraphs};

/// A figure with what its checks need to know: the rounding its printed digits allow and, for
/// a table cell, where the cell is.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The figure as reported.
    pub figure: Figure,
    /// Half a unit of its last printed digit, in yuan.
    pub half_unit: Decimal,
    /// Body row of the table cell.
    pub row: Option<usize>,
    /// Column key of the table cell.
    pub column: Option<String>,
    /// Side of the table cell in a two-sided table.
    pub side: Option<String>,
}

/// A document's figures and the checks on them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    /// The figures in page order (prose before tables on a page).
    pub figures: Vec<Figure>,
    /// `figures.*` checks.
    pub checks: Vec<Check>,
}

/// The figures of a document: from the prose of its `pages` and from its `tables`, with their
/// checks. `meta` gives the fiscal year and whether it is a budget or a final account.
pub fn document_figures(pages: &[Page], tables: &[TableReport], meta: &DocumentMeta) -> Figures {
    let vocabulary = Vocabulary::standard();
    let stage = stage(meta.kind);
    let paragraphs = text::paragraphs(pages);
    let year = meta.year.or_else(|| prevailing_year(&paragraphs));
    let mut found = prose::prose_figures(&paragraphs, vocabulary, stage, year);
    found.extend(tables::table_figures(
        tables,
        vocabulary,
        stage,
        year,
        meta.unit.as_deref(),
    ));
    let checks = checks::figure_checks(&found, vocabulary);
    let mut figures: Vec<Figure> = found.into_iter().map(|f| f.figure).collect();
    figures.sort_by_key(|f| f.page);
    Figures { figures, checks }
}

/// The figures stated by `paragraphs` alone (no checks), for a document of `stage` and fiscal
/// `year`.
pub fn prose(paragraphs: &[Paragraph], stage: Stage, year: Option<i32>) -> Vec<Figure> {
    prose::prose_figures(paragraphs, Vocabulary::standard(), stage, year)
        .into_iter()
        .map(|f| f.figure)
        .collect()
}

/// Final accounts state outturns; every other kind (budgets, unknown) is read as a budget.
fn stage(kind: DocumentKind) -> Stage {
    match kind {
        DocumentKind::UnitFinalAccount | DocumentKind::DepartmentFinalAccount => Stage::Final,
        _ => Stage::Budget,
    }
}

/// The year the text names most often, for a document whose metadata gave none.
fn prevailing_year(paragraphs: &[Paragraph]) -> Option<i32> {
    let mut counts: HashMap<i32, usize> = HashMap::new();
    for paragraph in paragraphs {
        for (_, year) in years(&paragraph.text) {
            *counts.entry(year).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|(year, n)| (*n, *year))
        .map(|(year, _)| year)
}
