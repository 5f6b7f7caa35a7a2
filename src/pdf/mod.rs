//! Stage 1: from a PDF file to pages of positioned glyphs and ruling lines.
//!
//! Every third-party PDF type stays inside this module; the rest of the crate sees only the
//! types re-exported here ([`Document`], [`Page`], [`Glyph`], [`Rule`], [`TextLine`]). The
//! engine is hayro (syntax + interpreter); skrifa reverses embedded font cmaps for fonts
//! without `/ToUnicode`.
//!
//! What a [`Page`] holds, in order of the steps that make it:
//! - glyphs in content order, with text from `/ToUnicode`, glyph names or predefined CMaps
//!   (hayro), else the embedded font's reversed cmap (counted in `font_cmap_fallbacks`);
//!   `/ActualText` spans replace their glyphs' text (Chromium); NFKC-normalised; spaces dropped
//!   (gaps carry word breaks); glyphs whose baseline origin is off the page dropped (as
//!   poppler); a copy drawn within 0.1 × size along and 0.2 × size across the line (fake bold,
//!   shadows) dropped and the original marked bold, as is fill + stroke text; glyphs a clip
//!   path hides (see `device::hides`) set apart in `hidden_glyphs`;
//! - glyph boxes one em tall from [`ASCENT`] above to [`DESCENT`] below the baseline and one
//!   advance wide, in points, origin top-left of the displayed page (after `/Rotate` and the
//!   CropBox), y down;
//! - rules from stroked axis-aligned segments no wider than 3 pt and thin filled shapes (see
//!   `rules`), white paint ignored, parallel pieces within 3 pt snapped to one line and
//!   collinear pieces within 3 pt joined: the rules as the table stage takes them;
//! - `text_rotation`, the direction most glyphs run; [`upright`] turns a sideways page.
//!
//! [`text_lines`] then reads a page in order: rows by glyph centre, split where the gap exceeds
//! two sizes or a vertical rule passes between two glyphs.
//!
//! ```no_run
//! let bytes = std::fs::read("budget.pdf").unwrap();
//! let document = budgetpdf::pdf::load(&bytes, &budgetpdf::pdf::Settings::default()).unwrap();
//! for line in budgetpdf::pdf::text_lines(&document.pages[0]) {
//!     println!("{}", line.text);
//! }
//! ```

mod dedupe;
mod device;
mod inflation;
mod lines;
mod model;
mod orientation;
mod rules;
mod sniff;
mod unicode;

use std::panic::{self, AssertUnwindSafe};
use std::sync::{Arc, Mutex};

use hayro_interpret::hayro_syntax::page::{Page as EnginePage, Rotation};
use hayro_interpret::hayro_syntax::{DecryptionError, LoadPdfError, Pdf};
use hayro_interpret::kurbo::{Affine, Rect};
use hayro_interpret::{
    Context, InterpreterCache, InterpreterSettings, InterpreterWarning, interpret_page,
};

pub use lines::{page_text, text_lines};
pub use model::{ASCENT, DESCENT, Document, Glyph, Page, PageWarning, Rule, SourceInfo, TextLine};
pub use orientation::upright;
pub use unicode::nfkc;

use device::Collector;
use unicode::UnicodeResolver;

/// Limits that keep the work on one file bounded, whatever the file contains. The defaults are
/// far above anything a real disclosure needs. (hayro itself caps the nesting of forms, patterns
/// and Type 3 glyphs at 50 levels and of objects at 512.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Files larger than this many bytes are refused with [`PdfError::TooLarge`].
    pub max_file_bytes: usize,
    /// Documents with more pages are refused with [`PdfError::TooLarge`].
    pub max_pages: usize,
    /// A page whose decoded content stream is longer than this many bytes is not interpreted;
    /// it comes back empty with a warning.
    pub max_content_bytes: usize,
    /// A document holding any stream (content, font, image, form…) that decodes to more than
    /// this many bytes (a decompression bomb) is refused with [`PdfError::TooLarge`] before any
    /// page is interpreted. Streams whose stored length proves them smaller are not decoded
    /// for this check; the others are inflated into a counter that stops past the limit.
    /// Not covered: LZW, run-length and ASCII85 stages, and object streams (see `inflation`).
    pub max_decoded_stream_bytes: u64,
    /// Glyphs kept per page; the rest are dropped with a warning.
    pub max_glyphs_per_page: usize,
    /// Candidate rule segments kept per page; the rest are dropped with a warning.
    pub max_segments_per_page: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            max_file_bytes: 512 << 20,
            max_pages: 5_000,
            max_content_bytes: 64 << 20,
            max_decoded_stream_bytes: 256 << 20,
            max_glyphs_per_page: 200_000,
            max_segments_per_page: 500_000,
        }
    }
}

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// The file is encrypted and needs a non-empty user password to open.
    #[error("encrypted: the file needs a password to open")]
    Encrypted,
    /// No page has any text, but there are images: a scan without OCR.
    #[error("no text layer: the {pages} pages are images only (a scan?)")]
    NoTextLayer {
        /// The document's page count.
        pages: usize,
    },
    /// The file is not a PDF at all; says what it looks like instead (`an HTML page`).
    #[error("not a PDF: {0}")]
    NotPdf(&'static str),
    /// The file ends before the end-of-file marker of a complete PDF.
    #[error(
        "truncated: the file ends without the %%EOF marker of a complete PDF (an interrupted download?)"
    )]
    Truncated,
    /// The file exceeds one of the [`Settings`] limits.
    #[error("too large: {0}")]
    TooLarge(String),
    /// The file is not a readable PDF.
    #[error("invalid PDF: {0}")]
    Invalid(String),
}

