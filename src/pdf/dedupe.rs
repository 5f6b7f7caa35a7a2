//! Fake bold and drop shadows: the same text drawn again a fraction of a point away. The copy
//! is dropped and the kept glyph marked bold. Tolerances follow poppler's text extractor, so
//! that our text and `pdftotext` agree on what counts as one character.

use std::collections::HashMap;

use super::model::Glyph;

/// Largest offset along the line, as a fraction of the glyph size, for a repeat to be a copy.
const MAX_ALONG_DELTA: f64 = 0.1;
/// Largest offset across the line, as a fraction of the glyph size, for a repeat to be a copy.
const MAX_ACROSS_DELTA: f64 = 0.2;

/// Removes glyphs that repeat another glyph's text at (nearly) the same place, keeping the
/// leftmost of each group and marking it bold. The order of the kept glyphs is unchanged.
pub(super) fn drop_overprinted(mut glyphs: Vec<Glyph>) -> Vec<Glyph> {
    let order = by_text_then_x(&glyphs);
    let mut copy_of: Vec<Option<usize>> = vec![None; glyphs.len()];
    for (rank, &(text, _, i)) in order.iter().enumerate() {
        if copy_of[i].is_some() {
            continue;
        }
        let original = &glyphs[i];
        let reach = MAX_ALONG_DELTA * original.size;
        for &(other_text, _, j) in &order[rank + 1..] {
            let other = &glyphs[j];
            if other_text != text || other.x - original.x > reach {
                break;
            }
            if copy_of[j].is_none()
                && (other.y - original.y).abs() <= MAX_ACROSS_DELTA * original.size
            {
                copy_of[j] = Some(i);
            }
        }
    }
    if copy_of.iter().all(Option::is_none) {
        return glyphs;
    }
    for &i in copy_of.iter().flatten() {
        glyphs[i].bold_hint = true;
    }
    let mut copies = copy_of.iter();
    glyphs.retain(|_| copies.next().is_some_and(Option::is_none));
    glyphs
}

/// (text number, x key, index) of every glyph, grouped by text, by x within each text, then by
/// index. A text's number is its character for one character, else a number above every
/// character in order of appearance: only equal texts need to be together.
fn by_text_then_x(glyphs: &[Glyph]) -> Vec<(u32, u64, usize)> {
    const FIRST_STRING: u32 = char::MAX as u32 + 1;
    let mut strings: HashMap<&str, u32> = HashMap::new();
    let mut keys: Vec<(u32, u64, usize)> = glyphs
        .iter()
        .enumerate()
        .map(|(i, glyph)| {
            let mut chars = glyph.text.chars();
            let text = match (chars.next(), chars.next()) {
                (Some(c), None) => u32::from(c),
                _ => {
                    let next = FIRST_STRING + strings.len() as u32;
                    *strings.entry(&*glyph.text).or_insert(next)
                }
            };
            (text, total_order_key(glyph.x), i)
        })
        .collect();
    keys.sort_unstable();
    keys
}

/// A key whose unsigned order is [`f64::total_cmp`]'s order.
fn total_order_key(x: f64) -> u64 {
    let bits = x.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_drawn_a_hair_away_is_dropped_and_the_original_marked_bold() {
        let kept = drop_overprinted(vec![
            Glyph::test("合", 10.0, 10.0, 10.0),
            Glyph::test("计", 20.0, 10.0, 10.0),
            Glyph::test("合", 10.3, 10.2, 10.0),
        ]);
        let texts: Vec<_> = kept.iter().map(|g| (&*g.text, g.bold_hint)).collect();
        assert_eq!(texts, [("合", true), ("计", false)]);
    }

    #[test]
    fn the_key_orders_as_total_cmp() {
        let mut xs = [
            3.5,
            -0.0,
            0.0,
            -2.0,
            f64::INFINITY,
            -f64::INFINITY,
            1e-300,
            -1e-300,
        ];
        let mut keyed = xs;
        xs.sort_by(f64::total_cmp);
        keyed.sort_by_key(|x| total_order_key(*x));
        assert_eq!(xs.map(f64::to_bits), keyed.map(f64::to_bits));
    }

    #[test]
    fn repeated_characters_side_by_side_are_kept() {
        let kept = drop_overprinted(vec![
            Glyph::test("1", 10.0, 10.0, 10.0),
            Glyph::test("1", 15.0, 10.0, 10.0),
            Glyph::test("1", 10.0, 22.0, 10.0),
        ]);
        assert_eq!(kept.len(), 3);
    }
}
