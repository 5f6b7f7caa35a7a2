//! Prose as paragraphs: the text lines of every page joined across line and page breaks, page
//! numbers and running headers dropped.
//!
//! A PDF line ends wherever the typesetter ran out of width, in the middle of a word or a
//! number (`比2025年年初预` / `算数211,138.66万元`), and a paragraph runs on over a page break.
//! Lines are therefore joined without anything between them, and a paragraph ends only where
//! the next line shows that a new one starts: it is indented (the first-line indent of Chinese
//! typesetting) or it starts with item numbering (`（一）`, `1.`, `二、`).

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::pdf::{self, Page, TextLine, nfkc};

/// One paragraph of running text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Paragraph {
    /// The text: NFKC, whitespace removed except between two Latin letters.
    pub text: String,
    /// Byte offset in `text` where each page's part starts, with the page, ascending.
    starts: Vec<(usize, u32)>,
}

impl Paragraph {
    /// A paragraph of `text` printed on `page`.
    pub fn new(text: &str, page: u32) -> Paragraph {
        Paragraph {
            text: clean(text),
            starts: vec![(0, page)],
        }
    }

    /// The page the text at byte `offset` was printed on.
    pub fn page_at(&self, offset: usize) -> u32 {
        let index = self.starts.partition_point(|(start, _)| *start <= offset);
        self.starts[index.saturating_sub(1)].1
    }

    fn push(&mut self, text: &str, page: u32) {
        if self.starts.last().is_none_or(|(_, p)| *p != page) {
            self.starts.push((self.text.len(), page));
        }
        let joins_words = self.text.ends_with(|c: char| c.is_ascii_alphabetic())
            && text.starts_with(|c: char| c.is_ascii_alphabetic());
        if joins_words {
            self.text.push(' ');
        }
        self.text.push_str(text);
    }
}

/// The running text of `pages` as paragraphs, in reading order.
pub fn paragraphs(pages: &[Page]) -> Vec<Paragraph> {
    let lines: Vec<Vec<TextLine>> = pages.iter().map(page_lines).collect();
    let running = running_lines(&lines);
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    for (page, page_lines) in pages.iter().zip(&lines) {
        let kept: Vec<(&TextLine, String)> = page_lines
            .iter()
            .map(|line| (line, clean(&line.text)))
            .filter(|(_, text)| {
                !text.is_empty()
                    && !is_page_number(text)
                    && (running.is_empty() || !running.contains(&shape(text)))
            })
            .collect();
        for (k, (line, text)) in kept.iter().enumerate() {
            let previous = k.checked_sub(1).map(|p| kept[p].0);
            let next = kept.get(k + 1).map(|(n, _)| *n);
            let starts = starts_item(text) || is_indented(line, previous, next);
            match paragraphs.last_mut() {
                Some(last) if !starts => last.push(text, page.number),
                _ => paragraphs.push(Paragraph {
                    text: text.clone(),
                    starts: vec![(0, page.number)],
                }),
            }
        }
    }
    paragraphs
}

/// Whether a line starts further right than the line before it or the line after it on its
/// page: a first line indented against the lines it runs on into, or against the end of the
/// paragraph before. Lines are compared with their neighbours, not with a page margin: one
/// page may set blocks of text at different margins, and facing pages may mirror theirs.
fn is_indented(line: &TextLine, previous: Option<&TextLine>, next: Option<&TextLine>) -> bool {
    let indent = INDENT * line.size;
    [previous, next]
        .into_iter()
        .flatten()
        .any(|other| line.x0 - other.x0 > indent)
}

/// How far right of its neighbour, in glyph sizes, a line must start to be indented: Chinese
/// paragraphs indent two characters, continuation lines start at the margin.
const INDENT: f64 = 0.8;

/// A running header or footer appears on at least this many pages, among their first or last
/// lines.
const RUNNING_PAGES: usize = 3;

/// How many lines at the top and at the bottom of a page are looked at for running headers.
const RUNNING_LINES: usize = 2;

/// The page's lines in reading order, read upright when its text runs sideways.
fn page_lines(page: &Page) -> Vec<TextLine> {
    if page.text_rotation == 0 {
        pdf::text_lines(page)
    } else {
        pdf::text_lines(&pdf::upright(page))
    }
}

/// The shapes (see [`shape`]) of lines printed at the top or bottom of several pages: running
/// headers and footers such as `XX局2026年部门预算` or `第 3 页 共 9 页`.
fn running_lines(pages: &[Vec<TextLine>]) -> Vec<String> {
    let mut pages_with: HashMap<String, usize> = HashMap::new();
    for lines in pages {
        let mut shapes: Vec<String> = lines
            .iter()
            .take(RUNNING_LINES)
            .chain(lines.iter().rev().take(RUNNING_LINES))
            .map(|l| shape(&clean(&l.text)))
            .collect();
        shapes.sort();
        shapes.dedup();
        for shape in shapes {
            *pages_with.entry(shape).or_default() += 1;
        }
    }
    pages_with
        .into_iter()
        .filter(|(shape, n)| *n >= RUNNING_PAGES && !shape.is_empty())
        .map(|(shape, _)| shape)
        .collect()
}

/// A line with its digits masked, so that headers carrying the page number compare equal.
fn shape(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-—–─_]*\d{1,4}[-—–─_]*|第\d{1,4}页(?:,?共\d{1,4}页)?|\d{1,4}/\d{1,4})$")
        .expect("valid regex")
});

/// `- 5 -`, `─ 7 ─`, `-4-`, `12`, `第3页`, `第3页共9页`, `3/9`.
fn is_page_number(text: &str) -> bool {
    PAGE_NUMBER.is_match(text)
}

