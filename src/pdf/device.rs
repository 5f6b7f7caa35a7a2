//! A hayro [`Device`] that records what the later stages need: glyphs with their Unicode text
//! and boxes, candidate ruling segments, and the number of images.

use std::sync::Arc;

use hayro_interpret::font::{Glyph as EngineGlyph, GlyphRun, PositionedGlyph};
use hayro_interpret::hayro_syntax::object::{Dict, String as PdfString};
use hayro_interpret::kurbo::{Affine, BezPath, Point, Rect, Shape, Vec2};
use hayro_interpret::{
    BlendMode, ClipPath, Device, DrawMode, DrawProps, Image, ImageDrawProps, Paint, SoftMask,
};
use unicode_normalization::UnicodeNormalization;

use super::model::{ASCENT, DESCENT, Glyph};
use super::rules::{self, Segment};
use super::unicode::UnicodeResolver;

/// How far (points) the centre of a glyph may lie outside the clip in force, across its
/// baseline, and the glyph still count as printed: our glyph boxes are one em from fixed ascent
/// and descent fractions, not the font's own, so a line that fits its cell can poke out a little.
const CLIP_CROSS_TOLERANCE: f64 = 1.0;

/// How far (points) a glyph's box must reach into the clip in force, along its baseline, for
/// the clip to cut it rather than hide it; less is rounding in the producer's placement.
const CLIP_ALONG_MIN_OVERLAP: f64 = 0.1;

/// The marked-content property whose text replaces the glyphs of its span.
const ACTUAL_TEXT: &[u8] = b"ActualText";

/// Where the glyphs of the last filled run went, so that the stroke of the same run (text
/// render mode 2, the usual fake bold) marks them bold instead of adding them again.
struct FilledRun {
    start: usize,
    len: usize,
    first_origin: Point,
}

/// An open marked-content sequence; `actual_text` is set for `/Span << /ActualText … >>`,
/// whose text replaces the glyphs drawn inside (Chromium writes CJK characters that way, with
/// glyphs whose own mapping gives radicals or variants).
struct MarkedContent {
    actual_text: Option<String>,
    first_glyph: usize,
}

/// Collects one page's content. Coordinates are already in the displayed page (the context's
/// initial transform maps user space to it).
pub(super) struct Collector<'r> {
    pub glyphs: Vec<Glyph>,
    pub segments: Vec<Segment>,
    pub images: usize,
    pub unmapped_glyphs: usize,
    /// Set when the page hit a limit of [`super::Settings`]; the reason becomes a warning.
    pub truncated: Option<String>,
    /// The displayed page: a glyph whose origin (start of its baseline) lies outside is not
    /// printed, the rule poppler applies too.
    page: Rect,
    /// The area the clip paths in force leave visible, one entry per clip pushed: the bounds of
    /// its path intersected with the entry below, a superset of what is visible (nothing
    /// outside it is printed). See [`hides`].
    clips: Vec<Rect>,
    /// Glyphs drawn but hidden by the clip in force (see [`hides`]), at most `max_glyphs`.
    pub hidden_glyphs: Vec<Glyph>,
    max_glyphs: usize,
    max_segments: usize,
    resolver: &'r mut UnicodeResolver,
    last_fill: Option<FilledRun>,
    marked_content: Vec<MarkedContent>,
    /// Glyphs seen running in each direction: 0°, 90°, 180°, 270° clockwise.
    directions: [usize; 4],
}

impl<'r> Collector<'r> {
    pub fn new(
        page: Rect,
        resolver: &'r mut UnicodeResolver,
        max_glyphs: usize,
        max_segments: usize,
    ) -> Self {
        Self {
            page,
            clips: Vec::new(),
            hidden_glyphs: Vec::new(),
            glyphs: Vec::new(),
            segments: Vec::new(),
            images: 0,
            unmapped_glyphs: 0,
            truncated: None,
            max_glyphs,
            max_segments,
            resolver,
            last_fill: None,
            marked_content: Vec::new(),
            directions: [0; 4],
        }
    }

    /// The direction most glyphs run in, in clockwise degrees (0 when there are none).
    pub fn dominant_text_rotation(&self) -> u16 {
        let quarter = (0..4)
            .max_by_key(|&i| (self.directions[i], usize::from(i == 0)))
            .unwrap_or(0);
        quarter as u16 * 90
    }

