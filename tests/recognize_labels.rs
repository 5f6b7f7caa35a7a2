//! Recognition measured against the hand labels of the corpus (`tests/labels/`, read from the
//! printed pages, never from budgetpdf's output): every labelled file with a text layer goes
//! through `pipeline::run`, and its program tables are matched to its labelled tables by page
//! span.
//!
//! Measured, printed (one line per file with any miss, then the totals) and held to targets:
//! - document kind and fiscal year: right for every document;
//! - unit: agreement reported (the unit printed by a cover varies in scope, so it is a figure,
//!   not a target);
//! - each labelled table of a catalogue kind is right when one program table of that kind
//!   covers exactly its pages: at least 99% right;
//! - each labelled table printed over several pages comes out as one table: all of them;
//! - no program table overlapping an `outside:` label gets a catalogue kind.
//!
//! `--nocapture` shows the figures when the test passes.

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use budgetpdf::pipeline::{self, Run, Settings};
use budgetpdf::recognize::{UNKNOWN_KIND, squash};

/// Share of labelled catalogue-kind tables the program must get right.
const MIN_TABLES_RIGHT: f64 = 0.99;

/// One line of `documents.tsv`.
struct DocumentLabel {
    file: String,
    kind: String,
    year: Option<i32>,
    unit: String,
}

/// One line of `tables.tsv`.
struct TableLabel {
    first: u32,
    last: u32,
    kind: String,
    title: String,
}

impl TableLabel {
    fn outside(&self) -> bool {
        self.kind.starts_with("outside:")
    }

    fn span(&self) -> [u32; 2] {
        [self.first, self.last]
    }
}

/// Document kinds that say the file cannot be read at all.
const UNREADABLE: [&str; 2] = ["not_pdf", "scanned"];

fn labels_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/labels")
}

