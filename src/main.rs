//! The `budgetpdf` command line: arguments, exit codes and the batch loop over the library.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use budgetpdf::{pdf, table};
use clap::{Parser, Subcommand};

/// Turns Chinese budget and final-account disclosures (预算/决算公开 PDFs) into verified datasets.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Convert PDFs (files or folders) into per-document JSON and batch-wide CSVs.
    Convert {
        /// Input files or folders.
        inputs: Vec<PathBuf>,
        /// Output folder.
        #[arg(short, long, default_value = "out")]
        output: PathBuf,
    },
    /// Print the text of a PDF in reading order, one line per text line, pages ended by a form
    /// feed (as `pdftotext` does). Exits 1 when the file has no text layer, 2 when it cannot be
    /// read.
    Text {
        /// The PDF file.
        file: PathBuf,
    },
    /// Print the document's tables as JSON (title, pages, context lines, notes, header and body
    /// rows). Exits 1 when the file has no text layer, 2 when it cannot be read.
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
    /// Print one page's glyphs and ruling lines as JSON (coordinates in points, origin at the
    /// top-left of the displayed page).
    Inspect {
        /// The PDF file.
        file: PathBuf,
        /// 1-based page number.
        #[arg(long, default_value_t = 1)]
        page: usize,
    },
}

/// Reads and interprets a PDF, mapping a missing text layer to exit code 1 and every other
/// failure to exit code 2.
fn load(file: &Path) -> Result<pdf::Document, ExitCode> {
    let loaded = std::fs::read(file)
        .with_context(|| format!("cannot read {}", file.display()))
        .and_then(|bytes| Ok(pdf::load(&bytes, &pdf::Settings::default())?));
    loaded.map_err(|error| {
        eprintln!("budgetpdf: {}: {error:#}", file.display());
        match error.downcast_ref::<pdf::PdfError>() {
            Some(pdf::PdfError::NoTextLayer) => ExitCode::from(1),
            _ => ExitCode::from(2),
        }
    })
}

fn print_text(file: &Path) -> anyhow::Result<ExitCode> {
    let document = match load(file) {
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
    let document = match load(file) {
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

fn print_tables(file: &Path, csv: Option<&Path>, debug: Option<&Path>) -> anyhow::Result<ExitCode> {
    let document = match load(file) {
        Ok(document) => document,
        Err(code) => return Ok(code),
    };
    let settings = table::Settings::default();
    let extraction = table::extract(&document.pages, &settings);
    let stem = file.file_stem().unwrap_or_default().to_string_lossy();
    if let Some(dir) = csv {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        for (i, found) in extraction.tables.iter().enumerate() {
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
        for page in &document.pages {
            let path = dir.join(format!("{stem}_p{:03}.svg", page.number));
            std::fs::write(&path, table::debug_svg(page, &settings))
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
    }
    serde_json::to_writer_pretty(std::io::stdout().lock(), &extraction)?;
    println!();
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Convert { inputs, output } => {
            eprintln!(
                "budgetpdf: convert is not implemented yet ({} inputs, output {}); no output written",
                inputs.len(),
                output.display()
            );
            ExitCode::from(2)
        }
        Command::Text { file } => print_text(&file).unwrap_or_else(report_io_error),
        Command::Tables { file, csv, debug } => {
            print_tables(&file, csv.as_deref(), debug.as_deref()).unwrap_or_else(report_io_error)
        }
        Command::Inspect { file, page } => inspect(&file, page).unwrap_or_else(report_io_error),
    }
}

/// Output errors end the command with exit code 2, except a closed pipe (`budgetpdf text F |
/// head`), which just means the reader has seen enough.
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
