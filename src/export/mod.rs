//! Stage 6: per-document JSON and batch-wide CSVs (spec §2), and the machinery of a batch:
//! inputs and their output names, fault isolation in worker processes, atomic writes, and
//! reuse of earlier results on reruns.
//!
//! A batch converts each input in isolation ([`batch::Batch::convert`]), saving its report to
//! `OUT/docs/<stem>.json` as soon as it is done, then writes the CSVs from those files in
//! `doc` order ([`batch::Batch::write_datasets`]): memory stays flat however many inputs
//! there are, and the rows are the same whatever the number of jobs.

pub mod atomic;
pub mod batch;
pub mod csvs;
pub mod fault;
pub mod hash;
pub mod inputs;
pub mod isolate;
pub mod stems;
pub mod store;

use std::io;
use std::path::{Path, PathBuf};

/// An error of the batch itself (never of one document, which becomes a `failed` row).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read or written.
    #[error("{}: {cause}", path.display())]
    Io {
        /// The file or folder concerned.
        path: PathBuf,
        /// What went wrong.
        cause: io::Error,
    },
    /// The inputs hold no PDF file.
    #[error("no input files: the folders given hold no .pdf file")]
    NoInputs,
    /// Another run is writing into the output folder.
    #[error(
        "{} is being written by another budgetpdf convert{}; wait until it ends or choose \
         another output folder",
        folder.display(),
        holder.map_or(String::new(), |pid| format!(" (process {pid})"))
    )]
    Locked {
        /// The output folder.
        folder: PathBuf,
        /// The process id of the run holding it, when known.
        holder: Option<u32>,
    },
    /// No worker process could be started.
    #[error("cannot start a worker process ({}): {cause}", program.display())]
    Worker {
        /// The program that was to run.
        program: PathBuf,
        /// What went wrong.
        cause: io::Error,
    },
}

impl Error {
    fn io(path: &Path, cause: io::Error) -> Self {
        Self::Io {
            path: path.to_path_buf(),
            cause,
        }
    }
}
