//! Held-out documents: the Shanghai 2024 部门决算 template (WPS) and the Putuo 2026 部门/单位预算
//! templates (rendered from their workbooks by `tests/fixtures/templates/make.sh`), none of which
//! recognition was built on, through the whole chain. Their truth (`documents.tsv`, `tables.tsv`
//! beside them) is labelled from what they print.
//!
//! Every labelled table must come out as one table over its pages, with its kind and its
//! printed title; no other table may get a catalogue kind; the document's kind, year and unit
//! must be right.

use std::path::{Path, PathBuf};

use budgetpdf::pipeline::{self, Settings};
use budgetpdf::recognize::{UNKNOWN_KIND, squash};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/templates")
}

/// The fields of each line after the header line.
fn tsv(name: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(dir().join(name)).expect("truth file");
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

#[test]
fn held_out_templates_are_recognized_as_printed() {
    let tables = tsv("tables.tsv");
    let mut problems = Vec::new();
    let documents = tsv("documents.tsv");
    assert_eq!(documents.len(), 3);
    for doc in &documents {
        let (file, kind, year, unit) = (&doc[0], &doc[1], &doc[2], &doc[3]);
        let bytes = std::fs::read(dir().join(file)).expect("template PDF");
        let run = pipeline::run(&bytes, &Settings::default()).expect("readable");
        let found_kind = serde_json::to_value(run.meta.kind).unwrap();
        if found_kind != *kind.as_str() {
            problems.push(format!("{file}: kind {found_kind}, printed {kind}"));
        }
        if run.meta.year != year.parse().ok() {
            problems.push(format!("{file}: year {:?}, printed {year}", run.meta.year));
        }
        if run.meta.unit.as_deref().map(squash) != Some(squash(unit)) {
            problems.push(format!("{file}: unit {:?}, printed {unit}", run.meta.unit));
        }
        let found: Vec<([u32; 2], &str, String)> = run
            .extraction
            .tables
            .iter()
            .zip(&run.classes)
            .map(|(t, c)| {
                (
                    t.pages,
                    c.kind.as_str(),
                    t.title.as_deref().map(squash).unwrap_or_default(),
                )
            })
            .collect();
        let labelled: Vec<&Vec<String>> = tables.iter().filter(|t| &t[0] == file).collect();
        for label in &labelled {
            let span = [label[1].parse().unwrap(), label[2].parse().unwrap()];
            let (kind, title) = (&label[3], squash(&label[4]));
            let hit = found
                .iter()
                .any(|(p, k, t)| *p == span && k == kind && (title.is_empty() || *t == title));
            if !hit {
                let overlapping: Vec<String> = found
                    .iter()
                    .filter(|(p, _, _)| p[0] <= span[1] && span[0] <= p[1])
                    .map(|(p, k, t)| format!("{k} p{}-{} {t:?}", p[0], p[1]))
                    .collect();
                problems.push(format!(
                    "{file}: p{}-{} {kind} {title:?}: got {overlapping:?}",
                    span[0], span[1]
                ));
            }
        }
        for (pages, kind, title) in &found {
            let labelled_here = labelled
                .iter()
                .any(|l| l[1].parse() == Ok(pages[0]) && l[2].parse() == Ok(pages[1]));
            if !labelled_here && *kind != UNKNOWN_KIND {
                problems.push(format!(
                    "{file}: p{}-{} {title:?} is no printed table but got {kind}",
                    pages[0], pages[1]
                ));
            }
        }
    }
    assert!(tables.len() >= 28, "only {} labelled tables", tables.len());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
