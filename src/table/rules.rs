//! Steps 3b and 4 of the chain: close the sides a producer left open, drop the short. The rules
//! come from the PDF layer already thin, snapped and joined (steps 1–3: `pdf::rules` is the one
//! place where drawn pieces become lines).

use crate::pdf::Rule;

use super::Settings;

/// An axis-aligned ruling segment. For a horizontal segment `pos` is its y and `start..end`
/// its x extent; for a vertical one `pos` is its x and `start..end` its y extent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Segment {
    pub pos: f64,
    pub start: f64,
    pub end: f64,
}

impl Segment {
    pub fn length(&self) -> f64 {
        self.end - self.start
    }

    /// Whether `coord` (along the segment) lies on it, give or take `tolerance`.
    pub fn spans(&self, coord: f64, tolerance: f64) -> bool {
        coord >= self.start - tolerance && coord <= self.end + tolerance
    }
}

/// The page's ruling lines after cleaning, split by direction.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Rules {
    pub horizontal: Vec<Segment>,
    pub vertical: Vec<Segment>,
}

/// Splits the page's rules by direction, closes open sides and drops the short ones.
pub(crate) fn clean(rules: &[Rule], settings: &Settings) -> Rules {
    let (mut horizontal, vertical) = split(rules);
    close_open_sides(&mut horizontal, &vertical, settings.intersection_tolerance);
    close_open_ends(&mut horizontal, &vertical, settings);
    Rules {
        horizontal: drop_short(horizontal, settings.min_rule_length),
        vertical: drop_short(vertical, settings.min_rule_length),
    }
}

/// The rules as segments, by direction.
fn split(rules: &[Rule]) -> (Vec<Segment>, Vec<Segment>) {
    let mut horizontal = Vec::new();
    let mut vertical = Vec::new();
    for rule in rules.iter().filter(|r| is_finite(r)) {
        if rule.is_horizontal() {
            horizontal.push(Segment {
                pos: (rule.y0 + rule.y1) / 2.0,
                start: rule.x0.min(rule.x1),
                end: rule.x0.max(rule.x1),
            });
        } else {
            vertical.push(Segment {
                pos: (rule.x0 + rule.x1) / 2.0,
                start: rule.y0.min(rule.y1),
                end: rule.y0.max(rule.y1),
            });
        }
    }
    (horizontal, vertical)
}

fn is_finite(rule: &Rule) -> bool {
    [rule.x0, rule.y0, rule.x1, rule.y1]
        .iter()
        .all(|v| v.is_finite())
}

/// Step 3b: a vertical rule whose ends are level with horizontal rules that stop short of it
/// on one side (at one end or both; the other end, if any, already meeting a rule) closes a
/// column the producer left open: a cell merged over a page break, drawn by PDFium with its
/// side border only. Those horizontal rules are extended to it.
fn close_open_sides(horizontal: &mut [Segment], vertical: &[Segment], tolerance: f64) {
    for v in vertical {
        let meets_at = |y: f64| {
            horizontal
                .iter()
                .any(|h| (h.pos - y).abs() <= tolerance && h.spans(v.pos, tolerance))
        };
        // The rule level with `y` ending nearest to the left (or right) of the vertical one.
        let nearest = |y: f64, left: bool| {
            horizontal
                .iter()
                .enumerate()
                .filter(|(_, h)| (h.pos - y).abs() <= tolerance)
                .map(|(i, h)| {
                    (
                        i,
                        if left { h.start - v.pos } else { v.pos - h.end },
                        h.length(),
                    )
                })
                .filter(|(_, gap, length)| *gap > 0.0 && *gap <= length / 2.0)
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(i, _, _)| i)
        };
        let ends = [v.start, v.end];
        if ends.iter().all(|y| meets_at(*y)) {
            continue;
        }
        for left in [true, false] {
            let fixes: Vec<Option<usize>> = ends
                .iter()
                .map(|&y| if meets_at(y) { None } else { nearest(y, left) })
                .collect();
            let closable = ends
                .iter()
                .zip(&fixes)
                .all(|(y, fix)| meets_at(*y) || fix.is_some());
            if closable {
                for i in fixes.into_iter().flatten() {
                    if left {
                        horizontal[i].start = v.pos;
                    } else {
                        horizontal[i].end = v.pos;
                    }
                }
                break;
            }
        }
    }
}

