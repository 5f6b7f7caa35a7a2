//! Our text layer against poppler's: for every PDF with committed poppler counts
//! (tests/fixtures/poppler, made by generate.sh there), the non-whitespace characters of our
//! page texts must match `pdftotext -raw` as multisets to at least 99.5% recall and precision.

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

fn our_counts(document: &pdf::Document) -> Counts {
    let mut counts = Counts::new();
    for page in &document.pages {
        for c in pdf::page_text(page).nfkc().filter(|c| !c.is_whitespace()) {
            *counts.entry(c).or_default() += 1;
        }
    }
    counts
}

/// Recall and precision of `ours` against `theirs`, and the largest differences for the report.
fn agreement(ours: &Counts, theirs: &Counts) -> (f64, f64, String) {
    let total = |c: &Counts| c.values().sum::<usize>().max(1) as f64;
    let common: usize = theirs
        .iter()
        .map(|(c, n)| (*n).min(ours.get(c).copied().unwrap_or(0)))
        .sum();
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
        difference(theirs, ours),
        difference(ours, theirs)
    );
    (
        common as f64 / total(theirs),
        common as f64 / total(ours),
        detail,
    )
}

#[test]
fn text_matches_poppler_on_every_fixture() {
    let fixtures = manifest_dir().join("tests/fixtures/poppler");
    let mut checked = 0;
    let mut failures = Vec::new();
    for (set, pdf_dir) in fixture_sets() {
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
            let (recall, precision, detail) =
                agreement(&our_counts(&document), &read_poppler_counts(tsv));
            println!("{set}/{name}: recall {recall:.4} precision {precision:.4}");
            if recall < MIN_AGREEMENT || precision < MIN_AGREEMENT {
                failures.push(format!(
                    "{set}/{name}: recall {recall:.4} precision {precision:.4}; {detail}"
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
        let (recall, precision, detail) = agreement(&our_counts(&document), &theirs);
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
    let (recall, precision, detail) = agreement(&ours, &theirs);
    assert_eq!((recall, precision), (0.75, 0.75));
    assert_eq!(detail, "missing [b×1] extra [c×1]");
}
