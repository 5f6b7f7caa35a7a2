//! Turning a page whose text does not run left to right (a sideways table, a copy rotated with
//! `/Rotate` but not re-laid out) so that it does, by whole quarter turns: boxes stay exact.

use super::model::{Glyph, Page, Rule};

/// A quarter-turn change of coordinates from one page frame to another.
#[derive(Debug, Clone, Copy)]
pub(super) struct Turn {
    /// Clockwise degrees the text runs in the source frame (0, 90, 180 or 270).
    degrees: u16,
    /// Source frame size.
    width: f64,
    height: f64,
}

impl Turn {
    /// The turn that makes text running `degrees` clockwise on a `width` × `height` page run
    /// left to right.
    pub fn to_upright(degrees: u16, width: f64, height: f64) -> Self {
        Self {
            degrees: degrees % 360,
            width,
            height,
        }
    }

    /// The turn that undoes this one (from the upright frame back to the source frame).
    pub fn inverse(self) -> Self {
        let (width, height) = self.target_size();
        Self {
            degrees: (360 - self.degrees) % 360,
            width,
            height,
        }
    }

    /// Size of the target frame.
    pub fn target_size(self) -> (f64, f64) {
        match self.degrees {
            90 | 270 => (self.height, self.width),
            _ => (self.width, self.height),
        }
    }

    pub fn point(self, x: f64, y: f64) -> (f64, f64) {
        match self.degrees {
            90 => (y, self.width - x),
            180 => (self.width - x, self.height - y),
            270 => (self.height - y, x),
            _ => (x, y),
        }
    }

    /// Maps the box `(x0, y0)–(x1, y1)` and returns it with `x0 <= x1`, `y0 <= y1`.
    pub fn rect(self, x0: f64, y0: f64, x1: f64, y1: f64) -> (f64, f64, f64, f64) {
        let (ax, ay) = self.point(x0, y0);
        let (bx, by) = self.point(x1, y1);
        (ax.min(bx), ay.min(by), ax.max(bx), ay.max(by))
    }

    fn glyph(self, glyph: &Glyph) -> Glyph {
        let (x0, y0, x1, y1) = self.rect(
            glyph.x,
            glyph.y,
            glyph.x + glyph.width,
            glyph.y + glyph.height,
        );
        Glyph {
            x: x0,
            y: y0,
            width: x1 - x0,
            height: y1 - y0,
            ..glyph.clone()
        }
    }

    fn rule(self, rule: &Rule) -> Rule {
        let (x0, y0, x1, y1) = self.rect(rule.x0, rule.y0, rule.x1, rule.y1);
        Rule {
            x0,
            y0,
            x1,
            y1,
            width: rule.width,
        }
    }
}

/// The page turned by quarter turns so that its dominant text direction is left to right
/// (`text_rotation` 0); a page already upright comes back unchanged. `width`/`height` are
/// swapped for a quarter turn, and `rotation` records the total turn from the unrotated page.
pub fn upright(page: &Page) -> Page {
    let turn = Turn::to_upright(page.text_rotation, page.width, page.height);
    let (width, height) = turn.target_size();
    Page {
        width,
        height,
        rotation: (page.rotation + 360 - page.text_rotation) % 360,
        text_rotation: 0,
        glyphs: page.glyphs.iter().map(|g| turn.glyph(g)).collect(),
        hidden_glyphs: page.hidden_glyphs.iter().map(|g| turn.glyph(g)).collect(),
        rules: page.rules.iter().map(|r| turn.rule(r)).collect(),
        ..page.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_turn_is_undone_by_its_inverse() {
        for degrees in [0, 90, 180, 270] {
            let turn = Turn::to_upright(degrees, 200.0, 100.0);
            let back = turn.inverse();
            let (x, y) = turn.point(30.0, 40.0);
            assert_eq!(back.point(x, y), (30.0, 40.0), "{degrees}");
        }
    }

    #[test]
    fn text_running_down_turns_to_run_right() {
        // On a page turned clockwise, the text's first line is at the right edge.
        let turn = Turn::to_upright(90, 100.0, 200.0);
        assert_eq!(turn.target_size(), (200.0, 100.0));
        assert_eq!(turn.point(90.0, 10.0), (10.0, 10.0));
        assert_eq!(turn.point(90.0, 50.0), (50.0, 10.0));
        assert_eq!(turn.point(10.0, 10.0), (10.0, 90.0));
    }
}