    /// Replaces the glyphs drawn since `first` by the characters of `text`, spread evenly over
    /// the drawn glyphs' box (poppler does the same with `/ActualText`). A single glyph keeps
    /// its own box.
    fn replace_with_actual_text(&mut self, first: usize, text: &str) {
        if first >= self.glyphs.len() {
            return;
        }
        let drawn = self.glyphs.split_off(first);
        let chars: Vec<char> = text
            .nfkc()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .collect();
        if chars.is_empty() {
            return;
        }
        let x0 = drawn.iter().map(|g| g.x).fold(f64::INFINITY, f64::min);
        let x1 = drawn
            .iter()
            .map(|g| g.x + g.width)
            .fold(f64::NEG_INFINITY, f64::max);
        let y0 = drawn.iter().map(|g| g.y).fold(f64::INFINITY, f64::min);
        let y1 = drawn
            .iter()
            .map(|g| g.y + g.height)
            .fold(f64::NEG_INFINITY, f64::max);
        // Spread along the longer side of the box: the way the replaced glyphs ran.
        let along_x = x1 - x0 >= y1 - y0;
        let n = chars.len() as f64;
        let model = &drawn[0];
        let bold_hint = drawn.iter().any(|g| g.bold_hint);
        for (i, c) in chars.into_iter().enumerate() {
            let i = i as f64;
            let (x, y, width, height) = if along_x {
                let step = (x1 - x0) / n;
                (x0 + step * i, y0, step, y1 - y0)
            } else {
                let step = (y1 - y0) / n;
                (x0, y0 + step * i, x1 - x0, step)
            };
            self.glyphs.push(Glyph {
                text: Arc::from(c.encode_utf8(&mut [0; 4])),
                x,
                y,
                width,
                height,
                size: model.size,
                font: model.font.clone(),
                bold_hint,
            });
        }
    }

    fn add_run(&mut self, run: &GlyphRun<'_, '_>, transform: Affine) {
        // One run is drawn in one font.
        let mut font: Option<(Arc<str>, bool)> = None;
        for positioned in run.glyphs() {
            if self.glyphs.len() >= self.max_glyphs {
                self.truncated = Some(format!("more than {} glyphs", self.max_glyphs));
                return;
            }
            let Some(text) = self.resolver.text_of(positioned) else {
                self.unmapped_glyphs += 1;
                continue;
            };
            // Spaces carry no ink; word breaks are recovered from geometry instead.
            if text.chars().all(char::is_whitespace) {
                continue;
            }
            let glyph_transform = transform * positioned.transform();
            if !self.page.contains(glyph_transform * Point::ZERO) {
                continue;
            }
            let turns = quarter_turns(glyph_transform);
            let (name, bold) = font.get_or_insert_with(|| self.resolver.font_of(positioned));
            let advance = advance_width(positioned);
            let glyph = place_glyph(text, glyph_transform, advance, name.clone(), *bold);
            if let Some(&visible) = self.clips.last()
                && hides(visible, &glyph, turns)
            {
                if self.hidden_glyphs.len() < self.max_glyphs {
                    self.hidden_glyphs.push(glyph);
                }
                continue;
            }
            self.directions[turns] += 1;
            self.glyphs.push(glyph);
        }
    }

    /// Whether a stroked run repeats the run just filled (fill + stroke = fake bold).
    fn repeats_last_fill(
        &self,
        run: &GlyphRun<'_, '_>,
        transform: Affine,
    ) -> Option<(usize, usize)> {
        let fill = self.last_fill.as_ref()?;
        let first = run.glyphs().first()?;
        let origin = transform * first.transform() * Point::ZERO;
        let same = (origin - fill.first_origin).hypot() < 0.01;
        same.then_some((fill.start, fill.len))
    }
}