/// Reads a PDF into pages of glyphs and rules.
///
/// Page-level problems (fonts that cannot be loaded, limits hit on one page) do not fail the
/// document; they are recorded in [`Page::warnings`]. A panic inside the PDF engine is caught
/// here as a last resort and reported as [`PdfError::Invalid`].
pub fn load(bytes: &[u8], settings: &Settings) -> Result<Document, PdfError> {
    if bytes.len() > settings.max_file_bytes {
        return Err(PdfError::TooLarge(format!(
            "{} bytes (limit {})",
            bytes.len(),
            settings.max_file_bytes
        )));
    }
    if let Some(what) = sniff::not_a_pdf(bytes) {
        return Err(PdfError::NotPdf(what));
    }
    let document = panic::catch_unwind(AssertUnwindSafe(|| load_unguarded(bytes, settings)))
        .unwrap_or_else(|payload| {
            let reason = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(PdfError::Invalid(format!(
                "the PDF engine failed: {reason}"
            )))
        })?;
    // Checked after reading, so that a file that is no PDF at all says so rather than
    // "truncated". A truncated file whose pages could be recovered still fails: what is missing
    // (pages, fonts, rows) cannot be known, so no figure from it can be trusted.
    if sniff::is_truncated(bytes) {
        return Err(PdfError::Truncated);
    }
    Ok(document)
}

fn load_unguarded(bytes: &[u8], settings: &Settings) -> Result<Document, PdfError> {
    let pdf = Pdf::new(bytes.to_vec()).map_err(open_error)?;
    let engine_pages = pdf.pages();
    if engine_pages.is_empty() {
        return Err(PdfError::Invalid("the document has no pages".to_string()));
    }
    if engine_pages.len() > settings.max_pages {
        return Err(PdfError::TooLarge(format!(
            "{} pages (limit {})",
            engine_pages.len(),
            settings.max_pages
        )));
    }
    if let Some(bomb) = inflation::find_bomb(&pdf, settings.max_decoded_stream_bytes) {
        return Err(PdfError::TooLarge(bomb));
    }
    let warnings = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&warnings);
    let interpreter_settings = InterpreterSettings {
        warning_sink: Arc::new(move |w| sink.lock().map(|mut v| v.push(w)).unwrap_or(())),
        ..InterpreterSettings::default()
    };
    let cache = InterpreterCache::new();
    let mut resolver = UnicodeResolver::default();
    let mut pages = Vec::with_capacity(engine_pages.len());
    for (index, engine_page) in engine_pages.iter().enumerate() {
        let mut page = read_page(
            engine_page,
            index,
            &pdf,
            &cache,
            &interpreter_settings,
            &mut resolver,
            settings,
        );
        let drained = warnings
            .lock()
            .map(|mut v| std::mem::take(&mut *v))
            .unwrap_or_default();
        page.warnings.extend(summarise_warnings(&drained));
        pages.push(page);
    }
    if pages.iter().all(|p| p.glyphs.is_empty()) && pages.iter().any(|p| p.images > 0) {
        return Err(PdfError::NoTextLayer { pages: pages.len() });
    }
    Ok(Document {
        info: SourceInfo {
            producer: pdf.metadata().producer.as_deref().map(decode_text_string),
            encrypted: declares_encryption(bytes),
            page_count: pages.len(),
        },
        pages,
    })
}

fn open_error(error: LoadPdfError) -> PdfError {
    match error {
        LoadPdfError::Decryption(DecryptionError::PasswordProtected) => PdfError::Encrypted,
        LoadPdfError::Decryption(other) => PdfError::Invalid(format!("cannot decrypt ({other:?})")),
        LoadPdfError::Invalid => {
            PdfError::Invalid("no readable cross-reference table or page tree".to_string())
        }
    }
}

