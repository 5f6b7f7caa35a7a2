//! The per-document chain: `pdf → table → recognize → normalize → validate`, with `figures`
//! read beside the last two, from a file's bytes to everything each stage learned ([`run`]) or
//! to the document's report ([`convert_document`]). Every caller goes through here: `budgetpdf convert` (in worker
//! processes, see [`crate::export::isolate`]), `budgetpdf tables`, the benchmarks and the tests.

use std::panic::{self, AssertUnwindSafe};

use crate::catalogue::Catalogue;
use crate::pdf::{self, Page, PageWarning, PdfError};
use crate::recognize::{self, DocumentContext, TableClass};
use crate::report::{
    Check, CheckStatus, DocumentMeta, DocumentReport, Figure, PerformanceForm, Severity, Source,
    Status, TableReport, Warning, WarningKind,
};

use crate::normalize::TableFacts;
use crate::table::{self, TableWarning};
use crate::{figures, normalize, validate};

/// Settings of the whole chain.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Limits of the PDF layer.
    pub pdf: pdf::Settings,
    /// Tolerances of the table finder.
    pub table: table::Settings,
}

/// What each stage learned about one document, in the order the stages run.
#[derive(Debug, Clone)]
pub struct Run {
    /// The PDF stage's pages of glyphs and rules, and facts about the file.
    pub document: pdf::Document,
    /// The table stage's tables, stitched across pages, as printed.
    pub extraction: table::Extraction,
    /// Recognition of each table, parallel to `extraction.tables`.
    pub classes: Vec<TableClass>,
    /// Unit, year and kind of the document.
    pub meta: DocumentMeta,
    /// The typed figures of each table, parallel to `extraction.tables`: what the checks ran on.
    pub facts: Vec<TableFacts>,
    /// Each table with its records, parallel to `extraction.tables`.
    pub tables: Vec<TableReport>,
    /// The 绩效目标 forms among the tables.
    pub forms: Vec<PerformanceForm>,
    /// The headline figures, from tables and prose.
    pub figures: Vec<Figure>,
    /// The accounting checks, those on the figures included.
    pub checks: Vec<Check>,
    /// Every stage's warnings, in stage order.
    pub warnings: Vec<Warning>,
}

impl Run {
    /// `partial` when a warning says something printed may be missing or unread, or when a
    /// check fails; else `ok`.
    pub fn status(&self) -> Status {
        let incomplete = self
            .warnings
            .iter()
            .any(|w| w.severity() == Severity::Incomplete);
        let failing = self.checks.iter().any(|c| c.status == CheckStatus::Fail);
        if incomplete || failing {
            Status::Partial
        } else {
            Status::Ok
        }
    }

    /// The report of the run, `source` completed with what the PDF stage read.
    pub fn into_report(self, source: Source) -> DocumentReport {
        let status = self.status();
        let info = &self.document.info;
        let source = Source {
            pages: info.page_count,
            producer: info.producer.clone(),
            encrypted: info.encrypted,
            text_layer: true,
            ..source
        };
        DocumentReport {
            source,
            document: self.meta,
            status,
            error: None,
            tables: self.tables,
            forms: self.forms,
            figures: self.figures,
            checks: self.checks,
            warnings: self.warnings,
        }
    }
}

/// What the stages after `table` learned about a document's tables.
#[derive(Debug, Clone)]
pub struct Reading {
    /// Recognition of each table.
    pub classes: Vec<TableClass>,
    /// The typed figures of each table.
    pub facts: Vec<TableFacts>,
    /// Each table with its records.
    pub tables: Vec<TableReport>,
    /// The 绩效目标 forms among the tables.
    pub forms: Vec<PerformanceForm>,
    /// The accounting checks.
    pub checks: Vec<Check>,
    /// Recognition's and normalization's warnings.
    pub warnings: Vec<Warning>,
}