/// Step 3c: where several vertical rules of a grid end level with each other beyond its last
/// horizontal rule, the producer left that edge of the grid undrawn: the first row of a table
/// continued on a new page (Word repeats no border there) or the last row before a page
/// break. A horizontal rule is added along that edge, so that the row is read, not lost.
fn close_open_ends(horizontal: &mut Vec<Segment>, vertical: &[Segment], settings: &Settings) {
    let tolerance = settings.intersection_tolerance;
    let crosses = |v: &Segment, h: &Segment| h.spans(v.pos, tolerance) && v.spans(h.pos, tolerance);
    let mut added: Vec<Segment> = Vec::new();
    for top in [true, false] {
        let end = |v: &Segment| if top { v.start } else { v.end };
        // Vertical rules whose end meets no horizontal rule but which cross one further in.
        let open: Vec<&Segment> = vertical
            .iter()
            .filter(|v| {
                let y = end(v);
                let closed = horizontal
                    .iter()
                    .chain(&added)
                    .any(|h| (h.pos - y).abs() <= tolerance && h.spans(v.pos, tolerance));
                let inner = horizontal.iter().filter(|h| crosses(v, h)).map(|h| h.pos);
                let nearest = if top {
                    inner.fold(f64::INFINITY, f64::min) - y
                } else {
                    y - inner.fold(f64::NEG_INFINITY, f64::max)
                };
                !closed && nearest.is_finite() && nearest >= settings.min_open_row
            })
            .collect();
        let mut ends: Vec<f64> = open.iter().map(|v| end(v)).collect();
        ends.sort_by(f64::total_cmp);
        ends.dedup_by(|a, b| (*a - *b).abs() <= tolerance);
        for y in ends {
            let level: Vec<&&Segment> = open
                .iter()
                .filter(|v| (end(v) - y).abs() <= tolerance)
                .collect();
            if level.len() < 2 {
                continue;
            }
            let start = level.iter().map(|v| v.pos).fold(f64::INFINITY, f64::min);
            let stop = level
                .iter()
                .map(|v| v.pos)
                .fold(f64::NEG_INFINITY, f64::max);
            added.push(Segment {
                pos: y,
                start,
                end: stop,
            });
        }
    }
    horizontal.extend(added);
}

/// Step 4: drops segments shorter than `min_length`.
fn drop_short(segments: Vec<Segment>, min_length: f64) -> Vec<Segment> {
    segments
        .into_iter()
        .filter(|s| s.length() >= min_length)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(y: f64, x0: f64, x1: f64) -> Rule {
        Rule {
            x0,
            y0: y,
            x1,
            y1: y,
            width: 0.5,
        }
    }

    fn v(x: f64, y0: f64, y1: f64) -> Rule {
        Rule {
            x0: x,
            y0,
            x1: x,
            y1,
            width: 0.5,
        }
    }

    #[test]
    fn short_rules_go() {
        let rules = clean(
            &[v(10.0, 0.0, 40.0), v(10.0, 60.0, 100.0), v(30.0, 0.0, 1.0)],
            &Settings::default(),
        );
        assert_eq!(rules.vertical.len(), 2);
        assert!(rules.vertical.iter().all(|s| s.pos == 10.0));
    }

    #[test]
    fn a_column_open_at_top_and_bottom_is_closed() {
        let rules = clean(
            &[
                h(10.0, 100.0, 300.0),
                h(90.0, 100.0, 300.0),
                v(40.0, 10.0, 90.0),
            ],
            &Settings::default(),
        );
        assert!(rules.horizontal.iter().all(|s| s.start == 40.0));
    }

    #[test]
    fn a_grid_open_at_the_top_of_a_continuation_page_is_closed() {
        // Columns from y 72 down, the first horizontal rule only at 96: the first row's top
        // border is not drawn.
        let rules = clean(
            &[
                v(80.0, 72.0, 200.0),
                v(120.0, 72.0, 200.0),
                v(300.0, 72.0, 200.0),
                h(96.0, 80.0, 300.0),
                h(120.0, 80.0, 300.0),
                h(200.0, 80.0, 300.0),
            ],
            &Settings::default(),
        );
        let top = rules.horizontal.iter().find(|h| h.pos == 72.0);
        assert_eq!(top.map(|h| (h.start, h.end)), Some((80.0, 300.0)));
        // Rules overshooting the border by a point are not an open row.
        let rules = clean(
            &[
                v(80.0, 95.0, 200.0),
                v(300.0, 95.0, 200.0),
                h(96.0, 80.0, 300.0),
                h(200.0, 80.0, 300.0),
            ],
            &Settings::default(),
        );
        assert_eq!(rules.horizontal.len(), 2);
    }

    #[test]
    fn non_finite_rules_are_ignored() {
        let rules = clean(&[h(f64::NAN, 0.0, 10.0)], &Settings::default());
        assert!(rules.horizontal.is_empty());
    }
}
