//! The `budgetpdf` command line: arguments, exit codes and the batch loop over the library.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use budgetpdf::export::batch::{Batch, Done, Totals};
use budgetpdf::export::fault::Fault;
use budgetpdf::export::inputs::{self, Input};
use budgetpdf::export::isolate::{self, Isolation, Recycling};
use budgetpdf::export::store::{self, Store};
use budgetpdf::pipeline;
use budgetpdf::{pdf, table};
use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

/// Turns Chinese budget and final-account disclosures (预算/决算公开 PDFs) into verified datasets.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Convert PDFs (files, folders searched recursively, or a list) into per-document JSON
    /// (OUT/docs/) and batch-wide CSVs (OUT/documents.csv, tables.csv, facts.csv, figures.csv).
    ///
    /// Exit status: 0 when every document was converted, 1 when the batch completed but some
    /// documents were not (failed, encrypted or scanned: see documents.csv), 2 on usage or
    /// output errors. Rerunning into the same OUT skips documents converted before by the same
    /// build from the same bytes.
    Convert(ConvertArgs),
    /// Convert the documents sent on stdin one after another, answering each with its report
    /// on stdout (used by `convert`, which runs documents in such worker processes).
    #[command(hide = true)]
    Worker(WorkerArgs),
    /// Print the text of a PDF in reading order, one line per text line, pages ended by a form
    /// feed (as `pdftotext` does). Exits 1 when the file has no text layer, 2 when it cannot be
    /// read.
    Text {
        /// The PDF file.
        file: PathBuf,
    },
    /// Print the document's tables as JSON (kind, title, pages, context lines, notes, header and
    /// body rows) with the warnings of the whole chain. Exits 1 when the file has no text
    /// layer, 2 when it cannot be read.
    Tables {
        /// The PDF file.
        file: PathBuf,
        /// Also write one CSV per table into this folder (header rows, then body rows).
        #[arg(long, value_name = "DIR")]
        csv: Option<PathBuf>,
        /// Also write one SVG per page into this folder: glyphs, rules, cells, each table's
        /// outline and title, to open in a browser.
        #[arg(long, value_name = "DIR")]
        debug: Option<PathBuf>,
    },
    /// Print one page's glyphs (`glyphs` read, `hidden_glyphs` drawn but hidden by a clip path)
    /// and ruling lines as JSON (coordinates in points, origin at the top-left of the displayed
    /// page).
    Inspect {
        /// The PDF file.
        file: PathBuf,
        /// 1-based page number.
        #[arg(long, default_value_t = 1)]
        page: usize,
    },
}

#[derive(clap::Args)]
struct ConvertArgs {
    /// Input PDF files or folders.
    inputs: Vec<PathBuf>,
    /// Also read input paths from this file, one per line (`-` for stdin).
    #[arg(long, value_name = "LIST")]
    files_from: Option<PathBuf>,
    /// Output folder.
    #[arg(short, long, default_value = "out")]
    output: PathBuf,
    /// Documents converted at once [default: number of cores].
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// Print one line per document.
    #[arg(short, long)]
    verbose: bool,
    /// Start the CSVs with a UTF-8 byte order mark so that Excel reads them correctly.
    #[arg(long)]
    excel: bool,
    /// Seconds one document may take before it is stopped and reported as failed.
    #[arg(long, value_name = "SECONDS", default_value_t = 120)]
    timeout: u64,
    /// Memory (address space) one document may use, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = 2048)]
    max_memory: u64,
    /// Testing aid: make the document whose file is named NAME fail with KIND (panic, hang,
    /// memory or abort), to show that the batch survives it.
    #[arg(long, value_name = "KIND:NAME", hide = true, value_parser = parse_fault)]
    inject_fault: Option<(Fault, String)>,
}

#[derive(clap::Args)]
struct WorkerArgs {
    /// Memory (address space) each document may use, in MiB.
    #[arg(long, value_name = "MIB")]
    max_memory: u64,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Convert(args) => convert(args),
        Command::Worker(args) => isolate::serve(args.max_memory)
            .map(|()| ExitCode::SUCCESS)
            .context("worker"),
        Command::Text { file } => print_text(&file),
        Command::Tables { file, csv, debug } => {
            print_tables(&file, csv.as_deref(), debug.as_deref())
        }
        Command::Inspect { file, page } => inspect(&file, page),
    };
    result.unwrap_or_else(report_io_error)
}

/// Usage and output errors end the command with exit code 2, except a closed pipe
/// (`budgetpdf text F | head`), which just means the reader has seen enough.
fn report_io_error(error: anyhow::Error) -> ExitCode {
    let closed_pipe = error
        .downcast_ref::<std::io::Error>()
        .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe);
    if closed_pipe {
        return ExitCode::SUCCESS;
    }
    eprintln!("budgetpdf: {error:#}");
    ExitCode::from(2)
}

