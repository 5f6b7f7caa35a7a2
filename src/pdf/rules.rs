//! Ruling lines from vector paths: stroked axis-aligned segments and thin filled shapes (how
//! WPS, Word, Excel and Chromium draw borders), merged so that each visible line is one rule.
//! This is the one place where drawn pieces become lines: the table stage takes the rules as
//! they come from here (tolerances as pdfplumber's defaults).

use hayro_interpret::kurbo::{BezPath, PathEl, Point, Rect};

use super::model::Rule;

/// A filled shape thinner than this (points) is a line, not an area.
pub const MAX_FILLED_RULE_THICKNESS: f64 = 2.5;
/// A stroke wider than this (points) paints a bar or an area (shading, a heavy underline), not
/// a ruling line.
pub const MAX_STROKED_RULE_WIDTH: f64 = 3.0;
/// A segment whose ends differ by at most this across its direction counts as axis-aligned.
const AXIS_TOLERANCE: f64 = 0.5;
/// Parallel pieces whose positions form a chain of gaps no wider than this are one line, at
/// their mean position (Excel draws every border twice, a hair apart; double strokes and the
/// two edges of one thin rectangle).
const SNAP_TOLERANCE: f64 = 3.0;
/// Collinear pieces that overlap, touch or leave a gap no wider than this are joined into one.
const JOIN_TOLERANCE: f64 = 3.0;
/// Segments shorter than this are dots or glyph debris, not rules.
const MIN_LENGTH: f64 = 1.0;

/// A candidate rule before merging: horizontal or vertical, in page coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Segment {
    pub horizontal: bool,
    /// y of a horizontal segment, x of a vertical one.
    pub position: f64,
    pub start: f64,
    pub end: f64,
    pub width: f64,
}

impl Segment {
    fn between(a: Point, b: Point, width: f64) -> Option<Segment> {
        let (dx, dy) = ((b.x - a.x).abs(), (b.y - a.y).abs());
        let segment = if dy <= AXIS_TOLERANCE && dx >= MIN_LENGTH {
            Segment {
                horizontal: true,
                position: (a.y + b.y) / 2.0,
                start: a.x.min(b.x),
                end: a.x.max(b.x),
                width,
            }
        } else if dx <= AXIS_TOLERANCE && dy >= MIN_LENGTH {
            Segment {
                horizontal: false,
                position: (a.x + b.x) / 2.0,
                start: a.y.min(b.y),
                end: a.y.max(b.y),
                width,
            }
        } else {
            return None;
        };
        Some(segment)
    }

    /// The rule along the long axis through the middle of a thin rectangle.
    fn from_thin_rect(rect: Rect) -> Option<Segment> {
        let (w, h) = (rect.width(), rect.height());
        if w >= h && h <= MAX_FILLED_RULE_THICKNESS && w >= MIN_LENGTH {
            Some(Segment {
                horizontal: true,
                position: rect.center().y,
                start: rect.x0,
                end: rect.x1,
                width: h,
            })
        } else if h > w && w <= MAX_FILLED_RULE_THICKNESS && h >= MIN_LENGTH {
            Some(Segment {
                horizontal: false,
                position: rect.center().x,
                start: rect.y0,
                end: rect.y1,
                width: w,
            })
        } else {
            None
        }
    }
}

/// Axis-aligned straight pieces of a stroked path (curves are never rules), unless the stroke
/// is too wide to be a ruling line.
pub(super) fn stroked_segments(path: &BezPath, width: f64, out: &mut Vec<Segment>) {
    let thin = width <= MAX_STROKED_RULE_WIDTH; // false for a width that is not a number
    if !thin {
        return;
    }
    let mut start = Point::ZERO;
    let mut last = Point::ZERO;
    for element in path.elements() {
        match *element {
            PathEl::MoveTo(p) => {
                start = p;
                last = p;
            }
            PathEl::LineTo(p) => {
                out.extend(Segment::between(last, p, width));
                last = p;
            }
            PathEl::QuadTo(_, p) | PathEl::CurveTo(_, _, p) => last = p,
            PathEl::ClosePath => {
                out.extend(Segment::between(last, start, width));
                last = start;
            }
        }
    }
}

/// Rules from the thin subpaths of a filled path. A subpath counts when it is made of straight
/// lines only and its bounding box is thin: rectangles and the polygons Chromium emits.
pub(super) fn filled_segments(path: &BezPath, out: &mut Vec<Segment>) {
    let mut points: Vec<Point> = Vec::new();
    let mut straight = true;
    let mut flush = |points: &mut Vec<Point>, straight: bool| {
        if straight && points.len() >= 2 {
            let bounds = points
                .iter()
                .skip(1)
                .fold(Rect::from_points(points[0], points[0]), |r, p| {
                    r.union_pt(*p)
                });
            out.extend(Segment::from_thin_rect(bounds));
        }
        points.clear();
    };
    for element in path.elements() {
        match *element {
            PathEl::MoveTo(p) => {
                flush(&mut points, straight);
                straight = true;
                points.push(p);
            }
            PathEl::LineTo(p) => points.push(p),
            PathEl::QuadTo(_, p) | PathEl::CurveTo(_, _, p) => {
                straight = false;
                points.push(p);
            }
            PathEl::ClosePath => {}
        }
    }
    flush(&mut points, straight);
}

