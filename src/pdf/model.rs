//! The PDF layer's output: pages of positioned glyphs and ruling lines, in our own types.
//!
//! Coordinates are in PDF points with the origin at the top-left corner of the page as it is
//! displayed (after `/Rotate` and the CropBox), x growing right and y growing down.

use std::sync::Arc;

use serde::Serialize;

/// A whole document after interpretation.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    /// Facts about the file itself.
    pub info: SourceInfo,
    /// Every page in order.
    pub pages: Vec<Page>,
}

/// Facts about the file, not its content.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SourceInfo {
    /// `/Producer` from the document information dictionary, if any (often wrong; never used
    /// to decide what a document is).
    pub producer: Option<String>,
    /// Whether the file is encrypted (and was opened with the empty user password).
    pub encrypted: bool,
    /// Number of pages.
    pub page_count: usize,
}

/// One page as displayed.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// 1-based page number.
    pub number: u32,
    /// Displayed width in points (after rotation).
    pub width: f64,
    /// Displayed height in points (after rotation).
    pub height: f64,
    /// The page's `/Rotate` (0, 90, 180 or 270), already applied to all coordinates.
    pub rotation: u16,
    /// The direction most glyphs run on the displayed page, in clockwise degrees from left to
    /// right (0, 90 = top to bottom, 180, 270 = bottom to top). A copy given `/Rotate 90`
    /// without turning its content shows 90; [`crate::pdf::upright`] turns such a page so that
    /// its text runs left to right.
    pub text_rotation: u16,
    /// Every visible glyph with Unicode text, in content-stream order.
    pub glyphs: Vec<Glyph>,
    /// Glyphs drawn on the page but hidden by a clip path, so not printed and not read (the
    /// rule: `device::hides`). Kept to show in debug views and to account for them against
    /// readers that ignore clips (pdftotext). At most
    /// [`Settings::max_glyphs_per_page`](super::Settings), in content-stream order.
    pub hidden_glyphs: Vec<Glyph>,
    /// Horizontal and vertical ruling lines (strokes and thin filled rectangles), merged.
    pub rules: Vec<Rule>,
    /// Number of raster images drawn on the page (a page with images and no glyphs is scanned).
    pub images: usize,
    /// Non-fatal problems met while interpreting the page (e.g. a font that could not be loaded).
    pub warnings: Vec<PageWarning>,
    /// Glyphs whose text came from reversing the embedded font's own cmap because the PDF font
    /// has no usable `/ToUnicode` (a fallback: right for nearly every file, but worth counting).
    pub font_cmap_fallbacks: usize,
    /// Glyphs dropped because no Unicode text could be found for them at all.
    pub unmapped_glyphs: usize,
}

/// A problem met on one page that did not stop the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
pub enum PageWarning {
    /// The page's content stream exceeds [`Settings::max_content_bytes`](super::Settings):
    /// the page was not read.
    #[error("page not read: content stream of {bytes} bytes exceeds the limit of {limit}")]
    ContentTooLarge {
        /// Decoded length of the content stream.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// A per-page limit (glyphs, rule segments) was hit: what came after it was dropped.
    #[error("page truncated: {0}")]
    Truncated(String),
    /// Glyphs for which no Unicode text could be found, dropped.
    #[error("{0} glyphs without Unicode text dropped")]
    GlyphsWithoutText(usize),
    /// Fonts the engine could not load, counted per use: the text drawn with them is missing.
    #[error("font could not be loaded ({0}×)")]
    FontUnreadable(usize),
    /// Images or annotation appearances that could not be drawn, counted (text unaffected).
    #[error("image or annotation could not be drawn ({0}×)")]
    DrawingSkipped(usize),
}

/// One glyph, positioned by its box.
///
/// The box spans the glyph's advance horizontally and one em vertically, from
/// [`ASCENT`] × size above the baseline to [`DESCENT`] × size below it, whatever the font's
/// own metrics: a fixed convention, so that the centre of a glyph is the same for every
/// producer (the table stage assigns glyphs to cells by their centre).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Glyph {
    /// Unicode text after NFKC (usually one character; ligatures give several), shared by the
    /// glyphs of a document that print the same character.
    pub text: Arc<str>,
    /// Left edge of the glyph box.
    pub x: f64,
    /// Top edge of the glyph box.
    pub y: f64,
    /// Advance width as displayed.
    pub width: f64,
    /// Box height as displayed (the effective font size).
    pub height: f64,
    /// Effective font size in points (font size × text and current matrices).
    pub size: f64,
    /// Font name as given by the file (subset prefix removed), shared by the glyphs of the font.
    pub font: Arc<str>,
    /// Whether the glyph looks bold (bold font name, or fake bold by fill+stroke / double draw).
    pub bold_hint: bool,
}

impl Glyph {
    /// Horizontal centre of the glyph box.
    pub fn center_x(&self) -> f64 {
        self.x + self.width / 2.0
    }

    /// Vertical centre of the glyph box.
    pub fn center_y(&self) -> f64 {
        self.y + self.height / 2.0
    }
}

/// Fraction of the font size above the baseline where a glyph box starts (top edge).
pub const ASCENT: f64 = 0.88;
/// Fraction of the font size below the baseline where a glyph box ends (bottom edge).
pub const DESCENT: f64 = 0.12;

/// A line of text in reading order, built from glyphs by [`crate::pdf::text_lines`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextLine {
    /// The text: CJK characters joined without spaces, words elsewhere separated by one space.
    pub text: String,
    /// Left edge.
    pub x0: f64,
    /// Top edge.
    pub y0: f64,
    /// Right edge.
    pub x1: f64,
    /// Bottom edge.
    pub y1: f64,
    /// The most common glyph size on the line, in points.
    pub size: f64,
}

#[cfg(test)]
impl Glyph {
    /// A 10-point test glyph at (x, y), `width` wide, in no named font.
    pub(crate) fn test(text: &str, x: f64, y: f64, width: f64) -> Glyph {
        Glyph {
            text: text.into(),
            x,
            y,
            width,
            height: 10.0,
            size: 10.0,
            font: Arc::from(""),
            bold_hint: false,
        }
    }
}

impl TextLine {
    /// The line of `text` over the boxes of `glyphs` (not empty), printed at `size`.
    pub fn spanning(text: String, glyphs: &[&Glyph], size: f64) -> TextLine {
        TextLine {
            text,
            x0: glyphs.iter().map(|g| g.x).fold(f64::INFINITY, f64::min),
            y0: glyphs.iter().map(|g| g.y).fold(f64::INFINITY, f64::min),
            x1: glyphs
                .iter()
                .map(|g| g.x + g.width)
                .fold(f64::NEG_INFINITY, f64::max),
            y1: glyphs
                .iter()
                .map(|g| g.y + g.height)
                .fold(f64::NEG_INFINITY, f64::max),
            size,
        }
    }
}

/// A horizontal or vertical ruling line. For a horizontal rule `y0 == y1` and `x0 < x1`; for a
/// vertical rule `x0 == x1` and `y0 < y1`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rule {
    /// Start x.
    pub x0: f64,
    /// Start y.
    pub y0: f64,
    /// End x.
    pub x1: f64,
    /// End y.
    pub y1: f64,
    /// Line thickness in points.
    pub width: f64,
}

impl Rule {
    /// Whether the rule runs left to right.
    pub fn is_horizontal(&self) -> bool {
        (self.y1 - self.y0).abs() <= (self.x1 - self.x0).abs()
    }
}