/// Whether a clip whose visible area is `visible` hides `glyph`, running `turns` clockwise
/// quarter turns from left to right.
///
/// Across its baseline, a glyph is hidden when its centre lies outside the visible area (by more
/// than [`CLIP_CROSS_TOLERANCE`]): the wrapped lines of a cell too low for them, the copy of a
/// cell's text that a spreadsheet draws again on the next page and clips to the print area, CSS
/// text that web pages printed to PDF hide in table cells. A sliver of their tops may show; no
/// one can read it.
///
/// Along its baseline, a glyph is hidden only when its box lies wholly outside: text running
/// past its cell's border, which the border cuts. The glyph the border cuts is read whole with
/// its line (a name printed `…养老保` whose `险` shows a sliver stays `…养老保险`; the table stage
/// gives such a glyph to the cell it runs on from). The glyphs past it are not printed at all,
/// and read they would run into the next cell's text (`缴费支出43608.96`).
fn hides(visible: Rect, glyph: &Glyph, turns: usize) -> bool {
    let (across, along, (v_across, v_along)) = if turns.is_multiple_of(2) {
        (
            (glyph.y, glyph.y + glyph.height),
            (glyph.x, glyph.x + glyph.width),
            ((visible.y0, visible.y1), (visible.x0, visible.x1)),
        )
    } else {
        (
            (glyph.x, glyph.x + glyph.width),
            (glyph.y, glyph.y + glyph.height),
            ((visible.x0, visible.x1), (visible.y0, visible.y1)),
        )
    };
    let centre = (across.0 + across.1) / 2.0;
    let off_lines =
        centre < v_across.0 - CLIP_CROSS_TOLERANCE || centre > v_across.1 + CLIP_CROSS_TOLERANCE;
    let overlap = along.1.min(v_along.1) - along.0.max(v_along.0);
    off_lines || overlap < CLIP_ALONG_MIN_OVERLAP
}

/// The advance of a glyph in glyph units (1000 per em), if the font knows it.
fn advance_width(glyph: &PositionedGlyph<'_>) -> Option<f64> {
    let width = match &**glyph {
        EngineGlyph::Outline(outline) => outline.advance_width(),
        EngineGlyph::Type3(type3) => type3.advance_width(),
    };
    width.map(f64::from).filter(|w| w.is_finite() && *w > 0.0)
}

/// How many clockwise quarter turns the baseline of a glyph is from left-to-right.
fn quarter_turns(t: Affine) -> usize {
    let along: Vec2 = t * Point::new(1000.0, 0.0) - t * Point::ZERO;
    if along.x.abs() >= along.y.abs() {
        if along.x >= 0.0 { 0 } else { 2 }
    } else if along.y > 0.0 {
        1
    } else {
        3
    }
}

/// Builds the glyph box from the full glyph transform (glyph units → displayed page): the
/// axis-aligned bounds of the advance × em box, which is exact for upright text and a fair box
/// for rotated text.
fn place_glyph(
    text: Arc<str>,
    t: Affine,
    advance: Option<f64>,
    font: Arc<str>,
    bold_hint: bool,
) -> Glyph {
    let origin = t * Point::ZERO;
    // One em up from the baseline (glyph space is y-up; on the page it usually points to -y).
    let up: Vec2 = t * Point::new(0.0, 1000.0) - origin;
    let size = up.hypot();
    let em_right: Vec2 = t * Point::new(1000.0, 0.0) - origin;
    let advance = advance.unwrap_or_else(|| default_advance(&text)) / 1000.0;
    let right = em_right * advance;
    let corners = [
        origin - up * DESCENT,
        origin + up * ASCENT,
        origin + right - up * DESCENT,
        origin + right + up * ASCENT,
    ];
    let min_x = corners.iter().map(|p| p.x).fold(f64::INFINITY, f64::min);
    let max_x = corners
        .iter()
        .map(|p| p.x)
        .fold(f64::NEG_INFINITY, f64::max);
    let min_y = corners.iter().map(|p| p.y).fold(f64::INFINITY, f64::min);
    let max_y = corners
        .iter()
        .map(|p| p.y)
        .fold(f64::NEG_INFINITY, f64::max);
    Glyph {
        text,
        x: min_x,
        y: min_y,
        width: max_x - min_x,
        height: max_y - min_y,
        size,
        font,
        bold_hint,
    }
}

/// A guess at the advance (glyph units) when the font gives none: a full em for wide
/// (CJK) characters, half an em otherwise.
fn default_advance(text: &str) -> f64 {
    if text.chars().any(super::lines::is_wide) {
        1000.0
    } else {
        500.0
    }
}

