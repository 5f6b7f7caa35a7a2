//! The visual debug view: one SVG per page with the glyphs, the rules, the cells and each
//! table's outline and title, to open in a browser.

use std::fmt::Write;

use crate::pdf::Page;

use super::page::PageAnalysis;

/// Draws a page and what the chain found on it.
pub(crate) fn svg(page: &Page, analysis: &PageAnalysis) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{h:.0}" viewBox="0 0 {w:.2} {h:.2}" font-family="sans-serif">"#,
        w = page.width,
        h = page.height
    );
    let _ = writeln!(out, r#"<rect width="100%" height="100%" fill="white"/>"#);
    // Glyphs a clip hides (not read) in pale red under the read ones.
    let drawn = [(&page.hidden_glyphs, "#e99"), (&page.glyphs, "#333")];
    for (glyphs, colour) in drawn {
        for glyph in glyphs {
            let _ = writeln!(
                out,
                r##"<text x="{:.2}" y="{:.2}" font-size="{:.2}" fill="{colour}">{}</text>"##,
                glyph.x,
                glyph.y + glyph.height * 0.85,
                glyph.height.max(1.0),
                escape(&glyph.text)
            );
        }
    }
    for h in &analysis.rules.horizontal {
        line(&mut out, h.start, h.pos, h.end, h.pos);
    }
    for v in &analysis.rules.vertical {
        line(&mut out, v.pos, v.start, v.pos, v.end);
    }
    let colour = if analysis.aligned { "#d60" } else { "#06c" };
    for (i, fragment) in analysis.fragments.iter().enumerate() {
        for cell in &fragment.grid.cells {
            let r = fragment.grid.cell_rect(cell);
            let _ = writeln!(
                out,
                r#"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" fill="{colour}" fill-opacity="0.06" stroke="{colour}" stroke-width="0.4"/>"#,
                r.x0 + 0.8,
                r.y0 + 0.8,
                (r.x1 - r.x0 - 1.6).max(0.1),
                (r.y1 - r.y0 - 1.6).max(0.1)
            );
        }
        let b = fragment.grid.bbox();
        let _ = writeln!(
            out,
            r##"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" fill="none" stroke="#0a0" stroke-width="1.5"/>"##,
            b.x0,
            b.y0,
            b.x1 - b.x0,
            b.y1 - b.y0
        );
        let label = format!(
            "#{} {} | {} header rows, {} body rows{}{}",
            i + 1,
            fragment.title.as_deref().unwrap_or("(no title)"),
            fragment.header_count,
            fragment.texts.row_count() - fragment.header_count,
            fragment
                .context_lines
                .iter()
                .map(|l| format!(" | {l}"))
                .collect::<String>(),
            if fragment.notes.is_empty() {
                ""
            } else {
                " | notes"
            }
        );
        let _ = writeln!(
            out,
            r##"<text x="{:.2}" y="{:.2}" font-size="7" fill="#0a0">{}</text>"##,
            b.x0,
            (b.y0 - 2.0).max(7.0),
            escape(&label)
        );
    }
    out.push_str("</svg>\n");
    out
}

fn line(out: &mut String, x0: f64, y0: f64, x1: f64, y1: f64) {
    let _ = writeln!(
        out,
        r##"<line x1="{x0:.2}" y1="{y0:.2}" x2="{x1:.2}" y2="{y1:.2}" stroke="#e00" stroke-width="0.6"/>"##
    );
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