/// Runs recognize → normalize → validate over a document's tables (as the table stage
/// delivers them, in order), with `catalogue`; `context` is what the document's pages say
/// about its tables (its 目录), [`DocumentContext::default`] when only the tables are known.
pub fn read(catalogue: &Catalogue, tables: &[table::Table], context: &DocumentContext) -> Reading {
    let classes = recognize::classify_all(catalogue, tables, context);
    let facts = normalize::document_facts(tables, &classes);
    let reports = normalize::table_reports(tables, &classes, &facts);
    let forms = normalize::performance_forms(tables, &classes);
    let checks = validate::check_document(catalogue, &facts);
    let warnings = classes
        .iter()
        .zip(tables)
        .flat_map(|(class, table)| class.warnings(table))
        .chain(coverage_warnings(tables, &facts))
        .collect();
    Reading {
        classes,
        facts,
        tables: reports,
        forms,
        checks,
        warnings,
    }
}

/// Runs every stage over the document `bytes`. The error is the PDF stage's: a file that is
/// not a readable PDF, encrypted, scanned, truncated or too large.
pub fn run(bytes: &[u8], settings: &Settings) -> Result<Run, PdfError> {
    let document = pdf::load(bytes, &settings.pdf)?;
    let extraction = table::extract(&document.pages, &settings.table);
    let catalogue = Catalogue::standard();
    let lines = first_pages_lines(&document.pages, &settings.table);
    let context = DocumentContext::from_pages(catalogue, &lines);
    let Reading {
        classes,
        facts,
        tables,
        forms,
        mut checks,
        warnings: reading_warnings,
    } = read(catalogue, &extraction.tables, &context);
    let meta = recognize::document_meta(catalogue, &lines, &extraction.tables, &classes);
    let figures = figures::document_figures(&document.pages, &tables, &meta);
    checks.extend(figures.checks);
    let warnings = page_warnings(&document.pages)
        .chain(extraction.warnings.iter().map(table_warning))
        .chain(reading_warnings)
        .collect();
    Ok(Run {
        document,
        extraction,
        classes,
        meta,
        facts,
        tables,
        forms,
        figures: figures.figures,
        checks,
        warnings,
    })
}

/// Converts the document `bytes` into its report; `source` says where the bytes came from
/// (`path`, `sha256`) and is completed from the file. Never panics: see [`guarded`].
pub fn convert_document(source: Source, bytes: &[u8], settings: &Settings) -> DocumentReport {
    guarded(source, |source| match run(bytes, settings) {
        Ok(run) => run.into_report(source),
        Err(error) => unreadable(source, &error),
    })
}

/// Calls `convert`, turning a panic inside it (a bug of ours) into a `failed` report of
/// `source`, so that one document's bug never takes down the documents converted beside it.
pub fn guarded(source: Source, convert: impl FnOnce(Source) -> DocumentReport) -> DocumentReport {
    let kept = source.clone();
    match panic::catch_unwind(AssertUnwindSafe(|| convert(source))) {
        Ok(report) => report,
        Err(payload) => DocumentReport::failure(
            kept,
            Status::Failed,
            format!(
                "internal error: {}; this is a bug in budgetpdf, please report it with this file",
                panic_message(payload.as_ref())
            ),
        ),
    }
}

/// The text lines of the first pages, page by page: the cover (unit, year, kind of
/// disclosure) and the table of contents, read the way the table stage reads titles.
fn first_pages_lines(pages: &[Page], settings: &table::Settings) -> Vec<Vec<String>> {
    pages
        .iter()
        .take(FIRST_PAGES)
        .map(|page| {
            table::text_lines(page, settings)
                .into_iter()
                .map(|line| line.text)
                .collect()
        })
        .collect()
}

/// Pages read for the document's cover and its table of contents.
const FIRST_PAGES: usize = 8;

/// The report of a file the PDF layer could not read.
fn unreadable(source: Source, error: &PdfError) -> DocumentReport {
    let (status, source) = match error {
        PdfError::Encrypted => (
            Status::Encrypted,
            Source {
                encrypted: true,
                ..source
            },
        ),
        PdfError::NoTextLayer { pages } => (
            Status::NoTextLayer,
            Source {
                pages: *pages,
                ..source
            },
        ),
        PdfError::TooLarge(_)
        | PdfError::Invalid(_)
        | PdfError::NotPdf(_)
        | PdfError::Truncated => (Status::Failed, source),
    };
    DocumentReport::failure(source, status, error.to_string())
}

