//! The `budgetpdf` command line: arguments, exit codes and the batch loop over the library.

use std::path::PathBuf;
use std::process::ExitCode;

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
    }
}
