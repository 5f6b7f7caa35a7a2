//! Throughput of the whole per-document chain (`pipeline::convert_document`) over the samples
//! and, when `BUDGETPDF_CORPUS` names it, the real corpus, on one core and on all cores: pages
//! per second.
//!
//! `cargo bench --bench batch` (release profile). The end-to-end command, with worker
//! processes, output files and peak memory, is measured by `bench/compare.sh`, which also runs
//! pdfplumber and poppler on the same files when they are installed.

use std::path::{Path, PathBuf};
use std::time::Instant;

use budgetpdf::pipeline::{Settings, convert_document};
use budgetpdf::report::Source;
use rayon::prelude::*;

/// Passes over the files per configuration; the fastest counts (the machine is shared).
const PASSES: usize = 3;

fn pdfs_in(folder: &Path) -> Vec<PathBuf> {
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .map(|e| e.expect("readable folder").path())
                .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
                .collect()
        })
        .unwrap_or_default();
    pdfs.sort();
    pdfs
}

/// Converts every file once on `threads` threads; returns (pages, seconds).
fn pass(files: &[(PathBuf, Vec<u8>)], threads: usize) -> (usize, f64) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool");
    let settings = Settings::default();
    let started = Instant::now();
    let pages = pool.install(|| {
        files
            .par_iter()
            .map(|(path, bytes)| {
                let source = Source {
                    path: path.to_string_lossy().into_owned(),
                    ..Source::default()
                };
                convert_document(source, bytes, &settings).source.pages
            })
            .sum()
    });
    (pages, started.elapsed().as_secs_f64())
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = pdfs_in(&root.join("samples/pdf"));
    let corpus = std::env::var_os("BUDGETPDF_CORPUS").map(|c| Path::new(&c).join("real"));
    if let Some(corpus) = &corpus {
        paths.extend(pdfs_in(corpus));
    }
    let files: Vec<(PathBuf, Vec<u8>)> = paths
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("readable file");
            (p, bytes)
        })
        .collect();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    match &corpus {
        Some(corpus) => println!(
            "{} files (samples/pdf and {})",
            files.len(),
            corpus.display()
        ),
        None => println!(
            "{} files (samples/pdf; set BUDGETPDF_CORPUS to add the corpus)",
            files.len()
        ),
    }
    for threads in [1, cores] {
        let (pages, seconds) = (0..PASSES)
            .map(|_| pass(&files, threads))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .expect("at least one pass");
        println!(
            "{threads} thread(s): {pages} pages in {seconds:.2} s = {:.1} pages/s (best of {PASSES})",
            pages as f64 / seconds
        );
    }
}
