//! Unicode text and font facts for a glyph: the PDF's own mapping first (`/ToUnicode`, glyph
//! names, predefined CMaps, all inside hayro), then the embedded font's cmap reversed with
//! skrifa, always NFKC-normalised.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use hayro_interpret::font::{Glyph as EngineGlyph, OutlineGlyph, PositionedGlyph};
use hayro_interpret::hayro_cmap::BfString;
use rustc_hash::FxHashMap;
use skrifa::{FontRef, MetadataProvider};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// Glyph id → character, reversed from one embedded font's cmap.
type ReverseCmap = HashMap<u32, char>;

/// A font as the engine describes it: PostScript name and weight.
type FontKey = (Option<String>, Option<u32>);

/// Resolves glyph text, caching one reversed cmap per embedded font program, and font facts,
/// caching them per font.
#[derive(Default)]
pub(super) struct UnicodeResolver {
    reversed: HashMap<u128, ReverseCmap>,
    /// Name without subset prefix and boldness, per font.
    fonts: HashMap<FontKey, (Arc<str>, bool)>,
    /// The font of the last run and its facts: runs in a row mostly share their font.
    last_font: Option<(FontKey, (Arc<str>, bool))>,
    /// The text of each character met, shared by all the glyphs printing it (`None`: a
    /// control character, which has none).
    texts: FxHashMap<char, Option<Arc<str>>>,
    /// Glyphs resolved by the reversed embedded cmap since the last [`Self::take_fallbacks`].
    fallbacks: usize,
}

impl UnicodeResolver {
    /// The NFKC text of a glyph, or `None` if neither the PDF nor the font maps it.
    pub fn text_of(&mut self, glyph: &PositionedGlyph<'_>) -> Option<Arc<str>> {
        match glyph.as_unicode() {
            Some(BfString::Char(c)) => self.char_text(c),
            Some(BfString::String(s)) => normalized(&s).map(Arc::from),
            None => {
                let EngineGlyph::Outline(outline) = &**glyph else {
                    return None;
                };
                let c = self.lookup_embedded_cmap(outline)?;
                self.fallbacks += 1;
                self.char_text(c)
            }
        }
    }

    /// The NFKC text of one character, normalised once per document and then shared.
    fn char_text(&mut self, c: char) -> Option<Arc<str>> {
        self.texts
            .entry(c)
            .or_insert_with(|| normalized_char(c).map(Arc::from))
            .clone()
    }

    /// The font's PostScript name without the subset prefix, and whether it looks bold. Every
    /// glyph of a run has the same font: callers ask once per run.
    pub fn font_of(&mut self, glyph: &PositionedGlyph<'_>) -> (Arc<str>, bool) {
        let EngineGlyph::Outline(outline) = &**glyph else {
            return (Arc::from("Type3"), false);
        };
        let Some(data) = outline.font_data() else {
            return (Arc::from(""), false);
        };
        let key = (data.postscript_name, data.weight);
        if let Some((last, facts)) = &self.last_font
            && *last == key
        {
            return facts.clone();
        }
        let facts = match self.fonts.get(&key) {
            Some(facts) => facts.clone(),
            None => {
                let facts = font_facts(key.0.as_deref(), key.1);
                self.fonts.insert(key.clone(), facts.clone());
                facts
            }
        };
        self.last_font = Some((key, facts.clone()));
        facts
    }

    /// Returns and resets the number of glyphs resolved through the embedded cmap.
    pub fn take_fallbacks(&mut self) -> usize {
        std::mem::take(&mut self.fallbacks)
    }

    fn lookup_embedded_cmap(&mut self, outline: &OutlineGlyph) -> Option<char> {
        let data = outline.font_data()?;
        let reversed = self
            .reversed
            .entry(data.cache_key)
            .or_insert_with(|| reverse_cmap((*data.data).as_ref()));
        reversed.get(&outline.glyph_id().to_u32()).copied()
    }
}

/// The NFKC text of one character, control characters dropped. Nearly every character a
/// disclosure prints (ASCII, CJK ideographs and punctuation) is its own NFKC form, which a
/// table lookup tells without running the normaliser.
fn normalized_char(c: char) -> Option<String> {
    if c.is_control() {
        return None;
    }
    if is_own_nfkc(c) {
        return Some(c.to_string());
    }
    normalized(c.encode_utf8(&mut [0; 4]))
}

/// Whether `c` is its own NFKC form: printable ASCII and the CJK Unified Ideographs (with
/// extension A) by range, the bulk of every disclosure; anything else by the normaliser's
/// quick check.
fn is_own_nfkc(c: char) -> bool {
    is_plain(c) || is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes
}

