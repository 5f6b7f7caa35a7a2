//! The per-document chain: `pdf → table → recognize → normalize → validate`, from a file's
//! bytes to its [`DocumentReport`]. One call converts one document; batches call it from worker
//! processes (see [`crate::export::isolate`]).

use std::fmt;
use std::io::{self, Read};
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::str::FromStr;

use sha2::{Digest, Sha256};

use crate::pdf::{self, Page, PdfError};
use crate::recognize::{self, Catalogue};
use crate::report::{Check, CheckStatus, DocumentReport, Source, Status, Warning};
use crate::{normalize, table, validate};

/// Settings of the whole chain.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Limits of the PDF layer.
    pub pdf: pdf::Settings,
    /// Tolerances of the table finder.
    pub table: table::Settings,
    /// A deliberate failure inside the chain, to prove that callers survive one. `None` in
    /// normal use; set by `budgetpdf convert --inject-fault` (a hidden option) in tests.
    pub fault: Option<Fault>,
}

/// The ways a document can go wrong inside the chain, for testing fault isolation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// A panic: a bug of ours, caught at the document boundary.
    Panic,
    /// An endless loop: stopped by the batch's time limit.
    Hang,
    /// Runaway allocation: stopped by the batch's memory limit.
    Memory,
    /// An abort: the process dies, as on a stack overflow.
    Abort,
}

const FAULT_NAMES: [(&str, Fault); 4] = [
    ("panic", Fault::Panic),
    ("hang", Fault::Hang),
    ("memory", Fault::Memory),
    ("abort", Fault::Abort),
];

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = FAULT_NAMES
            .iter()
            .find(|(_, fault)| fault == self)
            .map_or("", |(name, _)| name);
        f.write_str(name)
    }
}

impl FromStr for Fault {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        FAULT_NAMES
            .iter()
            .find(|(name, _)| *name == s)
            .map(|(_, fault)| *fault)
            .ok_or_else(|| format!("unknown fault `{s}` (panic, hang, memory or abort)"))
    }
}

/// Converts the document `bytes`, read from `path`, into its report. Never panics: a panic in
/// any stage (a bug of ours) is caught here and reported as a `failed` document.
pub fn convert_document(path: &Path, bytes: &[u8], settings: &Settings) -> DocumentReport {
    let source = Source {
        path: path.to_string_lossy().into_owned(),
        sha256: content_hash(bytes),
        ..Source::default()
    };
    match panic::catch_unwind(AssertUnwindSafe(|| chain(source.clone(), bytes, settings))) {
        Ok(report) => report,
        Err(payload) => DocumentReport::failure(
            source,
            Status::Failed,
            format!(
                "internal error: {}; this is a bug in budgetpdf, please report it with this file",
                panic_message(payload.as_ref())
            ),
        ),
    }
}

fn chain(source: Source, bytes: &[u8], settings: &Settings) -> DocumentReport {
    if let Some(fault) = settings.fault {
        inject(fault);
    }
    let document = match pdf::load(bytes, &settings.pdf) {
        Ok(document) => document,
        Err(error) => return unreadable(source, &error),
    };
    if is_truncated(bytes) {
        return DocumentReport::failure(source, Status::Failed, TRUNCATED.to_owned());
    }
    let source = Source {
        pages: document.info.page_count,
        producer: document.info.producer.clone(),
        encrypted: document.info.encrypted,
        text_layer: true,
        ..source
    };
    let extraction = table::extract(&document.pages, &settings.table);
    let classes = recognize::classify_all(Catalogue::standard(), &extraction.tables);
    let tables = normalize::table_reports(&extraction.tables, &classes);
    let forms = normalize::performance_forms(&extraction.tables, &classes);
    let checks = validate::check_document(&tables);
    let document_meta = recognize::document_meta(&cover_lines(&document.pages), &extraction.tables);
    let status = status(&extraction.warnings, &checks);
    let mut warnings = page_warnings(&document.pages);
    warnings.extend(
        extraction
            .warnings
            .into_iter()
            .map(|(page, message)| Warning {
                page: Some(page),
                message,
            }),
    );
    DocumentReport {
        source,
        document: document_meta,
        status,
        error: None,
        tables,
        forms,
        checks,
        warnings,
    }
}

/// `partial` when the table stage warned about grids it could not read as printed (ragged
/// rows, rules without a grid: some data may be missing) or when a check fails; else `ok`.
fn status(table_warnings: &[(u32, String)], checks: &[Check]) -> Status {
    if !table_warnings.is_empty() || checks.iter().any(|c| c.status == CheckStatus::Fail) {
        Status::Partial
    } else {
        Status::Ok
    }
}

/// The text lines of the first pages, where the cover (unit, year, kind of disclosure) is.
fn cover_lines(pages: &[Page]) -> Vec<String> {
    pages
        .iter()
        .take(COVER_PAGES)
        .flat_map(|page| pdf::text_lines(page).into_iter().map(|line| line.text))
        .collect()
}

