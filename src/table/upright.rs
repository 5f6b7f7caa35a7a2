//! Step 0 of the chain: pages whose text runs sideways (a landscape table printed on a
//! portrait page, a page given `/Rotate` on top of upright content) are turned so that their
//! text reads left to right, glyphs and rules alike.

use crate::pdf::{Glyph, Page, Rule};

/// Which way a page's text runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    LeftToRight,
    /// Text advancing down the page (the content was turned a quarter clockwise).
    Down,
    /// Text advancing up the page (the content was turned a quarter counter-clockwise).
    Up,
}

/// A box (x, y, width, height) on the sideways page → the same box on the upright page.
type Turn = fn(f64, f64, f64, f64, &Page) -> (f64, f64, f64, f64);

/// The page turned upright when its text runs sideways; `None` when it already reads left to
/// right.
pub(crate) fn upright(page: &Page) -> Option<Page> {
    let turn: Turn = match direction(page) {
        Direction::LeftToRight => return None,
        // (x, y) → (y, W − x): the right edge becomes the top.
        Direction::Down => |x, y, w, h, page| (y, page.width - x - w, h, w),
        // (x, y) → (H − y, x): the left edge becomes the top.
        Direction::Up => |x, y, w, h, page| (page.height - y - h, x, h, w),
    };
    let glyphs = page
        .glyphs
        .iter()
        .map(|g| {
            let (x, y, width, height) = turn(g.x, g.y, g.width, g.height, page);
            Glyph {
                x,
                y,
                width,
                height,
                ..g.clone()
            }
        })
        .collect();
    let rules = page
        .rules
        .iter()
        .map(|r| {
            let (x0, y0, _, _) = turn(r.x0, r.y0, 0.0, 0.0, page);
            let (x1, y1, _, _) = turn(r.x1, r.y1, 0.0, 0.0, page);
            Rule {
                x0: x0.min(x1),
                y0: y0.min(y1),
                x1: x0.max(x1),
                y1: y0.max(y1),
                width: r.width,
            }
        })
        .collect();
    Some(Page {
        width: page.height,
        height: page.width,
        glyphs,
        rules,
        ..page.clone()
    })
}

/// The direction most consecutive glyph pairs advance in.
fn direction(page: &Page) -> Direction {
    let (mut across, mut down, mut up) = (0usize, 0usize, 0usize);
    for pair in page.glyphs.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let step = a.size.max(1.0) * 2.0;
        if dy.abs() < 0.2 * a.size && dx > 0.0 && dx < step {
            across += 1;
        } else if dx.abs() < 0.2 * a.size && dy.abs() < step {
            if dy > 0.0 {
                down += 1;
            } else if dy < 0.0 {
                up += 1;
            }
        }
    }
    if down > 2 * across.max(1) && down >= up {
        Direction::Down
    } else if up > 2 * across.max(1) {
        Direction::Up
    } else {
        Direction::LeftToRight
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::text::tests::{page, run};

    /// Turns an upright page a quarter clockwise, as `/Rotate 90` displays it.
    fn turned_clockwise(upright: &Page) -> Page {
        let h = upright.height;
        let glyphs = upright
            .glyphs
            .iter()
            .map(|g| Glyph {
                x: h - g.y - g.height,
                y: g.x,
                width: g.height,
                height: g.width,
                ..g.clone()
            })
            .collect();
        Page {
            width: upright.height,
            height: upright.width,
            glyphs,
            ..upright.clone()
        }
    }

    #[test]
    fn sideways_text_is_turned_back() {
        let original = page(run("2023年预算收支总表", 100.0, 50.0, 10.0), Vec::new());
        let turned = turned_clockwise(&original);
        let back = upright(&turned).expect("sideways");
        assert_eq!((back.width, back.height), (original.width, original.height));
        for (a, b) in back.glyphs.iter().zip(&original.glyphs) {
            assert!(
                (a.x - b.x).abs() < 1e-9 && (a.y - b.y).abs() < 1e-9,
                "{a:?} vs {b:?}"
            );
        }
        assert!(upright(&original).is_none());
    }
}
