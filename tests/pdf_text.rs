//! Our text layer against poppler's: for every PDF with committed poppler counts
//! (tests/fixtures/poppler, made by generate.sh there), the non-whitespace characters of our
//! page texts must match `pdftotext -raw` as multisets to at least 99.5% recall and precision.
//!
//! poppler reads text that a clip path hides; we set it apart (`Page::hidden_glyphs`), so
//! recall counts it as ours. What is hidden is pinned page by page in
//! tests/fixtures/poppler/hidden.tsv, each page's entry checked on its image: a change in what
//! the clip rule hides fails here until someone has looked at the page again.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod common;

use budgetpdf::pdf;
use unicode_normalization::UnicodeNormalization;

/// The least recall and precision accepted per file.
const MIN_AGREEMENT: f64 = 0.995;

type Counts = BTreeMap<char, usize>;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Each fixture set and the folder its PDFs live in (the corpus only where it is available).
fn fixture_sets() -> Vec<(&'static str, PathBuf)> {
    let mut sets = vec![("samples", manifest_dir().join("samples/pdf"))];
    if let Some(corpus) = common::corpus::corpus() {
        sets.push(("corpus", corpus.join("real")));
    }
    sets
}

fn read_poppler_counts(path: &Path) -> Counts {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .map(|line| {
            let (char, count) = line.split_once('\t').expect("`char<TAB>count` lines");
            let mut chars = char.chars();
            let c = chars.next().expect("a character");
            assert!(chars.next().is_none(), "one character per line: {line:?}");
            (c, count.parse().expect("a count"))
        })
        .collect()
}

fn count_into(counts: &mut Counts, text: &str) {
    for c in text.nfkc().filter(|c| !c.is_whitespace()) {
        *counts.entry(c).or_default() += 1;
    }
}

fn our_counts(document: &pdf::Document) -> Counts {
    let mut counts = Counts::new();
    for page in &document.pages {
        count_into(&mut counts, &pdf::page_text(page));
    }
    counts
}

fn hidden_text(page: &pdf::Page) -> String {
    page.hidden_glyphs.iter().map(|g| &*g.text).collect()
}

fn hidden_counts(document: &pdf::Document) -> Counts {
    let mut counts = Counts::new();
    for page in &document.pages {
        count_into(&mut counts, &hidden_text(page));
    }
    counts
}

/// The characters a clip hides on each page that has any: (page, count).
fn hidden_per_page(document: &pdf::Document) -> Vec<(u32, usize)> {
    document
        .pages
        .iter()
        .map(|page| {
            let mut counts = Counts::new();
            count_into(&mut counts, &hidden_text(page));
            (page.number, counts.values().sum())
        })
        .filter(|&(_, n)| n > 0)
        .collect()
}

/// tests/fixtures/poppler/hidden.tsv: `set/name → [(page, hidden characters)]`.
fn pinned_hidden() -> BTreeMap<String, Vec<(u32, usize)>> {
    let path = manifest_dir().join("tests/fixtures/poppler/hidden.tsv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut pinned: BTreeMap<String, Vec<(u32, usize)>> = BTreeMap::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let fields: Vec<&str> = line.split('\t').collect();
        let [file, page, count, _what] = fields[..] else {
            panic!("hidden.tsv: `file<TAB>page<TAB>count<TAB>what` lines: {line:?}");
        };
        let page = page.parse().expect("a page number");
        pinned
            .entry(file.to_owned())
            .or_default()
            .push((page, count.parse().expect("a count")));
    }
    pinned
}

