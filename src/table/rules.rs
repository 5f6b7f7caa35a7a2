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
    fn non_finite_rules_are_ignored() {
        let rules = clean(&[h(f64::NAN, 0.0, 10.0)], &Settings::default());
        assert!(rules.horizontal.is_empty());
    }
}