/// Reads a PDF and runs `stage` over its bytes, mapping a missing text layer to exit code 1
/// and every other failure to exit code 2.
fn load<T>(
    file: &Path,
    stage: impl FnOnce(&[u8]) -> Result<T, pdf::PdfError>,
) -> Result<T, ExitCode> {
    let loaded = std::fs::read(file)
        .with_context(|| format!("cannot read {}", file.display()))
        .and_then(|bytes| Ok(stage(&bytes)?));
    loaded.map_err(|error| {
        eprintln!("budgetpdf: {}: {error:#}", file.display());
        match error.downcast_ref::<pdf::PdfError>() {
            Some(pdf::PdfError::NoTextLayer { .. }) => ExitCode::from(1),
            _ => ExitCode::from(2),
        }
    })
}

/// The PDF stage alone.
fn load_pdf(file: &Path) -> Result<pdf::Document, ExitCode> {
    load(file, |bytes| pdf::load(bytes, &pdf::Settings::default()))
}

fn print_text(file: &Path) -> anyhow::Result<ExitCode> {
    let document = match load_pdf(file) {
        Ok(document) => document,
        Err(code) => return Ok(code),
    };
    let mut out = std::io::stdout().lock();
    for page in &document.pages {
        write!(out, "{}\x0c", pdf::page_text(page))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn inspect(file: &Path, number: usize) -> anyhow::Result<ExitCode> {
    let document = match load_pdf(file) {
        Ok(document) => document,
        Err(code) => return Ok(code),
    };
    let Some(page) = number.checked_sub(1).and_then(|i| document.pages.get(i)) else {
        eprintln!(
            "budgetpdf: {}: no page {number} (the file has {})",
            file.display(),
            document.pages.len()
        );
        return Ok(ExitCode::from(2));
    };
    serde_json::to_writer_pretty(std::io::stdout().lock(), page).map_err(std::io::Error::from)?;
    println!();
    Ok(ExitCode::SUCCESS)
}

fn parse_fault(value: &str) -> Result<(Fault, String), String> {
    let (kind, name) = value
        .split_once(':')
        .ok_or("expected KIND:FILE_NAME, e.g. panic:bad.pdf")?;
    Ok((kind.parse()?, name.to_owned()))
}

fn convert(args: ConvertArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let inputs = collect_inputs(&args)?;
    let store = Store::open(&args.output)?;
    let isolation = Isolation {
        program: std::env::current_exe().context("cannot locate the budgetpdf executable")?,
        timeout: Duration::from_secs(args.timeout),
        max_memory_mib: args.max_memory,
        recycling: Recycling::default(),
    };
    let version = store::program_version().context("cannot read the budgetpdf executable")?;
    let mut batch = Batch::new(store, isolation, version);
    if let Some((fault, name)) = args.inject_fault.clone() {
        batch.inject_fault(name, fault);
    }
    let jobs = match args.jobs {
        Some(n) => usize::from(n),
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .context("cannot start the thread pool")?;
    let progress = Progress::new(inputs.len(), args.verbose);
    // Largest files first, so that a big document does not start last and keep one core busy
    // while the others idle; the outputs do not depend on this order.
    let mut order: Vec<&Input> = inputs.iter().collect();
    order.sort_by_cached_key(|i| std::cmp::Reverse(i.path.metadata().map_or(0, |m| m.len())));
    pool.install(|| {
        order.par_iter().try_for_each(|input| {
            let done = batch.convert(input)?;
            progress.record(input, &done);
            Ok::<_, budgetpdf::export::Error>(())
        })
    })?;
    progress.finish();
    let totals = batch.write_datasets(&inputs, args.excel)?;
    print_summary(&totals, &progress, started.elapsed(), &args.output);
    Ok(if totals.not_converted() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn collect_inputs(args: &ConvertArgs) -> Result<Vec<Input>> {
    let mut paths = args.inputs.clone();
    if let Some(list) = &args.files_from {
        let listed = if list == Path::new("-") {
            inputs::read_list(io::stdin().lock())
        } else {
            std::fs::File::open(list).and_then(|f| inputs::read_list(io::BufReader::new(f)))
        };
        paths.extend(listed.with_context(|| format!("cannot read {}", list.display()))?);
    }
    if paths.is_empty() {
        anyhow::bail!("no inputs: give PDF files or folders, or --files-from LIST");
    }
    Ok(inputs::collect(&paths)?)
}

/// The progress bar (on stderr, only when it is a terminal) and the `--verbose` lines.
struct Progress {
    bar: ProgressBar,
    verbose: bool,
    started: Instant,
    pages: AtomicUsize,
    not_converted: AtomicUsize,
    reused: AtomicUsize,
}

impl Progress {
    fn new(total: usize, verbose: bool) -> Self {
        let target = if io::stderr().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(Some(total as u64), target);
        bar.set_style(
            ProgressStyle::with_template(
                "{bar:30.cyan/blue} {pos}/{len} files  {msg}  {elapsed} elapsed, ETA {eta}",
            )
            .expect("the template is valid")
            .progress_chars("█▉▊▋▌▍▎▏ "),
        );
        Self {
            bar,
            verbose,
            started: Instant::now(),
            pages: AtomicUsize::new(0),
            not_converted: AtomicUsize::new(0),
            reused: AtomicUsize::new(0),
        }
    }

    fn record(&self, input: &Input, done: &Done) {
        if done.reused {
            self.reused.fetch_add(1, Ordering::Relaxed);
        } else {
            self.pages.fetch_add(done.pages, Ordering::Relaxed);
        }
        if !done.converted() {
            self.not_converted.fetch_add(1, Ordering::Relaxed);
        }
        if self.verbose {
            let status = serde_json::to_value(done.status).unwrap_or_default();
            let line = format!(
                "{:<13} {:>4} pages {:>7.2} s  {}{}",
                status.as_str().unwrap_or_default(),
                done.pages,
                done.seconds,
                input.path.display(),
                if done.reused { "  (reused)" } else { "" }
            );
            self.bar.suspend(|| eprintln!("{line}"));
        }
        self.bar.set_message(format!(
            "{:.0} pages/s, {} not converted",
            self.pages_per_second(),
            self.not_converted.load(Ordering::Relaxed)
        ));
        self.bar.inc(1);
    }

    fn pages_per_second(&self) -> f64 {
        self.pages.load(Ordering::Relaxed) as f64 / self.started.elapsed().as_secs_f64().max(1e-3)
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

fn print_summary(totals: &Totals, progress: &Progress, elapsed: Duration, output: &Path) {
    let documents = totals.ok + totals.partial + totals.not_converted();
    let reused = progress.reused.load(Ordering::Relaxed);
    eprintln!(
        "{documents} documents in {:.1} s: {} ok, {} partial, {} failed, {} no text layer, \
         {} encrypted",
        elapsed.as_secs_f64(),
        totals.ok,
        totals.partial,
        totals.failed,
        totals.no_text_layer,
        totals.encrypted,
    );
    let converted = documents - reused;
    if converted > 0 {
        eprintln!(
            "{converted} converted now ({:.1} pages/s), {reused} reused from an earlier run",
            progress.pages_per_second(),
        );
    } else {
        eprintln!("0 converted now, {reused} reused from an earlier run");
    }
    eprintln!(
        "{} pages, {} tables, {} records, {} checks failed",
        totals.pages, totals.tables, totals.records, totals.checks_failed,
    );
    for (path, error) in &totals.failures {
        eprintln!("  {path}: {error}");
    }
    if totals.failures.len() < totals.not_converted() {
        eprintln!("  … all of them in documents.csv");
    }
    if totals.removed > 0 {
        eprintln!(
            "removed the outputs of {} documents of an earlier run that are no longer inputs",
            totals.removed
        );
    }
    eprintln!(
        "output: {} (documents.csv, tables.csv, facts.csv, figures.csv, docs/)",
        output.display()
    );
}

fn print_tables(file: &Path, csv: Option<&Path>, debug: Option<&Path>) -> anyhow::Result<ExitCode> {
    let settings = pipeline::Settings::default();
    let run = match load(file, |bytes| pipeline::run(bytes, &settings)) {
        Ok(run) => run,
        Err(code) => return Ok(code),
    };
    let tables = &run.extraction.tables;
    let stem = file.file_stem().unwrap_or_default().to_string_lossy();
    if let Some(dir) = csv {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        for (i, found) in tables.iter().enumerate() {
            let path = dir.join(format!("{stem}_{:02}.csv", i + 1));
            let mut writer = csv::Writer::from_path(&path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            for row in found.header_rows.iter().chain(&found.body_rows) {
                writer.write_record(row)?;
            }
            writer.flush()?;
        }
    }
    if let Some(dir) = debug {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        for page in &run.document.pages {
            let path = dir.join(format!("{stem}_p{:03}.svg", page.number));
            std::fs::write(&path, table::debug_svg(page, &settings.table))
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
    }
    /// A table as the table stage found it, with the kind recognition gave it.
    #[derive(serde::Serialize)]
    struct Shown<'a> {
        kind: &'a str,
        #[serde(flatten)]
        table: &'a table::Table,
    }
    let shown: Vec<Shown> = tables
        .iter()
        .zip(&run.classes)
        .map(|(table, class)| Shown {
            kind: &class.kind,
            table,
        })
        .collect();
    let output = serde_json::json!({ "tables": shown, "warnings": run.warnings });
    serde_json::to_writer_pretty(std::io::stdout().lock(), &output)?;
    println!();
    Ok(ExitCode::SUCCESS)
}
