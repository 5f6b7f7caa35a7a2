//! Ruling lines from vector paths: stroked axis-aligned segments and thin filled shapes (how
//! WPS, Word, Excel and Chromium draw borders), merged so that each visible line is one rule.

use hayro_interpret::kurbo::{BezPath, PathEl, Point, Rect};

use super::model::Rule;

/// A filled shape thinner than this (points) is a line, not an area.
pub const MAX_FILLED_RULE_THICKNESS: f64 = 2.5;
/// A segment whose ends differ by at most this across its direction counts as axis-aligned.
const AXIS_TOLERANCE: f64 = 0.5;
/// Rules on the same axis whose positions differ by at most this are the same line (Excel
/// draws every border twice, a hair apart).
const SNAP_TOLERANCE: f64 = 1.0;
/// Collinear rules separated by at most this gap are joined into one.
const JOIN_TOLERANCE: f64 = 1.0;
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

/// Axis-aligned straight pieces of a stroked path (curves are never rules).
pub(super) fn stroked_segments(path: &BezPath, width: f64, out: &mut Vec<Segment>) {
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