fn read_page<'a>(
    engine_page: &EnginePage<'a>,
    index: usize,
    pdf: &'a Pdf,
    cache: &InterpreterCache<'a>,
    interpreter_settings: &InterpreterSettings,
    resolver: &mut UnicodeResolver,
    settings: &Settings,
) -> Page {
    let (width, height) = engine_page.render_dimensions();
    let (width, height) = (f64::from(width), f64::from(height));
    let mut page = Page {
        number: index as u32 + 1,
        width,
        height,
        rotation: rotation_degrees(engine_page.rotation()),
        text_rotation: 0,
        glyphs: Vec::new(),
        hidden_glyphs: Vec::new(),
        rules: Vec::new(),
        images: 0,
        warnings: Vec::new(),
        font_cmap_fallbacks: 0,
        unmapped_glyphs: 0,
    };
    let content_len = engine_page.page_stream().map_or(0, <[u8]>::len);
    if content_len > settings.max_content_bytes {
        page.warnings.push(PageWarning::ContentTooLarge {
            bytes: content_len,
            limit: settings.max_content_bytes,
        });
        return page;
    }
    let initial = Affine::new(engine_page.initial_transform(true).as_coeffs());
    let page_box = Rect::new(0.0, 0.0, width, height);
    let mut context = Context::new(
        initial,
        page_box,
        cache,
        pdf.xref(),
        interpreter_settings.clone(),
    );
    let mut collector = Collector::new(
        page_box,
        resolver,
        settings.max_glyphs_per_page,
        settings.max_segments_per_page,
    );
    interpret_page(engine_page, &mut context, &mut collector);
    let text_rotation = collector.dominant_text_rotation();
    let Collector {
        glyphs,
        hidden_glyphs,
        segments,
        images,
        unmapped_glyphs,
        truncated,
        ..
    } = collector;
    page.text_rotation = text_rotation;
    page.glyphs = dedupe::drop_overprinted(glyphs);
    page.hidden_glyphs = hidden_glyphs;
    page.rules = rules::merge(segments);
    page.images = images;
    page.unmapped_glyphs = unmapped_glyphs;
    page.warnings.extend(truncated.map(PageWarning::Truncated));
    if unmapped_glyphs > 0 {
        page.warnings
            .push(PageWarning::GlyphsWithoutText(unmapped_glyphs));
    }
    page.font_cmap_fallbacks = resolver.take_fallbacks();
    page
}

fn rotation_degrees(rotation: Rotation) -> u16 {
    match rotation {
        Rotation::None => 0,
        Rotation::Horizontal => 90,
        Rotation::Flipped => 180,
        Rotation::FlippedHorizontal => 270,
    }
}

/// The interpreter's warnings counted by what they cost: fonts (text lost), then drawings.
fn summarise_warnings(warnings: &[InterpreterWarning]) -> Vec<PageWarning> {
    let mut fonts = 0;
    let mut drawings = 0;
    for warning in warnings {
        match warning {
            InterpreterWarning::UnsupportedFont => fonts += 1,
            // Images, annotation appearances, and whatever a later hayro adds (the enum is
            // non-exhaustive): none of them carries text.
            _ => drawings += 1,
        }
    }
    let counted = [
        (fonts, PageWarning::FontUnreadable(fonts)),
        (drawings, PageWarning::DrawingSkipped(drawings)),
    ];
    counted
        .into_iter()
        .filter(|(count, _)| *count > 0)
        .map(|(_, warning)| warning)
        .collect()
}

/// Whether the file declares an `/Encrypt` dictionary (trailers and xref-stream dictionaries
/// are never compressed, so the key is visible in the raw bytes).
fn declares_encryption(bytes: &[u8]) -> bool {
    bytes.windows(8).any(|w| w == b"/Encrypt")
}

/// Decodes a PDF text string: UTF-16BE with a byte-order mark, UTF-8, or else one byte per
/// character (PDFDocEncoding agrees with Latin-1 on the printable range).
pub(super) fn decode_text_string(bytes: &[u8]) -> String {
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_invalid_not_a_panic() {
        let err = load(b"%PDF-1.7 hello, not a pdf", &Settings::default()).unwrap_err();
        assert!(matches!(err, PdfError::Invalid(_)), "{err:?}");
    }

    #[test]
    fn oversized_files_are_refused() {
        let settings = Settings {
            max_file_bytes: 4,
            ..Settings::default()
        };
        assert!(matches!(
            load(b"%PDF-1.4", &settings),
            Err(PdfError::TooLarge(_))
        ));
    }

    #[test]
    fn text_strings_decode_utf16_and_latin1() {
        assert_eq!(decode_text_string(&[0xFE, 0xFF, 0x4E, 0x2D]), "中");
        assert_eq!(decode_text_string(b"WPS"), "WPS");
        assert_eq!(decode_text_string(&[0xE9]), "é");
    }
}