/// The fields of each line of a labels file after its header line.
fn tsv(name: &str) -> Vec<Vec<String>> {
    let path = labels_dir().join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

fn document_labels() -> Vec<DocumentLabel> {
    tsv("documents.tsv")
        .into_iter()
        .map(|f| {
            assert_eq!(f.len(), 5, "documents.tsv: 5 fields: {f:?}");
            DocumentLabel {
                file: f[0].clone(),
                kind: f[1].clone(),
                year: f[2].parse().ok(),
                unit: f[3].clone(),
            }
        })
        .collect()
}

fn table_labels() -> BTreeMap<String, Vec<TableLabel>> {
    let mut by_file: BTreeMap<String, Vec<TableLabel>> = BTreeMap::new();
    for f in tsv("tables.tsv") {
        assert_eq!(f.len(), 6, "tables.tsv: 6 fields: {f:?}");
        let page = |s: &str| s.parse().unwrap_or_else(|_| panic!("page {s:?} in {f:?}"));
        by_file.entry(f[0].clone()).or_default().push(TableLabel {
            first: page(&f[1]),
            last: page(&f[2]),
            kind: f[3].clone(),
            title: f[4].clone(),
        });
    }
    by_file
}

/// The figures over all files.
#[derive(Default)]
struct Totals {
    documents: usize,
    kind_right: usize,
    year_right: usize,
    unit_right: usize,
    tables: usize,
    tables_right: usize,
    continuations: usize,
    stitched: usize,
    outside_claimed: usize,
}

fn kind_name(run: &Run) -> String {
    serde_json::to_value(run.meta.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Measures one file against its labels: adds to `totals`, returns its misses.
fn measure(
    label: &DocumentLabel,
    tables: &[TableLabel],
    run: &Run,
    totals: &mut Totals,
) -> Vec<String> {
    let mut misses = Vec::new();
    totals.documents += 1;
    let kind = kind_name(run);
    if kind == label.kind {
        totals.kind_right += 1;
    } else {
        misses.push(format!("kind {kind}, labelled {}", label.kind));
    }
    if run.meta.year == label.year {
        totals.year_right += 1;
    } else {
        misses.push(format!(
            "year {:?}, labelled {:?}",
            run.meta.year, label.year
        ));
    }
    if run.meta.unit.as_deref().map(squash) == Some(squash(&label.unit)) {
        totals.unit_right += 1;
    } else {
        misses.push(format!(
            "(unit {:?}, labelled {})",
            run.meta.unit.as_deref().unwrap_or("-"),
            label.unit
        ));
    }
    let found: Vec<([u32; 2], &str)> = run
        .extraction
        .tables
        .iter()
        .zip(&run.classes)
        .map(|(t, c)| (t.pages, c.kind.as_str()))
        .collect();
    let shown = |span: [u32; 2]| {
        let overlapping: Vec<String> = found
            .iter()
            .filter(|(p, _)| p[0] <= span[1] && span[0] <= p[1])
            .map(|(p, k)| format!("{k} p{}-{}", p[0], p[1]))
            .collect();
        if overlapping.is_empty() {
            "nothing".to_string()
        } else {
            overlapping.join(", ")
        }
    };
    // Each program table answers for one label at most.
    let mut used = vec![false; found.len()];
    for table in tables.iter().filter(|t| !t.outside()) {
        totals.tables += 1;
        let hit = found
            .iter()
            .enumerate()
            .position(|(i, (p, k))| !used[i] && *p == table.span() && *k == table.kind);
        match hit {
            Some(i) => {
                used[i] = true;
                totals.tables_right += 1;
            }
            None => misses.push(format!(
                "p{}-{} {} ({}): got {}",
                table.first,
                table.last,
                table.kind,
                table.title,
                shown(table.span())
            )),
        }
    }
    for table in tables.iter().filter(|t| t.first != t.last) {
        totals.continuations += 1;
        if found.iter().any(|(p, _)| *p == table.span()) {
            totals.stitched += 1;
        } else {
            misses.push(format!(
                "p{}-{} {} not one table: {}",
                table.first,
                table.last,
                table.kind,
                shown(table.span())
            ));
        }
    }
    for table in tables.iter().filter(|t| t.outside()) {
        let claimed = found.iter().enumerate().filter(|(i, (p, k))| {
            !used[*i] && *k != UNKNOWN_KIND && p[0] <= table.last && table.first <= p[1]
        });
        for (_, (p, k)) in claimed {
            totals.outside_claimed += 1;
            misses.push(format!(
                "p{}-{} {} claimed as {k} (p{}-{})",
                table.first, table.last, table.kind, p[0], p[1]
            ));
        }
    }
    misses
}

fn percent(part: usize, whole: usize) -> String {
    format!(
        "{part}/{whole} ({:.1}%)",
        100.0 * part as f64 / whole.max(1) as f64
    )
}

#[test]
fn recognition_agrees_with_the_hand_labels() {
    let Some(corpus) = common::corpus::corpus() else {
        return;
    };
    let tables = table_labels();
    let mut totals = Totals::default();
    let mut report = String::new();
    for label in document_labels() {
        if UNREADABLE.contains(&label.kind.as_str()) {
            continue;
        }
        let bytes = std::fs::read(corpus.join(&label.file))
            .unwrap_or_else(|e| panic!("{}: {e}", label.file));
        let misses = match pipeline::run(&bytes, &Settings::default()) {
            Ok(run) => measure(
                &label,
                tables.get(&label.file).map_or(&[][..], Vec::as_slice),
                &run,
                &mut totals,
            ),
            Err(error) => {
                totals.documents += 1;
                vec![format!("not read: {error}")]
            }
        };
        if !misses.is_empty() {
            let _ = writeln!(report, "{}:", label.file);
            for miss in misses {
                let _ = writeln!(report, "  {miss}");
            }
        }
    }
    let _ = writeln!(
        report,
        "documents {}: kind {}, year {}, unit {}",
        totals.documents,
        percent(totals.kind_right, totals.documents),
        percent(totals.year_right, totals.documents),
        percent(totals.unit_right, totals.documents),
    );
    let _ = writeln!(
        report,
        "catalogue tables right {}; multi-page tables stitched {}; outside tables claimed {}",
        percent(totals.tables_right, totals.tables),
        percent(totals.stitched, totals.continuations),
        totals.outside_claimed,
    );
    eprintln!("{report}");
    let tables_share = totals.tables_right as f64 / totals.tables.max(1) as f64;
    assert!(
        totals.documents >= 100,
        "only {} documents read",
        totals.documents
    );
    assert!(
        totals.kind_right == totals.documents
            && totals.year_right == totals.documents
            && tables_share >= MIN_TABLES_RIGHT
            && totals.stitched == totals.continuations
            && totals.outside_claimed == 0,
        "recognition misses its targets (see above)"
    );
}