/// Whether a paint is (nearly) white, i.e. invisible on paper: white strokes are erasers and
/// white fills are backgrounds, never borders.
fn is_white(paint: &Paint<'_>) -> bool {
    match paint {
        Paint::Color(color) => {
            let [r, g, b, a] = color.to_rgba().to_rgba8();
            a == 0 || (r > 242 && g > 242 && b > 242)
        }
        Paint::Pattern(_) => false,
    }
}

impl<'a> Device<'a> for Collector<'_> {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, draw_mode: &DrawMode) {
        self.last_fill = None;
        if is_white(&props.paint) || self.segments.len() >= self.max_segments {
            if self.segments.len() >= self.max_segments {
                self.truncated = Some(format!("more than {} path segments", self.max_segments));
            }
            return;
        }
        let path = props.transform * path.clone();
        match draw_mode {
            DrawMode::Stroke(stroke) | DrawMode::FillAndStroke(_, stroke) => {
                // A line width is in user space; the CTM's area scale converts it.
                let width =
                    f64::from(stroke.line_width) * props.transform.determinant().abs().sqrt();
                rules::stroked_segments(&path, width, &mut self.segments);
            }
            DrawMode::Fill(_) => rules::filled_segments(&path, &mut self.segments),
            DrawMode::Invisible => {}
        }
    }

    fn push_clip_path(&mut self, clip: &ClipPath) {
        let bounds = clip.path.bounding_box();
        let visible = self
            .clips
            .last()
            .map_or(bounds, |outer| outer.intersect(bounds));
        self.clips.push(visible);
    }

    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, mode: &DrawMode) {
        if matches!(mode, DrawMode::Stroke(_))
            && let Some((start, len)) = self.repeats_last_fill(run, props.transform)
        {
            for glyph in self.glyphs.iter_mut().skip(start).take(len) {
                glyph.bold_hint = true;
            }
            self.last_fill = None;
            return;
        }
        let start = self.glyphs.len();
        self.add_run(run, props.transform);
        self.last_fill = match (mode, run.glyphs().first()) {
            (DrawMode::Fill(_), Some(first)) => Some(FilledRun {
                start,
                len: self.glyphs.len() - start,
                first_origin: props.transform * first.transform() * Point::ZERO,
            }),
            _ => None,
        };
    }

    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {
        self.last_fill = None;
        self.images += 1;
    }

    fn pop_clip(&mut self) {
        self.clips.pop();
    }

    fn pop_transparency_group(&mut self) {}

    fn begin_marked_content(&mut self, _tag: &[u8], properties: Option<&Dict<'_>>) {
        let actual_text = properties
            .and_then(|p| p.get::<PdfString<'_>>(ACTUAL_TEXT))
            .map(|s| super::decode_text_string(s.as_bytes()));
        self.marked_content.push(MarkedContent {
            actual_text,
            first_glyph: self.glyphs.len(),
        });
    }

    fn end_marked_content(&mut self) {
        if let Some(MarkedContent {
            actual_text: Some(text),
            first_glyph,
        }) = self.marked_content.pop()
        {
            self.last_fill = None;
            self.replace_with_actual_text(first_glyph, &text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts_and_boxes(collector: &Collector<'_>) -> Vec<(String, [f64; 4])> {
        let boxes = collector
            .glyphs
            .iter()
            .map(|g| [g.x, g.y, g.width, g.height]);
        collector
            .glyphs
            .iter()
            .map(|g| g.text.to_string())
            .zip(boxes)
            .collect()
    }

    /// A cell 100 × 20 points at (100, 100), as a spreadsheet clips its text.
    const CELL: Rect = Rect::new(100.0, 100.0, 200.0, 120.0);

    #[test]
    fn a_line_below_its_cell_is_hidden_and_a_line_inside_is_read() {
        // Glyph boxes are 10 high: a line at y 105 has its centre at 110.
        assert!(!hides(CELL, &Glyph::test("甲", 110.0, 105.0, 10.0), 0));
        // A wrapped line whose top half shows: its centre is 5 points below the cell.
        assert!(hides(CELL, &Glyph::test("乙", 110.0, 120.0, 10.0), 0));
        // A line poking out by less than the tolerance (boxes are estimates) is read.
        assert!(!hides(CELL, &Glyph::test("丙", 110.0, 115.5, 10.0), 0));
        // A line above the cell (text drawn again on the next page, above the print area).
        assert!(hides(CELL, &Glyph::test("丁", 110.0, 80.0, 10.0), 0));
    }

    #[test]
    fn along_the_baseline_the_glyph_the_border_cuts_is_read_and_those_past_it_are_hidden() {
        // `…养老保|险`: the border at x 200 cuts 险, of which 0.6 points show.
        assert!(!hides(CELL, &Glyph::test("险", 199.4, 105.0, 9.0), 0));
        // `缴费` past it lie wholly outside: not printed.
        assert!(hides(CELL, &Glyph::test("缴", 208.4, 105.0, 9.0), 0));
        // Touching the border without reaching in is not a cut.
        assert!(hides(CELL, &Glyph::test("费", 200.0, 105.0, 9.0), 0));
        // Cut on the left side the same way.
        assert!(!hides(CELL, &Glyph::test("政", 94.0, 105.0, 8.0), 0));
        assert!(hides(CELL, &Glyph::test("项", 80.0, 105.0, 10.0), 0));
    }

    #[test]
    fn a_sideways_glyph_is_measured_across_and_along_its_own_baseline() {
        // A column 20 wide and 100 high holding text running down (one quarter turn).
        let column = Rect::new(100.0, 100.0, 120.0, 200.0);
        assert!(!hides(column, &Glyph::test("年", 105.0, 195.0, 10.0), 1));
        assert!(hides(column, &Glyph::test("度", 105.0, 201.0, 10.0), 1));
        assert!(hides(column, &Glyph::test("绩", 121.0, 150.0, 10.0), 1));
    }

    #[test]
    fn a_clip_inside_another_leaves_visible_only_what_both_leave() {
        // No producer we can run nests clips around text (tests/pdf_clip.rs uses Calc's), so
        // the clip stack is checked here: the inner clip narrows the outer one; popping it
        // restores the outer one alone.
        let clip = |rect: Rect| ClipPath {
            path: rect.to_path(0.1),
            fill: hayro_interpret::FillRule::NonZero,
        };
        let mut resolver = UnicodeResolver::default();
        let mut collector =
            Collector::new(Rect::new(0.0, 0.0, 300.0, 300.0), &mut resolver, 99, 99);
        collector.push_clip_path(&clip(CELL));
        collector.push_clip_path(&clip(Rect::new(150.0, 0.0, 300.0, 110.0)));
        assert_eq!(
            collector.clips.last(),
            Some(&Rect::new(150.0, 100.0, 200.0, 110.0))
        );
        collector.pop_clip();
        assert_eq!(collector.clips.last(), Some(&CELL));
    }

    #[test]
    fn a_clip_path_that_is_not_a_number_hides_nothing() {
        let broken = Rect::new(f64::NAN, f64::NAN, f64::NAN, f64::NAN);
        assert!(!hides(broken, &Glyph::test("甲", 110.0, 105.0, 10.0), 0));
    }

    #[test]
    fn actual_text_replaces_the_glyphs_of_its_span_along_their_direction() {
        let mut resolver = UnicodeResolver::default();
        let mut collector =
            Collector::new(Rect::new(0.0, 0.0, 100.0, 100.0), &mut resolver, 99, 99);
        collector.glyphs = vec![
            Glyph::test("⻓", 0.0, 0.0, 10.0),
            Glyph::test("a", 10.0, 0.0, 10.0),
        ];
        collector.replace_with_actual_text(0, "长");
        collector.glyphs.extend([
            Glyph::test("b", 50.0, 0.0, 10.0),
            Glyph::test("c", 50.0, 10.0, 10.0),
        ]);
        collector.replace_with_actual_text(1, "甲乙");
        assert_eq!(
            texts_and_boxes(&collector),
            [
                ("长".to_string(), [0.0, 0.0, 20.0, 10.0]),
                ("甲".to_string(), [50.0, 0.0, 10.0, 10.0]),
                ("乙".to_string(), [50.0, 10.0, 10.0, 10.0]),
            ]
        );
    }
}