/// Recall of `ours` and `hidden` together against `theirs` (a hidden glyph is accounted for),
/// precision of `ours` alone, and the largest differences for the report.
fn agreement(ours: &Counts, hidden: &Counts, theirs: &Counts) -> (f64, f64, String) {
    let total = |c: &Counts| c.values().sum::<usize>().max(1) as f64;
    let common_with = |a: &Counts| -> usize {
        theirs
            .iter()
            .map(|(c, n)| (*n).min(a.get(c).copied().unwrap_or(0)))
            .sum()
    };
    let mut accounted = ours.clone();
    for (c, n) in hidden {
        *accounted.entry(*c).or_default() += n;
    }
    let difference = |a: &Counts, b: &Counts| -> String {
        a.iter()
            .filter_map(|(c, n)| {
                let extra = n.saturating_sub(b.get(c).copied().unwrap_or(0));
                (extra > 0).then(|| format!("{c}×{extra}"))
            })
            .take(12)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let detail = format!(
        "missing [{}] extra [{}]",
        difference(theirs, &accounted),
        difference(ours, theirs)
    );
    (
        common_with(&accounted) as f64 / total(theirs),
        common_with(ours) as f64 / total(ours),
        detail,
    )
}

#[test]
fn text_matches_poppler_on_every_fixture() {
    let fixtures = manifest_dir().join("tests/fixtures/poppler");
    let mut pinned = pinned_hidden();
    let mut checked = 0;
    let mut failures = Vec::new();
    let sets = fixture_sets();
    let corpus_checked = sets.iter().any(|(set, _)| *set == "corpus");
    for (set, pdf_dir) in sets {
        let Ok(entries) = std::fs::read_dir(fixtures.join(set)) else {
            continue;
        };
        let mut tsvs: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
        tsvs.sort();
        for tsv in tsvs
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        {
            let name = tsv.file_stem().unwrap().to_string_lossy();
            let pdf_path = pdf_dir.join(format!("{name}.pdf"));
            let bytes = std::fs::read(&pdf_path).unwrap_or_else(|e| {
                panic!("{}: {e} (fixture without its PDF)", pdf_path.display())
            });
            let document = match pdf::load(&bytes, &pdf::Settings::default()) {
                Ok(document) => document,
                Err(error) => {
                    failures.push(format!("{set}/{name}: {error}"));
                    continue;
                }
            };
            let (recall, precision, detail) = agreement(
                &our_counts(&document),
                &hidden_counts(&document),
                &read_poppler_counts(tsv),
            );
            println!("{set}/{name}: recall {recall:.4} precision {precision:.4}");
            if recall < MIN_AGREEMENT || precision < MIN_AGREEMENT {
                failures.push(format!(
                    "{set}/{name}: recall {recall:.4} precision {precision:.4}; {detail}"
                ));
            }
            let hidden = hidden_per_page(&document);
            let expected = pinned.remove(&format!("{set}/{name}")).unwrap_or_default();
            if hidden != expected {
                failures.push(format!(
                    "{set}/{name}: a clip hides (page, characters) {hidden:?}, hidden.tsv says \
                     {expected:?}; look at those pages and update hidden.tsv"
                ));
            }
            checked += 1;
        }
    }
    assert!(
        checked > 0,
        "no poppler fixtures found under {}",
        fixtures.display()
    );
    failures.extend(
        pinned
            .keys()
            .filter(|file| file.starts_with("samples/") || corpus_checked)
            .map(|file| format!("{file}: in hidden.tsv but not checked")),
    );
    assert!(
        failures.is_empty(),
        "{} of {checked} files disagree with poppler:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Without `/ToUnicode`, text comes from the embedded fonts' own cmaps (reversed with skrifa).
/// Renaming the key to one of the same length hides every `/ToUnicode` while keeping the xref
/// offsets right; Word and Aspose files embed TrueType subsets whose cmaps still hold Unicode,
/// so the text must still agree with poppler's on the original file.
#[test]
fn embedded_font_cmaps_replace_a_missing_to_unicode() {
    let Some(corpus) = common::corpus::corpus() else {
        return;
    };
    let corpus = corpus.join("real");
    let fixtures = manifest_dir().join("tests/fixtures/poppler/corpus");
    for name in [
        "foshan_2019_dept_final_metro",
        "suzhou_2026_dept_budget_transport",
    ] {
        let bytes = std::fs::read(corpus.join(format!("{name}.pdf"))).unwrap();
        let hidden = replace_all(&bytes, b"/ToUnicode", b"/ToUnicodX");
        assert_ne!(hidden, bytes, "{name} has no /ToUnicode to hide");
        let document = pdf::load(&hidden, &pdf::Settings::default()).unwrap();
        let fallbacks: usize = document.pages.iter().map(|p| p.font_cmap_fallbacks).sum();
        assert!(
            fallbacks > 1000,
            "{name}: only {fallbacks} glyphs used the fallback"
        );
        let theirs = read_poppler_counts(&fixtures.join(format!("{name}.tsv")));
        let (recall, precision, detail) =
            agreement(&our_counts(&document), &hidden_counts(&document), &theirs);
        assert!(
            recall >= MIN_AGREEMENT && precision >= MIN_AGREEMENT,
            "{name}: recall {recall:.4} precision {precision:.4}; {detail}"
        );
    }
}

fn replace_all(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

#[test]
fn agreement_counts_missing_and_extra_characters() {
    let theirs: Counts = [('a', 2), ('b', 2)].into();
    let ours: Counts = [('a', 2), ('b', 1), ('c', 1)].into();
    let (recall, precision, detail) = agreement(&ours, &Counts::new(), &theirs);
    assert_eq!((recall, precision), (0.75, 0.75));
    assert_eq!(detail, "missing [b×1] extra [c×1]");
}

#[test]
fn hidden_characters_count_for_recall_only() {
    let theirs: Counts = [('a', 2), ('b', 2)].into();
    let ours: Counts = [('a', 2), ('c', 2)].into();
    let hidden: Counts = [('b', 1), ('d', 1)].into();
    let (recall, precision, detail) = agreement(&ours, &hidden, &theirs);
    assert_eq!((recall, precision), (0.75, 0.5));
    assert_eq!(detail, "missing [b×1] extra [c×2]");
}
