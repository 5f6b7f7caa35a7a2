//! Headline figures (spec §6) against the hand labels of `tests/labels/figures.tsv`: for every
//! labelled corpus file, the figures its sentences (and, where labelled, its tables) state,
//! read by a person from the printed pages.
//!
//! - Recall: a labelled figure is found when the program reports the same figure from the
//!   same source with the exact amount. At least [`MIN_RECALL`] of them must be.
//! - Precision: a reported figure is wrong when no label of its file, source and figure has its
//!   amount. At most [`MAX_WRONG`] of the reported figures may be.
//! - Previous year: a reported `previous` must be the labelled one; one the sentence does not
//!   state is wrong.
//!
//! `cargo test --test figures_corpus -- --nocapture` prints the per-file counts.

mod common;

use std::collections::BTreeMap;
use std::str::FromStr;

use budgetpdf::pipeline::{self, Settings};
use budgetpdf::report::{Figure, FigureSource};
use rust_decimal::Decimal;

/// The share of labelled figures that must be found with their exact amount.
const MIN_RECALL: f64 = 0.97;
/// The share of reported figures that may be wrong.
const MAX_WRONG: f64 = 0.005;

/// One line of `tests/labels/figures.tsv`.
#[derive(Debug, Clone)]
struct Label {
    file: String,
    source: FigureSource,
    figure: String,
    amount: Decimal,
    previous: Option<Decimal>,
    page: u32,
}

fn labels() -> Vec<Label> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/labels/figures.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            assert!(f.len() >= 7, "figures.tsv: at least 7 fields: {line}");
            let decimal = |s: &str| Decimal::from_str(s).unwrap_or_else(|e| panic!("{s}: {e}"));
            Label {
                file: f[0].to_string(),
                source: match f[1] {
                    "prose" => FigureSource::Prose,
                    "table" => FigureSource::Table,
                    other => panic!("figures.tsv: unknown source {other}"),
                },
                figure: f[2].to_string(),
                amount: decimal(f[4]),
                previous: (!f[5].is_empty()).then(|| decimal(f[5])),
                page: f[6].parse().expect("page"),
            }
        })
        .collect()
}

#[derive(Debug, Default)]
struct Tally {
    labels: usize,
    found: usize,
    reported: usize,
    wrong: usize,
    previous_labelled: usize,
    previous_found: usize,
    previous_wrong: usize,
    page_wrong: usize,
    lines: Vec<String>,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.labels += other.labels;
        self.found += other.found;
        self.reported += other.reported;
        self.wrong += other.wrong;
        self.previous_labelled += other.previous_labelled;
        self.previous_found += other.previous_found;
        self.previous_wrong += other.previous_wrong;
        self.page_wrong += other.page_wrong;
    }
}

/// Compares one file's reported figures with its labels.
fn compare(labels: &[&Label], figures: &[Figure]) -> Tally {
    let sources: Vec<FigureSource> = labels.iter().map(|l| l.source).collect();
    let reported: Vec<&Figure> = figures
        .iter()
        .filter(|f| sources.contains(&f.source))
        .collect();
    let same = |l: &Label, f: &Figure| {
        l.source == f.source && l.figure == f.figure && l.amount == f.amount
    };
    let mut tally = Tally {
        labels: labels.len(),
        reported: reported.len(),
        ..Tally::default()
    };
    for label in labels {
        let matches: Vec<&&Figure> = reported.iter().filter(|f| same(label, f)).collect();
        if matches.is_empty() {
            tally.lines.push(format!(
                "  missed {:?} {} {} (page {})",
                label.source, label.figure, label.amount, label.page
            ));
            continue;
        }
        tally.found += 1;
        if !matches.iter().any(|f| f.page == label.page) {
            tally.page_wrong += 1;
            tally.lines.push(format!(
                "  page of {} {}: {:?}, labelled {}",
                label.figure,
                label.amount,
                matches.iter().map(|f| f.page).collect::<Vec<_>>(),
                label.page
            ));
        }
        if label.previous.is_some() {
            tally.previous_labelled += 1;
            if matches.iter().any(|f| f.previous == label.previous) {
                tally.previous_found += 1;
            } else {
                tally.lines.push(format!(
                    "  previous of {} {} not found: {:?}, labelled {:?}",
                    label.figure,
                    label.amount,
                    matches.iter().map(|f| f.previous).collect::<Vec<_>>(),
                    label.previous
                ));
            }
        }
    }
    for figure in &reported {
        let label = labels.iter().find(|l| same(l, figure));
        match label {
            None => {
                tally.wrong += 1;
                tally.lines.push(format!(
                    "  WRONG {:?} {} {} (page {}): {}",
                    figure.source, figure.figure, figure.amount, figure.page, figure.evidence
                ));
            }
            Some(label) if figure.previous.is_some() && figure.previous != label.previous => {
                tally.previous_wrong += 1;
                tally.lines.push(format!(
                    "  WRONG previous of {} {}: {:?}, labelled {:?}",
                    figure.figure, figure.amount, figure.previous, label.previous
                ));
            }
            Some(_) => {}
        }
    }
    tally
}

#[test]
fn figures_match_the_hand_labels() {
    let Some(corpus) = common::corpus::corpus() else {
        return;
    };
    let labels = labels();
    let mut by_file: BTreeMap<&str, Vec<&Label>> = BTreeMap::new();
    for label in &labels {
        by_file.entry(label.file.as_str()).or_default().push(label);
    }
    let mut total = Tally::default();
    let mut report = String::new();
    for (file, labels) in &by_file {
        let bytes = std::fs::read(corpus.join(format!("{file}.pdf")))
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        let run =
            pipeline::run(&bytes, &Settings::default()).unwrap_or_else(|e| panic!("{file}: {e}"));
        let tally = compare(labels, &run.figures);
        report.push_str(&format!(
            "{file}: found {}/{}, reported {}, wrong {}, previous {}/{} (wrong {})\n",
            tally.found,
            tally.labels,
            tally.reported,
            tally.wrong,
            tally.previous_found,
            tally.previous_labelled,
            tally.previous_wrong
        ));
        for line in &tally.lines {
            report.push_str(line);
            report.push('\n');
        }
        total.add(&tally);
    }
    let recall = total.found as f64 / total.labels.max(1) as f64;
    let wrong = (total.wrong + total.previous_wrong) as f64 / total.reported.max(1) as f64;
    report.push_str(&format!(
        "total: found {}/{} ({:.1}%), reported {}, wrong {} + previous wrong {} ({:.2}%), \
         previous found {}/{}, pages off {}\n",
        total.found,
        total.labels,
        100.0 * recall,
        total.reported,
        total.wrong,
        total.previous_wrong,
        100.0 * wrong,
        total.previous_found,
        total.previous_labelled,
        total.page_wrong
    ));
    eprint!("{report}");
    assert!(
        recall >= MIN_RECALL,
        "recall {recall:.3} below {MIN_RECALL}\n{report}"
    );
    assert!(
        wrong <= MAX_WRONG,
        "wrong share {wrong:.4} above {MAX_WRONG}\n{report}"
    );
}
