//! Pages per second of the PDF stage (`pdf::load` + `pdf::text_lines` on every page) over the
//! text-layer samples, and of poppler's `pdftotext -raw` on the same files when it is installed.
//!
//! `cargo bench --bench pdf` (release profile). Each file is processed `ROUNDS` times after one
//! warm-up; the figure is total pages over total time.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use budgetpdf::pdf;

/// Timed passes over every file.
const ROUNDS: u32 = 5;

fn sample_pdfs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/pdf");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    files.sort();
    files
}

/// Runs our stage on one file; returns the number of pages, or `None` without a text layer.
fn run_ours(bytes: &[u8]) -> Option<usize> {
    let document = pdf::load(bytes, &pdf::Settings::default()).ok()?;
    let lines: usize = document
        .pages
        .iter()
        .map(|p| pdf::text_lines(p).len())
        .sum();
    std::hint::black_box(lines);
    Some(document.pages.len())
}

fn run_poppler(path: &Path) -> bool {
    Command::new("pdftotext")
        .args(["-q", "-raw"])
        .arg(path)
        .arg("-")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn pages_per_second(pages: usize, time: Duration) -> f64 {
    pages as f64 / time.as_secs_f64()
}

fn main() {
    let mut inputs = Vec::new();
    for path in sample_pdfs() {
        let bytes = std::fs::read(&path).unwrap();
        if let Some(pages) = run_ours(&bytes) {
            inputs.push((path, bytes, pages));
        }
    }
    let total_pages: usize =
        inputs.iter().map(|(_, _, pages)| pages).sum::<usize>() * ROUNDS as usize;
    let mut ours = Duration::ZERO;
    println!("{:<55} {:>6} {:>12}", "file", "pages", "pages/s");
    for (path, bytes, pages) in &inputs {
        let start = Instant::now();
        for _ in 0..ROUNDS {
            run_ours(bytes);
        }
        let time = start.elapsed();
        ours += time;
        let name = path.file_name().unwrap().to_string_lossy();
        println!(
            "{name:<55} {pages:>6} {:>12.1}",
            pages_per_second(pages * ROUNDS as usize, time)
        );
    }
    let ours_rate = pages_per_second(total_pages, ours);
    println!("budgetpdf pdf stage: {total_pages} pages in {ours:.2?}: {ours_rate:.1} pages/s");

    let start = Instant::now();
    let mut poppler_ok = true;
    for _ in 0..ROUNDS {
        for (path, _, _) in &inputs {
            poppler_ok &= run_poppler(path);
        }
    }
    let poppler = start.elapsed();
    if poppler_ok {
        let poppler_rate = pages_per_second(total_pages, poppler);
        println!(
            "pdftotext -raw (one process per file): {poppler_rate:.1} pages/s; budgetpdf/poppler = {:.2}",
            ours_rate / poppler_rate
        );
    } else {
        println!("pdftotext not available: no poppler comparison");
    }
}