/// Printable ASCII and the CJK Unified Ideographs (with extension A): characters that are
/// their own NFKC form and never combine with a neighbour, so a text of nothing else is NFKC.
fn is_plain(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}')
}

/// `text` in NFKC. Text from the PDF layer is NFKC already (every glyph's text is), so the
/// text itself comes back, without running the normaliser, whenever its characters say so:
/// the normaliser's quick check of those that are not plain (plain ones are starters and
/// their own form: leaving them out can turn a yes into a no, never a no into a yes).
pub fn nfkc(text: &str) -> Cow<'_, str> {
    if is_nfkc_quick(text.chars().filter(|&c| !is_plain(c))) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfkc().collect())
    }
}

/// The NFKC text of `raw`, control characters dropped; `None` when nothing is left.
fn normalized(raw: &str) -> Option<String> {
    let text: String = raw.nfkc().filter(|c| !c.is_control()).collect();
    (!text.is_empty()).then_some(text)
}

/// Glyph id → character for every mapping of the font's Unicode cmap; when several characters
/// share a glyph, the smallest code point wins (deterministic, and prefers the unified
/// ideograph over compatibility forms). A symbol cmap maps byte codes, not characters, so it
/// gives nothing.
fn reverse_cmap(data: &[u8]) -> ReverseCmap {
    let mut reversed = ReverseCmap::new();
    let Ok(font) = FontRef::new(data) else {
        return reversed;
    };
    let charmap = font.charmap();
    if charmap.is_symbol() {
        return reversed;
    }
    for (code_point, glyph) in charmap.mappings() {
        let Some(c) = char::from_u32(code_point) else {
            continue;
        };
        reversed
            .entry(glyph.to_u32())
            .and_modify(|old| *old = (*old).min(c))
            .or_insert(c);
    }
    reversed
}

/// A font's name without subset prefix, and whether its weight or its name says bold.
fn font_facts(postscript_name: Option<&str>, weight: Option<u32>) -> (Arc<str>, bool) {
    let name = postscript_name.map(strip_subset_prefix).unwrap_or_default();
    let bold = weight.is_some_and(|w| w >= 600) || name_says_bold(name);
    (Arc::from(name), bold)
}

/// `ABCDEF+SimSun` → `SimSun`.
fn strip_subset_prefix(name: &str) -> &str {
    match name.split_once('+') {
        Some((prefix, rest))
            if prefix.len() == 6 && prefix.bytes().all(|b| b.is_ascii_uppercase()) =>
        {
            rest
        }
        _ => name,
    }
}

fn name_says_bold(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    ["bold", "heavy", "black", "semibold", "demibold"]
        .iter()
        .any(|w| lower.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfkc_borrows_what_is_normalized_already() {
        for text in ["合计 1,234.56", "（一）基本支出", "一、收入\n二、支出", ""] {
            let normalized: String = text.nfkc().collect();
            assert_eq!(nfkc(text), normalized, "{text:?}");
            assert_eq!(matches!(nfkc(text), Cow::Borrowed(_)), normalized == text);
        }
        assert_eq!(nfkc("１２３．４（万元）"), "123.4(万元)");
        // A combining mark composes with the letter before it, though each is NFKC alone.
        assert_eq!(nfkc("e\u{301}"), "\u{e9}");
    }

    #[test]
    fn subset_prefix_is_removed_only_when_it_is_one() {
        assert_eq!(strip_subset_prefix("ABCDEF+SimSun"), "SimSun");
        assert_eq!(strip_subset_prefix("SimSun"), "SimSun");
        assert_eq!(strip_subset_prefix("Ab+Font"), "Ab+Font");
    }

    #[test]
    fn bold_names_are_recognised() {
        assert!(name_says_bold("Arial-BoldMT"));
        assert!(name_says_bold("SourceHanSans-Heavy"));
        assert!(!name_says_bold("SimSun"));
    }

    #[test]
    fn characters_are_normalised_as_whole_strings_are() {
        for c in [
            '中', 'A', '，', '（', '①', '\u{2F00}', '\u{FF21}', 'é', '\u{0301}', '\n',
        ] {
            assert_eq!(normalized_char(c), normalized(&c.to_string()), "{c:?}");
        }
        assert_eq!(normalized_char('\u{FF08}').as_deref(), Some("("));
        assert_eq!(normalized_char('\u{0007}'), None);
    }

    #[test]
    fn reversing_garbage_gives_an_empty_map() {
        assert!(reverse_cmap(b"not a font").is_empty());
    }
}