/// Merges candidate segments into rules: segments on (nearly) the same line snap to one
/// position, and overlapping or nearly touching pieces join. Output is sorted: horizontal
/// rules top to bottom, then vertical rules left to right.
pub(super) fn merge(mut segments: Vec<Segment>) -> Vec<Rule> {
    segments.retain(|s| s.position.is_finite() && s.start.is_finite() && s.end.is_finite());
    segments.sort_by(|a, b| {
        b.horizontal
            .cmp(&a.horizontal)
            .then(a.position.total_cmp(&b.position))
    });
    let mut rules = Vec::new();
    for group in segments.chunk_by(|a, b| {
        a.horizontal == b.horizontal && (b.position - a.position).abs() <= SNAP_TOLERANCE
    }) {
        rules.extend(join_collinear(group));
    }
    rules
}

/// Joins one line's pieces (already sorted by position) into maximal rules.
fn join_collinear(group: &[Segment]) -> Vec<Rule> {
    let position = group.iter().map(|s| s.position).sum::<f64>() / group.len() as f64;
    let mut pieces: Vec<Segment> = group.to_vec();
    pieces.sort_by(|a, b| a.start.total_cmp(&b.start));
    let mut rules = Vec::new();
    let mut current: Option<Segment> = None;
    for piece in pieces {
        current = match current {
            Some(mut run) if piece.start <= run.end + JOIN_TOLERANCE => {
                run.end = run.end.max(piece.end);
                run.width = run.width.max(piece.width);
                Some(run)
            }
            Some(run) => {
                rules.push(to_rule(run, position));
                Some(piece)
            }
            None => Some(piece),
        };
    }
    rules.extend(current.map(|run| to_rule(run, position)));
    rules
}

fn to_rule(segment: Segment, position: f64) -> Rule {
    if segment.horizontal {
        Rule {
            x0: segment.start,
            y0: position,
            x1: segment.end,
            y1: position,
            width: segment.width,
        }
    } else {
        Rule {
            x0: position,
            y0: segment.start,
            x1: position,
            y1: segment.end,
            width: segment.width,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stroked(points: &[(f64, f64)], width: f64) -> Vec<Segment> {
        let mut path = BezPath::new();
        path.move_to(points[0]);
        for &point in &points[1..] {
            path.line_to(point);
        }
        let mut segments = Vec::new();
        stroked_segments(&path, width, &mut segments);
        segments
    }

    fn positions(rules: &[Rule]) -> Vec<[f64; 4]> {
        rules.iter().map(|r| [r.x0, r.y0, r.x1, r.y1]).collect()
    }

    #[test]
    fn wide_strokes_are_bars_not_rules() {
        assert!(stroked(&[(0.0, 10.0), (100.0, 10.0)], 12.0).is_empty());
        assert!(stroked(&[(0.0, 10.0), (100.0, 10.0)], f64::NAN).is_empty());
        assert_eq!(stroked(&[(0.0, 10.0), (100.0, 10.0)], 0.5).len(), 1);
    }

    #[test]
    fn near_parallel_pieces_snap_and_join_into_one_line() {
        // The two edges of a thin rectangle plus a second stroke continuing the line.
        let mut segments = stroked(&[(0.0, 10.0), (50.0, 10.0)], 0.5);
        segments.extend(stroked(&[(0.0, 10.8), (50.0, 10.8)], 0.5));
        segments.extend(stroked(&[(51.0, 10.4), (100.0, 10.4)], 1.0));
        let rules = merge(segments);
        assert_eq!(positions(&rules), [[0.0, 10.4, 100.0, 10.4]]);
        assert_eq!(rules[0].width, 1.0);
    }

    #[test]
    fn distant_pieces_stay_apart_and_output_is_sorted() {
        let mut segments = stroked(&[(10.0, 60.0), (10.0, 100.0)], 0.5);
        segments.extend(stroked(&[(10.0, 0.0), (10.0, 40.0)], 0.5));
        segments.extend(stroked(&[(0.0, 50.0), (20.0, 50.0)], 0.5));
        segments.extend(stroked(&[(30.0, 0.0), (30.0, 40.0)], 0.5));
        assert_eq!(
            positions(&merge(segments)),
            [
                [0.0, 50.0, 20.0, 50.0],
                [10.0, 0.0, 10.0, 40.0],
                [10.0, 60.0, 10.0, 100.0],
                [30.0, 0.0, 30.0, 40.0],
            ]
        );
    }
}
