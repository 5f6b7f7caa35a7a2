//! Throughput of `budgetpdf convert` against poppler's `pdftotext -layout`, and of the chain
//! in-process, over the samples and, when `BUDGETPDF_CORPUS` names the corpus, its `real/`
//! files: pages per second and, above all, ratios measured in the same run. The machine is
//! shared and noisy, so absolute figures wander; ratios of runs taken in turn much less.
//!
//! `cargo bench --bench batch` (release profile). For each set, on the files that have a text
//! layer, `ROUNDS` rounds each run in turn:
//! - the chain in-process (`pipeline::convert_document`, one thread, files already read);
//! - the whole command `budgetpdf convert --files-from LIST --jobs 1` into a fresh folder
//!   (reading, hashing, workers, JSON, CSVs);
//! - `pdftotext -layout FILE -` once per file, as a shell loop runs it (skipped when poppler
//!   is not installed).
//!
//! The best round of each counts. Then the peak resident memory of `convert` over the files
//! and over four copies of them: it must not grow with the number of documents. With
//! `BUDGETPDF_BENCH_PDFPLUMBER=1`, pdfplumber's `extract_tables` (when installed) runs once on
//! the same files too; it is slow, and never a dependency.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use budgetpdf::pipeline::{Settings, convert_document};
use budgetpdf::report::{Source, Status};

/// Rounds per set; the best of each tool counts.
const ROUNDS: usize = 5;
/// How many copies of the files the memory check converts at once.
const COPIES: usize = 4;

const BUDGETPDF: &str = env!("CARGO_BIN_EXE_budgetpdf");

fn pdfs_in(folder: &Path) -> Vec<PathBuf> {
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|e| e.expect("readable folder").path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    pdfs.sort();
    pdfs
}

/// One set of files to measure.
struct Set {
    name: String,
    /// The files with a text layer, read.
    files: Vec<(PathBuf, Vec<u8>)>,
    pages: usize,
    /// The file list handed to `convert --files-from`.
    list: PathBuf,
}

impl Set {
    /// The converted files of `paths` (those with a text layer), with their page count.
    fn new(name: &str, paths: Vec<PathBuf>, work: &Path) -> Option<Set> {
        let mut files = Vec::new();
        let mut pages = 0;
        for path in paths {
            let bytes = std::fs::read(&path).expect("readable file");
            let report = convert_document(Source::default(), &bytes, &Settings::default());
            if matches!(report.status, Status::Ok | Status::Partial) {
                pages += report.source.pages;
                files.push((path, bytes));
            }
        }
        if files.is_empty() {
            return None;
        }
        let list = work.join(format!("{name}.list"));
        let text: String = files
            .iter()
            .map(|(p, _)| format!("{}\n", p.display()))
            .collect();
        std::fs::write(&list, text).expect("writable temporary folder");
        Some(Set {
            name: name.to_owned(),
            files,
            pages,
            list,
        })
    }
}

fn in_process(set: &Set) -> Duration {
    let settings = Settings::default();
    let started = Instant::now();
    for (path, bytes) in &set.files {
        let source = Source {
            path: path.to_string_lossy().into_owned(),
            ..Source::default()
        };
        std::hint::black_box(convert_document(source, bytes, &settings));
    }
    started.elapsed()
}