/// The PDF layer's page warnings in page order.
fn page_warnings(pages: &[Page]) -> impl Iterator<Item = Warning> + '_ {
    pages.iter().flat_map(|page| {
        page.warnings.iter().map(|warning| {
            let kind = match warning {
                PageWarning::ContentTooLarge { .. } | PageWarning::Truncated(_) => {
                    WarningKind::PageLimit
                }
                PageWarning::GlyphsWithoutText(_) => WarningKind::GlyphsWithoutText,
                PageWarning::FontUnreadable(_) => WarningKind::FontUnreadable,
                PageWarning::DrawingSkipped(_) => WarningKind::DrawingSkipped,
            };
            Warning::new(kind, Some(page.number), warning.to_string())
        })
    })
}

/// The numbers printed in the tables that no record holds and nothing explains.
fn coverage_warnings<'a>(
    tables: &'a [table::Table],
    facts: &'a [TableFacts],
) -> impl Iterator<Item = Warning> + 'a {
    tables.iter().zip(facts).flat_map(|(table, facts)| {
        facts
            .unexplained
            .iter()
            .map(move |found| found.warning(facts.index, table.title.as_deref()))
    })
}

fn table_warning(warning: &TableWarning) -> Warning {
    let (kind, page) = match warning {
        TableWarning::RulesWithoutGrid { page, .. } => (WarningKind::RulesWithoutGrid, *page),
    };
    Warning::new(kind, Some(page), warning.to_string())
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> &str {
    if let Some(message) = payload.downcast_ref::<&str>() {
        message
    } else if let Some(message) = payload.downcast_ref::<String>() {
        message
    } else {
        "a panic without message"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(path: &str) -> Source {
        Source {
            path: path.to_string(),
            ..Source::default()
        }
    }

    #[test]
    fn a_panic_becomes_a_failed_report() {
        let report = guarded(source("in/x.pdf"), |_| panic!("injected fault"));
        assert_eq!(report.status, Status::Failed);
        assert_eq!(report.source.path, "in/x.pdf");
        let error = report.error.unwrap();
        assert!(
            error.starts_with("internal error: injected fault;"),
            "{error}"
        );
        assert!(error.contains("bug in budgetpdf"), "{error}");
    }

    fn fixture(name: &str) -> Vec<u8> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real");
        std::fs::read(dir.join(name)).unwrap()
    }

    #[test]
    fn a_real_disclosure_is_read_and_a_truncated_copy_fails() {
        let bytes = fixture("jiangsu_2018_dept_budget_partyoffice_distiller.pdf");
        let report = convert_document(source("a.pdf"), &bytes, &Settings::default());
        assert!(
            matches!(report.status, Status::Ok | Status::Partial),
            "{:?}",
            report.error
        );
        assert_eq!(report.source.pages, 15);
        assert!(report.source.text_layer);
        assert!(report.tables.iter().any(|t| !t.records.is_empty()));

        let cut = &bytes[..bytes.len() * 2 / 3];
        let report = convert_document(source("a.pdf"), cut, &Settings::default());
        assert_eq!(report.status, Status::Failed);
        assert_eq!(report.error, Some(PdfError::Truncated.to_string()));
    }

    #[test]
    fn unreadable_files_say_why() {
        let report = convert_document(source("x.pdf"), b"plain text", &Settings::default());
        assert_eq!(report.status, Status::Failed);
        assert_eq!(report.error.unwrap(), "not a PDF: a text file");
        let report = convert_document(source("x.pdf"), b"%PDF-1.4 junk", &Settings::default());
        assert!(report.error.unwrap().starts_with("invalid PDF"));
    }

    #[test]
    fn the_run_keeps_every_stage_and_its_status_follows_warnings_and_checks() {
        let bytes = fixture("shanghai_2026_unit_budget_farms_excel.pdf");
        let mut run = run(&bytes, &Settings::default()).unwrap();
        assert_eq!(run.extraction.tables.len(), run.classes.len());
        assert_eq!(run.extraction.tables.len(), run.tables.len());
        assert!(!run.checks.is_empty());
        run.warnings.clear();
        run.checks.retain(|c| c.status != CheckStatus::Fail);
        assert_eq!(run.status(), Status::Ok);
        run.warnings
            .push(Warning::new(WarningKind::UntitledTable, Some(1), "x"));
        assert_eq!(run.status(), Status::Ok);
        run.warnings
            .push(Warning::new(WarningKind::FontUnreadable, Some(1), "x"));
        assert_eq!(run.status(), Status::Partial);
    }
}