/// Pages whose lines are read for the document's metadata: the cover, and the pages after it
/// where a file without cover prints its first titles.
const COVER_PAGES: usize = 3;

/// How close to the end of a complete PDF its last `%%EOF` marker lies: readers tolerate a few
/// trailing bytes (line ends, padding) after it.
const EOF_MARKER_WINDOW: usize = 1024;

/// Why a truncated file fails even when the PDF layer recovered some of its pages: what is
/// missing (pages, fonts, rows) cannot be known, so no figure from it can be trusted.
const TRUNCATED: &str = "truncated: the file ends without the %%EOF marker of a complete PDF (an interrupted download?)";

fn is_truncated(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(EOF_MARKER_WINDOW)..];
    !tail.windows(5).any(|window| window == b"%%EOF")
}

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
        PdfError::NoTextLayer => (Status::NoTextLayer, source),
        PdfError::TooLarge(_) | PdfError::Invalid(_) => (Status::Failed, source),
    };
    DocumentReport::failure(source, status, error.to_string())
}

/// The PDF layer's page warnings (fonts that could not be loaded, limits hit) in page order.
fn page_warnings(pages: &[Page]) -> Vec<Warning> {
    pages
        .iter()
        .flat_map(|page| {
            page.warnings.iter().map(|message| Warning {
                page: Some(page.number),
                message: message.clone(),
            })
        })
        .collect()
}

fn inject(fault: Fault) {
    match fault {
        Fault::Panic => panic!("injected fault"),
        Fault::Hang => loop {
            std::thread::sleep(std::time::Duration::from_secs(1));
        },
        Fault::Memory => {
            let mut hoard: Vec<Vec<u8>> = Vec::new();
            loop {
                hoard.push(std::hint::black_box(vec![1; 64 << 20]));
            }
        }
        Fault::Abort => std::process::abort(),
    }
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

/// SHA-256 of `bytes`, lowercase hex.
pub fn content_hash(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// SHA-256 of everything `reader` yields, lowercase hex; reads in blocks, so that hashing a
/// large file costs no memory.
pub fn content_hash_of(mut reader: impl Read) -> io::Result<String> {
    let mut hasher = Sha256::new();
    io::copy(&mut reader, &mut hasher)?;
    Ok(hex(&hasher.finalize()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_the_chain_becomes_a_failed_report() {
        let settings = Settings {
            fault: Some(Fault::Panic),
            ..Settings::default()
        };
        let report = convert_document(Path::new("in/x.pdf"), b"%PDF-1.7", &settings);
        assert_eq!(report.status, Status::Failed);
        assert_eq!(report.source.path, "in/x.pdf");
        let error = report.error.unwrap();
        assert!(
            error.starts_with("internal error: injected fault;"),
            "{error}"
        );
        assert!(error.contains("bug in budgetpdf"), "{error}");
    }

    fn real_pdf(name: &str) -> Vec<u8> {
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real");
        std::fs::read(corpus.join(name)).expect("the real corpus is at ../shared/corpus/real")
    }

    #[test]
    fn a_real_disclosure_is_read_and_a_truncated_copy_fails() {
        let bytes = real_pdf("js_2017_dept_budget_cppcc_tables.pdf");
        let report = convert_document(Path::new("a.pdf"), &bytes, &Settings::default());
        assert!(
            matches!(report.status, Status::Ok | Status::Partial),
            "{:?}",
            report.error
        );
        assert_eq!(report.source.pages, 13);
        assert!(report.source.text_layer);
        assert!(!report.tables.is_empty());
        assert!(report.tables.iter().any(|t| !t.records.is_empty()));
        assert_eq!(report.source.sha256, content_hash(&bytes));

        let cut = &bytes[..bytes.len() * 2 / 3];
        let report = convert_document(Path::new("a.pdf"), cut, &Settings::default());
        assert_eq!(report.status, Status::Failed);
        assert_eq!(report.error.as_deref(), Some(TRUNCATED));
    }

    #[test]
    fn unreadable_files_say_why() {
        let report = convert_document(Path::new("x.pdf"), b"plain text", &Settings::default());
        assert_eq!(report.status, Status::Failed);
        assert!(report.error.unwrap().starts_with("invalid PDF"));
        let scanned = real_pdf("changsha_2025_fund_allocation_scanned.pdf");
        let report = convert_document(Path::new("s.pdf"), &scanned, &Settings::default());
        assert_eq!(report.status, Status::NoTextLayer);
        assert!(!report.source.text_layer);
    }

    #[test]
    fn faults_are_named_both_ways() {
        for (name, fault) in FAULT_NAMES {
            assert_eq!(fault.to_string(), name);
            assert_eq!(name.parse::<Fault>(), Ok(fault));
        }
        assert!("crash".parse::<Fault>().is_err());
    }

    #[test]
    fn hashes_are_lowercase_hex_whichever_way_the_bytes_come() {
        let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assert_eq!(content_hash(b"abc"), abc);
        assert_eq!(content_hash_of(&b"abc"[..]).unwrap(), abc);
    }
}