/// `budgetpdf convert --jobs 1` over `list` into a fresh `out`.
fn convert(list: &Path, out: &Path) -> Duration {
    if out.exists() {
        std::fs::remove_dir_all(out).expect("removable output folder");
    }
    let started = Instant::now();
    let status = Command::new(BUDGETPDF)
        .arg("convert")
        .arg("--files-from")
        .arg(list)
        .arg("-o")
        .arg(out)
        .args(["--jobs", "1"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("budgetpdf runs");
    let elapsed = started.elapsed();
    assert!(
        matches!(status.code(), Some(0 | 1)),
        "convert failed: {status}"
    );
    elapsed
}

/// `pdftotext -layout` once per file; `None` when poppler is not installed.
fn pdftotext(set: &Set) -> Option<Duration> {
    let started = Instant::now();
    for (path, _) in &set.files {
        Command::new("pdftotext")
            .arg("-layout")
            .arg(path)
            .arg("-")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .ok()?;
    }
    Some(started.elapsed())
}

/// pdfplumber's `extract_tables` on every page of every file, when asked for and installed.
fn pdfplumber(set: &Set) -> Option<Duration> {
    std::env::var_os("BUDGETPDF_BENCH_PDFPLUMBER")?;
    let script = "import sys, pdfplumber\n\
                  for path in open(sys.argv[1], encoding='utf-8').read().splitlines():\n    \
                  with pdfplumber.open(path) as pdf:\n        \
                  for page in pdf.pages:\n            page.extract_tables()\n";
    let started = Instant::now();
    let status = Command::new("python3")
        .args(["-c", script])
        .arg(&set.list)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .ok()?;
    status.success().then(|| started.elapsed())
}

/// Peak resident memory (MiB) of `budgetpdf convert --jobs 1` over `list` into a fresh `out`:
/// the largest of the command and its workers, as the system reports it when the command ends.
#[cfg(unix)]
#[expect(
    clippy::zombie_processes,
    reason = "reaped by wait4, which also reports its resource usage"
)]
fn convert_peak_mib(list: &Path, out: &Path) -> Option<f64> {
    if out.exists() {
        std::fs::remove_dir_all(out).expect("removable output folder");
    }
    let child = Command::new(BUDGETPDF)
        .arg("convert")
        .arg("--files-from")
        .arg(list)
        .arg("-o")
        .arg(out)
        .args(["--jobs", "1"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("budgetpdf runs");
    let pid = libc::pid_t::try_from(child.id()).ok()?;
    let mut status = 0;
    // SAFETY: wait4 writes into the zeroed struct and the status we pass, which live for the
    // call; it reaps the child, which `child` (never waited on) does not try again.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    (reaped == pid).then(|| usage.ru_maxrss as f64 / 1024.0)
}

#[cfg(not(unix))]
fn convert_peak_mib(_list: &Path, _out: &Path) -> Option<f64> {
    None
}

fn line(tool: &str, time: Duration, pages: usize) {
    println!(
        "  {tool:<34} {:>7.2} s {:>8.0} pages/s",
        time.as_secs_f64(),
        pages as f64 / time.as_secs_f64()
    );
}

fn measure(set: &Set, work: &Path) {
    println!(
        "{}: {} files with a text layer, {} pages; best of {ROUNDS} rounds, tools in turn",
        set.name,
        set.files.len(),
        set.pages
    );
    let out = work.join(format!("{}.out", set.name));
    let mut best = [Duration::MAX; 3];
    let mut ratios = Vec::new();
    let mut poppler = true;
    for _ in 0..ROUNDS {
        let ours = convert(&set.list, &out);
        best[0] = best[0].min(in_process(set));
        best[1] = best[1].min(ours);
        if let Some(theirs) = pdftotext(set).filter(|_| poppler) {
            best[2] = best[2].min(theirs);
            ratios.push(theirs.as_secs_f64() / ours.as_secs_f64());
        } else {
            poppler = false;
        }
    }
    line("chain in-process (1 thread)", best[0], set.pages);
    line("budgetpdf convert --jobs 1", best[1], set.pages);
    if poppler {
        line("pdftotext -layout (1 process/file)", best[2], set.pages);
        ratios.sort_by(f64::total_cmp);
        println!(
            "  convert --jobs 1 vs pdftotext -layout: {:.2}x as fast (best rounds), {:.2}x \
             (median round)",
            best[2].as_secs_f64() / best[1].as_secs_f64(),
            ratios[ratios.len() / 2]
        );
    } else {
        println!("  pdftotext not installed: no comparison");
    }
    if let Some(plumber) = pdfplumber(set) {
        line("pdfplumber extract_tables", plumber, set.pages);
        println!(
            "  convert --jobs 1 vs pdfplumber: {:.1}x as fast",
            plumber.as_secs_f64() / best[1].as_secs_f64()
        );
    }
}

/// Peak memory of `convert` over the set's files, then over [`COPIES`] copies of them.
fn memory(set: &Set, work: &Path) {
    let out = work.join(format!("{}.memory", set.name));
    let Some(once) = convert_peak_mib(&set.list, &out) else {
        return;
    };
    let copies = work.join(format!("{}.copies", set.name));
    std::fs::create_dir_all(&copies).expect("writable temporary folder");
    let mut list = String::new();
    for copy in 0..COPIES {
        for (path, bytes) in &set.files {
            let name = format!("{copy}_{}", path.file_name().unwrap().to_string_lossy());
            let file = copies.join(name);
            std::fs::write(&file, bytes).expect("writable temporary folder");
            list.push_str(&format!("{}\n", file.display()));
        }
    }
    let list_path = work.join(format!("{}.copies.list", set.name));
    std::fs::write(&list_path, list).expect("writable temporary folder");
    let Some(many) = convert_peak_mib(&list_path, &out) else {
        return;
    };
    println!(
        "  peak memory of convert (largest process): {once:.0} MiB for {} documents, {many:.0} MiB \
         for {}",
        set.files.len(),
        set.files.len() * COPIES
    );
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = std::env::temp_dir().join(format!("budgetpdf-bench-{}", std::process::id()));
    std::fs::create_dir_all(&work).expect("writable temporary folder");
    let mut sets = vec![Set::new(
        "samples",
        pdfs_in(&root.join("samples/pdf")),
        &work,
    )];
    match std::env::var_os("BUDGETPDF_CORPUS") {
        Some(corpus) => {
            let real = pdfs_in(&Path::new(&corpus).join("real"));
            sets.push(Set::new("corpus real", real, &work));
        }
        None => println!("BUDGETPDF_CORPUS is not set: the samples only"),
    }
    for set in sets.iter().flatten() {
        measure(set, &work);
        memory(set, &work);
    }
    // Best effort: a leftover temporary folder harms nothing.
    let _ = std::fs::remove_dir_all(&work);
}
