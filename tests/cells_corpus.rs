//! Cell- and record-level accuracy on real disclosures: the program's tables against the
//! grids and records written by hand from the printed pages (`tests/labels/cells/`,
//! `tests/labels/records/`, see their README section), over the corpus (`$BUDGETPDF_CORPUS`).
//!
//! Per table it counts cells right (the exact string after the grid convention of
//! docs/output.md), rows right (every cell of the row) and records right (side, code, level,
//! item, column key, band and amount in yuan), prints each table's figures and the totals
//! (`--nocapture`), and fails with a diff of every cell, row and record that differs.

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use budgetpdf::pipeline::{self, Settings};
use budgetpdf::report::TableReport;
use common::corpus::corpus;

/// One table written by hand: where it is printed and its body rows.
struct CellTruth {
    /// The truth file's stem (`<pdf stem>_p<first page>`).
    name: String,
    /// `real/<file>.pdf` or `wild/<file>.pdf`.
    file: String,
    first_page: u32,
    last_page: u32,
    /// Which of the tables starting on `first_page` (0 = the first).
    index: usize,
    rows: Vec<Vec<String>>,
}

/// A record as written by hand: side, code, level, item, column, band, amount.
type RecordKey = [String; 7];

fn labels_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/labels")
}

fn tsv_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    files.sort();
    files
}

fn read_cell_truth(path: &Path) -> CellTruth {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = path.file_stem().unwrap().to_string_lossy().into_owned();
    let (mut file, mut pages, mut index) = (None, None, 0);
    let mut rows = Vec::new();
    for line in text.lines() {
        if let Some(comment) = line.strip_prefix("# ") {
            let fields: Vec<&str> = comment.split('\t').collect();
            match fields.as_slice() {
                ["file", f] => file = Some(f.to_string()),
                ["pages", a, b] => pages = Some((a.parse().unwrap(), b.parse().unwrap())),
                ["table", i] => index = i.parse().unwrap(),
                _ => {}
            }
            continue;
        }
        rows.push(line.split('\t').map(str::to_string).collect());
    }
    let (first_page, last_page) = pages.unwrap_or_else(|| panic!("{name}: no `# pages`"));
    CellTruth {
        name,
        file: file.unwrap_or_else(|| panic!("{}: no `# file`", path.display())),
        first_page,
        last_page,
        index,
        rows,
    }
}

fn read_record_truth(path: &Path) -> Vec<RecordKey> {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .skip(1)
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            assert_eq!(f.len(), 7, "{}: {line:?}", path.display());
            std::array::from_fn(|i| f[i].to_string())
        })
        .collect()
}

fn program_records(table: &TableReport) -> Vec<RecordKey> {
    table
        .records
        .iter()
        .map(|r| {
            [
                r.side.clone().unwrap_or_default(),
                r.code.clone().unwrap_or_default(),
                r.level.clone().unwrap_or_default(),
                r.item.clone(),
                r.column.clone(),
                r.band.clone().unwrap_or_default(),
                r.amount.to_string(),
            ]
        })
        .collect()
}

/// Amounts compare as numbers (`2623300.00` = `2623300`).
fn same_record(a: &RecordKey, b: &RecordKey) -> bool {
    let amount = |s: &str| {
        s.parse::<rust_decimal::Decimal>()
            .ok()
            .map(|d| d.normalize())
    };
    a[..6] == b[..6] && amount(&a[6]).is_some() && amount(&a[6]) == amount(&b[6])
}

/// Pairs truth rows with program rows: the longest common subsequence of identical rows,
/// then, inside each gap between two matches, rows paired in order.
fn align(truth: &[Vec<String>], program: &[Vec<String>]) -> Vec<(Option<usize>, Option<usize>)> {
    let (n, m) = (truth.len(), program.len());
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if truth[i] == program[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (0, 0);
    let (mut gap_t, mut gap_p) = (Vec::new(), Vec::new());
    let flush = |gt: &mut Vec<usize>, gp: &mut Vec<usize>, pairs: &mut Vec<_>| {
        for k in 0..gt.len().max(gp.len()) {
            pairs.push((gt.get(k).copied(), gp.get(k).copied()));
        }
        gt.clear();
        gp.clear();
    };
    while i < n || j < m {
        if i < n && j < m && truth[i] == program[j] {
            flush(&mut gap_t, &mut gap_p, &mut pairs);
            pairs.push((Some(i), Some(j)));
            i += 1;
            j += 1;
        } else if j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1]) {
            gap_t.push(i);
            i += 1;
        } else {
            gap_p.push(j);
            j += 1;
        }
    }
    flush(&mut gap_t, &mut gap_p, &mut pairs);
    pairs
}

#[derive(Default, Clone, Copy)]
struct Score {
    cells: usize,
    cells_right: usize,
    rows: usize,
    rows_right: usize,
    records: usize,
    records_right: usize,
    records_extra: usize,
}

impl std::ops::AddAssign for Score {
    fn add_assign(&mut self, o: Score) {
        self.cells += o.cells;
        self.cells_right += o.cells_right;
        self.rows += o.rows;
        self.rows_right += o.rows_right;
        self.records += o.records;
        self.records_right += o.records_right;
        self.records_extra += o.records_extra;
    }
}