static ITEM_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\(\d{1,2}\)|\d{1,2}[.、](?:[^\d]|\d{4}年))",
    )
    .expect("valid regex")
});

/// Whether a line starts a numbered item: `一、`, `（一）`, `(1)`, `1.` or `1、` (but not
/// `3.5万元`; `1.2026年…` is item 1 about the year 2026).
pub fn starts_item(text: &str) -> bool {
    ITEM_START.is_match(text)
}

/// NFKC, whitespace removed except one space between two Latin letters: justified Chinese
/// text is spread with spaces (`政 府 采 购`), numbers stand apart (`213,895.03 万元`), and
/// neither space means anything.
pub fn clean(text: &str) -> String {
    let mut cleaned = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in nfkc(text).chars() {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space
            && c.is_ascii_alphabetic()
            && cleaned.ends_with(|p: char| p.is_ascii_alphabetic())
        {
            cleaned.push(' ');
        }
        pending_space = false;
        cleaned.push(c);
    }
    cleaned
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::Glyph;

    #[test]
    fn cleaning_drops_spaces_but_between_words() {
        assert_eq!(
            clean("政 府 采 购 预 算 总 额 51,800.89 万元"),
            "政府采购预算总额51,800.89万元"
        );
        assert_eq!(clean("（一）因公出国（境）费用"), "(一)因公出国(境)费用");
        assert_eq!(clean("PPP 项目 and more"), "PPP项目and more");
        assert_eq!(clean("１２３．４５ 万元"), "123.45万元");
    }

    #[test]
    fn page_numbers_and_item_starts() {
        for number in ["-5-", "─7─", "12", "第3页", "第3页,共9页", "3/9", "-4-"] {
            assert!(is_page_number(number), "{number}");
        }
        for text in ["2026年度收入预算", "5.事业收入", "图1:收入预算"] {
            assert!(!is_page_number(text), "{text}");
        }
        for text in [
            "一、部门情况",
            "(一)基本支出",
            "(1)公务用车",
            "1.一般公共预算",
            "10.上年",
            "1.2026年,根据",
        ] {
            assert!(starts_item(text), "{text}");
        }
        for text in [
            "3.5万元",
            "2026年度收入预算",
            "数211,138.66万元",
            "元,主要用于",
        ] {
            assert!(!starts_item(text), "{text}");
        }
    }

    /// A page of lines, each `(indent in glyphs, text)`, 10-point glyphs 10 points wide.
    fn page(number: u32, lines: &[(usize, &str)]) -> Page {
        let mut glyphs = Vec::new();
        for (row, (indent, text)) in lines.iter().enumerate() {
            let y = 100.0 + 20.0 * row as f64;
            for (i, c) in text.chars().enumerate() {
                let x = 50.0 + 10.0 * (indent + i) as f64;
                glyphs.push(Glyph::test(&c.to_string(), x, y, 10.0));
            }
        }
        Page {
            number,
            width: 595.0,
            height: 842.0,
            rotation: 0,
            text_rotation: 0,
            glyphs,
            hidden_glyphs: Vec::new(),
            rules: Vec::new(),
            images: 0,
            warnings: Vec::new(),
            font_cmap_fallbacks: 0,
            unmapped_glyphs: 0,
        }
    }

    #[test]
    fn lines_join_across_wraps_and_pages_and_split_at_indents_and_items() {
        let pages = [
            page(
                1,
                &[
                    (2, "二、收入预算情况说明"),
                    (2, "2026年度收入预算213,895.03万元，比2025年年初预"),
                    (0, "算数211,138.66万元增加2,756.37万元，增长1.31%。主"),
                    (0, "要原因是加大了推动演艺高质量发展等资金投入。"),
                    (2, "（一）本年财政拨款收入189,997.29万元"),
                    (2, "1.一般公共预算拨款收入189,650.29万元。"),
                    (2, "2.政府性基金预算拨款收入347.00万元。3.国有资本经"),
                    (14, "-5-"),
                ],
            ),
            page(
                2,
                &[
                    (0, "营预算拨款收入0万元。"),
                    (2, "（二）公务用车购置和运行维护费。2026年预算数"),
                    (0, "198.40万元，包括公务用车购置费预算138.77万元。"),
                    (14, "-6-"),
                ],
            ),
        ];
        let paragraphs = paragraphs(&pages);
        let texts: Vec<&str> = paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "二、收入预算情况说明",
                "2026年度收入预算213,895.03万元,比2025年年初预算数211,138.66万元增加2,756.37万元,增长1.31%。主要原因是加大了推动演艺高质量发展等资金投入。",
                "(一)本年财政拨款收入189,997.29万元",
                "1.一般公共预算拨款收入189,650.29万元。",
                "2.政府性基金预算拨款收入347.00万元。3.国有资本经营预算拨款收入0万元。",
                "(二)公务用车购置和运行维护费。2026年预算数198.40万元,包括公务用车购置费预算138.77万元。",
            ]
        );
        let split = &paragraphs[4];
        let on_second = split.text.find("营预算").unwrap();
        assert_eq!(split.page_at(0), 1);
        assert_eq!(split.page_at(on_second), 2);
        assert_eq!(split.page_at(on_second - 1), 1);
    }

    #[test]
    fn running_headers_are_dropped() {
        let pages: Vec<Page> = (1..=3)
            .map(|n| {
                page(
                    n,
                    &[
                        (0, "某某局2026年部门预算"),
                        (2, "正文第一行写满了整个版面的宽度了吧"),
                        (0, "正文第二行写满了整个版面的宽度了吧"),
                    ],
                )
            })
            .collect();
        let paragraphs = paragraphs(&pages);
        assert!(paragraphs.iter().all(|p| !p.text.contains("某某局")));
    }
}