fn percent(right: usize, all: usize) -> String {
    if all == 0 {
        return "-".to_string();
    }
    format!("{:.2}%", 100.0 * right as f64 / all as f64)
}

/// Scores the cells: every position where the truth or the program prints something counts;
/// it is right when both print the same string.
fn score_cells(truth: &CellTruth, table: &TableReport, diff: &mut String) -> Score {
    let mut score = Score::default();
    let empty = Vec::new();
    for (t, p) in align(&truth.rows, &table.body_rows) {
        let t_row = t.map_or(&empty, |i| &truth.rows[i]);
        let p_row = p.map_or(&empty, |j| &table.body_rows[j]);
        let width = t_row.len().max(p_row.len());
        let cell = |row: &Vec<String>, c: usize| row.get(c).cloned().unwrap_or_default();
        let mut row_right = t.is_some() && p.is_some();
        for c in 0..width {
            let (tc, pc) = (cell(t_row, c), cell(p_row, c));
            if tc.is_empty() && pc.is_empty() {
                continue;
            }
            score.cells += 1;
            if tc == pc {
                score.cells_right += 1;
            } else {
                row_right = false;
                let at = t.map_or_else(|| "-".into(), |i| i.to_string());
                let _ = writeln!(diff, "  row {at} col {c}: printed {tc:?}, program {pc:?}");
            }
        }
        if t.is_some() {
            score.rows += 1;
            score.rows_right += usize::from(row_right);
        } else {
            let _ = writeln!(diff, "  extra row: {p_row:?}");
        }
        if p.is_none() {
            let _ = writeln!(diff, "  missing row {}: {t_row:?}", t.unwrap());
        }
    }
    score
}

fn score_records(truth: &[RecordKey], table: &TableReport, diff: &mut String) -> Score {
    let mut program = program_records(table);
    let mut score = Score {
        records: truth.len(),
        ..Score::default()
    };
    for record in truth {
        match program.iter().position(|p| same_record(record, p)) {
            Some(k) => {
                program.remove(k);
                score.records_right += 1;
            }
            None => {
                let _ = writeln!(diff, "  missing record {}", record.join(" | "));
            }
        }
    }
    for record in &program {
        let _ = writeln!(diff, "  extra record   {}", record.join(" | "));
    }
    score.records_extra = program.len();
    score
}

#[test]
fn cells_and_records_are_as_printed() {
    let Some(corpus) = corpus() else { return };
    let truths: Vec<CellTruth> = tsv_files(&labels_dir().join("cells"))
        .iter()
        .map(|p| read_cell_truth(p))
        .collect();
    let records_dir = labels_dir().join("records");
    let mut by_file: BTreeMap<&str, Vec<&CellTruth>> = BTreeMap::new();
    for truth in &truths {
        by_file.entry(&truth.file).or_default().push(truth);
    }
    let mut total = Score::default();
    let (mut report, mut diffs) = (String::new(), String::new());
    for (file, tables) in by_file {
        let bytes = fs::read(corpus.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let run =
            pipeline::run(&bytes, &Settings::default()).unwrap_or_else(|e| panic!("{file}: {e}"));
        for truth in tables {
            let mut diff = String::new();
            let found = run
                .tables
                .iter()
                .filter(|t| t.pages[0] == truth.first_page)
                .nth(truth.index);
            let Some(table) = found else {
                let _ = writeln!(
                    diffs,
                    "{}: no table starts on page {}",
                    truth.name, truth.first_page
                );
                total += Score {
                    cells: truth
                        .rows
                        .iter()
                        .flatten()
                        .filter(|c| !c.is_empty())
                        .count(),
                    rows: truth.rows.len(),
                    ..Score::default()
                };
                continue;
            };
            if table.pages[1] != truth.last_page {
                let _ = writeln!(
                    diff,
                    "  pages {:?}, printed {}-{}",
                    table.pages, truth.first_page, truth.last_page
                );
            }
            let mut score = score_cells(truth, table, &mut diff);
            let records_path = records_dir.join(format!("{}.tsv", truth.name));
            if records_path.is_file() {
                score += score_records(&read_record_truth(&records_path), table, &mut diff);
            }
            let _ = writeln!(
                report,
                "{:<48} cells {:>5}/{:<5} {:>8}  rows {:>4}/{:<4}  records {:>4}/{:<4} (+{} extra)",
                truth.name,
                score.cells_right,
                score.cells,
                percent(score.cells_right, score.cells),
                score.rows_right,
                score.rows,
                score.records_right,
                score.records,
                score.records_extra
            );
            if !diff.is_empty() {
                let _ = write!(diffs, "{}:\n{diff}", truth.name);
            }
            total += score;
        }
    }
    let _ = writeln!(
        report,
        "TOTAL {} tables: cells {}/{} ({}), rows {}/{} ({}), records {}/{} ({}), {} extra records",
        truths.len(),
        total.cells_right,
        total.cells,
        percent(total.cells_right, total.cells),
        total.rows_right,
        total.rows,
        percent(total.rows_right, total.rows),
        total.records_right,
        total.records,
        percent(total.records_right, total.records),
        total.records_extra
    );
    println!("{report}");
    assert!(
        diffs.is_empty(),
        "tables differ from the printed pages:\n{diffs}\n{report}"
    );
}
